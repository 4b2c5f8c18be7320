"""Suggestions as the exact text to insert in place of a span: its case, and the span's own fixed form."""

from __future__ import annotations

import pytest

from tactful.tone.replacements import (by_address, capital_wanted, collapse_letters, for_span, lower_case, rewritten,
                                       single_mark, starts_sentence, with_case)


@pytest.mark.parametrize("text, pos, expected", [
    ("Hola", 0, True),
    ("Hola. ¿Qué tal?", 7, True),
    ("Gracias.\n  Como ya le dije", 11, True),
    ('Ella dijo: "Hola', 12, True),
    ("Thanks, as per my last email", 8, False),
    ('He said "Hi', 9, False),
])
def test_a_span_starts_a_sentence_only_after_a_sentence_end_or_line_start(text, pos, expected):
    assert starts_sentence(text, pos) is expected


def test_the_case_follows_the_spans_first_letter_unless_it_is_shouted():
    assert capital_wanted("Como ya le dije, el plazo", 0, 15) is True
    assert capital_wanted("y como ya le dije", 2, 17) is False
    # Capitals that shout say nothing about the sentence: its position decides.
    assert capital_wanted("Le repito que NO PUEDO TRABAJAR.", 14, 31) is False
    assert capital_wanted("NO PUEDO TRABAJAR.", 0, 17) is True
    assert capital_wanted("Gracias!!!", 7, 10) is None


@pytest.mark.parametrize("suggestion, capital, lang, expected", [
    ("To recap", False, "en", "to recap"),
    ("to recap", True, "en", "To recap"),
    ("¿Le viene bien el jueves?", False, "es", "¿le viene bien el jueves?"),
    ("I'd rather not", False, "en", "I'd rather not"),  # the pronoun keeps its capital
    ("Friday works", False, "en", "Friday works"),
    ("PDF attached", False, "en", "PDF attached"),
    ("Pan wie najlepiej", False, "pl", "Pan wie najlepiej"),  # Polish letters capitalise the reader
    ("Proszę o plik", False, "pl", "proszę o plik"),
    ("!", False, "en", "!"),
    ("Hola", None, "es", "Hola"),
])
def test_with_case(suggestion, capital, lang, expected):
    assert with_case(suggestion, capital, lang) == expected


def test_lower_case_keeps_acronyms_and_words_that_need_a_capital():
    ignore = frozenset({"PDF", "IVA"})
    assert lower_case("ENVÍE EL PDF CON EL IVA", "es", ignore) == "envíe el PDF con el IVA"
    assert lower_case("I NEED THE FILES BY FRIDAY", "en", ignore) == "I need the files by Friday"
    assert lower_case("PROSZĘ PANA O PLIKI", "pl", ignore) == "proszę Pana o pliki"
    assert lower_case("STOP. SEND IT", "en", ignore) == "stop. Send it"


@pytest.mark.parametrize("span, expected", [
    ("!!!", "!"), ("???", "?"), ("?!?", "?"), ("!?", "?"), ("¿¿¿", "¿"), ("¡¡¡", "¡"),
])
def test_single_mark(span, expected):
    assert single_mark(span) == expected


def test_for_span_puts_the_fixed_span_first_then_each_suggestion_cased():
    text = "Le repito que NO PUEDO TRABAJAR SIN EL BRIEF."
    start = text.index("NO")
    assert for_span(text, start, len(text) - 1, "es", ("Sin el brief no puedo avanzar",), "lower_case") == (
        "no puedo trabajar sin el brief", "sin el brief no puedo avanzar")


def test_collapse_letters():
    assert collapse_letters("Holaaa") == "Hola" and collapse_letters("dziękiii") == "dzięki"
    assert collapse_letters("see") == "see"  # two of a kind are a spelling, not a stretch


def test_a_rewrite_matches_the_whole_folded_span_and_keeps_the_users_words():
    rewrite = {r"checal([aoe]s?)(\s.*)?": r"revísal\1\2", "tus": "sus", r"(\w+) ci": [r"\1 Pani", r"\1 Panu"]}
    assert rewritten("Chécala y", rewrite) == ["revísala y"]
    assert rewritten("TUS", rewrite) == ["sus"]
    assert rewritten("przesyłam Ci", rewrite) == ["przesyłam Pani", "przesyłam Panu"]
    assert rewritten("tuset", rewrite) == []  # the whole span, not a part of it


def test_polish_alternatives_follow_how_the_draft_addresses_the_client():
    options = ["może Pani", "może Pan"]
    assert by_address(options, "Panie Marku, możesz przesłać?", "pl") == ["może Pan", "może Pani"]
    assert by_address(options, "Pani Anno, możesz przesłać?", "pl") == options
    assert by_address(options, "Dzień dobry, możesz przesłać?", "pl") == options


def test_a_rewrite_comes_before_the_fix_and_the_static_suggestions():
    text = "Por favor, responda YA."
    start = text.index("YA")
    assert for_span(text, start, start + 2, "es", ("cuando pueda",), "lower_case", None, {"ya": "pronto"}) == (
        "pronto", "cuando pueda")
    assert for_span(text, start, start + 2, "es", (), "lower_case", None, {"hoy": "hoy"}) == ("ya",)


def test_words_brought_back_from_a_span_in_capitals_come_back_in_lower_case():
    rewrite = {r"(.*?)[\s,]+ya": r"\1 pronto"}
    assert rewritten("NECESITO EL INFORME YA", rewrite) == ["necesito el informe pronto"]
    text = "NECESITO EL INFORME YA!!!"
    assert for_span(text, 0, 22, "es", (), None, None, rewrite) == ("Necesito el informe pronto",)
