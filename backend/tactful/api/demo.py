"""Demo pages that reproduce Gmail's and Outlook's compose windows, served only by `tactful serve --demo`.

They ship inside the package (tactful/demo_pages) and hold no data: no token, nothing from the store.
The end-to-end tests run the extension against them.
"""

from __future__ import annotations

import re
from pathlib import Path

from flask import Blueprint, Flask, Response, send_from_directory

from ..errors import TactfulError
from .state import services

bp = Blueprint("demo", __name__)

PAGES = {
    "gmail": ("gmail.html", "Gmail, English"),
    "gmail-es": ("gmail-es.html", "Gmail, español"),
    "outlook": ("outlook.html", "Outlook on the web, English"),
    "outlook-pl": ("outlook-pl.html", "Outlook on the web, polski"),
}
_ASSET = re.compile(r"^[a-z0-9][a-z0-9-]*\.(?:js|css|svg)$")
_TYPES = {"js": "text/javascript", "css": "text/css", "svg": "image/svg+xml"}
# Scripts only from the page's own origin, nothing fetched, framed or posted. Inline styles stay allowed
# because the real webmails allow them and the extension's overlay relies on them there too.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def pages_folder() -> Path:
    """The demo pages shipped as package data."""
    return Path(__file__).resolve().parents[1] / "demo_pages"


def require_pages() -> Path:
    """The pages folder, or a clear error when this install has none (only a source checkout does)."""
    folder = pages_folder()
    if not (folder / PAGES["gmail"][0]).is_file():
        raise TactfulError("demo_pages_missing", f"--demo: the demo pages are not in {folder}: this installation "
                           "of Tactful is incomplete; reinstall it", field="--demo")
    return folder


def install(app: Flask) -> None:
    """Serve the demo pages from this app."""
    services(app).demo_pages = require_pages()
    app.register_blueprint(bp)


@bp.after_request
def _headers(response: Response) -> Response:
    """A strict CSP and no caching, so a page edited during a demo shows at once."""
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/demo")
@bp.get("/demo/")
def index():
    """A list of the demo pages (fixed text only)."""
    items = "".join(f'<li><a href="/demo/{slug}">{label}</a></li>' for slug, (_, label) in PAGES.items())
    html = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tactful demo pages</title>'
            '<link rel="stylesheet" href="/demo/pages.css"></head><body class="demo-index">'
            '<h1>Tactful demo pages</h1><p>Not the real Gmail or Outlook: pages that reproduce their compose '
            f'windows, so you can try the extension without touching a mailbox.</p><ul>{items}</ul></body></html>')
    return Response(html, mimetype="text/html")


@bp.get("/demo/<name>")
def page_or_asset(name: str):
    """A page by its short name, or one of the pages' own scripts and styles."""
    folder = services().demo_pages
    if name in PAGES:
        return send_from_directory(folder, PAGES[name][0], mimetype="text/html", max_age=0)
    if not _ASSET.match(name) or not (folder / name).is_file():
        raise TactfulError("not_found", f"no demo page or file named {name!r}", status=404)
    return send_from_directory(folder, name, mimetype=_TYPES[name.rsplit(".", 1)[1]], max_age=0)
