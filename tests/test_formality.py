"""Inferring from the draft whether the client is addressed formally."""

from __future__ import annotations

import pytest

from tactful.tone.formality import infer


@pytest.mark.parametrize("text, lang, expected", [
    ("Estimada Sra. Ruiz:\nLe envío el informe.", "es", "formal"),
    ("Buenos días, ¿podría usted revisarlo?", "es", "formal"),
    ("Hola, Sr. Pérez, adjunto la factura.", "es", "formal"),
    ("Felicidades, mi estimado. ¿Te parece bien?", "es", "unknown"),
    ("Hola, Lorena: te mando el archivo.", "es", "unknown"),
    ("Dzień dobry, Pani Ewo, przesyłam fakturę.", "pl", "formal"),
    ("Szanowny Panie Dyrektorze,", "pl", "formal"),
    ("Cześć Kasiu, wysyłam plik.", "pl", "unknown"),
    ("Dear Ms. Hughes,\nThe invoice is attached.", "en", "formal"),
    ("Hi Sam, the invoice is attached.", "en", "unknown"),
])
def test_formality_from_the_draft(text, lang, expected):
    assert infer(text, lang) == expected
