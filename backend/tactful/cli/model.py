"""`tactful model train|eval`: build the learned pass's heads from the project's corpus, and measure them."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from ..errors import TactfulError

LANGS = ("es", "pl", "en")


@click.group()
def model():
    """The learned pass: train its heads from the project's own corpus, and measure them.

    \b
    Examples:
      tactful model train
      tactful model eval eval/heldout/es/drafts.jsonl
    """


@model.command("train")
@click.option("--corpus", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of <lang>/<label>.jsonl sentences (default: the corpus shipped with Tactful).")
@click.option("--calibration", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of <lang>/drafts.jsonl labelled drafts the thresholds are set on (default: the "
              "calibration drafts shipped with Tactful).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write <lang>.npz (default: the heads the service loads).")
@click.option("--lang", "langs", multiple=True, type=click.Choice(LANGS), help="Only these languages.")
def train_cmd(folder, calibration, out, langs):
    """Train one head per language from the corpus plus every tone rule's examples.

    Deterministic: the same corpus, calibration drafts, rule packs and code give the same heads.
    The thresholds are set on the calibration drafts, written blind by other people and never
    trained on.

    \b
    Examples:
      tactful model train
      tactful model train --lang pl --out /tmp/heads
    """
    from ..learned import corpus, head, train
    from ..tone.packs import default_rules

    folder = folder or corpus.FOLDER
    if not folder.is_dir():
        raise TactfulError("invalid_corpus", f"{folder}: no corpus folder there", field="--corpus")
    calibration = calibration or corpus.CALIBRATION
    if not calibration.is_dir():
        raise TactfulError("invalid_corpus", f"{calibration}: no calibration folder there", field="--calibration")
    out = out or head.FOLDER
    out.mkdir(parents=True, exist_ok=True)
    for lang in langs or LANGS:
        started = time.monotonic()
        trained = train.train_language(lang, folder, default_rules(), calibration_folder=calibration)
        trained.save(out / f"{lang}.npz")
        shown = ", ".join(f"{k} {v:.3f}" for k, v in trained.thresholds.items())
        click.echo(f"{lang}: {out / f'{lang}.npz'} in {time.monotonic() - started:.1f} s; thresholds {shown}")


@model.command("eval")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--heads", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Score with the heads in this folder (e.g. `model train --out`'s) instead of the shipped ones.")
def eval_cmd(paths, as_json, heads):
    """What the rules, the learned pass and both together find in labelled drafts, per language and category.

    PATHS are drafts or threads files in `tactful eval`'s formats. Only scores are printed, never
    a draft, so it is safe to run on held-out data.

    \b
    Examples:
      tactful model eval eval/heldout/es/drafts.jsonl eval/heldout/pl/drafts.jsonl
      tactful model eval --json ../shared/eval/dev_drafts.jsonl
      tactful model train --out /tmp/heads && tactful model eval --heads /tmp/heads labelled.jsonl
    """
    from ..learned import scan
    from ..learned.measure import measure, table

    if heads is not None:
        scan.use_heads(heads)
    if not paths:
        raise TactfulError("missing_field", "give at least one labelled drafts file", field="paths")
    report = measure([p for p in paths])
    click.echo(json.dumps(report, indent=2) if as_json else table(report))
    sys.exit(0)
