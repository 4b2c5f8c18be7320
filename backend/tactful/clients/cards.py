"""Etiquette cards for stored clients: the pure card plus the report status from the database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from . import reminders
from . import repository as clients_repo
from .etiquette import card


def cards_for(session: Session, clients: list, now: datetime, ui: str) -> list[dict]:
    """One card per client, in the user's interface language."""
    return [card(clients_repo.to_dict(c), now, ui, reminders.status(session, c, now)) for c in clients]
