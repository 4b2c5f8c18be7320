"""`tactful eval`: precision and recall on labelled drafts, and the drafts it got wrong."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..evaluation import CALL, mistakes, read_rows, run, score


def _pct(value) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def _table(report: dict) -> str:
    lines = ["lang  drafts  recall  precision  ok-flagged  call:calm-conflicts  call:polite"]
    for lang, r in report.items():
        calm, polite = r["call_on_calm_conflicts"], r["call_on_polite"]
        lines.append(f"{lang:<5} {r['drafts']:>6}  {_pct(r['recall']):>6}  {_pct(r['precision']):>9}  "
                     f"{_pct(r['ok_flagged']):>10}  {_pct(calm['share']):>10} of {calm['drafts']:<5}  "
                     f"{_pct(polite['share'])} of {polite['drafts']}")
    lines += ["", "lang  category            labelled  recall  precision"]
    for lang, r in report.items():
        for cat, c in [*r["categories"].items(), (CALL, r[CALL])]:
            if c["labelled"] or c["flagged"] or cat == CALL:
                lines.append(f"{lang:<5} {cat:<19} {c['labelled']:>8}  {_pct(c['recall']):>6}  "
                             f"{_pct(c['precision']):>9}")
    return "\n".join(lines)


@click.command("eval")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores and mistakes as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="Scores only, without the drafts it got wrong.")
def eval_cmd(path, as_json, quiet):
    """Score the tone rules and the call suggestion on labelled drafts or threads.

    PATH holds JSON lines, either drafts (id, lang, text, labels — `suggest_call` may be
    one of the labels, or a `call` field says recommend, no or either) or threads (id, lang,
    incoming, draft, messages_in_thread, suggest_call or call, and optionally labels).
    Prints per-language recall and precision (a draft counts as flagged when it has a
    warning or an error), the share of `ok` drafts flagged, how often a call is recommended
    for calm conflicts and for polite drafts, per-category scores with `suggest_call` scored
    like a category, and every row the engine got wrong (--quiet leaves those out: use it on
    held-out data, which nobody should read while tuning).

    \b
    Examples:
      tactful eval ../shared/eval/dev_drafts.jsonl
      tactful eval ../shared/eval/threads.jsonl
      tactful eval --quiet eval/heldout/es/drafts.jsonl
      tactful eval --json labelled.jsonl | jq '.scores.es.suggest_call'
    """
    rows = run(read_rows(path))
    report, wrong = score(rows), mistakes(rows)
    if as_json:
        click.echo(json.dumps({"scores": report, "mistakes": wrong}, ensure_ascii=False, indent=2))
        return
    click.echo(_table(report))
    if not quiet and wrong:
        click.echo(f"\n{len(wrong)} drafts differ from their labels:")
        for w in wrong:
            click.echo(f"- {w['id']}: missed {w['missed'] or '-'}, extra {w['extra'] or '-'}: "
                       f"{w['text'][:140]!r}")
            for f in w["findings"]:
                click.echo(f"    {f}")
