"""Underlines sit exactly on the words the service flagged, and a picked suggestion is an ordinary, undoable edit."""

from __future__ import annotations

from harness import BODY, open_demo, phrase_box, underlines, wait_analysed

PHRASE = "Como ya te dije"
REST = "el informe final estará listo el viernes por la tarde."
DRAFT = f"{PHRASE}, {REST}"
QUOTE_HEADER = "El jue, 6 nov 2026"
TOLERANCE_PX = 1.5


def own_words(page) -> str:
    """The user's part of the reply: the body's text above the quoted message (which repeats the phrase)."""
    text = page.locator(BODY).first.inner_text()
    return text[:text.index(QUOTE_HEADER)]


def flagged(page, prefix: str) -> list[dict]:
    """Underlines whose rule id starts with prefix."""
    return [u for u in underlines(page) if u["rule"].startswith(prefix)]


def assert_covers(mark: dict, box: dict) -> None:
    """The underline's box is the phrase's box (within a pixel and a half on every side)."""
    for side in ("left", "top", "right", "bottom"):
        assert abs(mark[side] - box[side]) <= TOLERANCE_PX, f"{side}: underline {mark} vs words {box}"


def type_reply(page, service, text: str) -> None:
    """Open the Spanish Gmail reply (caret at the top of the body), type text, wait for its analysis."""
    open_demo(page, service, "gmail-es", reply=1)
    page.keyboard.type(text)
    wait_analysed(page)


def test_spanish_passive_aggressive_phrase_is_underlined_on_its_words(page, service, shot):
    """The service's es.passive_aggressive finding is drawn over exactly "Como ya te dije", offsets and pixels."""
    type_reply(page, service, DRAFT)
    marks = flagged(page, "es.passive_aggressive.")
    assert [(m["start"], m["end"]) for m in marks] == [(0, len(PHRASE))], underlines(page)
    assert not marks[0]["hidden"]
    assert_covers(marks[0], phrase_box(page, PHRASE))
    shot("underline-es")


def test_emoji_before_a_finding_does_not_shift_its_underline(page, service, shot):
    """Code points (service) vs UTF-16 (DOM): two astral emoji before the phrase leave the underline on it."""
    prefix = "😀😀 "
    type_reply(page, service, prefix + DRAFT)
    marks = flagged(page, "es.passive_aggressive.")
    assert [(m["start"], m["end"]) for m in marks] == [(len(prefix), len(prefix) + len(PHRASE))], underlines(page)
    assert_covers(marks[0], phrase_box(page, PHRASE))
    shot("underline-emoji")


def test_picking_a_suggestion_edits_the_draft_and_ctrl_z_undoes_it(page, service, shot):
    """Hover the underline, click a calmer wording: the phrase is replaced as typed text, and Ctrl+Z brings it back."""
    type_reply(page, service, DRAFT)
    before = own_words(page)
    mark = flagged(page, "es.passive_aggressive.")[0]
    page.mouse.move((mark["left"] + mark["right"]) / 2, (mark["top"] + mark["bottom"]) / 2)
    button = page.locator('[data-tactful="tooltip"] button[data-tactful-suggestion]').first
    button.wait_for(state="visible")
    shot("tooltip-es")
    suggestion = button.text_content()
    button.click()
    page.wait_for_function("([sel, phrase]) => !document.querySelector(sel).innerText.startsWith(phrase)",
                           arg=[BODY, PHRASE])
    after = own_words(page)
    assert PHRASE not in after
    assert suggestion in after
    assert REST in after
    page.keyboard.press("Control+z")
    page.wait_for_function("([sel, phrase]) => document.querySelector(sel).innerText.startsWith(phrase)",
                           arg=[BODY, PHRASE])
    assert own_words(page) == before


def test_advice_is_shown_beside_the_suggestions_and_never_inserted(page, service, shot):
    """A finding's advice (guidance, not a replacement) is plain text in the tooltip: no button, and clicking it
    leaves the draft as it was; its suggestions stay the only thing that can be applied."""
    type_reply(page, service, DRAFT)
    expected = next(f for f in service.api("POST", "/v1/analyze", {"text": DRAFT, "lang": "auto"})["findings"]
                    if f["rule"].startswith("es.passive_aggressive."))
    assert expected["advice"] and expected["suggestions"], expected
    mark = flagged(page, "es.passive_aggressive.")[0]
    page.mouse.move((mark["left"] + mark["right"]) / 2, (mark["top"] + mark["bottom"]) / 2)
    advice = page.locator('[data-tactful="tooltip"] [data-tactful="advice"]')
    advice.wait_for(state="visible")
    assert [li.inner_text() for li in advice.locator("li").all()] == expected["advice"]
    assert advice.locator("button, [role=button], a").count() == 0
    buttons = page.locator('[data-tactful="tooltip"] button[data-tactful-suggestion]')
    assert [b.inner_text() for b in buttons.all()] == expected["suggestions"]
    shot("tooltip-advice-en")
    before = own_words(page)
    advice.locator("li").first.click()
    page.wait_for_timeout(300)
    assert own_words(page) == before
    assert not any(a in own_words(page) for a in expected["advice"])


def test_learned_findings_arrive_after_the_rule_findings_without_delaying_them(page, service, shot):
    """With "learned": "defer" the rule findings are drawn from the first answer; the sentences still being scored
    are asked for again (same text, no typing) and their findings, spanning the sentence, are drawn when they come."""
    sentence = "Honestly, I am not sure you understand how any of this works."
    text = f"Per my last email, the files are attached. {sentence}"
    open_demo(page, service, "gmail", reply=1)
    page.keyboard.type(text)
    first = wait_analysed(page)
    last_input = page.evaluate("() => window.__tactfulLastInput")
    assert [u["rule"] for u in underlines(page) if u["rule"].startswith("en.passive_aggressive.")], underlines(page)
    page.wait_for_function("""() => [...document.querySelectorAll('[data-tactful="overlay"]')].some((host) =>
        [...host.shadowRoot.querySelectorAll('[data-tactful-underline]')]
            .some((n) => n.dataset.rule.endsWith('.learned')))""", timeout=15_000)
    learned = [u for u in underlines(page) if u["rule"].endswith(".learned")]
    start = text.index(sentence)
    assert [(u["start"], u["end"]) for u in learned] == [(start, start + len(sentence))], learned
    metrics = page.evaluate("() => JSON.parse(document.documentElement.dataset.tactfulMetrics)")
    assert len([t for t in metrics["requestTimes"] if t > last_input]) >= 2, "asked again for the same text"
    after = [r for r in metrics["renders"] if r["at"] >= last_input]
    assert after[0]["findings"] >= 1, "the rule finding is drawn from the first answer"
    assert after[0] == next(r for r in first["renders"] if r["at"] >= last_input)
    assert max(r["findings"] for r in after) > after[0]["findings"], "the learned finding came on a follow-up"
    mark = learned[0]
    page.mouse.move(mark["left"] + 5, (mark["top"] + mark["bottom"]) / 2)
    tip = page.locator('[data-tactful="tooltip"]')
    tip.wait_for(state="visible")
    assert "Found by reading the whole sentence." in tip.inner_text()
    assert tip.locator("button[data-tactful-suggestion]").count() == 0
    assert tip.locator('[data-tactful="advice"] li').count() >= 1
    shot("tooltip-learned")
