"""A regular expression compiled on its first use.

A pack loaded from the compile cache holds thousands of phrase and pattern regexes;
the anchor index means a draft only ever runs a few of them, so each is compiled the
first time it is searched (or all at once by `compile_all`, in the service's warm-up).
"""

from __future__ import annotations

import re


class LazyPattern:
    """A regex source and flags, compiled on first use (a race only compiles it twice)."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0, compiled: re.Pattern | None = None):
        self.pattern = pattern
        self.flags = flags
        self._compiled = compiled

    def compiled(self) -> re.Pattern:
        """The compiled regex."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None):
        """As re.Pattern.finditer."""
        return self.compiled().finditer(string, pos, len(string) if endpos is None else endpos)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags})"
