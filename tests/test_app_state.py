"""The app's shared state is one typed object, built once and handed to create_app."""

from __future__ import annotations

from tactful.api import create_app
from tactful.api.state import Services, services


def test_an_app_serves_with_the_services_it_is_handed(settings):
    shared = Services.build(settings)
    first, second = create_app(services=shared, TESTING=True), create_app(services=shared, TESTING=True)
    assert services(first) is services(second) is shared
    headers = {"Authorization": f"Bearer {shared.token}", "Content-Type": "application/json"}
    made = first.test_client().post("/v1/clients", headers=headers, json={"name": "Acme", "domains": ["acme.es"]})
    assert made.status_code == 201
    listed = second.test_client().get("/v1/clients", headers=headers).get_json()
    assert [c["id"] for c in listed["clients"]] == [made.get_json()["id"]]
    assert shared.dispatcher is None and shared.reminder_jobs is None  # only tactful serve or worker runs them
    shared.db.dispose()


def test_without_services_the_app_builds_its_own_from_the_settings(settings):
    app = create_app(settings, TESTING=True)
    shared = services(app)
    assert shared.settings is settings and shared.token == settings.token() and shared.rules.rules
    assert app.test_client().get("/v1/health").get_json()["status"] == "ok"
    shared.db.dispose()
