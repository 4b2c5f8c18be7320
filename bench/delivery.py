"""Scheduled delivery at scale. Prints JSON.

- 10,000 messages due at the same instant, delivered by `tactful serve` to a local SMTP
  server (aiosmtpd, in its own process): time from due to the last one received.
- 600 messages due over two minutes: lateness p50/p99 of each arrival against its own
  due instant; then the same with poisoned messages among them (rows an older version stored
  with CR/LF in the subject, which cannot be built): the others' lateness must not change.
- Start-up time and resident memory of `tactful serve` with 100,000 pending messages.
    python bench/delivery.py [--messages 10000] [--pending 100000]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))
sys.path.insert(0, str(ROOT / "tests"))
from common import percentiles, rss_mb  # noqa: E402


def _smtp_server(port: int, out: str, ready) -> None:
    """A counting SMTP server: appends 'received-at,due-header,date-header' per message."""
    import asyncio  # noqa: F401

    from aiosmtpd.controller import Controller

    class Handler:
        def __init__(self):
            self.file = open(out, "a", buffering=1)  # noqa: SIM115

        async def handle_DATA(self, server, session, envelope):
            email = message_from_bytes(envelope.content, policy=policy.default)
            self.file.write(f"{time.time()},{email['Subject'].split()[-1]}\n")
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    while True:
        time.sleep(3600)


def _free_port() -> int:
    from support.smtp import free_port

    return free_port()


def _fill(home: Path, count: int, due: datetime, spread_s: float = 0.0, poison: int = 0) -> None:
    """Insert `count` scheduled messages straight into the store (the API would commit them the same way),
    and `poison` rows spread among them that cannot be built (CR/LF in the subject, as an older version
    accepted), written as such a version wrote them."""
    from sqlalchemy import update

    from tactful.outbox.model import ScheduledIn
    from tactful.outbox.store import create
    from tactful.storage import open_database
    from tactful.storage.models import ScheduledMessage

    db = open_database(None, home)
    with db.session() as session:
        for n in range(count):
            at = due + timedelta(seconds=spread_s * n / max(count, 1))
            create(session, ScheduledIn.model_validate({
                "to": [f"person{n}@example.com"], "from": "me@freelance.dev", "subject": f"Message {n}",
                "text": f"Body {n}", "send_at": at.isoformat()}))
        for k in range(poison):
            at = due + timedelta(seconds=spread_s * k / max(poison, 1))
            bad = create(session, ScheduledIn.model_validate({
                "to": [f"poison{k}@example.com"], "from": "me@freelance.dev", "subject": "Poison",
                "text": "Body", "send_at": at.isoformat()}))
            session.execute(update(ScheduledMessage).where(ScheduledMessage.id == bad.id)
                            .values(subject=f"Poison {k}\r\nBcc: everyone@example.com"))
    db.dispose()


def _serve(home: Path, port: int, smtp_url: str | None) -> subprocess.Popen:
    env = {**os.environ, "TACTFUL_HOME": str(home), "TACTFUL_PORT": str(port), "TACTFUL_TOKEN": "bench",
           "PYTHONPATH": str(ROOT / "backend")}
    if smtp_url:
        env["TACTFUL_SMTP_URL"] = smtp_url
    return subprocess.Popen([sys.executable, "-m", "tactful", "serve"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _wait_health(port: int, timeout: float = 120) -> float:
    started = time.time()
    while time.time() - started < timeout:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=1)
            return time.time() - started
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("service did not start")


def burst(count: int, spread_s: float = 0.0, poison: int = 0) -> dict:
    """`count` messages due in the same instant (or spread over `spread_s`), through a real SMTP server."""
    home = Path(tempfile.mkdtemp(prefix="tactful-bench-delivery-"))
    due = (datetime.now(timezone.utc) + timedelta(seconds=75)).replace(microsecond=0)
    _fill(home, count, due, spread_s, poison)
    smtp_port, received = _free_port(), home / "received.csv"
    ready = mp.Event()
    server = mp.Process(target=_smtp_server, args=(smtp_port, str(received), ready), daemon=True)
    server.start()
    ready.wait(10)
    service = _serve(home, _free_port(), f"smtp+plain://127.0.0.1:{smtp_port}")
    try:
        deadline = due.timestamp() + 600
        lines = []
        while time.time() < deadline:
            lines = received.read_text().splitlines() if received.exists() else []
            if len(lines) >= count:
                break
            time.sleep(0.5)
    finally:
        service.terminate()
        service.wait(timeout=30)
        server.terminate()
    arrivals = [float(line.split(",")[0]) for line in lines]
    # Each message's own due instant is in its subject ("Message n"): due + spread * n / count.
    lateness = [(float(line.split(",")[0]) - (due.timestamp() + spread_s * int(line.split(",")[1]) / count)) * 1000
                for line in lines]
    return {"messages": count, "spread_seconds": spread_s, "poisoned": poison, "received": len(lines),
            "failed": _count_failed(home) if poison else 0,
            "seconds_from_first_due_to_last_received": round(max(arrivals) - due.timestamp(), 2) if arrivals else None,
            "lateness_ms": percentiles(lateness) if lateness else None}


def _count_failed(home: Path) -> int:
    """Messages that ended failed (the poisoned ones, each with its reason)."""
    from tactful.outbox import store
    from tactful.storage import open_database

    db = open_database(None, home)
    with db.session() as session:
        failed = [m for m in store.listing(session, "failed") if "could not be built" in (m.last_error or "")]
    db.dispose()
    return len(failed)


def pending(count: int) -> dict:
    """Start-up time and memory of the service holding `count` pending messages."""
    home = Path(tempfile.mkdtemp(prefix="tactful-bench-pending-"))
    _fill(home, count, datetime.now(timezone.utc) + timedelta(days=2), spread_s=86_400)
    port = _free_port()
    started = time.time()
    service = _serve(home, port, None)
    try:
        seconds = _wait_health(port)
        time.sleep(3)  # let the dispatcher load what it needs
        memory = rss_mb(service.pid)
    finally:
        service.terminate()
        service.wait(timeout=30)
    return {"pending": count, "startup_seconds": round(seconds, 2), "rss_mb": memory,
            "wall_seconds": round(time.time() - started, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--pending", type=int, default=100_000)
    parser.add_argument("--steady", type=int, default=600, help="Messages spread over two minutes, for lateness.")
    parser.add_argument("--poison", type=int, default=20, help="Poisoned messages among the steady ones.")
    args = parser.parse_args()
    print(json.dumps({"burst": burst(args.messages), "steady": burst(args.steady, spread_s=120),
                      "steady_with_poison": burst(args.steady, spread_s=120, poison=args.poison),
                      "startup": pending(args.pending),
                      "targets": {"burst_seconds_from_due_to_last_received": 30, "steady_lateness_p99_ms": 2000,
                                  "poison_changes_the_others_p99_by_ms_at_most": 50,
                                  "startup_seconds": 10, "rss_mb": 300}}, indent=2))


if __name__ == "__main__":
    main()
