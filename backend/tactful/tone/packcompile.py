"""Read one rule pack (YAML), validate it against shared_rules/schema.json and compile it to plain data.

The result holds only strings, numbers, tuples, lists, dicts and frozensets (regex sources,
flags and anchor words, not compiled regexes), so packcache.py can store it and a later
start can skip this whole step. Every error names the file, the line, the rule id and the field.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import TactfulError
from . import markers
from .categories import CATEGORIES, CONFLICT_TOPICS
from .patterns import CLAUSE_BREAKS, compile_units, stays_in_clause
from .phrases import phrase_anchors, phrase_regex, phrases_regex

SCHEMA = Path(__file__).resolve().parents[1] / "shared_rules" / "schema.json"
# libyaml's parser when PyYAML was built with it: several times faster than the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=1)
def schema() -> dict:
    """The rule-pack JSON Schema."""
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def _line_of(node: yaml.Node, path: list) -> int:
    """1-based line of the YAML node at a JSON-Schema error path."""
    for key in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), node)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
    return node.start_mark.line + 1


def fail(path: Path, message: str, line: int | None = None, rule_id: str | None = None, fld: str | None = None):
    """Raise the one error a bad pack gives: file:line: rule id field 'x': what is wrong."""
    where = f"{path}:{line}" if line else str(path)
    who = f" rule {rule_id}" if rule_id else ""
    what = f" field '{fld}'" if fld else ""
    raise TactfulError("invalid_rule_pack", f"{where}:{who}{what}: {message}", field=fld, status=422)


def _read(path: Path, content: bytes) -> tuple[object, yaml.Node]:
    try:
        loader = _LOADER(content.decode("utf-8"))
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        fail(path, f"not valid YAML: {getattr(exc, 'problem', exc)}", mark.line + 1 if mark else None)
    except UnicodeDecodeError as exc:
        fail(path, f"cannot be read: not UTF-8 ({exc.reason} at byte {exc.start})")
    if node is None:
        fail(path, "the file is empty")
    return data, node


def _validate(path: Path, data: dict, node: yaml.Node) -> None:
    import jsonschema  # only when a pack is compiled, not on a cached start

    errors = sorted(jsonschema.Draft202012Validator(schema()).iter_errors(data), key=lambda e: list(e.path))
    if not errors:
        return
    err = jsonschema.exceptions.best_match(errors)
    loc = list(err.absolute_path)
    rule_id = None
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        rule = data["rules"][loc[1]]
        rule_id = rule.get("id") if isinstance(rule, dict) else None
        rule_id = rule_id or f"#{loc[1] + 1}"
    fld = ".".join(str(p) for p in loc[2:]) or (str(loc[-1]) if loc else None)
    fail(path, err.message, _line_of(node, loc), rule_id, fld)


def _check_names(path: Path, lang: str, kind: str, raw: dict, line: int) -> None:
    rid, category = raw["id"], raw["category"]
    if not rid.startswith(lang + "."):
        fail(path, f"id must start with the pack's language '{lang}.'", line, rid, "id")
    if rid.split(".")[1] != category:
        fail(path, f"id's middle part must be the category '{category}'", line, rid, "id")
    if kind == "tone" and category not in CATEGORIES:
        fail(path, f"unknown category '{category}'; one of {', '.join(CATEGORIES)}", line, rid, "category")
    if kind == "conflict" and category not in CONFLICT_TOPICS:
        fail(path, f"unknown conflict topic '{category}'; one of {', '.join(CONFLICT_TOPICS)}", line, rid,
             "category")


def _matchers(path: Path, raw: dict, line: int) -> dict:
    """Regex sources, flags, anchors and clause-narrowness of a rule's units, and its antipatterns."""
    rid = raw["id"]
    units, anchors, narrow = [], (), ()
    try:
        if "phrases" in raw:
            units = [(phrase_regex(p), 0) for p in raw["phrases"]]
            anchors = tuple(phrase_anchors(p) for p in raw["phrases"])
            # Parentheses in a phrase are its own syntax, not text it matches.
            narrow = tuple(not any(c in CLAUSE_BREAKS for c in p.replace("(", "").replace(")", ""))
                           for p in raw["phrases"])
        if "pattern" in raw:
            if re.compile(raw["pattern"]).fullmatch(""):
                fail(path, "matches the empty text", line, rid, "pattern")
            sensitive = raw.get("case_sensitive", False)
            compiled, anchors = compile_units(raw["pattern"], 0 if sensitive else re.IGNORECASE)
            units = [(u.pattern, u.flags) for u in compiled]
            narrow = tuple(stays_in_clause(u.pattern, u.flags) for u in compiled)
        for source, flags in units:
            re.compile(source, flags)  # a cached pack never meets a regex that does not compile
        anti = phrases_regex(raw["antipatterns"]) if raw.get("antipatterns") else None
        if anti is not None:
            re.compile(anti)
    except (re.error, ValueError) as exc:
        fail(path, f"does not compile: {exc}", line, rid, "pattern" if "pattern" in raw else "phrases")
    return {"units": tuple(units), "anchors": anchors, "narrow": narrow, "antipatterns": anti}


