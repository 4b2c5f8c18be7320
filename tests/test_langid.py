"""Language per paragraph: restricted to es/pl/en, deterministic, explicit language wins for short text."""

from __future__ import annotations

from tactful.tone import langid
from tactful.tone.engine import analyze

ES = "Te escribo para confirmar que el informe mensual estará listo el viernes por la tarde, como acordamos."
PL = "Piszę, żeby potwierdzić, że miesięczny raport będzie gotowy w piątek po południu, tak jak ustaliliśmy."
PL_PLAIN = "Pisze, zeby potwierdzic, ze miesieczny raport bedzie gotowy w piatek po poludniu, tak jak ustalilismy."
EN = "I am writing to confirm that the monthly report will be ready on Friday afternoon, as we agreed."


def test_each_paragraph_gets_its_language():
    text = f"{ES}\n\n{PL}\n\n{EN}"
    document, spans = langid.languages(text, None, None)
    assert [lang for _s, _e, lang in spans] == ["es", "pl", "en"]
    assert document in ("es", "pl", "en")


def test_polish_without_diacritics_is_polish():
    assert langid.languages(PL_PLAIN, None, None)[0] == "pl"


def test_detection_is_deterministic():
    sample = "Ok, gracias, thanks, dzięki, mañana"
    langid.detect.cache_clear()
    first = langid.detect(sample)
    for _ in range(20):
        langid.detect.cache_clear()
        assert langid.detect(sample) == first


def test_only_supported_languages_are_answered():
    french = "Je vous écris pour confirmer que le rapport mensuel sera prêt vendredi après-midi."
    assert langid.languages(french, None, None)[0] in langid.SUPPORTED


def test_short_text_takes_the_explicit_or_client_language():
    assert langid.languages("Ok, gracias!", "pl", None)[0] == "pl"
    assert langid.languages("Ok!", None, "es")[0] == "es"
    assert analyze("Ok, super.", lang="pl").lang == "pl"


def test_explicit_language_yields_only_to_a_long_clearly_different_paragraph():
    text = f"Hola.\n\n{EN}"
    document, spans = langid.languages(text, "es", None)
    assert document == "es"
    assert [lang for _s, _e, lang in spans] == ["es", "en"]


def test_the_longest_language_is_the_drafts():
    text = f"{EN}\n\n{ES} {ES}"
    assert langid.languages(text, None, None)[0] == "es"
