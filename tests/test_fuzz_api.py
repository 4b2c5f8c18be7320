"""Schemathesis against the live service (`tactful serve`, a real process) on SQLite and on PostgreSQL.

Every operation of /v1/openapi.json with deterministic generation (the same cases every run) and a bounded number of
examples: on SQLite every phase (coverage's boundary and negative cases, fuzzing, stateful along the
document's links), on PostgreSQL fuzzing and stateful. A client, a remembered answer, an owed report and
scheduled messages are stored first, so the links from the listings reach the operations on one item. The
run fails on any 5xx, any answer that does not match the document (status, content type, headers, body)
and any error outside the one error shape (support/fuzz_checks.py); the service's log must hold no
internal error. bench/fuzz.py runs the same with a few hundred examples per operation.
"""

from __future__ import annotations

import json

import pytest

from support.fuzz import run_schemathesis, store_items
from support.service import Service

EXAMPLES = {"sqlite": 20, "postgresql": 20}  # per operation and phase; bench/fuzz.py runs 300
PHASES = {"sqlite": "coverage,fuzzing,stateful", "postgresql": "fuzzing,stateful"}


@pytest.fixture(params=["sqlite", "postgresql"])
def live(request, tmp_path, smtp):
    """`tactful serve` with a real mail server, on the database the parameter names, with data stored."""
    home = tmp_path / "home"
    env = {"TACTFUL_SMTP_URL": smtp.url}
    if request.param == "postgresql":
        env["TACTFUL_DATABASE_URL"] = request.getfixturevalue("postgres").create_database("tactful_fuzz")
    home.mkdir()
    service = Service(home, env)
    service.start()
    store_items(service, env.get("TACTFUL_DATABASE_URL"), home)
    yield request.param, service, tmp_path
    service.stop()


def test_every_operation_fuzzed_answers_within_the_document(live):
    database, service, folder = live
    result = run_schemathesis(service.port, folder, EXAMPLES[database], PHASES[database])
    print(json.dumps({"database": database, **result.figures()}))
    assert result.failures == [] and result.errors == [], result.output
    assert result.operations["tested"] == result.operations["total"] >= 24
    assert result.test_cases["generated"] >= EXAMPLES[database] * result.operations["total"], result.test_cases
    assert "GET /v1/clients/{client_id}" not in result.unreached(), result.unreached()  # the links reach stored data
    log = (folder / "home" / "service.log").read_text(errors="replace")
    assert "internal error" not in log and "Traceback" not in log, log[-3000:]
