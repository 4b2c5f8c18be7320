"""`tactful worker`: one sender at a time; a second one waits on the lock as a hot standby and takes over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone


from tactful.outbox import store
from tactful.outbox.model import ScheduledIn
from tactful.storage import open_database


def _worker(home, smtp, log):
    env = {**os.environ, "TACTFUL_HOME": str(home), "TACTFUL_SMTP_URL": smtp.url}
    return subprocess.Popen([sys.executable, "-m", "tactful", "worker"], env=env, stdout=log,
                            stderr=subprocess.STDOUT)


def _wait_for(path, text, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if text in path.read_text(errors="replace"):
            return True
        time.sleep(0.1)
    return False


def test_second_worker_is_a_hot_standby(home, smtp, database_url):
    db = open_database(database_url, home)
    with db.session() as session:
        message = store.create(session, ScheduledIn.model_validate({
            "to": ["ana@acme.example"], "from": "me@freelance.dev", "subject": "Hi", "text": "Body",
            "send_at": (datetime.now(timezone.utc) + timedelta(seconds=6)).isoformat()}))
        message_id = message.message_id
    db.dispose()
    home.mkdir(parents=True, exist_ok=True)
    first_log, second_log = home / "first.log", home / "second.log"
    with open(first_log, "wb") as a, open(second_log, "wb") as b:
        first = _worker(home, smtp, a)
        assert _wait_for(first_log, "holding the scheduler lock")
        second = _worker(home, smtp, b)
        assert _wait_for(second_log, "waiting for the scheduler lock")
        time.sleep(1)
        assert "holding the scheduler lock" not in second_log.read_text()
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert _wait_for(second_log, "holding the scheduler lock")
        deadline = time.time() + 20
        while not smtp.handler.received and time.time() < deadline:
            time.sleep(0.2)
        second.terminate()
        second.wait(timeout=20)
    assert [email["Message-ID"] for _r, email in smtp.handler.received] == [message_id]
