"""`tactful serve`, `tactful worker` and `tactful token`."""

from __future__ import annotations

import logging
import signal
import threading

import click

from ..config import Settings


def _logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    # APScheduler logs every wake-up at INFO, and a poll skipped during a long run at WARNING.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)


def start_sending(services, blocking: bool):
    """Take the scheduler lock and start delivering (services.dispatcher); the lock, which another process may
    hold (then, not blocking, this one serves requests but does not send)."""
    from ..outbox.runner import Dispatcher, SchedulerLock

    lock = SchedulerLock(services.db, services.settings.home)
    if not lock.acquire(blocking=blocking):
        logging.getLogger("tactful").warning("another scheduler (tactful worker) holds the lock: this process "
                                             "serves requests but does not send")
        return lock
    services.dispatcher = Dispatcher(services.db, services.transports, services.settings.retention_days)
    services.dispatcher.start()
    return lock


def _warm_up(ruleset) -> None:
    """The rules' regexes and lexicons, then the learned pass's encoder and heads, before the first draft."""
    from ..learned.scan import default_scorer
    from ..tone.engine import warm

    warm(ruleset)
    default_scorer().warm()


def _require_demo_pages() -> None:
    """Stop before starting anything when --demo is given but this install has no demo pages folder."""
    from ..api.demo import require_pages
    from ..errors import TactfulError

    try:
        require_pages()
    except TactfulError as err:
        raise click.UsageError(err.message) from None


@click.command()
@click.option("--host", default=None, help="Address to bind (default TACTFUL_HOST or 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default TACTFUL_PORT or 8722).")
@click.option("--threads", type=int, default=8, show_default=True, help="Worker threads.")
@click.option("--demo", is_flag=True, help="Also serve pages that reproduce Gmail's and Outlook's compose windows "
              "at /demo/, to try the extension without a real mailbox.")
def serve(host, port, threads, demo):
    """Run the local service (its main job), with embedded defaults: no database or mail server to set up.

    It answers the extension, delivers scheduled messages at their instant (by SMTP when
    TACTFUL_SMTP_URL is set; those that ask for the file outbox as .eml files in
    TACTFUL_HOME/outbox) and records report reminders when they fall due.

    \b
    Examples:
      tactful serve
      TACTFUL_HOME=~/tactful-test TACTFUL_PORT=9000 tactful serve
      TACTFUL_SMTP_URL=smtp://me%40example.com@smtp.example.com:587 tactful serve
      tactful serve --demo               # then open http://127.0.0.1:8722/demo/
    """
    import waitress

    from ..api import create_app
    from ..api.state import Services
    from ..clients.reminders import ReminderJobs

    settings = Settings.from_env()
    if demo:
        _require_demo_pages()
    services = Services.build(settings)
    host, port = host or settings.host, port or settings.port
    _logging()
    # Answer at once; requests that arrive during the warm-up compile and load what they need themselves.
    threading.Thread(target=_warm_up, args=(services.rules,), name="tactful-warm", daemon=True).start()
    lock = start_sending(services, blocking=False)
    services.reminder_jobs = ReminderJobs(services.db)
    services.reminder_jobs.start()  # web workers built with create_app() (gunicorn) never run jobs
    app = create_app(demo=demo, services=services)
    click.echo(f"Tactful listening on http://{host}:{port} (home: {settings.home})", err=True)
    click.echo("Token for the extension's options page: run `tactful token`", err=True)
    if demo:
        click.echo(f"Demo pages (not the real Gmail/Outlook): http://{host}:{port}/demo/", err=True)
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="tactful", _quiet=True)
    finally:
        services.reminder_jobs.stop()
        if services.dispatcher is not None:
            services.dispatcher.stop()
        lock.release()


@click.command()
def worker():
    """Deliver scheduled messages (and nothing else), for a deployment whose web workers must not.

    Only one scheduler ever sends: a second worker waits on a lock (a PostgreSQL advisory
    lock, or a lock file next to a SQLite database) as a hot standby and takes over when
    the first one stops.

    \b
    Examples:
      TACTFUL_DATABASE_URL=postgresql://tactful@db/tactful tactful worker
      tactful worker &   # beside gunicorn -w 4 'tactful.api:create_app()'
    """
    from ..api.state import Services

    services = Services.build()
    _logging()
    logging.getLogger("tactful").info("waiting for the scheduler lock")
    lock = start_sending(services, blocking=True)
    logging.getLogger("tactful").info("holding the scheduler lock: delivering")
    stopped = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stopped.set())
    stopped.wait()
    services.dispatcher.stop()
    lock.release()


@click.command()
@click.option("--create", is_flag=True, help="Create a token in TACTFUL_HOME when it has none yet.")
def token(create):
    """Print the token the extension (or curl) sends as `Authorization: Bearer <token>`.

    It is the token of the instance folder TACTFUL_HOME (named on standard error), created when
    the service first starts there; TACTFUL_TOKEN overrides it. A folder with no token yet is an
    error rather than a silent new token, which a service started elsewhere would not accept.

    \b
    Examples:
      tactful token
      curl -H "Authorization: Bearer $(tactful token)" http://127.0.0.1:8722/v1/me
      TACTFUL_HOME=~/tactful-test tactful token --create
    """
    from ..errors import TactfulError

    settings = Settings.from_env()
    if settings.token_override:
        click.echo("tactful: the token is TACTFUL_TOKEN's (from the environment)", err=True)
    elif not settings.token_path.exists() and not create:
        raise TactfulError("no_token", f"no token in {settings.home} yet: no service has started with this "
                           "TACTFUL_HOME. Start one there (tactful serve), check TACTFUL_HOME, or create a token "
                           "with `tactful token --create`")
    else:
        click.echo(f"tactful: token of {settings.token_path}", err=True)
    click.echo(settings.token())
