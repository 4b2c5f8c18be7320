"""The user's words are separated from quoted replies, forwards and signatures; offsets stay exact."""

from __future__ import annotations

import pytest

from tactful.tone.engine import analyze
from tactful.tone.segments import split

MINE = "Gracias, lo reviso hoy."
HEADERS = [
    "On Mon, 3 Nov 2026 at 10:15, Ana Pérez <ana@example.com> wrote:",
    "On Mon, Nov 3, 2026 at 10:15 AM Ana Pérez <ana@example.com>\nwrote:",
    "On 3 Nov 2026, at 10:15, Ana Pérez <ana@example.com> wrote:",
    "El lun, 3 nov 2026 a las 10:15, Ana Pérez (<ana@example.com>) escribió:",
    "El 3 nov 2026, a las 10:15, Ana Pérez <ana@example.com> escribió:",
    "W dniu 3.11.2026 o 10:15, Anna Nowak <anna@example.pl> napisała:",
    "pon., 3 lis 2026 o 10:15 Anna Nowak <anna@example.pl> napisał(a):",
    "Wiadomość napisana przez Anna Nowak <anna@example.pl> w dniu 03.11.2026, o godz. 10:15:",
    "From: Ana Pérez <ana@example.com>\nSent: Monday, November 3, 2026 10:15 AM\nTo: Me\nSubject: Logo",
    "De: Ana Pérez <ana@example.com>\nEnviado: lunes, 3 de noviembre de 2026 10:15\nPara: Yo\nAsunto: Logo",
    "Od: Anna Nowak <anna@example.pl>\nWysłane: poniedziałek, 3 listopada 2026 10:15\nDo: Ja\nTemat: Logo",
    "-----Original Message-----\nFrom: Ana",
    "---------- Forwarded message ---------\nFrom: Ana",
    "________________________________\nFrom: Ana <ana@example.com>\nSent: Monday",
]
CLIENT = "ESTO ES INACEPTABLE!!! Como ya te dije, lo quiero YA."


@pytest.mark.parametrize("header", HEADERS)
def test_quote_headers_hide_the_client_message(header):
    text = f"{MINE}\n\n{header}\n{CLIENT}"
    parts = split(text)
    assert len(parts.masked) == len(text)
    assert parts.masked.startswith(MINE)
    assert "INACEPTABLE" not in parts.masked
    assert "INACEPTABLE" in parts.quoted
    assert analyze(text, lang="es").findings == ()


def test_angle_bracket_lines_are_quoted_but_inline_answers_are_mine():
    text = "Hi Ana,\n\nOn Mon, Ana wrote:\n> Is it ready?\nNot yet, PER MY LAST EMAIL.\n> When then?\nFriday."
    parts = split(text)
    assert "Is it ready" not in parts.masked and "When then" not in parts.masked
    assert "Not yet, PER MY LAST EMAIL." in parts.masked and "Friday." in parts.masked
    assert "Is it ready?" in parts.quoted


def test_signature_is_not_checked():
    text = "Te envío el informe.\n-- \nLAURA GARCÍA MARTÍNEZ — DISEÑO GRÁFICO!!!\nwww.example.com"
    parts = split(text)
    assert "LAURA" not in parts.masked
    assert analyze(text, lang="es").findings == ()


def test_offsets_point_into_the_original_text():
    text = "> old line from the client\nPer my last email, the copy was due Monday."
    result = analyze(text, lang="en")
    assert result.findings, "the user's line should be checked"
    for f in result.findings:
        assert text[f.start:f.end] == f.excerpt
        assert f.start > text.index("\n")


@pytest.mark.parametrize("quoted", ["«Esto es URGENTE, lo quiero ya»", "\"Esto es URGENTE, lo quiero ya\"",
                                    "„To jest PILNE i na wczoraj”", "'This is URGENT, I need it yesterday'"])
def test_words_between_quotation_marks_are_the_clients(quoted):
    text = f"Cito su mensaje: {quoted}. ¿Le basta con el resumen?"
    parts = split(text)
    start = text.index(quoted)
    assert parts.inside_quotation(start + 2, start + 10)
    assert all(not (start <= f.start < start + len(quoted)) for f in analyze(text).findings)


def test_apostrophes_do_not_open_quotations():
    text = "I don't think it's ready, I'm sorry."
    assert split(text).quotations == ()
