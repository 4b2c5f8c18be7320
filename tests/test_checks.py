"""Built-in checks: capitals, repeated punctuation, emoji, exclamation count."""

from __future__ import annotations

import pytest
from tactful.tone.checks import (
    caps_ratio,
    emoji,
    exclamation_count,
    repeated_punctuation,
)


def spans(check, text, **params):
    return [text[s:e] for s, e in check(text, params)]


@pytest.mark.parametrize("text, expected", [
    ("NO VOY A HACER MÁS CAMBIOS. Está en el contrato.", ["NO VOY A HACER MÁS CAMBIOS"]),
    ("Przypominam PO RAZ TRZECI, że faktura czeka.", ["PO RAZ TRZECI"]),
    ("I NEED THE FILES TODAY.", ["NEED THE FILES TODAY"]),
])
def test_caps_runs_are_shouting(text, expected):
    assert spans(caps_ratio, text) == expected


@pytest.mark.parametrize("text", [
    "Adjunto la factura con IVA y el NIF en PDF.",
    "Plik JPK_V7M i NIP-em podanym w umowie.",
    "Use the code SPRING25 or VERANO15, ASAP.",
    "Necesito su respuesta URGENTE hoy.",
    "The SEO and SSL audit for the CEO.",
])
def test_acronyms_codes_and_single_words_are_not_shouting(text):
    assert spans(caps_ratio, text) == []


def test_repeated_punctuation():
    assert spans(repeated_punctuation, "¡¡¡Hola!!! ¿Qué tal??? Bien!", min=3) == ["¡¡¡", "!!!", "???"]
    assert spans(repeated_punctuation, "Really?! Yes!!", min=3) == []


def test_emoji_runs_including_sequences():
    text = "Listo 👍🏽 y 👨‍👩‍👧 y ❤️ fin"
    assert spans(emoji, text) == ["👍🏽", "👨‍👩‍👧", "❤️"]
    assert spans(emoji, "Sin emoji: ñ, ż, €, ©.") == []


def test_exclamation_count_needs_the_minimum():
    assert spans(exclamation_count, "Great! Thanks! Done!", min=4) == []
    assert len(spans(exclamation_count, "Great! Thanks! Done! Bye!", min=4)) == 4
