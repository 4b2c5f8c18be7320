"""The training corpus: the project's own labelled sentences plus every rule's own examples.

`training/<lang>/<label>.jsonl` (one `{"text", "label"}` per line) holds sentences written
for Tactful in the voices of real senders. The rule packs add their examples: a `flag`
example of a rude, sarcastic or passive-aggressive rule is a sentence of that class, every
`pass` example a neutral one. Nothing from ../shared/eval or eval/heldout is ever read here.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import TactfulError
from ..tone.packs import RuleSet

# What the head tells apart. The first three are fine to send; calm_conflict and
# routine_boundary feed the call's strength, the last five are tone problems.
CLASSES = ("neutral", "routine_boundary", "calm_conflict", "rude", "sarcastic", "passive_aggressive",
           "emotional", "urgency")
FLAGGED = ("rude", "sarcastic", "passive_aggressive", "emotional", "urgency")
_MARKER = re.compile(r"</?marker>")
FOLDER = Path(__file__).resolve().parent / "training"
CALIBRATION = Path(__file__).resolve().parent / "calibration"
DRAFTS = "drafts*.jsonl"  # marked training drafts; every other .jsonl holds labelled sentences


@dataclass(frozen=True)
class Sentence:
    """One training sentence; `draft` names the training draft it was cut from, if any."""

    text: str
    label: str
    lang: str
    source: str
    draft: str | None = None

    @property
    def fold(self) -> int:
        """A stable split number 0–9 (of the draft, for sentences cut from one), so the split never moves."""
        return zlib.crc32((self.draft or self.text).encode("utf-8")) % 10


@dataclass(frozen=True)
class Draft:
    """A labelled training draft: its labelled sentences, every sentence the pass would score, its call label."""

    id: str
    lang: str
    ok: bool
    call: str
    sentences: tuple[Sentence, ...]
    texts: tuple[str, ...] = ()
    rules_flag: bool = False  # calibration drafts: whether the rules alone already flag it
    polite: bool = False  # calibration: a short polite text of any genre (<lang>/polite.jsonl), not an e-mail

    @property
    def fold(self) -> int:
        return zlib.crc32(self.id.encode("utf-8")) % 10


def read_folder(folder: Path) -> list[Sentence]:
    """Every sentence of a corpus folder (<lang>/<label>.jsonl); a bad line is named by file and line."""
    found = []
    for path in sorted(p for p in folder.glob("*/*.jsonl") if not p.match(DRAFTS)):
        lang = path.parent.name
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                text, label = data["text"], data["label"]
            except (json.JSONDecodeError, KeyError, TypeError):
                raise TactfulError("invalid_corpus", f"{path}:{number}: expected {{\"text\", \"label\"}}") from None
            if label not in CLASSES:
                raise TactfulError("invalid_corpus", f"{path}:{number}: unknown label {label!r}")
            found.append(Sentence(text.strip(), label, lang, f"{path.name}:{number}"))
    return found


def _draft(data: dict, where: str) -> Draft:
    """Cut a marked draft into the sentences the learned pass scores, labelled by the markers.

    A sentence that overlaps a marked span takes the draft's tone label; every sentence of an
    `ok` draft is neutral, except in a calm conflict (it is the call's training, not tone's);
    the unmarked sentences of a draft with a tone problem are left out (they are context).
    """
    from ..tone.segments import split
    from .units import units

    marked, spans, position = data["text"], [], 0
    plain = []
    for piece in re.split(r"(</?marker>)", marked):
        if piece == "<marker>":
            spans.append([position, None])
        elif piece == "</marker>":
            spans[-1][1] = position
        else:
            plain.append(piece)
            position += len(piece)
    text = "".join(plain)
    labels = [label for label in data["labels"] if label in FLAGGED]
    ok = data["labels"] == ["ok"]
    call = data.get("call", "no")
    parts = split(text)
    sentences, texts = [], []
    for start, end, unit in units(parts.masked, parts.quotations):
        texts.append(unit)
        hit = any(s < end and start < e for s, e in spans if e is not None)
        if ok and call != "recommend":
            label = "neutral"
        elif hit and labels:
            label = labels[0]
        else:
            continue
        sentences.append(Sentence(unit, label, data["lang"], where, data["id"]))
    return Draft(data["id"], data["lang"], ok, call, tuple(sentences), tuple(texts))


def read_drafts(folder: Path) -> list[Draft]:
    """Every marked training draft (<lang>/drafts*.jsonl) of a corpus folder."""
    found = []
    for path in sorted(folder.glob(f"*/{DRAFTS}")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    found.append(_draft(json.loads(line), f"{path.name}:{number}"))
                except (json.JSONDecodeError, KeyError, TypeError, IndexError):
                    raise TactfulError("invalid_corpus", f"{path}:{number}: expected a marked draft "
                                       "{\"id\", \"lang\", \"text\", \"labels\", \"call\"}") from None
    return found


def from_rules(ruleset: RuleSet) -> list[Sentence]:
    """The tone rules' examples: flag examples of the learned classes, and pass examples as neutral."""
    found = []
    for rule in ruleset.rules:
        if rule.kind != "tone":
            continue
        for text in rule.examples.get("pass", ()):
            found.append(Sentence(_MARKER.sub("", text), "neutral", rule.lang, rule.id))
        if rule.category in FLAGGED:
            for text in rule.examples.get("flag", ()):
                found.append(Sentence(_MARKER.sub("", text), rule.category, rule.lang, rule.id))
    return found


def dedupe(sentences: list[Sentence]) -> list[Sentence]:
    """One sentence per (language, text): the first label wins."""
    seen, kept = set(), []
    for sentence in sentences:
        key = (sentence.lang, sentence.text.casefold())
        if key not in seen:
            seen.add(key)
            kept.append(sentence)
    return kept


def read_labelled_drafts(folder: Path) -> list[Draft]:
    """Drafts labelled as a whole, for calibration: <lang>/drafts.jsonl in eval format (text, labels,
    call) and <lang>/polite.jsonl (id, lang, text: polite texts of other genres, all fine).

    No sentence is labelled, so none is for training: each Draft only carries every sentence the
    pass would score (`texts`), whether it is fine (`ok`), its call label, and whether the rule
    packs alone already flag it (`rules_flag`).
    """
    found = []
    for path in sorted([*folder.glob("*/drafts.jsonl"), *folder.glob("*/polite.jsonl")]):
        polite = path.name == "polite.jsonl"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                found.append(_calibration_draft(json.loads(line), polite))
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
                shape = '{"id", "lang", "text"}' if polite else '{"id", "lang", "text", "labels", "call"}'
                raise TactfulError("invalid_corpus", f"{path}:{number}: expected a labelled draft {shape}") from None
    return found


def _calibration_draft(data: dict, polite: bool) -> Draft:
    """One calibration draft: the sentences the pass would score, and whether the rules flag it already."""
    from ..tone.engine import analyze
    from .units import units

    tone = analyze(data["text"])
    texts = tuple(unit for _s, _e, unit in units(tone.parts.masked, tone.parts.quotations))
    flagged = any(f.severity in ("warning", "error") for f in tone.findings)
    ok = True if polite else data["labels"] == ["ok"]
    return Draft(data["id"], data["lang"], ok, "no" if polite else data.get("call", "no"), (), texts, flagged,
                 polite)
