"""`tactful doctor`: check in one command what a new user needs, each problem with what to do about it."""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone

import click

from ..config import Settings
from ..errors import TactfulError

RECENT = timedelta(days=1)


@dataclass(frozen=True)
class Line:
    """One check's outcome: ok, warn (works, but maybe not as you think) or fail, and what to do."""

    name: str
    status: str
    detail: str
    fix: str = ""


def _home(settings: Settings) -> Line:
    home = settings.home
    if not home.exists():
        return Line("instance folder", "warn", f"{home} does not exist yet",
                    "it is created when the service first starts (tactful serve); set TACTFUL_HOME to use another")
    if not os.access(home, os.W_OK | os.X_OK):
        return Line("instance folder", "fail", f"{home} cannot be written by this user",
                    f"give it back to this user (chown) or set TACTFUL_HOME to a folder you own")
    return Line("instance folder", "ok", str(home))


def _token(settings: Settings) -> Line:
    if settings.token_override:
        return Line("token", "ok", "TACTFUL_TOKEN (from the environment)")
    if settings.token_path.exists():
        return Line("token", "ok", str(settings.token_path))
    return Line("token", "fail", f"no token in {settings.home}",
                "start the service once with this TACTFUL_HOME (tactful serve); `tactful token` then prints it")


def _get(url: str, token: str | None = None) -> tuple[int, dict]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=3) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, {}


def _service(settings: Settings) -> list[Line]:
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
    base = f"http://{host}:{settings.port}"
    try:
        status, body = _get(f"{base}/v1/health")
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return [Line("service", "fail", f"not reachable at {base} ({reason})",
                     "start it: tactful serve (or set TACTFUL_HOST / TACTFUL_PORT to where it listens)")]
    if status != 200 or body.get("status") != "ok":
        return [Line("service", "fail", f"{base} answered {status}, not Tactful's health",
                     "another program uses this port: stop it, or run Tactful on another (TACTFUL_PORT)")]
    lines = [Line("service", "ok", f"{base}, version {body.get('version', '?')}")]
    if not (settings.token_override or settings.token_path.exists()):
        return lines
    status, _ = _get(f"{base}/v1/me", settings.token())
    if status == 401:
        lines.append(Line("token accepted", "fail", f"the service at {base} refuses this folder's token",
                          "it was started with another TACTFUL_HOME or TACTFUL_TOKEN: run doctor with the same "
                          "environment as the service, or restart the service with this one"))
    elif status == 200:
        lines.append(Line("token accepted", "ok", "the service accepts this token"))
    else:
        lines.append(Line("token accepted", "fail", f"/v1/me answered {status}", "see the service's log"))
    return lines


def _database(settings: Settings) -> Line:
    from ..storage import open_database
    from ..storage.database import default_url

    url = settings.database_url or default_url(settings.home)
    shown = url.split("@")[-1] if "@" in url else url  # never print a password
    if not settings.database_url and not (settings.home / "tactful.db").exists():
        return Line("database", "warn", f"{shown} does not exist yet", "it is created when the service first starts")
    try:
        db = open_database(settings.database_url, settings.home)
    except (TactfulError, OSError) as exc:
        return Line("database", "fail", f"{shown}: {getattr(exc, 'message', exc)}",
                    "check TACTFUL_DATABASE_URL (or that TACTFUL_HOME is writable for SQLite)")
    try:
        from ..clients import repository

        with db.session() as session:
            count = len(repository.list_clients(session))
    finally:
        db.dispose()
    return Line("database", "ok", f"{shown} ({count} client{'s' if count != 1 else ''})")


def _mail(settings: Settings) -> Line:
    from ..outbox.transports import transport_from

    try:
        transport = transport_from(settings.smtp_url, settings.home)
        transport.verify()
    except TactfulError as err:
        return Line("mail transport", "fail", err.message,
                    "fix TACTFUL_SMTP_URL (smtp://user@host:587; the password in the URL or the OS keyring)")
    if not settings.smtp_url:
        return Line("mail transport", "warn", "none: the service does not deliver mail (only messages that ask for "
                    f"it go to {transport.describe()})",
                    "in Gmail and Outlook the extension uses their own Schedule send; to deliver from the "
                    "service, set TACTFUL_SMTP_URL=smtp://you%40example.com@smtp.example.com:587")
    return Line("mail transport", "ok", f"{transport.describe()}: connected and logged in, nothing sent")


def _rules(settings: Settings) -> Line:
    from ..tone.packs import load_rules, rule_folders

    try:
        ruleset = load_rules(*rule_folders(settings.rules))
    except TactfulError as err:
        return Line("rule packs", "fail", err.message, "fix that file (tactful rules check shows every problem)")
    team = f", with the team's from {settings.rules}" if settings.rules else ""
    return Line("rule packs", "ok", f"{len(ruleset.rules)} rules{team}")


def _extension(settings: Settings) -> Line:
    from .. import extension_seen

    seen = extension_seen.last(settings.home)
    if seen is None:
        return Line("extension", "warn", "has not talked to this service yet",
                    "load extension/ in the browser (README: The browser extension), paste `tactful token` in its "
                    "options and press Test connection")
    at, origin = seen
    age = datetime.now(timezone.utc) - at
    when = f"{at.isoformat(timespec='minutes')} ({origin})"
    if age > RECENT:
        return Line("extension", "warn", f"last seen {when}, more than a day ago",
                    "open Gmail or Outlook with the extension enabled; if it shows offline, check its options")
    return Line("extension", "ok", f"last seen {when}")


def run_checks(settings: Settings) -> list[Line]:
    """Every check, in the order a new user meets them."""
    return [_home(settings), _token(settings), *_service(settings), _database(settings), _mail(settings),
            _rules(settings), _extension(settings)]


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per check.")
def doctor(as_json):
    """Check in one go what a new set-up needs, and say what to do about each problem.

    It checks the instance folder, the token, that the service answers and accepts the token,
    the database, the mail transport (connecting and logging in, never sending), the rule
    packs, and when the extension last talked to the service. Exit status 1 when a check fails.

    \b
    Examples:
      tactful doctor
      TACTFUL_HOME=~/tactful-test tactful doctor --json | jq 'select(.status != "ok")'
    """
    lines = run_checks(Settings.from_env())
    for line in lines:
        if as_json:
            click.echo(json.dumps(asdict(line), ensure_ascii=False))
            continue
        click.echo(f"{line.status.upper():<5} {line.name:<16} {line.detail}")
        if line.fix:
            click.echo(f"{'':<22}→ {line.fix}")
    sys.exit(1 if any(line.status == "fail" for line in lines) else 0)
