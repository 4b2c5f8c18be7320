"""The one convention for options that take JSON: inline JSON, or a file as @FILE or a plain path."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import TactfulError


def json_value(value: str | None, option: str):
    """The JSON an option names: `{…}`/`[…]` inline, `@FILE` or `FILE` read from disk; errors name the option."""
    if value is None:
        return None
    text, source = value, "the value"
    if not value.lstrip().startswith(("{", "[")):
        path = Path(value[1:] if value.startswith("@") else value)
        source = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise TactfulError("invalid_file", f"{option}: no file {path} (give JSON inline, or a file as @FILE or "
                               "FILE)", field=option.lstrip("-")) from None
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.reason if isinstance(exc, UnicodeDecodeError) else (exc.strerror or exc)
            raise TactfulError("invalid_file", f"{option}: cannot read {path}: {reason}",
                               field=option.lstrip("-")) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TactfulError("malformed_json", f"{option}: {source} is not valid JSON ({exc.msg} at line {exc.lineno}, "
                           f"column {exc.colno})", field=option.lstrip("-")) from None
    except RecursionError:
        raise TactfulError("malformed_json", f"{option}: {source} is nested too deeply", field=option.lstrip("-")) \
            from None
