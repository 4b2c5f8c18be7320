"""`tactful check`: findings and the call suggestion for one draft, or a stream of requests with --jsonl."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager

import click

from ..analysis import analyze_request
from ..learned import scan as learned_scan
from ..config import Settings
from ..errors import TactfulError
from ..schemas import AnalyzeRequest, parse
from .render import report


class _Context:
    """The instance's token (signs invitation ids) and, opened only when a request names clients, its database."""

    def __init__(self):
        self.settings = Settings.from_env()
        self._db = None

    @contextmanager
    def session(self, request: AnalyzeRequest):
        if not (request.recipients or request.client_id):
            yield None
            return
        if self._db is None:
            from ..storage import open_database

            self._db = open_database(self.settings.database_url, self.settings.home)
        with self._db.session() as session:
            yield session

    def analyze(self, data: dict) -> dict:
        request = parse(AnalyzeRequest, data)
        with self.session(request) as session:
            return analyze_request(request, session=session, key=self.settings.token())


@click.command()
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-", required=False)
@click.option("--lang", type=click.Choice(["auto", "es", "pl", "en"]), default="auto", show_default=True,
              help="Language of the draft.")
@click.option("--formality", type=click.Choice(["formal", "informal"]), default=None,
              help="How you address this client (usted / Pan, Pani: formal).")
@click.option("--to", "recipients", multiple=True, metavar="ADDRESS",
              help="A recipient (repeatable): a known client's hours, channels and card apply.")
@click.option("--incoming", type=click.File("r", encoding="utf-8"), default=None,
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
        _stream(context, sys.stdin if source is None or source.name == "<stdin>" else source)
        return
    text = source.read()
    data = {"text": text, "lang": lang, "formality": formality, "recipients": list(recipients)}
    if incoming is not None or messages:
        data["thread"] = {"incoming": incoming.read() if incoming is not None else "", "messages": messages}
    response = context.analyze(data)
    if as_json:
        click.echo(json.dumps(response, ensure_ascii=False, indent=2))
    else:
        name = "<stdin>" if source.name == "<stdin>" else source.name
        click.echo(report(name, text, response, colour=sys.stdout.isatty()))
    sys.exit(1 if response["findings"] or response["suggest_call"]["suggested"] else 0)


def _stream(context: _Context, lines) -> None:
    """One response line per request line; a bad line gets an error object and the stream goes on."""
    for line in lines:
        if not line.strip():
            continue
        out = _one(context, line)
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()


def _one(context: _Context, line: str) -> dict:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": TactfulError("malformed_json", f"not valid JSON: {exc.msg}").to_dict()["error"]}
    ident = data.pop("id", None) if isinstance(data, dict) else None
    try:
        return {"id": ident, **context.analyze(data)}
    except TactfulError as err:
        return {"id": ident, "error": err.to_dict()["error"]}
