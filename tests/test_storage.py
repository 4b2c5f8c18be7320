"""The database: migrations on start keep every row, SQLite in WAL mode for concurrent use, PostgreSQL by URL."""

from __future__ import annotations

import subprocess
import sys
import threading

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from tactful.clients import repository as repo
from tactful.clients.model import ClientIn
from tactful.storage import open_database
from tactful.storage.database import MIGRATIONS


def _head() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def test_opening_migrates_to_head_and_reopening_keeps_rows(database_url, home):
    db = open_database(database_url, home)
    with db.session() as session:
        repo.create(session, ClientIn(name="Acme", emails=["ana@acme.es"]))
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == _head()
    db.dispose()
    again = open_database(database_url, home)
    with again.session() as session:
        assert [c.id for c in repo.list_clients(session)] == ["acme"]
    assert {"clients", "client_addresses", "profile", "reminders"} <= set(inspect(again.engine).get_table_names())
    again.dispose()


def test_an_older_database_is_upgraded_without_losing_rows(database_url, home):
    from alembic import command

    db = open_database(database_url, home)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    with db.session() as session:
        repo.create(session, ClientIn(name="Old Client", domains=["old.example"]))
    db.dispose()
    upgraded = open_database(database_url, home)
    with upgraded.session() as session:
        assert [c.id for c in repo.list_clients(session)] == ["old-client"]
    upgraded.dispose()


def test_sqlite_uses_wal_and_tolerates_concurrent_writers(home, monkeypatch):
    monkeypatch.delenv("TACTFUL_DATABASE_URL", raising=False)
    first, second = open_database(None, home), open_database(None, home)
    with first.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    errors = []

    def write(db, prefix):
        try:
            for i in range(25):
                with db.session() as session:
                    repo.create(session, ClientIn(id=f"{prefix}-{i}", name=f"{prefix} {i}"))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(db, name)) for db, name in ((first, "a"), (second, "b"))]
    for t in threads:
        t.start()
    # The command line writes at the same time, from its own process.
    cli = subprocess.run([sys.executable, "-m", "tactful", "clients", "add", "--name", "From CLI"],
                         capture_output=True, text=True, env={**__import__("os").environ, "TACTFUL_HOME": str(home)})
    for t in threads:
        t.join()
    assert errors == [] and cli.returncode == 0, cli.stderr
    with first.session() as session:
        assert len(repo.list_clients(session)) == 51
    first.dispose()
    second.dispose()
