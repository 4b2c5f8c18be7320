"""Draft text is only ever text: markup typed into a draft never becomes an element or runs, in the page or in Tactful's UI."""

from __future__ import annotations

from harness import (
    DIALOG,
    SEND,
    hours_not_today,
    open_demo,
    outbox,
    underlines,
    wait_analysed,
)

IMG = "<img src=x onerror=window.__pwned=1>"
SCRIPT = "<script>window.__pwned=2</script>"

# Every <img> in the document and in every open shadow root (Tactful's hosts: panel, overlay, dialog), recursively.
COUNT_IMAGES = """() => {
    const roots = [document];
    for (let i = 0; i < roots.length; i++) {
        for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    return {images: roots.reduce((n, r) => n + r.querySelectorAll('img').length, 0),
            scripts: roots.slice(1).reduce((n, r) => n + r.querySelectorAll('script').length, 0),
            shadowRoots: roots.length - 1};
}"""


def assert_inert(page) -> None:
    """Nothing ran in the page's main world and no <img> or <script> was built from the draft."""
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    found = page.evaluate(COUNT_IMAGES)
    assert found["images"] == 0 and found["scripts"] == 0, found


def test_markup_typed_in_a_draft_stays_text_everywhere(page, service, make_client, shot):
    """Through analysis, underlines, tooltip, dialog and send, the typed tags stay characters.

    The demo page's CSP would block inline handlers anyway, so the decisive check is that no element is created.
    """
    client = make_client(name="Omar Haddad", emails=["omar@haddad.example"], language="en", formality="formal",
                         contact_hours=hours_not_today("Asia/Dubai"))
    open_demo(page, service, "gmail", reply=1, to=client["emails"][0])
    draft = f"As I already said, {IMG} and {SCRIPT} are just characters here."
    page.keyboard.type(draft)
    wait_analysed(page)
    marks = [u for u in underlines(page) if u["rule"] == "en.passive_aggressive.as-i-already-said"]
    assert marks, underlines(page)
    page.mouse.move((marks[0]["left"] + marks[0]["right"]) / 2, (marks[0]["top"] + marks[0]["bottom"]) / 2)
    page.locator('[data-tactful="tooltip"]').wait_for(state="visible")
    assert_inert(page)
    page.locator(SEND).click()
    page.locator(DIALOG).wait_for(state="visible")
    assert page.evaluate(COUNT_IMAGES)["shadowRoots"] >= 3  # panel, overlay and dialog were all inspected
    assert_inert(page)
    shot("send-dialog-markup")
    page.locator(f'{DIALOG} [data-action="send-anyway"]').click()
    page.wait_for_function("() => window.demoOutbox.length > 0")
    entries = outbox(page)
    assert [e["kind"] for e in entries] == ["sent"]
    assert entries[0]["text"].startswith(draft)
    assert_inert(page)


HOSTILE_HTML = ('<p onclick="window.__pwned=3">Hello <b>Kenji</b>, <a href="javascript:window.__pwned=4">the quote</a>'
                ' and <a href="https://acme.example/q">the plan</a>.</p><script>window.__pwned=5</script>'
                '<img src="x" onerror="window.__pwned=6"><img src="cid:logo@studio">'
                '<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input></form>'
                '<svg><script>window.__pwned=7</script></svg><span style="background:url(https://evil.example/t)">'
                'tracked</span><style>body{display:none}</style>')


def test_a_held_message_goes_back_into_the_webmail_with_its_formatting_and_nothing_active(page, service):
    """Undo of the service path puts the held HTML back through restorableMarkup: bold, plain links and cid images
    stay; handlers, scripts, frames, forms, javascript: links and CSS urls are gone before the page sees any of it."""
    from harness import EXTENSION_ID

    open_demo(page, service, "gmail", compose=1)
    cleaned = page.evaluate("""async ([id, html]) => {
        const { restorableMarkup } = await import(`chrome-extension://${id}/adapters/compose.js`);
        return restorableMarkup(document, html);
    }""", [EXTENSION_ID, HOSTILE_HTML])
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert "<b>Kenji</b>" in cleaned and '<a href="https://acme.example/q">the plan</a>' in cleaned, cleaned
    assert '<img src="cid:logo@studio">' in cleaned, cleaned
    for gone in ("onclick", "onerror", "javascript:", "<script", "<iframe", "<form", "<input", "<svg", "url(",
                 "<style", 'src="x"'):
        assert gone not in cleaned, (gone, cleaned)
    assert "the quote" in cleaned and "tracked" in cleaned, "the words stay, only what is active goes"
