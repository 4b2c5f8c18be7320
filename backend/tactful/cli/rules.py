"""`tactful rules check|list`: validate packs, run their examples, show what is loaded."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..tone.packs import BUILTIN_DIR, load_rules, rule_folders
from ..tone.selftest import check_examples


@click.group()
def rules():
    """Rule packs: validate them and run their examples, or list them.

    \b
    Examples:
      tactful rules check
      tactful rules check ./our-team-rules
      tactful rules list --lang pl --category urgency
    """


@rules.command("check")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path), required=False)
def check_cmd(folder):
    """Validate the packs in FOLDER (default: built-in plus TACTFUL_RULES) and run every example.

    Team packs are checked merged over the built-in ones, as the service loads them.

    \b
    Examples:
      tactful rules check
      tactful rules check ~/tactful-rules
    """
    folders = rule_folders() if folder is None else [BUILTIN_DIR, folder]
    ruleset = load_rules(*folders)
    failures = check_examples(ruleset) + check_examples(ruleset, kind="conflict")
    for failure in failures:
        click.echo(str(failure))
    examples = sum(len(r.examples["flag"]) + len(r.examples["pass"]) for r in ruleset.rules)
    click.echo(f"{len(ruleset.rules)} rules, {examples} examples, {len(failures)} failing")
    sys.exit(1 if failures else 0)


@rules.command("list")
@click.option("--lang", type=click.Choice(["es", "pl", "en"]), help="Only this language.")
@click.option("--category", help="Only this category (rude, urgency, …).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per rule.")
def list_cmd(lang, category, as_json):
    """List the active rules: id, severity and message.

    \b
    Examples:
      tactful rules list
      tactful rules list --lang es --category passive_aggressive
      tactful rules list --json | jq .id
    """
    for rule in load_rules(*rule_folders()).rules:
        if (lang and rule.lang != lang) or (category and rule.category != category):
            continue
        if as_json:
            click.echo(json.dumps({"id": rule.id, "kind": rule.kind, "category": rule.category,
                                   "severity": rule.severity, "message": rule.message, "source": rule.source},
                                  ensure_ascii=False))
        else:
            click.echo(f"{rule.id:<48} {rule.severity:<8} {rule.message}")
