"""`tactful model train` reproduces the shipped heads from the shipped corpus; `tactful model eval` measures."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest
from click.testing import CliRunner

from tactful.cli import main
from tactful.learned.corpus import FOLDER
from tactful.learned import scan
from tactful.learned.head import FOLDER as HEADS, Head

PROBES = ["Thanks for the files, they look great.", "If you knew the first thing about design you would not ask.",
          "Gracias por los archivos, están perfectos.", "Si supieras lo más básico no me lo preguntarías.",
          "Dziękuję za pliki, wyglądają świetnie.", "Gdyby miał Pan choć podstawową wiedzę, nie pytałby Pan."]


@pytest.fixture(scope="module")
def retrained(tmp_path_factory):
    out = tmp_path_factory.mktemp("heads")
    result = CliRunner().invoke(main, ["model", "train", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("lang", ["es", "pl", "en"])
def test_retraining_reproduces_the_shipped_head(retrained, lang):
    shipped, again = Head.load(HEADS / f"{lang}.npz"), Head.load(retrained / f"{lang}.npz")
    assert shipped.thresholds.keys() == again.thresholds.keys()
    assert all(abs(shipped.thresholds[k] - again.thresholds[k]) < 0.01 for k in shipped.thresholds)
    assert float(np.abs(shipped.dense - again.dense).max()) < 0.02
    assert float(np.abs(shipped.sparse - again.sparse).max()) < 0.02
    from tactful.learned.encoder import embed

    vectors = embed(PROBES)
    assert np.allclose(shipped.scores(vectors, PROBES), again.scores(vectors, PROBES), atol=0.01)


def test_train_names_a_missing_corpus(tmp_path):
    result = CliRunner().invoke(main, ["model", "train", "--corpus", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "no corpus folder" in result.output


def test_the_shipped_corpus_is_well_formed_and_big_enough():
    from tactful.learned.corpus import read_drafts, read_folder

    sentences, drafts = read_folder(FOLDER), read_drafts(FOLDER)
    for lang in ("es", "pl", "en"):
        mine = [s for s in sentences if s.lang == lang]
        assert len(mine) >= 7000 and len({s.label for s in mine}) == 8
        assert sum(d.lang == lang for d in drafts) >= 600


def test_model_eval_prints_scores_per_language_and_category_never_a_draft(tmp_path, monkeypatch):
    monkeypatch.setattr(scan, "_default", None)  # --heads replaces the process's scorer: restored afterwards
    path = tmp_path / "labelled.jsonl"
    rows = [{"id": "1", "lang": "en", "text": "Hi Tom,\nIf you knew the first thing about SEO you would not ask.",
             "labels": ["rude"]},
            {"id": "2", "lang": "en", "text": "Hi Tom,\nThe invoice is attached. Thank you!", "labels": ["ok"]}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    heads = tmp_path / "heads"
    shipped = Head.load(HEADS / "en.npz")  # flagging rudeness from 0.5: the shipped threshold follows calibration
    heads.mkdir()
    replace(shipped, thresholds={**shipped.thresholds, "rude": 0.5}).save(heads / "en.npz")
    result = CliRunner().invoke(main, ["model", "eval", "--json", "--heads", str(heads), str(path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["en"]
    assert report["categories"]["rude"] == {"labelled": 1, "recall_rules": 0.0, "recall_learned": 1.0,
                                            "recall_both": 1.0, "precision_both": 1.0}
    assert report["ok_flagged"] == {"rules": 0.0, "learned": 0.0, "both": 0.0}
    table = CliRunner().invoke(main, ["model", "eval", "--heads", str(heads), str(path)]).output
    assert "rude" in table and "SEO" not in table and "invoice" not in table
