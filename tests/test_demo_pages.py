"""`tactful serve --demo`: the pages that reproduce Gmail's and Outlook's compose windows, served safely."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tactful.api import create_app, demo
from tactful.cli import main

PAGES = ["gmail", "gmail-es", "outlook", "outlook-pl"]


@pytest.fixture
def demo_client(settings):
    return create_app(settings, demo=True, TESTING=True).test_client()


def _is_not_found(response):
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("name", PAGES)
def test_each_page_is_served_with_a_strict_csp_and_no_token(demo_client, name):
    response = demo_client.get(f"/demo/{name}")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "Tactful demo" in response.get_data(as_text=True)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-eval" not in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp and "connect-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name, mimetype", [("pages.js", "text/javascript"), ("pages.css", "text/css")])
def test_the_shared_script_and_styles_are_served(demo_client, name, mimetype):
    response = demo_client.get(f"/demo/{name}")
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize("path", ["/demo", "/demo/"])
def test_the_index_lists_every_page(demo_client, path):
    response = demo_client.get(path)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert all(f'href="/demo/{name}"' in text for name in PAGES)
    assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize("name", ["nothing.js", "gmail.html", "pages.py", "README", "GMAIL"])
def test_an_unknown_file_is_a_json_404(demo_client, name):
    _is_not_found(demo_client.get(f"/demo/{name}"))


@pytest.mark.parametrize("path", ["/demo/..%2fconftest.py", "/demo/..%2f..%2fconftest.py", "/demo/%2e%2e/conftest.py",
                                  "/demo/..%5cconftest.py", "/demo/../../conftest.py", "/demo/.%2fpages.js"])
def test_no_path_leaves_the_pages_folder(demo_client, path):
    response = demo_client.get(path)
    assert response.status_code in (404, 308)
    assert b"import pytest" not in response.get_data()
    if response.status_code == 404:
        assert response.get_json()["error"]["code"] == "not_found"


def test_nothing_is_served_without_demo_mode(client):
    for path in ("/demo/", "/demo/gmail", "/demo/pages.js"):
        _is_not_found(client.get(path))


def test_api_routes_still_need_the_token_in_demo_mode(demo_client):
    assert demo_client.get("/v1/scheduled").status_code == 401
    assert demo_client.get("/v1/health").status_code == 200


def test_serve_demo_stops_with_a_clear_message_when_the_pages_are_absent(home, tmp_path, monkeypatch):
    monkeypatch.setattr(demo, "pages_folder", lambda: tmp_path / "no-pages")
    result = CliRunner().invoke(main, ["serve", "--demo", "--port", "1"])
    assert result.exit_code == 2
    assert "--demo: the demo pages are not in" in result.output and "no-pages" in result.output


def test_serve_help_mentions_demo(home):
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert "--demo" in result.output and "tactful serve --demo" in result.output


# The pages follow the structure the captures of the real webmail show (../shared/webmail), not the adapters'
# wishes: these checks keep them from drifting back to shapes the real pages do not have.
PAGE_DIR = demo.pages_folder()


def _template(page: str, name: str) -> str:
    import re

    text = (PAGE_DIR / page).read_text(encoding="utf-8")
    return re.search(rf'<template data-demo="{name}">(.*?)</template>', text, re.S).group(1)


@pytest.mark.parametrize("page", ["gmail.html", "gmail-es.html"])
def test_gmail_pages_keep_recipients_in_a_form_beside_the_bodys_table(page):
    compose = _template(page, "compose")
    form, table = compose.index('<form class="bAs'), compose.index('<table class="iN"')
    assert form < compose.index("</form>") < table, "form.bAs holds the fields and closes before table.iN"
    assert 'name="subjectbox"' in compose[form:table] and 'data-demo="send"' in compose[table:]
    assert '<div class="anm" name="to">' in compose and 'input class="agP' in compose
    assert 'name="to"' not in compose.split('<div class="anm" name="to">')[1].split("</div>")[0], \
        "today's To input has no name: the name is on the wrapper"
    assert 'role="option"' in _template(page, "chip") and "data-hovercard-id" in _template(page, "chip")
    picker = _template(page, "pick-dialog")
    assert "<input data-demo=\"date\">" in picker and "aria-label" not in picker.split("<input")[1]
    assert 'selector="scheduledSend"' in _template(page, "send-menu")


@pytest.mark.parametrize("page", ["outlook.html", "outlook-pl.html"])
def test_outlook_pages_show_name_only_pills_and_the_reading_pane_as_it_is(page):
    compose = _template(page, "compose")
    wells = [part.split(">")[0] for part in compose.split('<div class="ol-well"')[1:]]
    assert len(wells) == 3 and all("role=" not in w and 'contenteditable="true"' in w for w in wells)
    chip = _template(page, "chip")
    assert "data-lpc-hover-target-id" in chip and "title=" not in chip and "@" not in chip
    text = (PAGE_DIR / page).read_text(encoding="utf-8")
    reading = text.split('id="ReadingPaneContainerId"')[1].split("</main>")[0]
    assert "data-convid" not in reading and 'data-convid="' in text.split('id="ReadingPaneContainerId"')[0]
    assert 'id="x_appendonsend"' in reading and 'id="x_divRplyFwdMsg"' in reading
    assert 'id="UniqueMessageBody_' in reading and 'role="document"' in reading
    assert 'type="text" data-demo="date"' in _template(page, "schedule-dialog")
