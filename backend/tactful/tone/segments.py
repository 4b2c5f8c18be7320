"""Separate the user's own words from quoted replies, forwarded mail and signatures.

A reply draft holds the user's words, then possibly a signature (`-- `) and the
quoted earlier message. Findings must only cover the user's words, yet keep
offsets into the original text, so the user's words are returned as a *masked*
copy of the text: same length, everything that is not the user's replaced by
spaces (line breaks kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A header that introduces the quoted earlier message; everything below it is quoted,
# except lines that do not start with ">" when the quote itself is ">"-prefixed
# (inline replies). Gmail, Apple Mail and Outlook in English, Spanish and Polish.
_ATTRIBUTION = re.compile(
    r"""^[ \t]*(?:
        On\b[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bwrote:                     # Gmail / Apple, en
      | El\b[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bescribi[oó]:               # Gmail / Apple, es
      | (?:W\ dniu\b)?[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bnapisał(?:a|\(a\))?:   # Gmail, pl
      | Wiadomość\ napisana\ przez\b[^\n]{0,200}?:                        # Apple Mail, pl
      | Le\b[^\n]{0,200}?\ a\ écrit\ :                                     # a French client's mailer
    )[ \t]*$""",
    re.MULTILINE | re.VERBOSE,
)

# Outlook's header block: "From:" then "Sent:"/"Date:" on one of the next lines.
_OUTLOOK = re.compile(
    r"""^[ \t]*(?:\*\s*)?(?:From|De|Od)\s*:[^\n]*\n
        (?:[^\n]*\n){0,2}?[ \t]*(?:\*\s*)?(?:Sent|Date|Enviado|Fecha|Wysłano|Wysłane|Data)\s*:""",
    re.MULTILINE | re.VERBOSE,
)

_SEPARATOR = re.compile(
    r"""^[ \t]*(?:
        -{2,}\s*(?:Original\ Message|Mensaje\ original|Wiadomość\ oryginalna|
                  Forwarded\ message|Mensaje\ reenviado|Wiadomość\ przekazana\ dalej)\s*-{2,}
      | Begin\ forwarded\ message:
      | Inicio\ del\ mensaje\ reenviado:
      | Początek\ przekazanej\ wiadomości:
      | _{10,}
    )[ \t]*$""",
    re.MULTILINE | re.VERBOSE | re.IGNORECASE,
)

_HEADER_LINE = re.compile(
    r"^[ \t]*(?:\*\s*)?(?:From|Sent|To|Cc|Subject|Date|De|Enviado|Para|CC|Asunto|Fecha|Od|Wysłano|Wysłane|"
    r"Do|DW|Temat|Data)\s*:[^\n]*\n?|^[ \t]*[-_]{2,}[^\n]*\n?",
    re.MULTILINE,
)
_OUTLOOK_HINT = re.compile(r"^[ \t]*(?:\*\s*)?(?:From|De|Od)\s*:", re.MULTILINE)
_SIGNATURE = re.compile(r"^-- ?$", re.MULTILINE)
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*", re.MULTILINE)

# Words the user quotes inside their own text (a client's words, a subject line).
_INLINE_QUOTE = re.compile(
    r"""«[^»\n]{1,400}»
      | “[^”\n]{1,400}”
      | „[^”“\n]{1,400}[”“]
      | "[^"\n]{1,400}"
      | (?<!\w)'[^'\n]{1,400}'(?!\w)
      | ‘[^’\n]{1,400}’(?!\w)""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Parts:
    """The draft split into the user's words (masked text) and the quoted context."""

    masked: str
    quoted: str
    quotations: tuple[tuple[int, int], ...]

    def inside_quotation(self, start: int, end: int) -> bool:
        """Whether [start, end) lies within words the user put between quotation marks."""
        return any(qs <= start and end <= qe for qs, qe in self.quotations)


def _first(pattern: re.Pattern, text: str, start: int = 0) -> int | None:
    match = pattern.search(text, start)
    return match.start() if match else None


# Cheap substring tests that let most drafts (no reply, no signature) skip the regexes.
_HEADER_HINTS = ("wrote:", "escribi", "napisa", "wiadomo", "a écrit", "--", "___", "message:", "reenviado:")


def _header(text: str) -> int | None:
    """Where the quoted or forwarded part starts, if anywhere."""
    lowered = text.lower()
    if not any(hint in lowered for hint in _HEADER_HINTS) and not _OUTLOOK_HINT.search(text):
        return None
    found = [pos for pos in (_first(_ATTRIBUTION, text), _first(_OUTLOOK, text), _first(_SEPARATOR, text))
             if pos is not None]
    return min(found, default=None)


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def split(text: str) -> Parts:
    """Split a draft into the user's words and the quoted earlier message."""
    chars = list(text)
    quoted: list[str] = []
    header = _header(text)
    if header is not None:
        rest = text[header:]
        if _ATTRIBUTION.match(rest) and _QUOTED_LINE.search(rest):
            # Inline reply: only the ">" lines (and the attribution) are quoted.
            attribution_end = header + _ATTRIBUTION.match(rest).end()
            _blank(chars, header, attribution_end)
        else:
            attribution = _ATTRIBUTION.match(rest)
            body = rest[attribution.end():] if attribution else _HEADER_LINE.sub("", rest)
            quoted.append(body)
            _blank(chars, header, len(text))
    for match in _QUOTED_LINE.finditer(text) if ">" in text else ():
        quoted.append(match.group().lstrip(" \t>"))
        _blank(chars, match.start(), match.end())
    signature = _first(_SIGNATURE, text) if "--" in text else None
    if signature is not None:
        stop = header if header is not None and header > signature else len(text)
        _blank(chars, signature, stop)
    masked = "".join(chars)
    quoted_marks = any(mark in masked for mark in "«“„\"'‘")
    quotations = tuple(m.span() for m in _INLINE_QUOTE.finditer(masked)) if quoted_marks else ()
    return Parts(masked=masked, quoted="\n".join(q.strip() for q in quoted if q.strip()), quotations=quotations)
