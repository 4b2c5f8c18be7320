"""Clients to and from JSON and CSV files, all or nothing, with bad rows named by line and field."""

from __future__ import annotations

import csv
import io
import json

from pydantic import ValidationError

from .. import jsonread
from ..errors import TactfulError
from .model import ClientIn

CSV_COLUMNS = ("id", "name", "emails", "domains", "language", "formality", "contact_hours", "channels",
               "report_cadence", "notes", "contacts")
_LISTS = ("emails", "domains")
_OBJECTS = ("contact_hours", "channels", "report_cadence")
SHOWN_ERRORS = 20  # bad rows named in one report; the count says how many more there are


def _row_error(line: int, number: int, exc: Exception) -> TactfulError:
    """A bad row named by its line and its place in the file (a one-line JSON array has every client on line 1)."""
    from ..schemas import error_from

    err = exc if isinstance(exc, TactfulError) else error_from(exc.errors(include_url=False)[0])
    return TactfulError(err.code, f"line {line}, client {number}: {err.message}", field=err.field, status=err.status)


def _validate(rows: list[tuple[int, dict | TactfulError]], what: str) -> list[tuple[int, ClientIn]]:
    """Every row validated, each with its line; every bad row named (nothing is imported while one is)."""
    out, bad = [], []
    for number, (line, row) in enumerate(rows, 1):
        try:
            if isinstance(row, TactfulError):
                raise row
            out.append((line, ClientIn.model_validate(row)))
        except (TactfulError, ValidationError) as exc:
            bad.append(_row_error(line, number, exc))
    if bad:
        more = f"\n… and {len(bad) - SHOWN_ERRORS} more" if len(bad) > SHOWN_ERRORS else ""
        listing = "\n".join(f"  {err.message}" for err in bad[:SHOWN_ERRORS])
        raise TactfulError(bad[0].code, f"{what}: {len(bad)} bad row{'s' if len(bad) > 1 else ''}, nothing was "
                           f"imported:\n{listing}{more}", field=bad[0].field, status=bad[0].status)
    return out


def _json_lines(text: str, count: int) -> list[int]:
    """The line each top-level object of a JSON array starts on (for errors), as well as it can be told."""
    decoder, lines, index = json.JSONDecoder(), [], text.find("[") + 1
    while len(lines) < count and index > 0:
        while index < len(text) and text[index] in " \t\r\n,":
            index += 1
        if index >= len(text) or text[index] != "{":
            break
        lines.append(text.count("\n", 0, index) + 1)
        _obj, index = decoder.raw_decode(text, index)
    return lines + [0] * (count - len(lines))


def read_json(text: str, what: str = "the file") -> list[tuple[int, ClientIn]]:
    """Clients from a JSON array (or {"clients": [...]}, as exported), each with the line it starts on."""
    data = jsonread.loads(text, what)
    if isinstance(data, dict) and isinstance(data.get("clients"), list):
        data = data["clients"]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise TactfulError("invalid_body", f"{what}: expected a JSON array of client objects")
    return _validate(list(zip(_json_lines(text, len(data)), data, strict=True)), what)


def _contacts_cell(value: str, line: int) -> list[dict]:
    """'Ana Ruiz <ana@acme.es>; Bo Li' (or the JSON array the export writes for unusual names) → contacts."""
    if value.startswith("["):
        return _json_cell("contacts", value, line)
    from email.utils import parseaddr

    out = []
    for part in (p.strip() for p in value.split(";")):
        if part:
            name, address = parseaddr(part) if "<" in part else (part, "")
            out.append({"name": name or part, "email": address or None})
    return out


def _json_cell(column: str, value: str, line: int):
    try:
        return jsonread.loads(value, column)
    except TactfulError as err:
        raise TactfulError("invalid_field", err.message, field=column, status=422) from None


def _cell(column: str, value: str, line: int):
    value = value.strip()
    if column == "contacts":
        return _contacts_cell(value, line) if value else None
    if column in _LISTS:
        return [v.strip() for v in value.split(";") if v.strip()]
    if column in _OBJECTS:
        return _json_cell(column, value, line) if value else None
    return value or None


def read_csv(text: str, what: str = "the file") -> list[tuple[int, ClientIn]]:
    """Clients from CSV with the export's columns (lists separated by ';', objects as JSON), each with its line."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        raise TactfulError("invalid_body", f"{what}: line 1: {exc}") from None
    unknown = set(fieldnames or ()) - set(CSV_COLUMNS)
    if not fieldnames or "name" not in fieldnames or unknown:
        raise TactfulError("invalid_body", f"{what}: line 1: the header must name columns among "
                           f"{', '.join(CSV_COLUMNS)}" + (f" (unknown: {', '.join(sorted(unknown))})" if unknown else ""))
    return _validate(list(_csv_rows(reader)), what)


def _csv_rows(reader: csv.DictReader):
    """(line, row or the TactfulError that says why the row cannot be read), for every row."""
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a cell past the csv module's limit (131,072 characters), a stray NUL…
            yield start, TactfulError("invalid_body", f"cannot be read as CSV ({exc})")
            continue
        try:
            yield start, {k: _cell(k, v or "", start) for k, v in row.items() if k in CSV_COLUMNS and (v or "").strip()}
        except TactfulError as err:
            yield start, err


def write_json(clients: list[dict]) -> str:
    """The export as JSON."""
    return json.dumps({"clients": clients}, ensure_ascii=False, indent=2) + "\n"


def _contacts_text(contacts: list[dict]) -> str:
    """'Ana Ruiz <ana@acme.es>; Bo Li', or JSON when a name holds a character that form cannot carry."""
    if any(set(c["name"]) & set(';<>",[') for c in contacts):
        return json.dumps(contacts, ensure_ascii=False)
    return "; ".join(f"{c['name']} <{c['email']}>" if c.get("email") else c["name"] for c in contacts)


def write_csv(clients: list[dict]) -> str:
    """The export as CSV."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for c in clients:
        writer.writerow({k: (_contacts_text(c[k]) if k == "contacts" else ";".join(c[k]) if k in _LISTS else
                             json.dumps(c[k], ensure_ascii=False) if k in _OBJECTS and c[k] else
                             "" if c[k] is None else c[k]) for k in CSV_COLUMNS})
    return out.getvalue()
