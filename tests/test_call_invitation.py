"""suggest_call over the API: invitation in the draft's language and register, slots in both zones, a real .ics."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
THREAT_ES = ("La factura de octubre sigue sin pagar y ya le he enviado tres recordatorios. "
             "Si no se abona esta semana, tendré que suspender el servicio.")


def _client(client, auth, **fields):
    body = {"name": "Acme", "emails": ["ana@acme.example"], "language": "es", "formality": "formal",
            "contact_hours": {"timezone": "America/Mexico_City",
                              "weekly": {d: [["09:00", "14:00"]] for d in WEEKDAYS},
                              "holidays": {"country": "MX"}},
            "channels": {"conflict": "WhatsApp"}, **fields}
    response = client.post("/v1/clients", json=body, headers=auth)
    assert response.status_code == 201, response.json
    return response.json


def _me(client, auth, zone="Europe/Madrid"):
    hours = {"timezone": zone, "weekly": {d: [["08:00", "20:00"]] for d in WEEKDAYS}}
    assert client.put("/v1/me", json={"name": "Lucía", "contact_hours": hours, "language": "es"},
                      headers=auth).status_code == 200


def _analyze(client, auth, text, **extra):
    response = client.post("/v1/analyze", json={"text": text, "send_at": "2026-11-23T10:00:00Z", **extra},
                           headers=auth)
    assert response.status_code == 200, response.json
    return response.json["suggest_call"]


def test_clean_draft_has_no_suggestion(client, auth):
    call = _analyze(client, auth, "Hola Ana, te envío el informe semanal. ¡Buen fin de semana!")
    assert call == {"suggested": False, "reasons": [], "invitation": None, "slots": []}


def test_invitation_is_in_the_drafts_language_register_and_clients_channel(client, auth):
    _client(client, auth)
    _me(client, auth)
    call = _analyze(client, auth, "Estimada Sra. Ruiz:\n" + THREAT_ES, recipients=["ana@acme.example"])
    assert call["suggested"] is True
    assert call["reasons"] and all(r.endswith(".") for r in call["reasons"])
    assert any("pago atrasado" in r or "amenaza" in r for r in call["reasons"])  # user's UI language: es
    text = call["invitation"]
    assert "15 minutos" in text and "por WhatsApp" in text and "Le propongo" in text
    assert "la factura pendiente" in text or "sus inquietudes" in text
    assert call["duration_minutes"] == 15 and call["channel"] == "whatsapp"
    assert 2 <= len(call["slots"]) <= 3


def test_slots_are_written_in_the_clients_time_and_the_users(client, auth):
    _client(client, auth)
    _me(client, auth)
    call = _analyze(client, auth, "Estimada Sra. Ruiz:\n" + THREAT_ES, recipients=["ana@acme.example"])
    mexico, madrid = ZoneInfo("America/Mexico_City"), ZoneInfo("Europe/Madrid")
    for iso, times in zip(call["slots"], call["slot_times"]):
        start = datetime.fromisoformat(iso)
        assert start.utcoffset() == start.astimezone(mexico).utcoffset()
        local, mine = start.astimezone(mexico), start.astimezone(madrid)
        assert "09:00" <= local.strftime("%H:%M") < "14:00" and "08:00" <= mine.strftime("%H:%M") < "20:00"
        assert local.strftime("%H:%M") in times["client"] and mine.strftime("%H:%M") in times["you"]
        assert local.strftime("%H:%M") in call["invitation"] and mine.strftime("%H:%M") in call["invitation"]
        assert start > datetime.fromisoformat("2026-11-23T10:00:00+00:00")


def test_informal_english_invitation_uses_the_informal_template(client, auth):
    _client(client, auth, emails=["tom@globex.example"], language="en", formality="informal",
            channels={"conflict": "Zoom"})
    text = ("Hi Tom,\nThe August invoice is still unpaid after three reminders. If it isn't settled by "
            "Friday, I'll have to pause all work on the app.")
    call = _analyze(client, auth, text, recipients=["tom@globex.example"])
    assert call["invitation"].startswith("I think this will be quicker")
    assert "15-minute call on Zoom?" in call["invitation"]


def _ics(client, auth, call, query=""):
    response = client.get(call["ics"] + query, headers=auth)
    assert response.status_code == 200, response.json
    assert response.mimetype == "text/calendar"
    return response.data


def test_ics_parses_back_with_icalendar_and_vobject_at_the_right_instant(client, auth):
    _client(client, auth)
    _me(client, auth)
    call = _analyze(client, auth, "Estimada Sra. Ruiz:\n" + THREAT_ES, recipients=["ana@acme.example"])
    data = _ics(client, auth, call, "?slot=1")
    want = datetime.fromisoformat(call["slots"][1])

    cal = Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    start = events[0].decoded("dtstart")
    assert start == want and str(start.tzinfo) == "America/Mexico_City"
    assert events[0].decoded("dtend") - start == timedelta(minutes=15)
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "America/Mexico_City"
    assert events[0]["STATUS"] == "CONFIRMED"

    parsed = vobject.readOne(data.decode())
    assert parsed.vevent.dtstart.value == want
    assert parsed.vevent.dtstart.value.utcoffset() == timedelta(hours=-6)
    assert parsed.vevent.summary.value.startswith("Llamada: ")


def test_ics_without_a_slot_lists_every_proposal_as_tentative(client, auth):
    call = _analyze(client, auth, "Hi Tom,\nThe August invoice is still unpaid after three reminders. If it "
                                  "isn't settled by Friday, I'll have to pause all work on the app.")
    events = Calendar.from_ical(_ics(client, auth, call)).walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == [datetime.fromisoformat(s) for s in call["slots"]]
    assert {str(e["STATUS"]) for e in events} == {"TENTATIVE"}
    assert len({str(e["UID"]) for e in events}) == len(events)


@pytest.mark.parametrize("mutate, status, code", [
    (lambda i: i[:-3] + ("AAA" if not i.endswith("AAA") else "BBB"), 404, "not_found"),
    (lambda i: "nonsense", 404, "not_found"),
    (lambda i: i.replace(".", ".x", 1), 404, "not_found"),
])
def test_altered_or_unknown_ids_are_a_clear_404(client, auth, mutate, status, code):
    call = _analyze(client, auth, "Hi Tom,\nI will have to pause all work until the unpaid invoice is settled.")
    ident = call["invitation_id"]
    response = client.get(f"/v1/invitations/{mutate(ident)}.ics", headers=auth)
    assert response.status_code == status and response.json["error"]["code"] == code


@pytest.mark.parametrize("query, field", [("?slot=7", "slot"), ("?slot=-1", "slot"), ("?slot=x", "slot")])
def test_bad_slot_names_the_field(client, auth, query, field):
    call = _analyze(client, auth, "Hi Tom,\nI will have to pause all work until the unpaid invoice is settled.")
    response = client.get(call["ics"] + query, headers=auth)
    assert response.status_code == 422 and response.json["error"]["field"] == field


def test_ics_needs_the_token(client, auth):
    call = _analyze(client, auth, "Hi Tom,\nI will have to pause all work until the unpaid invoice is settled.")
    assert client.get(call["ics"]).status_code == 401
