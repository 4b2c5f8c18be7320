"""/v1/clients, matching, etiquette, timing, /v1/me and reminders — on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tactful.api import create_app
from tactful.api.state import services

HOURS = {"timezone": "Europe/Madrid",
         "weekly": {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu")} | {"fri": [["09:00", "15:00"]]},
         "holidays": {"country": "ES", "subdivision": "MD"}}
ACME = {"name": "Acme S.A.", "emails": ["Ana Ruiz <ana@acme.es>"], "domains": ["acme.es"], "language": "es",
        "formality": "formal", "contact_hours": HOURS,
        "channels": {"formal": "email", "quick": "whatsapp", "conflict": "call", "emergency": "phone"},
        "report_cadence": {"every": "week", "on": "fri", "at": "16:00"}, "notes": "Prefers bullet points."}


@pytest.fixture
def api(database_url):
    app = create_app()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {services(app).token}"}

    def call(method, path, body=None):
        return client.open(path, method=method, json=body, headers=headers)

    yield call
    services(app).db.dispose()


def test_create_get_list_replace_patch_delete(api):
    created = api("POST", "/v1/clients", ACME)
    assert created.status_code == 201
    assert created.headers["Location"] == "/v1/clients/acme-s-a"
    assert created.json["emails"] == ["ana@acme.es"]
    assert api("GET", "/v1/clients/acme-s-a").json == created.json
    assert [c["id"] for c in api("GET", "/v1/clients").json["clients"]] == ["acme-s-a"]
    replaced = api("PUT", "/v1/clients/acme-s-a", {**ACME, "name": "Acme", "emails": [], "notes": ""})
    assert replaced.json["name"] == "Acme" and replaced.json["emails"] == [] and replaced.json["domains"] == ["acme.es"]
    patched = api("PATCH", "/v1/clients/acme-s-a", {"formality": "informal"})
    assert patched.json["formality"] == "informal" and patched.json["name"] == "Acme"
    assert api("DELETE", "/v1/clients/acme-s-a").status_code == 204
    assert api("GET", "/v1/clients/acme-s-a").status_code == 404


def test_generated_ids_do_not_collide(api):
    first = api("POST", "/v1/clients", {"name": "Acme"}).json["id"]
    second = api("POST", "/v1/clients", {"name": "Acme"}).json["id"]
    assert (first, second) == ("acme", "acme-2")


@pytest.mark.parametrize("change, field", [
    ({"contact_hours": {**HOURS, "timezone": "Mars/Olympus"}}, "contact_hours.timezone"),
    ({"contact_hours": {**HOURS, "weekly": {"mon": [["09:00", "25:00"]]}}}, "contact_hours.weekly.mon.0.1"),
    ({"contact_hours": {**HOURS, "weekly": {"mon": [["09:00"]]}}}, "contact_hours.weekly.mon.0"),
    ({"contact_hours": {**HOURS, "weekly": {"mon": [["09:00", "09:00"]]}}}, "contact_hours.weekly.mon.0"),
    ({"contact_hours": {**HOURS, "holidays": {"country": "XX"}}}, "contact_hours.holidays.country"),
    ({"contact_hours": {**HOURS, "blackouts": [{"start": "2026-12-26", "end": "2026-12-24"}]}},
     "contact_hours.blackouts.0.end"),
    ({"emails": ["not an address"]}, "emails.0"),
    ({"domains": ["gmail.com"]}, "domains.0"),
    ({"channels": {"sometimes": "fax"}}, "channels.sometimes"),
    ({"report_cadence": {"every": "week", "on": "someday"}}, "report_cadence.on"),
    ({"formality": "casual"}, "formality"),
    ({"id": "Not An Id!"}, "id"),
    ({"colour": "blue"}, "colour"),
])
def test_invalid_client_fields_are_named(api, change, field):
    response = api("POST", "/v1/clients", {**ACME, **change})
    assert response.status_code == 422
    assert response.json["error"]["field"] == field


def test_an_address_belongs_to_one_client(api):
    api("POST", "/v1/clients", ACME)
    response = api("POST", "/v1/clients", {"name": "Other", "emails": ["ana@acme.es"]})
    assert response.status_code == 409 and response.json["error"]["field"] == "emails.0"


def test_matching_exact_address_first_then_domain_never_personal_mail(api):
    api("POST", "/v1/clients", ACME)
    api("POST", "/v1/clients", {"id": "ana-private", "name": "Ana (private)", "emails": ["ana.ruiz@gmail.com"]})
    api("POST", "/v1/clients", {"id": "sub", "name": "Acme Sub", "emails": ["boss@acme.es"]})

    def matched(*to):
        return [c["client_id"] for c in api("GET", "/v1/etiquette?to=" + ",".join(to)).json["etiquette"]]

    assert matched("bob@acme.es") == ["acme-s-a"]
    assert matched("boss@acme.es") == ["sub"]
    assert matched("ana.ruiz@gmail.com") == ["ana-private"]
    assert matched("someone@gmail.com") == []
    assert matched("Bob <BOB@ACME.ES>", "ana.ruiz@gmail.com") == ["acme-s-a", "ana-private"]


def test_etiquette_card_in_the_users_language(api):
    api("POST", "/v1/clients", ACME)
    card = api("GET", "/v1/etiquette?to=ana@acme.es&lang=pl").json["etiquette"][0]
    assert card["channels"]["conflict"] == "call" and card["timezone"] == "Europe/Madrid"
    assert card["report"]["cadence"]["on"] == "fri"
    text = " ".join(card["reminders"])
    assert "Kanały" in text and "Pan/Pani" not in text and "usted" in text and "Uwaga: Prefers bullet points." in text
    assert api("GET", "/v1/etiquette?to=ana@acme.es&lang=fr").json["error"]["field"] == "lang"
    assert api("GET", "/v1/etiquette").json["error"]["field"] == "to"


def test_timing_by_client_and_inline(api):
    api("POST", "/v1/clients", ACME)
    friday_night = "2026-11-20T23:40:00+01:00"
    by_client = api("POST", "/v1/timing", {"client_id": "acme-s-a", "at": friday_night}).json
    assert by_client == {"client_id": "acme-s-a", "within": False, "send_at": "2026-11-23T09:00:00+01:00"}
    inline = api("POST", "/v1/timing", {"hours": HOURS, "at": "2026-11-23T10:00:00+01:00"}).json
    assert inline == {"within": True, "send_at": "2026-11-23T10:00:00+01:00"}
    assert api("POST", "/v1/timing", {"at": friday_night}).json["error"]["field"] == "hours"
    assert api("POST", "/v1/timing", {"hours": HOURS, "at": "2026-11-23T10:00:00"}).json["error"]["field"] == "at"


def test_analyze_uses_the_matched_clients_formality_and_adds_timing_and_etiquette(api):
    api("POST", "/v1/clients", ACME)
    body = {"text": "Hola, ¿puedes mandarme el informe del viernes?", "recipients": ["bob@acme.es"],
            "send_at": "2026-11-20T23:40:00+01:00"}
    response = api("POST", "/v1/analyze", body).json
    assert any(f["rule"].startswith("es.informal.tuteo") for f in response["findings"])
    assert response["timing"] == {"client_id": "acme-s-a", "client_ids": ["acme-s-a"], "within": False,
                                  "send_at": "2026-11-23T09:00:00+01:00"}
    assert response["etiquette"][0]["client_id"] == "acme-s-a" and response["etiquette"][0]["reminders"]
    plain = api("POST", "/v1/analyze", {"text": body["text"]}).json
    assert "timing" not in plain and not any(f["rule"].startswith("es.informal.tuteo") for f in plain["findings"])


def test_several_clients_get_the_earliest_common_instant_or_a_conflict(api):
    api("POST", "/v1/clients", ACME)
    sydney = {"timezone": "Australia/Sydney", "weekly": {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed")}}
    api("POST", "/v1/clients", {"id": "roo", "name": "Roo Pty", "emails": ["kim@roo.com.au"], "contact_hours": sydney})
    body = {"text": "Hi all, the report is attached.", "recipients": ["ana@acme.es", "kim@roo.com.au"],
            "send_at": "2026-11-23T10:00:00+01:00"}
    response = api("POST", "/v1/analyze", body)  # no common window: the draft is checked all the same
    assert response.status_code == 200 and response.json["findings"] is not None
    timing = response.json["timing"]
    assert timing["within"] is None and timing["send_at"] is None and timing["error"]["code"] == "no_common_window"
    assert "Acme S.A." in timing["error"]["message"] and "Roo Pty" in timing["error"]["message"]
    # Sydney evenings overlap Madrid mornings: Monday 09:00 in Madrid is 19:00 in Sydney.
    api("PATCH", "/v1/clients/roo", {"contact_hours": {**sydney, "weekly": {"mon": [["17:00", "24:00"]]}}})
    timing = api("POST", "/v1/analyze", {**body, "send_at": "2026-11-23T07:00:00+01:00"}).json["timing"]
    assert timing["within"] is False and timing["send_at"] == "2026-11-23T09:00:00+01:00"


def test_users_own_hours_bound_the_send_instant(api):
    api("POST", "/v1/clients", ACME)
    me = {"name": "Iga", "language": "es", "contact_hours": {"timezone": "Europe/Warsaw",
                                                              "weekly": {"mon": [["12:00", "16:00"]]}}}
    assert api("PUT", "/v1/me", me).json["timezone"] == "Europe/Warsaw"
    assert api("GET", "/v1/me").json["language"] == "es"
    body = {"text": "Adjunto el informe.", "recipients": ["ana@acme.es"], "send_at": "2026-11-23T09:30:00+01:00"}
    assert api("POST", "/v1/analyze", body).json["timing"]["send_at"] == "2026-11-23T12:00:00+01:00"
    assert api("PUT", "/v1/me", {**me, "language": "de"}).json["error"]["field"] == "language"


def test_reminders_listed_and_cleared(api):
    api("POST", "/v1/clients", {**ACME, "report_cadence": {"every": "day", "at": "00:00"}})
    listed = api("GET", "/v1/reminders?lang=en").json["reminders"]
    assert len(listed) == 1 and listed[0]["client_id"] == "acme-s-a"
    assert "Daily report" in listed[0]["text"]
    assert api("POST", "/v1/reminders/999/done").status_code == 404


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda children: st.lists(children, max_size=4)
                    | st.dictionaries(st.sampled_from(list(ACME) + ["x", "weekly", "timezone", "mon"]), children,
                                      max_size=6), max_leaves=30))
def test_fuzzed_client_json_never_answers_500(api, body):
    response = api("POST", "/v1/clients", body)
    assert response.status_code in ((415,) if body is None else (201, 400, 409, 413, 422))
    assert response.is_json
