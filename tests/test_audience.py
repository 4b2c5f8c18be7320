"""One place decides who receives a message and when it may arrive (tactful.hours.timing): /v1/analyze's timing,
scheduling and delivery agree, with the matching rule of clients.repository (exact address, then company
domain, IDN domains included) — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tactful.outbox import dispatch
from tactful.hours.timing import Roster, audience
from tactful.api.state import services

WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALWAYS = {"timezone": "UTC", "weekly": {d: [["00:00", "24:00"]] for d in WEEK}}
MORNINGS = {"timezone": "UTC", "weekly": {d: [["08:00", "12:00"]] for d in WEEK}}
LATE_MORNINGS = {"timezone": "UTC", "weekly": {d: [["11:00", "15:00"]] for d in WEEK}}
NIGHT = datetime(2026, 11, 20, 23, 40, tzinfo=timezone.utc)


@pytest.fixture
def app(mail_app):
    return mail_app


@pytest.fixture
def api(mail_api):
    return mail_api


def test_two_clients_with_one_name_both_count(api):
    """Hours used to be kept by client name: the second "Acme" replaced the first, and its hours were ignored."""
    api("POST", "/v1/clients", {"id": "acme-es", "name": "Acme", "domains": ["acme.es"], "contact_hours": MORNINGS})
    api("POST", "/v1/clients", {"id": "acme-pl", "name": "Acme", "domains": ["acme.pl"], "contact_hours": LATE_MORNINGS})
    to = ["ana@acme.es", "jan@acme.pl"]
    analysed = api("POST", "/v1/analyze", {"text": "Hello", "recipients": to, "send_at": NIGHT.isoformat()}).json
    scheduled = api("POST", "/v1/scheduled", {"to": to, "from": "me@freelance.dev", "text": "Hello",
                                              "send_at": NIGHT.isoformat()}).json
    assert analysed["timing"]["client_ids"] == scheduled["client_ids"] == ["acme-es", "acme-pl"]
    assert analysed["timing"]["send_at"] == "2026-11-21T11:00:00+00:00"
    assert scheduled["send_at"] == "2026-11-21T11:00:00+00:00"


def test_idn_domains_match_their_client_everywhere(api, app):
    created = api("POST", "/v1/clients", {"id": "cafe", "name": "Café", "domains": ["café.es"],
                                          "contact_hours": MORNINGS}).json
    assert created["domains"] == ["xn--caf-dma.es"]
    for to in (["ana@café.es"], ["ana@xn--caf-dma.es"], ["Ana <ANA@CAFÉ.ES>"]):
        analysed = api("POST", "/v1/analyze", {"text": "Hola", "recipients": to, "send_at": NIGHT.isoformat()}).json
        assert analysed["timing"]["client_ids"] == ["cafe"], to
        assert api("GET", f"/v1/etiquette?to={to[0]}").json["etiquette"][0]["client_id"] == "cafe"
    scheduled = api("POST", "/v1/scheduled", {"to": ["ana@café.es"], "from": "me@freelance.dev", "text": "Hola",
                                              "send_at": NIGHT.isoformat()}).json
    assert scheduled["client_ids"] == ["cafe"] and scheduled["send_at"] == "2026-11-21T08:00:00+00:00"


def test_one_roster_for_a_delivery_run_answers_like_a_query_per_message(api, app):
    api("POST", "/v1/clients", {"id": "acme", "name": "Acme", "domains": ["acme.es"], "emails": ["boss@acme.es"],
                                "contact_hours": MORNINGS})
    api("POST", "/v1/clients", {"id": "ana", "name": "Ana", "emails": ["ana.r@gmail.com"], "contact_hours": ALWAYS})
    api("POST", "/v1/clients", {"id": "nohours", "name": "No hours", "domains": ["plain.example"]})
    api("PUT", "/v1/me", {"name": "Me", "contact_hours": LATE_MORNINGS})
    cases = [(["x@acme.es"], []), (["boss@acme.es", "ana.r@gmail.com"], []), (["z@gmail.com"], ["acme"]),
             (["nobody@nowhere.example"], ["ghost"]), (["a@plain.example", "ana.r@gmail.com"], ["nohours"]),
             (["not an address", "x@acme.es"], [])]
    with services(app).db.session() as session:
        roster = Roster(session)
        answers = [(audience(session, r, ids), roster.audience(r, ids)) for r, ids in cases]
    for (queried, from_roster), (recipients, _ids) in zip(answers, cases):
        assert queried == from_roster, recipients
        assert queried.place(NIGHT) == from_roster.place(NIGHT)
    assert answers[1][0].client_ids == ["acme", "ana"] and answers[2][0].client_ids == ["acme"]
    assert answers[3][0].client_ids == [] and list(answers[3][0].schedules()) == ["you"]
    assert answers[4][0].client_ids == ["nohours", "ana"]


def test_delivery_rechecks_with_the_same_rule(api, app, smtp):
    """A message scheduled to a recipient who becomes a client's is moved into that client's hours at send time."""
    made = api("POST", "/v1/scheduled", {"to": ["ana@acme.es"], "from": "me@freelance.dev", "text": "Hola",
                                         "send_at": datetime.now(timezone.utc).isoformat()}).json
    day = WEEK[(datetime.now(timezone.utc).weekday() + 3) % 7]  # a window on another day than today
    assert api("POST", "/v1/clients", {"id": "acme", "name": "Acme", "domains": ["acme.es"], "contact_hours": {
        "timezone": "UTC", "weekly": {day: [["08:00", "09:00"]]}}}).status_code == 201
    dispatch.deliver_due(services(app).db, services(app).transports)
    moved = api("GET", f"/v1/scheduled/{made['id']}").json
    assert moved["status"] == "scheduled" and moved["history"][-1]["event"] == "moved"
    assert datetime.fromisoformat(moved["send_at"]).strftime("%a %H:%M").lower() == f"{day} 08:00"
    assert smtp.handler.received == []
