"""Run schemathesis against a live `tactful serve` and read its JSON report (the test and bench/fuzz.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

CHECKS = ("not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,"
          "response_schema_conformance,one_error_shape")
HOOKS = Path(__file__).resolve().parent  # schemathesis_hooks.py: the one-error-shape check
ALWAYS = {"timezone": "Europe/Madrid", "weekly": {d: [["00:00", "24:00"]] for d in
                                                  ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}}


@dataclass
class Result:
    """What one schemathesis run found, from its JSON report."""

    report: dict
    output: str

    def __getattr__(self, name):
        try:
            return self.report[name]
        except KeyError:
            raise AttributeError(name) from None

    def unreached(self) -> set[str]:
        """Operations no generated request got past their 404 (the data they need was never there)."""
        return set(self.report["warnings"]["missing_test_data"])

    def figures(self) -> dict:
        """Counts to print: operations, test cases, 5xx, schema mismatches, answers outside the error shape."""
        kinds = {"server_error": 0, "schema_mismatch": 0, "out_of_shape": 0}
        for failure in self.report["failures"]:  # ST901 is the one custom check; the others hold answers to the document
            kind = {"ST101": "server_error", "ST901": "out_of_shape"}.get(failure["code"], "schema_mismatch")
            kinds[kind] += failure.get("count", 1)
        return {"operations": self.report["operations"]["tested"], "test_cases": self.report["test_cases"]["generated"],
                "failures": kinds, "errors": len(self.report["errors"]), "unreached": sorted(self.unreached()),
                "seconds": round(self.report["running_time"]), "requests_per_operation": self.per_operation()}

    def per_operation(self) -> dict[str, dict[str, int]]:
        """Requests to each operation outside the stateful phase, as schemathesis counts them (summed over phases):
        accepted, conflicts, rejected (a 4xx), unreachable (a 404)."""
        counts = {}
        for operation, phases in sorted(self.report["valid_rates"].items()):
            counts[operation] = {kind: sum(rates[kind] for rates in phases.values())
                                 for kind in ("accepted", "conflicts", "rejected", "unreachable")}
        return counts


def run_schemathesis(port: int, folder: Path, examples: int, phases: str, known: dict[str, list],
                     workers: int = 2) -> Result:
    """schemathesis run over every operation, deterministic, with the checks the bar names.

    `known` maps a path parameter to ids that exist: most generated requests use one of them (a random id is
    only ever a 404), so the operations on one stored item are fuzzed in their body and query too.
    """
    report, config = folder / "schemathesis.json", folder / "schemathesis.toml"
    config.write_text(_config(known))
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run",
               f"http://127.0.0.1:{port}/v1/openapi.json",
               "--header", "Authorization: Bearer secret", "--checks", CHECKS, "--phases", phases,
               "--generation-deterministic",
               "--max-examples", str(examples), "--workers", str(workers), "--request-timeout", "30",
               "--continue-on-failure", "--suppress-health-check", "all",
               "--report", "json", "--report-json-path", str(report)]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "schemathesis_hooks", "PYTHONPATH": str(HOOKS),
           "SCHEMATHESIS_TELEMETRY": "false"}
    run = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=3600)
    (folder / "schemathesis.out").write_text(run.stdout + run.stderr)
    output = run.stdout[-8000:] + run.stderr[-4000:]
    if not report.exists():
        raise RuntimeError(f"schemathesis wrote no report:\n{output}")
    return Result(json.loads(report.read_text()), output)


def _config(known: dict[str, list]) -> str:
    """Schemathesis's TOML: a dictionary of stored ids per path parameter, drawn from most of the time."""
    lines = []
    for name, values in known.items():
        lines += [f"[dictionaries.{name}]", f"values = {json.dumps(values)}", ""]
    lines.append("[parameters]")
    lines += [f'"path.{name}" = {{ dictionary = "{name}", probability = 0.8 }}' for name in known]
    return "\n".join(lines) + "\n"


def store_items(service, database_url: str | None, home: Path) -> dict[str, list]:
    """Store what the operations on one item need: a client owing a report, an answer, scheduled messages.

    Returns the ids made, by the path parameter that names them."""
    from tactful.clients import repository as repo
    from tactful.clients.model import ClientIn
    from tactful.storage.database import open_database

    db = open_database(database_url, home)
    try:
        with db.session() as session:
            client = repo.create(session, ClientIn.model_validate({
                "id": "acme", "name": "Acme", "domains": ["acme.es"], "contact_hours": ALWAYS,
                "report_cadence": {"every": "day", "at": "09:00"}}))
            client.created_at = datetime.now(timezone.utc) - timedelta(days=30)  # a report is owed
            for n in range(10):  # one per answer: deleting a client (the listing links to one) forgets its answers
                repo.create(session, ClientIn.model_validate({"id": f"zz-keep-{n}", "name": f"Zz Keep {n}",
                                                              "contact_hours": ALWAYS}))
    finally:
        db.dispose()
    choices = [_post(service.port, "/v1/recipient-choices", {"recipient": f"ana{n}@gmail.com",
                                                              "client_id": f"zz-keep-{n}"})["id"]
               for n in range(10)]  # a delete takes one away: enough stay for the rest of the run
    messages = [_post(service.port, "/v1/scheduled", {
        "to": ["ana@acme.es"], "from": "me@freelance.dev", "subject": "Informe", "text": "Adjunto el informe.",
        "send_at": (datetime.now(timezone.utc) + timedelta(days=days)).isoformat()})["id"] for days in (0, *range(400, 408))]
    call = _post(service.port, "/v1/analyze", {"text": "Hi Tom,\nI will have to pause all work until the unpaid "
                                                      "invoice is settled.", "recipients": ["tom@acme.es"]})
    return {"message_id": messages, "choice_id": choices,
            "invitation_id": [call["suggest_call"]["invitation_id"]]}


def _post(port: int, path: str, body: dict) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": "Bearer secret", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())
