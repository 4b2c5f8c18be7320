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
