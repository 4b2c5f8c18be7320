"""Text files the commands read: UTF-8, with an error that names the file and the byte that is not."""

from __future__ import annotations

from ..errors import TactfulError


def read_text(source) -> str:
    """The whole of a binary file object as text."""
    name = getattr(source, "name", "-")
    name = "standard input" if name in ("-", "<stdin>") else name
    raw = source.read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise TactfulError("invalid_file", f"{name}: line {line} is not UTF-8 text (byte {exc.start + 1} cannot start "
                           "or continue a character)", field="file") from None
