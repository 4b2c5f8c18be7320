"""Etiquette cards: how, when and in what register to write to one client, as short reminders."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from .. import i18n
from .cadence import due_after, last_due
from ..errors import TactfulError
from ..hours import is_inside, next_window, parse_hours


def report_status(client: dict, now: datetime, done: set[datetime], created: datetime | None = None) -> dict | None:
    """The report owed to a client: the latest due instant not marked done, else the next one."""
    cadence = client.get("report_cadence")
    hours = client.get("contact_hours")
    if not cadence:
        return None
    zone = ZoneInfo(hours["timezone"]) if hours else ZoneInfo("UTC")
    anchor = created.astimezone(zone).date() if created else None
    previous = last_due(cadence, zone, now, anchor)
    if previous is not None and (created is None or previous >= created) and previous not in done:
        return {"due_at": previous, "overdue": True}
    return {"due_at": due_after(cadence, zone, now, anchor), "overdue": False}


def _timing_lines(hours_json: dict | None, now: datetime, ui: str) -> tuple[dict, list[str]]:
    if not hours_json:
        return {"within": None, "next_window": None, "local_time": None, "timezone": None}, [i18n.text(ui, "no_hours")]
    hours = parse_hours(hours_json)
    zone = ZoneInfo(hours_json["timezone"])
    local = now.astimezone(zone)
    facts = {"timezone": hours_json["timezone"], "local_time": local.isoformat(), "within": is_inside(hours, now)}
    if facts["within"]:
        facts["next_window"] = now.isoformat()
        return facts, [i18n.text(ui, "inside", local=i18n.when(now, zone, ui))]
    try:
        opens = next_window(hours, now)
    except TactfulError:
        facts["next_window"] = None
        return facts, [i18n.text(ui, "no_window")]
    facts["next_window"] = opens.isoformat()
    return facts, [i18n.text(ui, "outside", local=i18n.when(now, zone, ui), next=i18n.when(opens, zone, ui),
                             delta=i18n.relative(opens - now, ui))]


def _report_line(client: dict, report: dict | None, now: datetime, ui: str) -> list[str]:
    if report is None:
        return []
    hours = client.get("contact_hours")
    zone = ZoneInfo(hours["timezone"]) if hours else ZoneInfo("UTC")
    cadence = i18n.text(ui, "cadence." + client["report_cadence"]["every"])
    key = "report_overdue" if report["overdue"] else "report_due"
    return [i18n.text(ui, key, cadence=cadence, due=i18n.when(report["due_at"], zone, ui),
                      delta=i18n.relative(report["due_at"] - now, ui))]


def card(client: dict, now: datetime, ui: str, report: dict | None = None) -> dict:
    """The etiquette card of one client at an instant, with reminders in the user's language."""
    channels = client.get("channels") or {}
    reminders = []
    if channels:
        pairs = ", ".join(f"{i18n.text(ui, 'purpose.' + p)} → {c}" for p, c in channels.items())
        reminders.append(i18n.text(ui, "channels", pairs=pairs))
    if client.get("formality"):
        form = i18n.FORMAL_ADDRESS[client.get("language")]
        reminders.append(i18n.text(ui, client["formality"], form=form))
    if client.get("language"):
        reminders.append(i18n.text(ui, "language", language=i18n.text(ui, "lang." + client["language"])))
    timing, lines = _timing_lines(client.get("contact_hours"), now, ui)
    reminders += lines + _report_line(client, report, now, ui)
    if channels.get("emergency"):
        reminders.append(i18n.text(ui, "emergency", channel=channels["emergency"]))
    if client.get("notes"):
        reminders.append(i18n.text(ui, "notes", notes=client["notes"]))
    return {
        "client_id": client["id"], "name": client["name"], "language": client.get("language"),
        "formality": client.get("formality"), "channels": channels, **timing,
        "report": None if report is None else {"cadence": client["report_cadence"],
                                               "due_at": report["due_at"].isoformat(),
                                               "overdue": report["overdue"]},
        "notes": client.get("notes") or "", "reminders": reminders,
    }
