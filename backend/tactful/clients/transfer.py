"""Clients to and from JSON and CSV files, all or nothing, with bad rows named by line and field."""

from __future__ import annotations

import csv
import io
import json

from pydantic import ValidationError

from ..errors import TactfulError
from .model import ClientIn

CSV_COLUMNS = ("id", "name", "emails", "domains", "language", "formality", "contact_hours", "channels",
               "report_cadence", "notes", "contacts")
_LISTS = ("emails", "domains")
_OBJECTS = ("contact_hours", "channels", "report_cadence")


def _row_error(line: int, exc: Exception) -> TactfulError:
    if isinstance(exc, TactfulError):
        return TactfulError(exc.code, f"line {line}: {exc.message}", field=exc.field, status=exc.status)
    err = exc.errors(include_url=False)[0]
    field = ".".join(str(p) for p in err["loc"])
    return TactfulError("invalid_field", f"line {line}: {field}: {err['msg']}", field=field, status=422)


def _validate(rows: list[tuple[int, dict]]) -> list[ClientIn]:
    out = []
    for line, row in rows:
        try:
            out.append(ClientIn.model_validate(row))
        except (TactfulError, ValidationError) as exc:
            raise _row_error(line, exc) from None
    return out


def read_json(text: str) -> list[ClientIn]:
    """Clients from a JSON array (or {"clients": [...]}, as exported)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TactfulError("malformed_json", f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
    if isinstance(data, dict) and isinstance(data.get("clients"), list):
        data = data["clients"]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise TactfulError("invalid_body", "expected a JSON array of client objects")
    return _validate([(i + 1, row) for i, row in enumerate(data)])


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
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise TactfulError("invalid_field", f"line {line}: {column}: not valid JSON ({exc.msg})",
                           field=column, status=422) from None


def _cell(column: str, value: str, line: int):
    value = value.strip()
    if column == "contacts":
        return _contacts_cell(value, line) if value else None
    if column in _LISTS:
        return [v.strip() for v in value.split(";") if v.strip()]
    if column in _OBJECTS:
        return _json_cell(column, value, line) if value else None
    return value or None


def read_csv(text: str) -> list[ClientIn]:
    """Clients from CSV with the export's columns (lists separated by ';', objects as JSON)."""
    reader = csv.DictReader(io.StringIO(text))
    unknown = set(reader.fieldnames or ()) - set(CSV_COLUMNS)
    if not reader.fieldnames or "name" not in reader.fieldnames or unknown:
        raise TactfulError("invalid_body", f"line 1: the header must name columns among {', '.join(CSV_COLUMNS)}"
                           + (f" (unknown: {', '.join(sorted(unknown))})" if unknown else ""))
    rows = []
    for row in reader:
        line = reader.line_num
        rows.append((line, {k: _cell(k, v or "", line) for k, v in row.items() if k in CSV_COLUMNS
                            and (v or "").strip()}))
    return _validate(rows)


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
