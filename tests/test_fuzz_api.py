"""Schemathesis against the live service (`tactful serve`, a real process) on SQLite and on PostgreSQL.

Every operation of /v1/openapi.json with deterministic generation (the same cases every run) and a bounded number of
examples: on SQLite every phase (coverage's boundary and negative cases, fuzzing, stateful along the
document's links), on PostgreSQL fuzzing and stateful. A client, a remembered answer, an owed report and
scheduled messages are stored first, and most requests to an operation on one item name one of them. The
run fails on any 5xx, any answer that does not match the document (status, content type, headers, body)
and any error outside the one error shape (support/fuzz_checks.py); the service's log must hold no
internal error. bench/fuzz.py runs the same with a few hundred examples per operation.
"""

from __future__ import annotations

import json

import pytest

from support.fuzz import run_schemathesis, store_items
from tactful.api.openapi import document
from support.service import Service

EXAMPLES = {"sqlite": 20, "postgresql": 20}  # per operation and phase; bench/fuzz.py runs 300
RETRY = "POST /v1/scheduled/{message_id}/retry"  # only a failed message can be retried: the stored ones answer 409
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
    known = store_items(service, env.get("TACTFUL_DATABASE_URL"), home)
    yield request.param, service, tmp_path, known
    service.stop()


def test_every_operation_fuzzed_answers_within_the_document(live):
    database, service, folder, known = live
    result = run_schemathesis(service.port, folder, EXAMPLES[database], PHASES[database], known)
    print(json.dumps({"database": database, **result.figures()}))
    assert result.failures == [] and result.errors == [], result.output
    assert result.operations["tested"] == result.operations["total"] >= 24
    # Operations with few possible requests (no parameters, no body) end early: half the budget overall, at least.
    assert result.test_cases["generated"] >= EXAMPLES[database] * result.operations["total"] / 2, result.test_cases
    assert result.unreached() <= {RETRY}, result.unreached()
    log = (folder / "home" / "service.log").read_text(errors="replace")
    assert "internal error" not in log and "Traceback" not in log, log[-3000:]


def test_every_path_parameter_of_every_route_is_declared(app):
    """A route whose path parameter the document leaves out cannot be fuzzed (10 of 21 could not be, before)."""
    paths = document()["paths"]
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/v1/") or not rule.arguments:
            continue
        path = rule.rule.replace("<int:", "<").replace("<", "{").replace(">", "}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            declared = {p["name"] for p in paths[path][method.lower()].get("parameters", ()) if p["in"] == "path"}
            assert declared == set(rule.arguments), f"{method} {path} declares {declared}"


class _Answer:
    def __init__(self, status: int, body: str):
        self.status_code, self.body = status, body

    def json(self):
        return json.loads(self.body)


@pytest.mark.parametrize("body", ['<html>oops</html>', '{"detail": "x"}', '{"error": "x"}', '{"error": {"code": "x"}}',
                                  '{"error": {"code": "x", "message": "y", "trace": "z"}}',
                                  '{"error": {"code": "x", "message": " "}}', '{"error": {"code": 1, "message": "y"}}'])
def test_the_error_shape_check_refuses_any_other_shape(body):
    from support.fuzz_checks import one_error_shape

    assert one_error_shape(None, _Answer(400, '{"error": {"code": "x", "message": "y", "field": "f"}}'), None) is None
    assert one_error_shape(None, _Answer(200, body), None) is None  # a success is the document's to judge
    with pytest.raises(AssertionError):
        one_error_shape(None, _Answer(422, body), None)
