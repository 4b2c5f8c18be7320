"""End-to-end fixtures: the real `tactful serve --demo`, Debian's Chromium with the unpacked extension, the API."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import (
    SCREENSHOTS,
    DemoService,
    configure,
    default_settings_for,
    launch_browser,
    require_chromium,
    reset,
)


@pytest.fixture(scope="session")
def service(tmp_path_factory):
    """One real service process for the whole e2e session (its own home, token and port)."""
    require_chromium()  # fail before starting anything when the browser is missing
    svc = DemoService(tmp_path_factory.mktemp("tactful-home")).start()
    yield svc
    svc.stop()


@pytest.fixture(scope="session")
def browser(playwright, service, tmp_path_factory):
    """A persistent Chromium context with the extension loaded and pointed at the service: (context, worker)."""
    context, worker = launch_browser(playwright, tmp_path_factory.mktemp("chromium-profile"))
    configure(worker, **default_settings(service))
    yield context, worker
    context.close()


def default_settings(service) -> dict:
    """The extension settings every test starts from (the categories from the one list, lib/categories.js)."""
    return default_settings_for(service)


@pytest.fixture
def settings(browser, service):
    """Change the extension's settings for one test (set before opening the page); restored afterwards."""
    _, worker = browser
    yield lambda **changes: configure(worker, **changes)
    configure(worker, **default_settings(service))


@pytest.fixture(autouse=True)
def clean_service(service):
    """Each test starts with no clients, nothing scheduled and a profile without contact hours."""
    reset(service)
    yield
    reset(service)


@pytest.fixture
def make_client(service):
    """Create a client through the API; the autouse reset deletes it after the test."""
    def make(**fields) -> dict:
        return service.api("POST", "/v1/clients", fields)
    return make


@pytest.fixture
def page(browser, request):
    """A fresh tab; console errors of the extension are attached to a failing test's report."""
    context, _ = browser
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    messages: list[str] = []
    tab.on("console", lambda m: messages.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    tab.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    yield tab
    if messages:
        request.node.add_report_section("call", "browser console", "\n".join(messages))
    tab.close()


@pytest.fixture
def shot(page, request):
    """Save a screenshot of the page to tests/e2e/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def save(name: str | None = None) -> Path:
        path = SCREENSHOTS / f"{name or request.node.name}.png"
        page.screenshot(path=str(path))
        return path
    return save

