"""Short interface sentences in the user's language (en, es, pl), and localised times."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_datetime, format_timedelta

UI_LANGS = ("en", "es", "pl")
# How a formal client is addressed, by the language written to them.
FORMAL_ADDRESS = {"es": "usted", "pl": "Pan/Pani", "en": "Mr/Ms + surname", None: "usted / Pan, Pani / Mr, Ms"}

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "channels": "Channels: {pairs}.",
        "purpose.formal": "formal matters", "purpose.quick": "quick questions",
        "purpose.conflict": "disagreements", "purpose.emergency": "emergencies",
        "formal": "Formal register ({form}); no slang or emoji.",
        "informal": "First-name basis is fine; still no slang.",
        "language": "Write in {language}.",
        "inside": "It is {local} for them: inside their hours.",
        "outside": "It is {local} for them: outside their hours; next window {next} their time ({delta}).",
        "no_hours": "No contact hours agreed yet: ask when they like to be contacted.",
        "no_window": "Their hours open no window within a year: check their contact hours.",
        "report_due": "{cadence} report due {due} their time, {delta}.",
        "report_overdue": "{cadence} report was due {due} their time, {delta}.",
        "cadence.day": "Daily", "cadence.week": "Weekly", "cadence.fortnight": "Fortnightly",
        "cadence.month": "Monthly",
        "emergency": "Emergencies: {channel}.",
        "notes": "Note: {notes}",
        "lang.es": "Spanish", "lang.pl": "Polish", "lang.en": "English",
    },
    "es": {
        "channels": "Canales: {pairs}.",
        "purpose.formal": "asuntos formales", "purpose.quick": "consultas rápidas",
        "purpose.conflict": "desacuerdos", "purpose.emergency": "urgencias",
        "formal": "Registro formal ({form}); sin jerga ni emojis.",
        "informal": "Puede tutear; aun así, sin jerga.",
        "language": "Escriba en {language}.",
        "inside": "Allí son las {local}: dentro de su horario.",
        "outside": "Allí son las {local}: fuera de su horario; próxima franja {next} hora local ({delta}).",
        "no_hours": "Aún no hay horario de contacto acordado: pregunte cuándo prefiere que le escriban.",
        "no_window": "Su horario no abre ninguna franja en un año: revise el horario de contacto.",
        "report_due": "Informe {cadence} pendiente el {due} hora local, {delta}.",
        "report_overdue": "El informe {cadence} vencía el {due} hora local, {delta}.",
        "cadence.day": "diario", "cadence.week": "semanal", "cadence.fortnight": "quincenal",
        "cadence.month": "mensual",
        "emergency": "Urgencias: {channel}.",
        "notes": "Nota: {notes}",
        "lang.es": "español", "lang.pl": "polaco", "lang.en": "inglés",
    },
    "pl": {
        "channels": "Kanały: {pairs}.",
        "purpose.formal": "sprawy formalne", "purpose.quick": "szybkie pytania",
        "purpose.conflict": "sporne sprawy", "purpose.emergency": "nagłe sytuacje",
        "formal": "Forma grzecznościowa ({form}); bez slangu i emoji.",
        "informal": "Można pisać po imieniu; nadal bez slangu.",
        "language": "Pisz po {language}.",
        "inside": "U klienta jest {local}: w jego godzinach kontaktu.",
        "outside": "U klienta jest {local}: poza jego godzinami; najbliższe okno {next} czasu klienta ({delta}).",
        "no_hours": "Brak ustalonych godzin kontaktu: zapytaj, kiedy klient woli kontakt.",
        "no_window": "Godziny klienta nie otwierają żadnego okna w ciągu roku: sprawdź je.",
        "report_due": "Raport ({cadence}) do wysłania {due} czasu klienta, {delta}.",
        "report_overdue": "Raport ({cadence}) był należny {due} czasu klienta, {delta}.",
        "cadence.day": "codzienny", "cadence.week": "tygodniowy", "cadence.fortnight": "dwutygodniowy",
        "cadence.month": "miesięczny",
        "emergency": "Nagłe sytuacje: {channel}.",
        "notes": "Uwaga: {notes}",
        "lang.es": "hiszpańsku", "lang.pl": "polsku", "lang.en": "angielsku",
    },
}


def text(ui: str, key: str, **values) -> str:
    """One interface sentence in the user's language (English when the language is unknown)."""
    table = MESSAGES.get(ui, MESSAGES["en"])
    return table[key].format(**values)


def when(instant: datetime, zone: ZoneInfo, ui: str) -> str:
    """A weekday and time in a zone, as people write it in the user's language: 'Fri 16:00'."""
    return format_datetime(instant, "EEE HH:mm", tzinfo=zone, locale=ui)


def relative(delta: timedelta, ui: str) -> str:
    """'in 2 hours' / 'dentro de 2 horas' / '3 godziny temu'."""
    return format_timedelta(delta, add_direction=True, locale=ui)
