"""LanguageTool-style marked examples: `<marker>…</marker>` around the words a rule must find."""

from __future__ import annotations

OPEN, CLOSE = "<marker>", "</marker>"

Span = tuple[int, int]


def parse(example: str) -> tuple[str, tuple[Span, ...]]:
    """The example without its markers, and each marked span as code-point offsets into that text.

    Raises ValueError naming the problem for a marker left open, closed twice, nested or empty.
    """
    text, spans, start, pos = [], [], None, 0
    length = 0
    while True:
        nxt = min((i for i in (example.find(OPEN, pos), example.find(CLOSE, pos)) if i != -1), default=-1)
        if nxt == -1:
            break
        text.append(example[pos:nxt])
        length += nxt - pos
        if example.startswith(OPEN, nxt):
            if start is not None:
                raise ValueError(f"{OPEN} inside another {OPEN} (at character {nxt + 1})")
            start, pos = length, nxt + len(OPEN)
        else:
            if start is None:
                raise ValueError(f"{CLOSE} without an {OPEN} before it (at character {nxt + 1})")
            if length == start:
                raise ValueError(f"an empty {OPEN}{CLOSE} (at character {nxt + 1}); mark the words")
            spans.append((start, length))
            start, pos = None, nxt + len(CLOSE)
    if start is not None:
        raise ValueError(f"{OPEN} never closed with {CLOSE}")
    text.append(example[pos:])
    return "".join(text), tuple(spans)


def strip(example: str) -> str:
    """The example as a draft, without its markers."""
    return example.replace(OPEN, "").replace(CLOSE, "")


def mark(text: str, spans: list[Span] | tuple[Span, ...]) -> str:
    """Text with each (non-overlapping) span put between markers: parse's inverse."""
    out, pos = [], 0
    for start, end in sorted(spans):
        out += [text[pos:start], OPEN, text[start:end], CLOSE]
        pos = end
    return "".join(out + [text[pos:]])
