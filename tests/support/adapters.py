"""Load a page's markup in Chromium beside the extension's adapter modules and read what the public interface
returns: findComposes(document) and each compose's getters. Used by the field gate on the captures of the real
webmail (never copied into the repository: they are served from where they lie) and by tests of the demo pages.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

EXTENSION = Path(__file__).resolve().parents[2] / "extension"
ORIGIN = "http://webmail.test"
CHROMIUM = "/usr/bin/chromium"

# What each compose's public getters return, as JSON the test can compare (elements described, not returned).
READ_COMPOSES = """async (site) => {
    const adapter = await import(`/extension/adapters/${site}.js`);
    const describe = (el) => el ? {tag: el.tagName.toLowerCase(), id: el.id || null,
        label: el.getAttribute('aria-label') || el.getAttribute('data-tooltip') || null,
        contains: [...el.querySelectorAll('input, textarea, [contenteditable="true"]')].length} : null;
    return adapter.findComposes(document).map((c) => ({
        root: describe(c.root), body: describe(c.body),
        recipients: c.getRecipients(), names: c.getRecipientNames(), fields: c.getRecipientFields(),
        subject: c.getSubject(), thread: c.getThread(), send: describe(c.getSendButton()),
        sendSubject: c.getSendSubject(), from: c.getFrom(), attachments: c.getAttachments(),
        reply: c.getReplyHeaders(),
    }));
}"""


def serve_files(page, folder: Path) -> None:
    """Answer ORIGIN/webmail/<name> from folder and ORIGIN/extension/<path> from the extension, nothing else."""
    def handle(route):
        path = route.request.url[len(ORIGIN):].split("?", 1)[0]
        base, rel = (folder, path[len("/webmail/"):]) if path.startswith("/webmail/") else (
            (EXTENSION, path[len("/extension/"):]) if path.startswith("/extension/") else (None, ""))
        target = (base / rel).resolve() if base else None
        if target is None or base.resolve() not in target.parents or not target.is_file():
            return route.fulfill(status=404, body="not found")
        kind = "text/javascript" if target.suffix == ".js" else mimetypes.guess_type(target.name)[0] or "text/plain"
        return route.fulfill(status=200, body=target.read_bytes(), headers={"Content-Type": kind})
    page.route(f"{ORIGIN}/**", handle)


def open_markup(page, folder: Path, name: str) -> None:
    """Open folder/name as a page of ORIGIN (so the adapter modules can be imported beside it)."""
    serve_files(page, folder)
    page.goto(f"{ORIGIN}/webmail/{name}")


def read_composes(page, site: str) -> list[dict]:
    """findComposes(document) through the site's adapter, each compose's getters' results."""
    return page.evaluate(READ_COMPOSES, site)