def _check_markers(path: Path, raw: dict, node: yaml.Node, at: list) -> None:
    """Flag examples' markers must be well formed; pass examples have nothing to mark."""
    for expected in ("flag", "pass"):
        for j, example in enumerate(raw["examples"][expected]):
            fld = f"examples.{expected}.{j}"
            line = _line_of(node, at + ["examples", expected, j])
            if expected == "pass" and (markers.OPEN in example or markers.CLOSE in example):
                fail(path, f"a pass example has nothing to mark: remove {markers.OPEN}…{markers.CLOSE}", line,
                     raw["id"], fld)
            try:
                markers.parse(example)
            except ValueError as exc:
                fail(path, str(exc), line, raw["id"], fld)


def _rewrite(path: Path, raw: dict, line: int) -> dict:
    """The rule's rewrites, each key a regex that must compile and use only groups it has."""
    rewrite = raw.get("rewrite", {})
    for key, value in rewrite.items():
        try:
            groups = re.compile(key).groups
        except re.error as exc:
            fail(path, f"does not compile: {key!r}: {exc}", line, raw["id"], "rewrite")
        for replacement in [value] if isinstance(value, str) else value:
            used = [int(g) for g in re.findall(r"\\(\d)", replacement)]
            if any(g == 0 or g > groups for g in used):
                fail(path, f"{replacement!r} refers to a group that {key!r} does not have", line, raw["id"],
                     "rewrite")
    return {key: value if isinstance(value, str) else tuple(value) for key, value in rewrite.items()}


def _rule_spec(path: Path, lang: str, kind: str, raw: dict, node: yaml.Node, at: list) -> dict:
    line = _line_of(node, at)
    _check_names(path, lang, kind, raw, line)
    _check_markers(path, raw, node, at)
    when = raw.get("when", {}).get("formality")
    return {
        "id": raw["id"], "lang": lang, "kind": kind, "category": raw["category"], "severity": raw["severity"],
        "message": raw["message"], "suggestions": tuple(raw.get("suggestions", [])),
        "advice": tuple(raw.get("advice", [])), "fix": raw.get("fix"), "rewrite": _rewrite(path, raw, line),
        "examples": raw["examples"],
        "source": f"{path}:{line}",
        "formality": (tuple([when]) if isinstance(when, str) else tuple(when)) if when else None,
        "weight": float(raw.get("weight", 1.0)), "on_folded": not raw.get("case_sensitive", False),
        "check": raw.get("check"), "params": raw.get("params", {}),
        **_matchers(path, raw, line),
    }


def compile_pack(path: Path, content: bytes) -> dict:
    """A pack's language, kind, rule specs and disabled ids, from its file's bytes."""
    data, node = _read(path, content)
    if not isinstance(data, dict):
        fail(path, "a rule pack must be a mapping with lang, kind and rules", 1)
    _validate(path, data, node)
    lang, kind = data["lang"], data["kind"]
    rules, disabled, seen = [], [], set()
    for i, raw in enumerate(data["rules"]):
        line = _line_of(node, ["rules", i])
        if raw["id"] in seen:
            fail(path, "duplicate id in this pack", line, raw["id"], "id")
        seen.add(raw["id"])
        if raw.get("disabled"):
            disabled.append(raw["id"])
        else:
            rules.append(_rule_spec(path, lang, kind, raw, node, ["rules", i]))
    return {"lang": lang, "kind": kind, "rules": rules, "disabled": disabled}
