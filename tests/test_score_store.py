"""Sentence scores kept on disk between runs: reused, never stale, never the text, never in the way."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import numpy as np
import pytest

from tactful.learned import scan
from tactful.learned.head import FOLDER, Head
from tactful.learned.scorestore import ScoreStore

TEXTS = ["Thanks for the files, they arrived this morning.", "If you knew the first thing about SEO you would not ask.",
         "Lone \ud800 surrogate in a pasted sentence."]


class _NoEncoder:
    def get(self, texts):
        raise AssertionError(f"the encoder was asked for {len(texts)} sentences")


def test_a_later_run_reuses_the_scores_without_the_encoder(tmp_path):
    first = scan.Scorer(store=ScoreStore(tmp_path / "scores.sqlite")).score("en", TEXTS)
    later = scan.Scorer(store=ScoreStore(tmp_path / "scores.sqlite"))
    later._embeddings = _NoEncoder()
    again = later.score("en", TEXTS)
    assert all(np.allclose(a, b, atol=1e-6) for a, b in zip(first, again))


def test_a_retrained_head_is_never_served_old_scores(tmp_path):
    scan.Scorer(store=ScoreStore(tmp_path / "scores.sqlite")).score("en", TEXTS[:1])
    shipped = Head.load(FOLDER / "en.npz")
    heads = tmp_path / "heads"
    heads.mkdir()
    replace(shipped, bias=shipped.bias + 1.0).save(heads / "en.npz")
    retrained = scan.Scorer(heads, store=ScoreStore(tmp_path / "scores.sqlite"))
    retrained._embeddings = _NoEncoder()
    with pytest.raises(AssertionError, match="encoder was asked for 1"):
        retrained.score("en", TEXTS[:1])


def test_the_store_holds_no_text_and_only_its_owner_reads_it(tmp_path):
    scan.Scorer(store=ScoreStore(tmp_path / "scores.sqlite")).score("en", TEXTS[:2])
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert b"SEO" not in raw and b"files" not in raw
    assert (tmp_path / "scores.sqlite").stat().st_mode & 0o077 == 0
    assert (tmp_path / "scores.salt").stat().st_mode & 0o077 == 0
    with sqlite3.connect(tmp_path / "scores.sqlite") as connection:
        assert connection.execute("SELECT count(*) FROM scores").fetchone() == (2,)


@pytest.mark.parametrize("damage", ["folder_is_a_file", "garbage_database", "short_salt"])
def test_a_store_that_cannot_be_used_only_costs_time(tmp_path, damage):
    path = tmp_path / "cache" / "scores.sqlite"
    if damage == "folder_is_a_file":
        (tmp_path / "cache").write_text("not a folder")
    else:
        path.parent.mkdir()
        path.write_bytes(b"not sqlite at all" * 100) if damage == "garbage_database" else (
            path.parent / "scores.salt").write_bytes(b"short")
    plain = scan.Scorer().score("en", TEXTS)
    stored = scan.Scorer(store=ScoreStore(path)).score("en", TEXTS)
    assert all(np.allclose(a, b, atol=1e-6) for a, b in zip(plain, stored))
