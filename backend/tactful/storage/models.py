"""The tables. JSON columns hold the client's structured settings exactly as the API shows them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base for every table."""


class Client(Base):
    """A client and how they want to be contacted."""

    __tablename__ = "clients"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str | None] = mapped_column(String(8))
    formality: Mapped[str | None] = mapped_column(String(16))
    contact_hours: Mapped[dict | None] = mapped_column(JSON)
    channels: Mapped[dict] = mapped_column(JSON, default=dict)
    report_cadence: Mapped[dict | None] = mapped_column(JSON)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    addresses: Mapped[list["ClientAddress"]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="ClientAddress.position")
    contacts: Mapped[list["ClientContact"]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="ClientContact.position")


class ClientAddress(Base):
    """An e-mail address or a domain that identifies a client (one row each, indexed for matching)."""

    __tablename__ = "client_addresses"
    __table_args__ = (UniqueConstraint("kind", "value", name="uq_client_address"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # "email" or "domain"
    value: Mapped[str] = mapped_column(String(320))
    position: Mapped[int] = mapped_column(Integer, default=0)
    client: Mapped[Client] = relationship(back_populates="addresses")


class ClientContact(Base):
    """One of a client's people: a display name (folded for matching) and, when known, the address."""

    __tablename__ = "client_contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    client: Mapped[Client] = relationship(back_populates="contacts")


class RecipientChoice(Base):
    """A remembered "Who is this for?" answer: an address or a display name seen in webmail is this client."""

    __tablename__ = "recipient_choices"
    __table_args__ = (UniqueConstraint("kind", "value", name="uq_recipient_choice"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8))  # "address" or "name"
    value: Mapped[str] = mapped_column(String(320))  # the lower-case address or the folded name
    label: Mapped[str] = mapped_column(String(320))  # as the user saw it
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Profile(Base):
    """The user: one row with their name, time zone, own contact hours and interface language."""

    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    timezone: Mapped[str | None] = mapped_column(String(64))
    contact_hours: Mapped[dict | None] = mapped_column(JSON)
    language: Mapped[str] = mapped_column(String(8), default="en")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Reminder(Base):
    """A report owed to a client at an instant; cleared when the user marks it done."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("client_id", "due_at", name="uq_reminder_due"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ScheduledMessage(Base):
    """A message held for delivery at `send_at`: scheduled → sending → sent | failed | unknown, or cancelled."""

    __tablename__ = "scheduled_messages"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    via: Mapped[str] = mapped_column(String(16))  # "smtp", "file" (the service delivers) or "webmail" (recorded)
    sender: Mapped[str | None] = mapped_column(String(320))
    to: Mapped[list] = mapped_column(JSON)
    cc: Mapped[list] = mapped_column(JSON)
    bcc: Mapped[list] = mapped_column(JSON)
    subject: Mapped[str] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    html: Mapped[str | None] = mapped_column(Text)
    in_reply_to: Mapped[str | None] = mapped_column(String(998))
    references: Mapped[str | None] = mapped_column(Text)
    client_ids: Mapped[list] = mapped_column(JSON)
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    send_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    late: Mapped[bool] = mapped_column(default=False)
    history: Mapped[list] = mapped_column(JSON, default=list)  # what happened and why: moves, retries, lateness
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DeliveryStatus(Base):
    """The sending process's mail transport and whether it was verified: one row, written by the sender only,
    read by every process (a web worker answers /v1/me about the worker that sends)."""

    __tablename__ = "delivery_status"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    transport: Mapped[str] = mapped_column(String(16))  # "smtp" or "file"
    details: Mapped[dict] = mapped_column(JSON, default=dict)  # host, port, security, user, from (never a password)
    verified: Mapped[bool | None] = mapped_column()  # None: not checked yet
    error: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))  # the sender's heartbeat
