"""The call invitation: a short message in the draft's language and the client's register."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .wording import AGENDA, INVITATION, NO_SLOTS, SLOT, SUMMARY, channel_words

DEFAULT_MINUTES = 15


@dataclass(frozen=True)
class Call:
    """What is proposed: language, register, topic, channel, length, the two zones and the starts."""

    lang: str
    formality: str
    topic: str | None
    channel: str | None
    minutes: int
    client_zone: ZoneInfo
    user_zone: ZoneInfo
    starts: tuple[datetime, ...]

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.minutes)


def agenda(call: Call) -> str:
    """The one-line agenda for the call's topic."""
    return AGENDA[call.lang].get(call.topic, AGENDA[call.lang][None])


def summary(call: Call) -> str:
    """The calendar event's title."""
    return SUMMARY[call.lang].format(agenda=agenda(call))


def local_text(instant: datetime, zone: ZoneInfo, lang: str, with_day: bool = True) -> str:
    """'Tue 24 Nov, 10:00' / 'mar, 24 nov, 10:00' / 'wt., 24 lis, 10:00' in that zone."""
    pattern = "EEE d MMM, HH:mm" if with_day else "HH:mm"
    from babel.dates import format_datetime  # only when a call is proposed

    return format_datetime(instant, pattern, tzinfo=zone, locale=lang)


def slot_line(call: Call, start: datetime) -> str:
    """One proposed start, in the client's time and, when it differs, the user's."""
    theirs = local_text(start, call.client_zone, call.lang)
    mine_day = start.astimezone(call.user_zone).date() != start.astimezone(call.client_zone).date()
    mine = local_text(start, call.user_zone, call.lang, with_day=mine_day)
    if start.astimezone(call.client_zone).utcoffset() == start.astimezone(call.user_zone).utcoffset():
        return theirs
    return SLOT[call.lang][call.formality].format(client=theirs, mine=mine)


def text(call: Call) -> str:
    """The invitation to paste into the reply."""
    lines = "\n".join(f"- {slot_line(call, s)}" for s in call.starts) or NO_SLOTS[call.lang]
    template = INVITATION[(call.lang, call.formality)]
    return template.format(minutes=call.minutes, channel=channel_words(call.channel, call.lang),
                           agenda=agenda(call), slots=lines)
