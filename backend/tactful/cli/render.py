"""Human-readable findings, shown under the line they are in, like a compiler error."""

from __future__ import annotations

import click

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _line_of(text: str, offset: int) -> tuple[int, int, int]:
    """1-based line number, line start offset and line end offset for a character offset."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text.count("\n", 0, offset) + 1, start, len(text) if end == -1 else end


def finding_block(name: str, text: str, finding: dict, colour: bool) -> str:
    """One finding: location and rule, the line, a marker under the span, the reason, then what may replace
    the span ("try:") and guidance that replaces nothing ("advice:")."""
    number, start, end = _line_of(text, finding["start"])
    column = finding["start"] - start + 1
    severity = finding["severity"]
    label = click.style(severity, fg=_COLOURS[severity], bold=True) if colour else severity
    line = text[start:end].replace("\t", " ")
    width = max(1, min(finding["end"], end) - finding["start"])
    marker = " " * (column - 1) + "^" + "~" * (width - 1)
    if colour:
        marker = click.style(marker, fg=_COLOURS[severity])
    out = [f"{name}:{number}:{column}: {label}: {finding['category']} [{finding['rule']}]",
           f"  {line}", f"  {marker}", f"  {finding['message']}"]
    out += [f"  try: {s}" for s in finding["suggestions"]]
    out += [f"  advice: {a}" for a in finding.get("advice", ())]
    return "\n".join(out)


def call_block(name: str, suggestion: dict, colour: bool) -> str:
    """The call suggestion: why, the invitation to paste, the slots in both zones, and the .ics link."""
    label = click.style("call", fg="magenta", bold=True) if colour else "call"
    out = [f"{name}: {label}: a call would serve better than this e-mail"]
    out += [f"  - {reason}" for reason in suggestion["reasons"]]
    out += ["  invitation:"] + [f"    {line}" for line in suggestion["invitation"].splitlines()]
    for slot in suggestion["slot_times"]:
        out.append(f"  slot: {slot['start']}  (client {slot['client']} {slot['client_timezone']}; "
                   f"you {slot['you']} {slot['your_timezone']})")
    out.append(f"  calendar: GET {suggestion['ics']}")
    return "\n".join(out)


def report(name: str, text: str, response: dict, colour: bool = False) -> str:
    """All findings of one draft, the call suggestion if any, then a one-line summary."""
    blocks = [finding_block(name, text, f, colour) for f in response["findings"]]
    call = response.get("suggest_call") or {}
    if call.get("suggested"):
        blocks.append(call_block(name, call, colour))
    count = len(response["findings"])
    summary = f"{name}: {count} finding{'s' if count != 1 else ''} (language: {response['lang']})"
    if call.get("suggested"):
        summary += "; call suggested"
    return "\n\n".join(blocks + [summary])
