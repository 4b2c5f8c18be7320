"""The learned second pass: what it scores, what it says, its cache and background scoring, its heads."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import pytest

from tactful.learned import features, scan
from tactful.learned.corpus import CLASSES, FLAGGED, read_drafts
from tactful.learned.head import FOLDER, Head
from tactful.learned.units import units
from tactful.tone.engine import analyze
from tactful.tone.segments import split


def _units(text: str) -> list[str]:
    parts = split(text)
    return [unit for _s, _e, unit in units(parts.masked, parts.quotations)]


def test_units_are_the_users_sentences_without_scraps_quotes_or_the_quoted_reply():
    text = ("Hola, Ana:\nLa factura n. 123 de 1.500 € vence el lunes. ¿Ok?\nCito: «esto es inaceptable, "
            "lo quiero ya». Lo reviso mañana por la mañana.\nGracias!\n\nEl lun, 3 nov 2026, Ana escribió:\n"
            "> Sois unos incompetentes y no pienso pagar nada.\n")
    assert _units(text) == ["La factura n. 123 de 1.500 € vence el lunes.", "Lo reviso mañana por la mañana."]


def test_units_keep_offsets_into_the_draft():
    text = "🙂 Hi Tom. Thanks for the files, they arrived this morning."
    parts = split(text)
    (start, end, unit), = units(parts.masked, parts.quotations)
    assert text[start:end] == unit == "Thanks for the files, they arrived this morning."


def test_features_are_stable_normalised_and_fold_accents_and_case():
    columns, weights = features.hashed("Jak już pisałam, proszę o odpowiedź.")
    again, same = features.hashed("JAK JUZ PISALAM, PROSZE O ODPOWIEDZ.")
    assert np.array_equal(columns, again) and np.allclose(weights, same)
    assert abs(float(np.linalg.norm(weights)) - 1.0) < 1e-6 and np.all(np.diff(columns) > 0)
    assert features.hashed("")[0].size == 0


@pytest.mark.parametrize("lang", ["es", "pl", "en"])
def test_every_language_ships_a_head_with_every_threshold(lang):
    head = Head.load(FOLDER / f"{lang}.npz")
    assert head.classes == CLASSES and head.sparse.shape == (features.DIMENSIONS, len(CLASSES))
    assert set(head.thresholds) == set(FLAGGED) | {"calm_conflict", "routine_boundary"}
    assert all(0.2 <= t <= 0.99 for t in head.thresholds.values())


def test_a_head_that_misses_a_threshold_is_refused_by_name(tmp_path):
    head = Head.load(FOLDER / "en.npz")
    broken = replace(head, thresholds={k: v for k, v in head.thresholds.items() if k != "sarcastic"})
    broken.save(tmp_path / "en.npz")
    with pytest.raises(ValueError, match="sarcastic"):
        Head.load(tmp_path / "en.npz")


@pytest.fixture
def scorer():
    return scan.Scorer()


def _run(text: str, scorer, wait=True):
    tone = analyze(text)
    return scan.run(text, tone, tone.findings, scorer, wait=wait)


CONTEMPT = {
    "en": "Hi Tom,\nIf you knew the first thing about SEO you would not ask me this.\nAna",
    "es": "Hola, Tomás:\nSi supieras lo más básico de SEO no me preguntarías esto.\nAna",
    "pl": "Dzień dobry,\ngdyby Pan miał choć podstawową wiedzę o SEO, nie pytałby Pan o to.\nAnna",
}


@pytest.mark.parametrize("lang", ["es", "pl", "en"])
def test_the_heads_read_a_contemptuous_sentence_no_phrase_names_as_rude(scorer, lang):
    (unit,) = _units(CONTEMPT[lang])
    (probabilities,) = scorer.score(lang, [unit])
    assert CLASSES[int(np.argmax(probabilities))] == "rude" and probabilities[CLASSES.index("rude")] > 0.7


def _lenient(tmp_path, lang: str) -> scan.Scorer:
    """A scorer whose head flags rudeness from 0.5: the shipped thresholds follow the calibration drafts."""
    head = Head.load(FOLDER / f"{lang}.npz")
    replace(head, thresholds={**head.thresholds, "rude": 0.5}).save(tmp_path / f"{lang}.npz")
    return scan.Scorer(folder=tmp_path)


@pytest.mark.parametrize("lang", ["es", "pl", "en"])
def test_a_sentence_over_its_threshold_is_found_with_advice_not_a_replacement(tmp_path, lang):
    result = _run(CONTEMPT[lang], _lenient(tmp_path, lang))
    found = [f for f in result.findings if f.rule == f"{lang}.rude.learned"]
    assert len(found) == 1
    finding = found[0]
    assert CONTEMPT[lang][finding.start:finding.end] == finding.excerpt and finding.excerpt.split()[0] in (
        "If", "Si", "gdyby")
    assert finding.suggestions == () and finding.advice and finding.severity == "warning"


@pytest.mark.parametrize("text", [
    "Hi Tom,\nThanks for the files, they look great. I will send the first drafts on Thursday.\nBest,\nAna",
    "Hola, Tomás:\nGracias por los archivos. Te envío el primer borrador el jueves.\nUn saludo,\nAna",
    "Dzień dobry,\ndziękuję za pliki. Pierwszą wersję prześlę w czwartek.\nPozdrawiam,\nAnna",
])
def test_a_plain_friendly_draft_gets_nothing(scorer, text):
    assert _run(text, scorer).findings == ()


def test_the_quoted_client_message_is_never_scored(scorer):
    text = ("Hi Tom,\nThe files are attached.\n\nOn Mon, 3 Nov 2026, Tom wrote:\n"
            "> If you knew the first thing about SEO you would not have wasted my money.\n")
    result = _run(text, scorer)
    assert result.findings == () and all(s.end <= text.index("On Mon") for s in result.sentences)


def test_scores_are_cached_by_sentence_so_an_edit_rescores_only_what_changed(scorer):
    first = "Hi Tom,\nThe files are attached. I will call you on Thursday at ten.\n"
    _run(first, scorer)
    edited = first.replace("Thursday at ten", "Friday at ten")
    assert scorer.cached("en", "The files are attached.") is not None
    assert scorer.cached("en", "I will call you on Friday at ten.") is None
    result = _run(edited, scorer, wait=False)
    assert result.pending == 1 and len(result.sentences) == 1


def test_deferred_scoring_finishes_in_the_background(scorer):
    text = CONTEMPT["en"]
    deferred = _run(text, scorer, wait=False)
    assert deferred.pending == 1 and deferred.findings == ()
    deadline = time.monotonic() + 30
    while _run(text, scorer, wait=False).pending and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [f.category for f in _run(text, scorer, wait=False).findings] == ["rude"]


def test_a_sentence_a_rule_already_names_gets_no_second_finding_of_that_category(scorer):
    text = "Hi Tom,\nPer my last email, the copy was due on Monday and I am still waiting.\n"
    tone = analyze(text)
    assert any(f.category == "passive_aggressive" for f in tone.findings)
    learned = scan.run(text, tone, tone.findings, scorer)
    assert not any(f.category == "passive_aggressive" for f in learned.findings)


def test_the_api_reports_the_pass_and_can_skip_or_defer_it(client, auth):
    body = {"text": CONTEMPT["en"], "lang": "en"}
    waited = client.post("/v1/analyze", json=body, headers=auth).json
    assert waited["learned"] == {"status": "done", "pending": 0}
    assert any(f["rule"] == "en.rude.learned" and f["advice"] and f["suggestions"] == [] for f in waited["findings"])
    off = client.post("/v1/analyze", json={**body, "learned": "off"}, headers=auth).json
    assert off["learned"] == {"status": "off", "pending": 0}
    assert not any(f["rule"].endswith(".learned") for f in off["findings"])
    fresh = {"text": CONTEMPT["en"].replace("SEO", "Google Ads"), "lang": "en", "learned": "defer"}
    assert client.post("/v1/analyze", json=fresh, headers=auth).json["learned"]["status"] == "pending"
    bad = client.post("/v1/analyze", json={**body, "learned": "later"}, headers=auth)
    assert bad.status_code == 422 and bad.json["error"]["field"] == "learned"


def test_training_drafts_are_cut_into_labelled_sentences(tmp_path):
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "drafts.jsonl").write_text(
        '{"id": "x1", "lang": "en", "labels": ["sarcastic"], "call": "no", "text": "Hi Tom,\\nThe files came '
        'in at midnight. <marker>What a lovely surprise for my weekend.</marker>\\nAna"}\n'
        '{"id": "x2", "lang": "en", "labels": ["ok"], "call": "no", "text": "Hi Tom,\\nThe files are here. '
        'Thank you very much.\\nAna"}\n', encoding="utf-8")
    first, second = read_drafts(tmp_path)
    assert [(s.label, s.text) for s in first.sentences] == [("sarcastic", "What a lovely surprise for my weekend.")]
    assert first.texts == ("The files came in at midnight.", "What a lovely surprise for my weekend.")
    assert {s.label for s in second.sentences} == {"neutral"} and all(s.draft == "x2" for s in second.sentences)


def test_a_lone_surrogate_in_pasted_text_is_scored_not_a_crash(scorer):
    result = _run("Hi Tom,\nThanks \ud800 for the files, they arrived this morning.\nAna", scorer)
    assert result.pending == 0 and len(result.sentences) == 1
