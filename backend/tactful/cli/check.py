"""`tactful check`: findings for one draft, or a stream of requests with --jsonl."""

from __future__ import annotations

import json
import sys

import click

from ..analysis import analyze_request
from ..errors import TactfulError
from ..schemas import AnalyzeRequest, parse
from .render import report


@click.command()
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-", required=False)
@click.option("--lang", type=click.Choice(["auto", "es", "pl", "en"]), default="auto", show_default=True,
              help="Language of the draft.")
@click.option("--formality", type=click.Choice(["formal", "informal"]), default=None,
              help="How you address this client (usted / Pan, Pani: formal).")
@click.option("--json", "as_json", is_flag=True, help="Print the /v1/analyze response as JSON.")
@click.option("--jsonl", is_flag=True, help="Read one /v1/analyze request plus an \"id\" per line from "
              "standard input; write one response per line, in order, as each is ready.")
def check(source, lang, formality, as_json, jsonl):
    """Show what reads badly to a client in a draft (FILE, or - for standard input).

    Exit status: 0 when nothing was found, 1 when something was, 2 on bad input.

    \b
    Examples:
      tactful check draft.txt
      echo "Como ya te dije, el plazo era el lunes." | tactful check --lang es -
      tactful check --formality formal --json reply.txt
      printf '%s\\n' '{"id": 1, "text": "Per my last email..."}' | tactful check --jsonl
    """
    if jsonl:
        _stream(sys.stdin if source is None or source.name == "<stdin>" else source)
        return
    text = source.read()
    response = analyze_request(parse(AnalyzeRequest, {"text": text, "lang": lang, "formality": formality}))
    if as_json:
        click.echo(json.dumps(response, ensure_ascii=False, indent=2))
    else:
        name = "<stdin>" if source.name == "<stdin>" else source.name
        click.echo(report(name, text, response, colour=sys.stdout.isatty()))
    sys.exit(1 if response["findings"] else 0)


def _stream(lines) -> None:
    """One response line per request line; a bad line gets an error object and the stream goes on."""
    for line in lines:
        if not line.strip():
            continue
        out = _one(line)
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()


def _one(line: str) -> dict:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": TactfulError("malformed_json", f"not valid JSON: {exc.msg}").to_dict()["error"]}
    ident = data.pop("id", None) if isinstance(data, dict) else None
    try:
        return {"id": ident, **analyze_request(parse(AnalyzeRequest, data))}
    except TactfulError as err:
        return {"id": ident, "error": err.to_dict()["error"]}
