"""Property tests: any Unicode text gives findings inside the text, excerpts equal to the span, never a 500."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tactful.tone.engine import analyze
from tactful.api.state import services

# Text that looks like mail: words from the packs' languages, capitals, emoji, quote markers, newlines.
PIECES = st.sampled_from([
    "Como ya te dije", "jak już pisałam", "per my last email", "URGENTE", "PILNE", "ASAP", "!!!", "¡¡¡", "???",
    "🙂", "👨‍👩‍👧", "«", "»", "„", "”", "\"", "'", "\n", "\n\n", "> ", "-- \n", "On Mon, Ana wrote:\n",
    "W dniu 3.11 Anna napisała:\n", "NO VOY A PAGAR", "jaja", "xD", "lol", "Sr.", "Pani", " ", "e\u0301",
    "\u200d", "\ufeff", "\r\n", "\t",
])
MAILISH = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)


def _assert_well_formed(text: str, lang: str = "auto") -> None:
    result = analyze(text, lang=lang)
    assert result.lang in ("es", "pl", "en")
    for f in result.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert f.excerpt == text[f.start:f.end]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000), st.sampled_from(["auto", "es", "pl", "en"]))
def test_any_unicode_text(text, lang):
    _assert_well_formed(text, lang)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MAILISH, st.sampled_from(["auto", "es", "pl", "en"]))
def test_mail_like_text(text, lang):
    _assert_well_formed(text, lang)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(PIECES, min_size=1, max_size=5).map("".join))
def test_text_at_the_size_limit(chunk):
    text = (chunk * (100_000 // max(len(chunk), 1) + 1))[:100_000]
    _assert_well_formed(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), MAILISH),
       st.one_of(st.none(), st.sampled_from(["auto", "es", "pl", "en", "xx"]), st.integers()),
       st.one_of(st.none(), st.sampled_from(["formal", "informal", "x"]), st.booleans()))
def test_the_api_never_answers_500(text, lang, formality):
    app = _app()
    client = app.test_client()
    body = {"text": text}
    if lang is not None:
        body["lang"] = lang
    if formality is not None:
        body["formality"] = formality
    response = client.post("/v1/analyze", json=body,
                           headers={"Authorization": f"Bearer {services(app).token}"})
    assert response.status_code in (200, 413, 422)
    assert response.is_json
    if response.status_code == 200:
        for f in response.json["findings"]:
            assert f["excerpt"] == text[f["start"]:f["end"]]


_APP = []


def _app():
    """One app for all examples (hypothesis and function-scoped fixtures do not mix)."""
    if not _APP:
        import os
        import tempfile

        from tactful.api import create_app
        from tactful.config import Settings

        home = tempfile.mkdtemp(prefix="tactful-prop-")
        _APP.append(create_app(Settings.from_env({**os.environ, "TACTFUL_HOME": home, "TACTFUL_TOKEN": "t"})))
    return _APP[0]
