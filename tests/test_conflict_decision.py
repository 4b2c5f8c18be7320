"""The call decision on sentences written for these tests (never the eval set): topics, heat, thread, vetoes."""

from __future__ import annotations

import pytest
from tactful.conflict.score import decide
from tactful.conflict.signals import collect
from tactful.conflict.wording import reason_text
from tactful.tone.engine import analyze
from tactful.tone.packs import default_rules

RULES = default_rules()


def decision(draft: str, incoming: str = "", messages: int = 0, lang: str = "auto"):
    tone = analyze(draft, lang=lang, ruleset=RULES)
    return decide(collect(draft, tone, incoming, messages, RULES))


@pytest.mark.parametrize("draft", [
    "Hola Marta:\nLa factura de septiembre sigue sin pagar y ya te he enviado tres recordatorios. "
    "Si no se abona esta semana, tendré que suspender el servicio.",
    "Dzień dobry,\nfaktura za wrzesień wciąż nie jest opłacona. Jeśli przelew nie dotrze do piątku, "
    "wstrzymam prace nad sklepem.",
    "Hi Tom,\nThe August invoice is still unpaid after three reminders. If it isn't settled by Friday, "
    "I'll have to pause all work on the app.",
])
def test_payment_threat_in_the_draft_suggests_a_call(draft):
    result = decision(draft)
    assert result.suggested
    assert result.topic in {"overdue_payment", "threat"}


@pytest.mark.parametrize("incoming, draft", [
    ("Estoy muy decepcionada: es la tercera vez que el informe llega con errores. Esto es inaceptable.",
     "Hola, Irene:\nLo reviso ahora mismo y te cuento."),
    ("To jest nie do przyjęcia. Rozważamy zakończenie współpracy.",
     "Dzień dobry,\nprzyjąłem, odpiszę jutro."),
    ("Frankly, this is unacceptable. We are considering ending the contract.",
     "Hi Grace,\nNoted, I'll get back to you tomorrow."),
])
def test_an_angry_client_message_suggests_a_call_even_for_a_short_polite_draft(incoming, draft):
    assert decision(draft, incoming, messages=3).suggested


@pytest.mark.parametrize("draft", [
    "Hola Marta:\nLa factura de septiembre sigue sin pagar. ¿Podemos hablar por teléfono mañana a las 10?",
    "Dzień dobry,\nfaktura za wrzesień wciąż nie jest opłacona. Zadzwonię jutro o 10, żeby to omówić.",
    "Hi Tom,\nThe August invoice is still unpaid. Can we hop on a call tomorrow at 10 to sort it out?",
])
def test_a_draft_that_already_proposes_a_call_is_left_alone(draft):
    assert not decision(draft).suggested


@pytest.mark.parametrize("incoming, draft", [
    ("Perfecto, nos vemos el jueves a las 11.", "¡Genial! Confirmado el jueves a las 11. Gracias."),
    ("Dziękuję, wszystko się zgadza.", "Dziękuję za potwierdzenie, do usłyszenia w czwartek."),
    ("Thanks, the new banner looks great.", "Thank you! I'll upload the final files tonight."),
])
def test_routine_thankful_replies_in_long_threads_get_no_call(incoming, draft):
    assert not decision(draft, incoming, messages=18).suggested


def test_a_long_thread_tips_a_borderline_conflict_over():
    draft = "Hi Ben,\nThe brand assets still haven't arrived, so the deadline will slip again."
    assert decision(draft, messages=14).score > decision(draft, messages=2).score


def test_reasons_name_the_trigger_in_the_interface_language():
    result = decision("Hi Grace,\nNoted, I'll get back to you tomorrow.",
                      "Frankly, this is unacceptable. We are considering ending the contract.", 3)
    keys = {r.key for r in result.reasons}
    assert "incoming_topic" in keys
    spanish = [reason_text(r.key, dict(r.values), "es") for r in result.reasons]
    polish = [reason_text(r.key, dict(r.values), "pl") for r in result.reasons]
    assert any("El último mensaje del cliente" in s for s in spanish)
    assert any("Ostatnia wiadomość klienta" in s for s in polish)


def test_quoted_client_message_counts_when_no_incoming_is_given():
    draft = ("Hola Irene:\nLo reviso ahora mismo.\n\n"
             "El lun, 3 nov 2026 a las 10:00, Irene <irene@example.com> escribió:\n"
             "> Es inaceptable. Estamos pensando en rescindir el contrato.\n")
    result = decision(draft)
    assert result.suggested
    assert any(r.key == "incoming_topic" for r in result.reasons)
