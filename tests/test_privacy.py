"""What is kept stays private and leaves the disk: the instance folder is 0700 and its files 0600; purging a
body also deletes its .eml and leaves no copy in SQLite's files (write-ahead log checkpointed)."""

from __future__ import annotations

import os
import stat
from datetime import timedelta

from tactful.api import create_app
from tactful.outbox import dispatch
from tactful.outbox.transports import FileOutbox
from tactful.storage.database import utcnow
from tactful.api.state import services

MARKER = "Marker-7f3a9c-the-body-that-must-go"


def _api(app):
    client, headers = app.test_client(), {"Authorization": f"Bearer {services(app).token}"}
    return lambda method, path, body=None: client.open(path, method=method, json=body, headers=headers)


def _message(**fields) -> dict:
    return {"to": ["ana@acme.es"], "from": "me@freelance.dev", "subject": "Informe", "via": "file",
            "text": f"{MARKER} (text)", "html": f"<p>{MARKER} (html)</p>", "send_at": utcnow().isoformat(), **fields}


def _on_disk(home) -> list[str]:
    """Files under the instance folder that still hold the marker, in any form SQLite or e-mail would keep it."""
    needles = (MARKER.encode(), MARKER.encode("utf-16-le"))
    found = []
    for root, _dirs, files in os.walk(home):
        for name in files:
            data = open(os.path.join(root, name), "rb").read()
            if any(needle in data for needle in needles) or b"Marker-7f3a9c-the-body-tha=" in data:
                found.append(name)
    return found


def test_purging_a_body_removes_it_from_the_database_files_and_the_outbox(home):
    app = create_app()
    api, db = _api(app), services(app).db
    sent = api("POST", "/v1/scheduled", _message()).json
    cancelled = api("POST", "/v1/scheduled", _message(send_at=(utcnow() + timedelta(days=1)).isoformat())).json
    api("DELETE", f"/v1/scheduled/{cancelled['id']}")
    outbox = FileOutbox(home / "outbox")
    dispatch.deliver_due(db, outbox)
    assert (home / "outbox" / f"{sent['id']}.eml").exists() and _on_disk(home)
    assert dispatch.purge(db, days=7, outbox=outbox) == 0
    assert dispatch.purge(db, days=7, now=utcnow() + timedelta(days=8), outbox=outbox) == 2
    for made in (sent, cancelled):
        record = api("GET", f"/v1/scheduled/{made['id']}").json
        assert record["text"] is None and record["html"] is None and record["purged"] is True
        assert record["history"][-1]["event"] == "purged" and record["subject"] == "Informe"
    assert not (home / "outbox" / f"{sent['id']}.eml").exists()
    assert _on_disk(home) == []
    assert not (home / "tactful.db-wal").exists() or (home / "tactful.db-wal").stat().st_size == 0
    db.dispose()


def _modes(home) -> dict[str, str]:
    out = {}
    for root, dirs, files in os.walk(home):
        for name in dirs + files:
            path = os.path.join(root, name)
            out[os.path.relpath(path, home)] = oct(stat.S_IMODE(os.lstat(path).st_mode))
    return out


def test_the_instance_folder_and_everything_in_it_are_private(home):
    app = create_app()
    api = _api(app)
    api("POST", "/v1/scheduled", _message())
    dispatch.deliver_due(services(app).db, FileOutbox(home / "outbox"))
    assert oct(stat.S_IMODE(home.stat().st_mode)) == "0o700"
    modes = _modes(home)
    assert {"token", "tactful.db", "tactful.db-wal", "tactful.db-shm", "migrate.lock", "outbox"} <= set(modes)
    assert any(name.startswith("outbox/") and name.endswith(".eml") for name in modes)
    assert {name: mode for name, mode in modes.items() if mode != ("0o700" if name == "outbox" else "0o600")} == {}
    services(app).db.dispose()


def test_an_existing_instance_folder_is_narrowed_at_start(home):
    home.mkdir(mode=0o755)
    (home / "outbox").mkdir(mode=0o755)
    (home / "outbox" / "old.eml").write_text("old")
    os.chmod(home / "outbox" / "old.eml", 0o644)
    (home / "tools.sh").write_text("#!/bin/sh\n")  # not Tactful's: TACTFUL_HOME may hold other things
    os.chmod(home / "tools.sh", 0o755)
    services(create_app()).db.dispose()
    modes = _modes(home)
    assert modes["tools.sh"] == "0o755"
    assert oct(stat.S_IMODE(home.stat().st_mode)) == "0o700"
    assert modes["outbox"] == "0o700" and modes["outbox/old.eml"] == "0o600" and modes["tactful.db"] == "0o600"
