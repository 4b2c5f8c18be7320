"""`tactful serve` and `tactful token`."""

from __future__ import annotations

import logging

import click

from ..config import Settings


@click.command()
@click.option("--host", default=None, help="Address to bind (default TACTFUL_HOST or 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default TACTFUL_PORT or 8722).")
@click.option("--threads", type=int, default=8, show_default=True, help="Worker threads.")
def serve(host, port, threads):
    """Run the local service (its main job), with embedded defaults: no database or mail server to set up.

    \b
    Examples:
      tactful serve
      TACTFUL_HOME=~/tactful-test TACTFUL_PORT=9000 tactful serve
      tactful serve --host 127.0.0.1 --port 8722 --threads 4
    """
    import waitress

    from ..api import create_app

    settings = Settings.from_env()
    app = create_app(settings)
    host = host or settings.host
    port = port or settings.port
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    from ..reminders import ReminderJobs
    from ..tone.engine import warm

    warm(app.extensions["tactful.rules"])
    jobs = ReminderJobs(app.extensions["tactful.db"])
    jobs.start()  # the only scheduler: web workers built with create_app() never run jobs
    app.extensions["tactful.reminder_jobs"] = jobs
    click.echo(f"Tactful listening on http://{host}:{port} (home: {settings.home})", err=True)
    click.echo("Token for the extension's options page: run `tactful token`", err=True)
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="tactful", _quiet=True)
    finally:
        jobs.stop()


@click.command()
def token():
    """Print the token the extension (or curl) sends as `Authorization: Bearer <token>`.

    It is created on first use in TACTFUL_HOME; TACTFUL_TOKEN overrides it.

    \b
    Examples:
      tactful token
      curl -H "Authorization: Bearer $(tactful token)" http://127.0.0.1:8722/v1/health
    """
    click.echo(Settings.from_env().token())
