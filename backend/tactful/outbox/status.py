"""Which mail transport the sender uses and whether it was verified: GET /v1/me's `delivery`.

The sending process (tactful serve, or tactful worker) writes one row: its transport at start,
each verification (connect, TLS, login, NOOP — never a message) and what real sends showed,
and a heartbeat. Any process answers from that row, so a web worker tells the truth about the
worker that sends. The service path is offered only when a mail server is set up, verified and
a sender is running; otherwise `reason` says why and `message` what to do, in the user's language.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update

from ..storage.database import Database, as_utc, utcnow
from ..storage.models import DeliveryStatus

HEARTBEAT = timedelta(seconds=60)
ALIVE = timedelta(minutes=3)  # a sender not heard of for this long is not running
SMTP_EXAMPLE = "TACTFUL_SMTP_URL=smtp://you%40example.com@smtp.example.com:587"

MESSAGES = {
    "en": {
        "ok": "Messages are delivered through {detail}.",
        "file_outbox": "No mail server is set up: the service would only write .eml files that nobody receives. "
                       "Use the webmail's own Schedule send, or set {example} (password in the URL or the OS keyring) "
                       "and restart tactful serve.",
        "not_verified": "The mail server {detail} has not been verified yet: {error}",
        "unverified": "the service is checking it now.",
        "no_sender": "No Tactful process is delivering messages (start tactful serve or tactful worker).",
    },
    "es": {
        "ok": "Los mensajes se entregan a través de {detail}.",
        "file_outbox": "No hay servidor de correo configurado: el servicio solo escribiría archivos .eml que nadie "
                       "recibe. Use la programación de envío del propio webmail, o defina {example} (la contraseña en "
                       "la URL o en el llavero del sistema) y reinicie tactful serve.",
        "not_verified": "El servidor de correo {detail} aún no se ha verificado: {error}",
        "unverified": "el servicio lo está comprobando.",
        "no_sender": "Ningún proceso de Tactful está entregando mensajes (inicie tactful serve o tactful worker).",
    },
    "pl": {
        "ok": "Wiadomości są dostarczane przez {detail}.",
        "file_outbox": "Nie skonfigurowano serwera poczty: usługa zapisałaby tylko pliki .eml, których nikt nie "
                       "otrzyma. Użyj planowania wysyłki w samej poczcie albo ustaw {example} (hasło w adresie URL "
                       "lub w systemowym pęku kluczy) i uruchom ponownie tactful serve.",
        "not_verified": "Serwer poczty {detail} nie został jeszcze zweryfikowany: {error}",
        "unverified": "usługa właśnie go sprawdza.",
        "no_sender": "Żaden proces Tactful nie dostarcza wiadomości (uruchom tactful serve lub tactful worker).",
    },
}


def _row(session) -> DeliveryStatus | None:
    return session.get(DeliveryStatus, 1)


def started(db: Database, transport) -> None:
    """The sender starts with this transport: not verified yet."""
    now = utcnow()
    with db.session() as session:
        row = _row(session) or DeliveryStatus(id=1)
        row.transport, row.details = transport.kind, {"detail": transport.describe(), **transport.details()}
        row.verified = True if transport.kind == "file" else None
        row.error, row.checked_at, row.seen_at = None, now if transport.kind == "file" else None, now
        session.add(row)


def checked(db: Database, ok: bool, error: str | None = None) -> None:
    """Record a verification, or what a real send showed (a delivery proves it; a refused connection disproves)."""
    now = utcnow()
    with db.session() as session:
        session.execute(update(DeliveryStatus).where(DeliveryStatus.id == 1)
                        .values(verified=ok, error=None if ok else error, checked_at=now, seen_at=now))


def heartbeat(db: Database) -> None:
    """The sender is still running."""
    with db.session() as session:
        session.execute(update(DeliveryStatus).where(DeliveryStatus.id == 1).values(seen_at=utcnow()))


def stopped(db: Database) -> None:
    """The sender stops on purpose: nobody delivers until another one starts."""
    with db.session() as session:
        session.execute(update(DeliveryStatus).where(DeliveryStatus.id == 1)
                        .values(seen_at=utcnow() - ALIVE - timedelta(seconds=1)))


def _reason(row: DeliveryStatus | None, transport: str, now: datetime) -> str | None:
    """Why the service path cannot be offered (None when it can): the first thing the user must fix."""
    if transport != "smtp":
        return "file_outbox"
    if row is None or now - as_utc(row.seen_at) > ALIVE:
        return "no_sender"
    return None if row.verified else "not_verified"


def describe(session, configured, ui: str = "en") -> dict:
    """The public `delivery` object: transport, its details, verification, and whether the service path is open.

    `configured` is this process's own transport, shown when no sender has reported yet.
    """
    row, now = _row(session), utcnow()
    transport = row.transport if row is not None else configured.kind
    reason = _reason(row, transport, now)
    details = dict(row.details) if row is not None else {"detail": configured.describe(), **configured.details()}
    detail = details.pop("detail", "")
    texts = MESSAGES.get(ui, MESSAGES["en"])
    if reason == "not_verified":
        error = row.error if row is not None and row.error else texts["unverified"]
        message = texts["not_verified"].format(detail=detail, error=error)
    else:
        message = texts[reason or "ok"].format(detail=detail, example=SMTP_EXAMPLE)
    return {
        "transport": transport, **_shape(transport, details), "description": detail,
        "verified": row.verified if row is not None else None,
        "checked_at": as_utc(row.checked_at).isoformat() if row is not None and row.checked_at else None,
        "error": row.error if row is not None else None,
        "sender_seen_at": as_utc(row.seen_at).isoformat() if row is not None else None,
        "service_path": reason is None, "reason": reason, "message": message,
    }


def _shape(transport: str, details: dict) -> dict:
    """The transport's own fields, always the same keys for smtp (host, port, security, user, from) or file."""
    if transport == "smtp":
        return {key: details.get(key) for key in ("host", "port", "security", "user", "from")}
    return {"folder": details.get("folder")}

