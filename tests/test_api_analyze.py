"""POST /v1/analyze and the service's HTTP contract: auth, errors, limits."""

from __future__ import annotations

import logging

import pytest


def test_health_needs_no_token(client):
    response = client.get("/v1/health")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert set(response.json["rules"]) == {"es", "pl", "en"}


def test_analyze_requires_the_bearer_token(client):
    response = client.post("/v1/analyze", json={"text": "Hi"})
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"
    wrong = client.post("/v1/analyze", json={"text": "Hi"}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def test_analyze_returns_findings_at_exact_spans(client, auth):
    text = "Hola, Lorena:\nComo ya te dije, el plazo era el lunes."
    body = client.post("/v1/analyze", json={"text": text, "lang": "es"}, headers=auth).json
    assert body["lang"] == "es"
    finding = next(f for f in body["findings"] if f["category"] == "passive_aggressive")
    assert text[finding["start"]:finding["end"]] == finding["excerpt"]
    assert finding["excerpt"].lower().startswith("como ya te dije")
    assert finding["rule"].startswith("es.passive_aggressive.")
    assert set(finding) == {"rule", "category", "severity", "start", "end", "excerpt", "message", "suggestions",
                            "advice"}


def test_offsets_are_code_points_after_emoji(client, auth):
    text = "🙂🙂 Per my last email, the copy was due on Monday."
    body = client.post("/v1/analyze", json={"text": text, "lang": "en"}, headers=auth).json
    finding = next(f for f in body["findings"] if f["category"] == "passive_aggressive")
    assert finding["start"] == text.index("Per")
    assert text[finding["start"]:finding["end"]] == finding["excerpt"]


def test_quoted_reply_is_never_a_finding(client, auth):
    text = ("Thanks, I will look into it today.\n\n"
            "On Mon, 3 Nov 2026 at 10:15, Ana <ana@example.com> wrote:\n> THIS IS UNACCEPTABLE!!! Per my last email...")
    body = client.post("/v1/analyze", json={"text": text}, headers=auth).json
    assert body["findings"] == []


@pytest.mark.parametrize("payload, status, field", [
    ({"text": "x", "lang": "fr"}, 422, "lang"),
    ({"text": 42}, 422, "text"),
    ({}, 422, "text"),
    ({"text": "x", "formality": "casual"}, 422, "formality"),
    ({"text": "x", "recipients": "a@b.com"}, 422, "recipients"),
    ({"text": "x", "thread": {"messages": -1}}, 422, "thread.messages"),
    ({"text": "x", "send_at": "tomorrow-ish"}, 422, "send_at"),
    ({"text": "x", "txet": "typo"}, 422, "txet"),
])
def test_bad_fields_are_named(client, auth, payload, status, field):
    response = client.post("/v1/analyze", json=payload, headers=auth)
    assert response.status_code == status
    assert response.json["error"]["field"] == field
    assert field.split(".")[0] in response.json["error"]["message"]


def test_malformed_json_is_a_400(client, auth):
    response = client.post("/v1/analyze", data=b'{"text": "unterminated', headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json["error"]["code"] == "malformed_json"


def test_body_that_is_not_an_object_is_refused(client, auth):
    response = client.post("/v1/analyze", json=["text"], headers=auth)
    assert response.status_code == 400
    assert "JSON object" in response.json["error"]["message"]


def test_text_over_the_limit_is_413_naming_the_field(client, auth):
    response = client.post("/v1/analyze", json={"text": "a" * 100_001}, headers=auth)
    assert response.status_code == 413
    assert response.json["error"]["field"] == "text"
    assert "100000" in response.json["error"]["message"].replace(",", "")


def test_text_at_the_limit_is_accepted(client, auth):
    assert client.post("/v1/analyze", json={"text": "a " * 50_000}, headers=auth).status_code == 200


def test_unknown_route_and_method_use_the_error_shape(client, auth):
    assert client.get("/v1/nothing", headers=auth).json["error"]["code"] == "not_found"
    assert client.get("/v1/analyze", headers=auth).json["error"]["code"] == "method_not_allowed"


def test_draft_text_never_reaches_the_logs(client, auth, caplog):
    secret = "Zyxwvut the confidential draft"
    with caplog.at_level(logging.DEBUG):
        client.post("/v1/analyze", json={"text": secret}, headers=auth)
        client.post("/v1/analyze", json={"text": secret, "lang": "xx"}, headers=auth)
    assert "Zyxwvut" not in caplog.text


def test_openapi_document_describes_analyze(client):
    spec = client.get("/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    assert "/v1/analyze" in spec["paths"]
    assert "text" in spec["components"]["schemas"]["AnalyzeRequest"]["required"]


def test_openapi_document_lists_every_v1_route(app, client):
    paths = client.get("/v1/openapi.json").json["paths"]
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/v1/") and rule.rule != "/v1/openapi.json":
            path = rule.rule.replace("<int:", "<").replace("<", "{").replace(">", "}")
            assert path in paths, f"{rule.rule} is missing from /v1/openapi.json"
