"""`tactful check`: findings and the call suggestion for one draft, or a stream of requests with --jsonl."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager

import click

from ..analysis import analyze_request
from ..learned import scan as learned_scan
from ..config import Settings
from ..schemas import AnalyzeRequest, parse
from . import stream
from .render import report
from .textfile import read_text


class _Context:
    """The instance's token (signs invitation ids) and, opened only when a request names clients, its database."""

    def __init__(self):
        self.settings = Settings.from_env()
        self._db = None

    @contextmanager
    def session(self, request: AnalyzeRequest):
        if not (request.recipients or request.client_id or request.recipient_names):
            yield None
            return
        if self._db is None:
            from ..storage import open_database

            self._db = open_database(self.settings.database_url, self.settings.home)
        with self._db.reading() as session:
            yield session

    def analyze(self, data: dict) -> dict:
        request = parse(AnalyzeRequest, data)
        with self.session(request) as session:
            return analyze_request(request, session=session, key=self.settings.token())


@click.command()
@click.argument("source", type=click.File("rb"), default="-", required=False)
@click.option("--lang", type=click.Choice(["auto", "es", "pl", "en"]), default="auto", show_default=True,
              help="Language of the draft.")
@click.option("--formality", type=click.Choice(["formal", "informal"]), default=None,
              help="How you address this client (usted / Pan, Pani: formal).")
@click.option("--to", "recipients", multiple=True, metavar="ADDRESS",
              help="A recipient (repeatable): a known client's hours, channels and card apply.")
@click.option("--incoming", type=click.File("rb"), default=None,
              help="A file holding the client's last message (it feeds the call suggestion).")
@click.option("--messages", type=click.IntRange(0, 100_000), default=0, help="How many messages the thread has.")
@click.option("--json", "as_json", is_flag=True, help="Print the /v1/analyze response as JSON.")
@click.option("--jsonl", is_flag=True, help="Read one /v1/analyze request plus an \"id\" per line from "
              "standard input; write one response per line, in order, as each is ready.")
def check(source, lang, formality, recipients, incoming, messages, as_json, jsonl):
    """Show what reads badly to a client in a draft (FILE, or - for standard input), and
    whether a call would serve better than this e-mail, with an invitation and slots.

    Exit status: 0 when nothing was found, 1 when something was, 2 on bad input.

    \b
    Examples:
      tactful check draft.txt
      echo "Como ya te dije, el plazo era el lunes." | tactful check --lang es -
      tactful check --formality formal --json reply.txt
      tactful check --to ana@acme.es --incoming examples/client-message.txt --messages 9 examples/reply.txt
      printf '%s\\n' '{"id": 1, "text": "Per my last email..."}' | tactful check --jsonl
    """
    learned_scan.remember_scores()
    context = _Context()
    if jsonl:
        stream.run(source or sys.stdin.buffer, _answer(context))
        return
    text = read_text(source)
    data = {"text": text, "lang": lang, "formality": formality, "recipients": list(recipients)}
    if incoming is not None or messages:
        data["thread"] = {"incoming": read_text(incoming) if incoming is not None else "", "messages": messages}
    response = context.analyze(data)
    if as_json:
        click.echo(json.dumps(response, ensure_ascii=False, indent=2))
    else:
        name = getattr(source, "name", "<stdin>")
        name = "<stdin>" if name in ("-", "<stdin>") else name
        click.echo(report(name, text, response, colour=sys.stdout.isatty()))
    sys.exit(1 if response["findings"] or response["suggest_call"]["suggested"] else 0)


def _answer(context: _Context):
    """The answer to one --jsonl request: its "id" set aside, the rest an /v1/analyze request."""
    def answer(data: object) -> dict:
        if isinstance(data, dict):
            data = {k: v for k, v in data.items() if k != "id"}
        return context.analyze(data)
    return answer
