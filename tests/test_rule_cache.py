"""The compiled-rules cache: used when a pack is unchanged, never stale when it changes, never a failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from tactful.errors import TactfulError
from tactful.tone import packcache, packcompile
from tactful.tone.engine import analyze
from tactful.tone.packs import BUILTIN_DIR, load_pack, load_rules

PACK = """lang: en
kind: tone
rules:
  - id: en.urgency.zebra-protocol
    category: urgency
    severity: warning
    phrases: ["zebra protocol"]
    message: A made-up rule for the cache test.
    suggestions: ["Could you look at this by Thursday?"]
    examples:
      flag: ["Please follow the zebra protocol today."]
      pass: ["Please review this by Thursday."]
"""


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return packcache.cache_dir()


@pytest.fixture
def compiles(monkeypatch) -> list[Path]:
    """Every pack actually compiled (not served from the cache)."""
    seen: list[Path] = []
    real = packcompile.compile_pack

    def counting(path, content):
        seen.append(path)
        return real(path, content)

    monkeypatch.setattr(packcompile, "compile_pack", counting)
    return seen


def _pack(folder: Path, text: str = PACK) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "team.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _flags(path: Path, text: str) -> bool:
    rules = load_rules(path.parent)
    return any(f.rule.startswith("en.urgency.zebra") for f in analyze(text, "en", ruleset=rules).findings)


def test_an_unchanged_pack_is_compiled_once(cache, compiles, tmp_path):
    path = _pack(tmp_path / "team")
    first, second = load_pack(path), load_pack(path)
    assert compiles == [path]
    assert [r.id for r in first[2]] == [r.id for r in second[2]] == ["en.urgency.zebra-protocol"]
    assert len(list(cache.glob("*.marshal"))) == 1


def test_an_edited_pack_is_compiled_again_and_never_served_stale(cache, compiles, tmp_path):
    path = _pack(tmp_path / "team")
    assert _flags(path, "Please follow the zebra protocol today.")
    _pack(tmp_path / "team", PACK.replace('phrases: ["zebra protocol"]', 'phrases: ["zebra procedure"]'))
    assert not _flags(path, "Please follow the zebra protocol today.")
    assert _flags(path, "Please follow the zebra procedure today.")
    assert compiles == [path, path]


def test_a_change_in_the_compiler_gives_a_new_key(monkeypatch, tmp_path):
    content = PACK.encode()
    before = packcache.key(tmp_path / "team.yaml", content)
    monkeypatch.setattr(packcache, "_fingerprint", lambda: b"another compiler")
    assert packcache.key(tmp_path / "team.yaml", content) != before


def test_a_corrupt_entry_is_recompiled(cache, compiles, tmp_path):
    path = _pack(tmp_path / "team")
    load_pack(path)
    for entry in cache.glob("*.marshal"):
        entry.write_bytes(b"\x00garbage")
    assert [r.id for r in load_pack(path)[2]] == ["en.urgency.zebra-protocol"]
    assert len(compiles) == 2


def test_an_unwritable_cache_just_means_compiling(tmp_path, monkeypatch, compiles):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    path = _pack(tmp_path / "team")
    assert _flags(path, "Please follow the zebra protocol today.")
    assert _flags(path, "Please follow the zebra protocol today.")
    assert len(compiles) == 2


def test_a_bad_pack_is_never_cached_and_fails_every_time(cache, tmp_path):
    path = _pack(tmp_path / "team", PACK.replace("severity: warning", "severity: loud"))
    for _ in range(2):
        with pytest.raises(TactfulError) as info:
            load_pack(path)
        assert "team.yaml:" in info.value.message and "severity" in info.value.message
    assert list(cache.glob("*.marshal")) == []


def test_cached_and_freshly_compiled_builtin_rules_find_the_same(cache, tmp_path):
    draft = "Como ya te dije, necesito esto URGENTE!!! Es evidente que no leíste nada."
    fresh = analyze(draft, "es", ruleset=load_rules(BUILTIN_DIR)).findings
    cached = analyze(draft, "es", ruleset=load_rules(BUILTIN_DIR)).findings
    assert fresh == cached and len(fresh) >= 3


def test_old_entries_are_pruned(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(packcache, "KEEP", 3)
    for n in range(5):
        load_pack(_pack(tmp_path / f"team{n}"))
    assert len(list(cache.glob("*.marshal"))) == 3
