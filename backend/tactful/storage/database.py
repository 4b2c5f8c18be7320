"""Open the database named by TACTFUL_DATABASE_URL (SQLite in TACTFUL_HOME by default) at the newest schema."""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import TactfulError
from ..instance import private_file, private_folder

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_SECONDS = 10  # how long a SQLite writer waits for another one before the request answers 503
_ADVISORY_KEY = 0x7AC7F01  # PostgreSQL advisory lock held while migrating


def utcnow() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(timezone.utc)


def as_utc(instant: datetime) -> datetime:
    """An aware UTC instant; SQLite hands stored instants back naive (they were stored in UTC)."""
    return instant.replace(tzinfo=timezone.utc) if instant.tzinfo is None else instant.astimezone(timezone.utc)


def default_url(home: Path) -> str:
    """SQLite in the instance folder."""
    return f"sqlite:///{home / 'tactful.db'}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets the service and the CLI read and write at once; busy_timeout makes writers wait, not fail.
    dbapi_connection.isolation_level = None  # the "begin" listener says how each transaction starts
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted content is overwritten, so a purged message body does not linger in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def _sqlite_begin(connection) -> None:
    """A writer takes SQLite's write lock when it starts (BEGIN IMMEDIATE), waiting up to busy_timeout for it.

    A transaction that reads first and writes later (BEGIN DEFERRED) cannot wait: when another writer has
    committed since it read, SQLite answers "database is locked" at once. Reading sessions stay deferred,
    so they never wait for a writer.
    """
    mode = "DEFERRED" if connection.get_execution_options().get("tactful_reading") else "IMMEDIATE"
    connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    """An engine for the URL, with SQLite tuned for concurrent use."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise TactfulError("invalid_setting", f"TACTFUL_DATABASE_URL is not a database URL: {url!r}",
                           field="TACTFUL_DATABASE_URL") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername.startswith("sqlite"):
        if parsed.database and parsed.database != ":memory:":
            path = Path(parsed.database)
            try:
                _private_database_file(path)
            except OSError as exc:
                raise TactfulError("instance_folder", f"the database folder {path.parent} cannot be used: "
                                   f"{exc.strerror or exc}; make it writable (and free some space)",
                                   field="TACTFUL_HOME") from None
        engine = create_engine(parsed, connect_args={"timeout": BUSY_SECONDS})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def _private_database_file(path: Path) -> None:
    """The SQLite file (and so its -wal and -shm, which SQLite creates with its mode) readable by this user only."""
    if not path.parent.exists():
        private_folder(path.parent)
    private_file(path)


def checkpoint(engine: Engine) -> None:
    """Move SQLite's write-ahead log into the database and truncate it, so overwritten text leaves the disk."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:  # on the driver's connection: outside any transaction, as SQLite needs
            conn.connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").close()


@contextlib.contextmanager
def _migration_lock(engine: Engine, home: Path) -> Iterator[None]:
    """One process migrates at a time: a lock file for SQLite, an advisory lock for PostgreSQL."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _ADVISORY_KEY})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _ADVISORY_KEY})
                conn.commit()
        return
    with open(private_file(private_folder(home) / "migrate.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def upgrade(engine: Engine, home: Path) -> None:
    """Bring the schema to the newest migration, keeping every row."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with _migration_lock(engine, home), engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@dataclass
class Database:
    """An engine and its session factories (one that writes, one that only reads), and where it keeps its data."""

    engine: Engine
    sessions: sessionmaker[Session]
    readers: sessionmaker[Session] | None = None
    where: str = "the database"  # the folder of a SQLite file, or the database server, for error messages

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session that may write: committed on success, rolled back on error (and so short)."""
        with self.sessions() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A session that only reads: it never waits for a writer (SQLite's deferred transaction)."""
        with (self.readers or self.sessions)() as session, session.begin():
            yield session

    @property
    def reader(self) -> Engine:
        """The engine for plain reads (SQLite's deferred transaction): they never hold or wait for the write lock."""
        return self.readers.kw["bind"] if self.readers is not None else self.engine

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def open_database(url: str | None, home: Path) -> Database:
    """Connect, migrate to the newest schema, and return the database."""
    engine = make_engine(url or default_url(home))
    try:
        upgrade(engine, home)
    except OperationalError as exc:
        engine.dispose()
        raise TactfulError("database_unavailable", f"cannot open the database: {exc.orig}",
                           field="TACTFUL_DATABASE_URL", status=503) from None
    readers = engine.execution_options(tactful_reading=True)
    return Database(engine, sessionmaker(engine, expire_on_commit=False), sessionmaker(readers, expire_on_commit=False),
                    where=_where(engine))


def _where(engine: Engine) -> str:
    """The folder a SQLite file is in, or the server a PostgreSQL database is on."""
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        return str(Path(database).resolve().parent) if database and database != ":memory:" else "memory"
    return f"the PostgreSQL server {engine.url.host or 'on the local socket'}"
