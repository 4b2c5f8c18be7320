"""What the end-to-end tests and bench/extension.py share: the real service, Chromium with the extension, the API."""

from __future__ import annotations

import json
import math
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# Fixed by the public key in extension/manifest.json.
EXTENSION_ID = "fkbkppgmccpkcagnnligifafnieemgma"
TOKEN = "e2e-token"
# The browser's own clock zone: not UTC, so a wrong local/UTC conversion in the webmail path shows.
BROWSER_TIMEZONE = "Europe/Madrid"


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_chromium() -> None:
    """Stop with a clear message when Debian's Chromium is missing (never download a browser)."""
    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium (scripts/install-test-deps.sh "
                           "does it for the test command); the end-to-end tests never download a browser")


class DemoService:
    """`python -m tactful serve --demo` as a real process on a free port, with its own home and token."""

    def __init__(self, home: Path, token: str = TOKEN, env: dict | None = None):
        self.home = Path(home)
        self.extra_env = dict(env or {})
        self.home.mkdir(parents=True, exist_ok=True)
        self.token = token
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log_path = self.home / "service.log"

    def start(self) -> DemoService:
        """Start the process and wait until /v1/health answers."""
        env = {**os.environ, "TACTFUL_HOME": str(self.home), "TACTFUL_TOKEN": self.token,
               "TACTFUL_PORT": str(self.port), "TACTFUL_HOST": "127.0.0.1"}
        for name in ("TACTFUL_DATABASE_URL", "TACTFUL_SMTP_URL", "TACTFUL_RULES"):
            env.pop(name, None)
        env.update(self.extra_env)
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen([sys.executable, "-m", "tactful", "serve", "--demo", "--port", str(self.port)],
                                         env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"tactful serve --demo exited: {self.log_path.read_text(errors='replace')}")
            try:
                urllib.request.urlopen(f"{self.url}/v1/health", timeout=1).close()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"tactful serve --demo did not answer on {self.url}")

    def stop(self) -> None:
        """Terminate the process this object started."""
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None

    def api(self, method: str, path: str, body: dict | None = None, expect: tuple[int, ...] = (200, 201, 204)):
        """One authorised JSON call; returns the decoded body (None when empty), fails on an unexpected status."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.url}{path}", data=data, method=method, headers={
            "Authorization": f"Bearer {self.token}", "Content-Type": "application/json", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=15) as res:
                status, raw = res.status, res.read()
        except urllib.error.HTTPError as err:
            status, raw = err.code, err.read()
        if status not in expect:
            raise AssertionError(f"{method} {path} answered {status}: {raw.decode(errors='replace')}")
        return json.loads(raw) if raw else None


ME = {"name": "Sam Tester", "timezone": "Europe/Madrid", "contact_hours": None, "language": "en"}


def reset(service) -> None:
    """Delete every client, cancel every scheduled message, put the default profile back."""
    for client in service.api("GET", "/v1/clients")["clients"]:
        service.api("DELETE", f"/v1/clients/{client['id']}")
    for message in service.api("GET", "/v1/scheduled?status=scheduled")["scheduled"]:
        service.api("DELETE", f"/v1/scheduled/{message['id']}")
    service.api("PUT", "/v1/me", ME)


def launch_browser(playwright, user_data_dir: Path, locale: str = "en-US", extension: Path = EXTENSION):
    """Chromium (Debian's) with the unpacked extension loaded; returns (context, extension service worker)."""
    require_chromium()
    context = playwright.chromium.launch_persistent_context(
        str(user_data_dir), executable_path=CHROMIUM, headless=True, locale=locale, timezone_id=BROWSER_TIMEZONE,
        viewport={"width": 1280, "height": 900},
        args=[f"--disable-extensions-except={extension}", f"--load-extension={extension}", f"--lang={locale.split('-')[0]}"])
    context.add_init_script(LAST_INPUT_SCRIPT)
    workers = context.service_workers
    worker = workers[0] if workers else context.wait_for_event("serviceworker", timeout=30_000)
    return context, worker


def default_settings_for(service) -> dict:
    """The extension settings every test starts from: this service, its token, every category on."""
    import re

    source = (EXTENSION / "lib" / "categories.js").read_text()
    categories = json.loads(re.search(r"CATEGORIES = (\[[^\]]*\])", source).group(1))
    return {"serviceUrl": service.url, "token": service.token, "schedulePath": "webmail",
            "categories": {c: True for c in categories}, "version": 2}


def configure(worker, **settings) -> None:
    """Write extension settings (serviceUrl, token, schedulePath, categories, version) into chrome.storage.local."""
    worker.evaluate("(s) => chrome.storage.local.set(s)", settings)


def metrics(page) -> dict:
    """The timings the extension publishes on demo pages (<html data-tactful-metrics>)."""
    raw = page.evaluate("() => document.documentElement.dataset.tactfulMetrics || ''")
    return json.loads(raw) if raw else {}


# ---------------------------------------------------------------------------------------------- pages

BODY = '[contenteditable="true"][aria-multiline="true"]'
SEND = '[data-demo-compose] [data-demo="send"]'
DIALOG = '[data-tactful="send-dialog"]'
# Main world: when the last edit of a draft happened, on the same performance.now() clock as the metrics.
LAST_INPUT_SCRIPT = ("document.addEventListener('input', () => { window.__tactfulLastInput = performance.now(); },"
                     " true);")


def demo_url(service, name: str, **params) -> str:
    """Address of a demo page with query parameters (reply=1, compose=1, to=…)."""
    query = "&".join(f"{k}={urllib.request.quote(str(v), safe='@')}" for k, v in params.items())
    return f"{service.url}/demo/{name}" + (f"?{query}" if query else "")


def open_demo(page, service, name: str, **params):
    """Open a demo page and wait until Tactful has attached its panel to the compose; returns the body locator."""
    page.goto(demo_url(service, name, **params))
    page.locator('[data-tactful="panel"]').first.wait_for(state="attached")
    return page.locator(BODY).first


def wait_analysed(page, timeout_ms: int = 10_000) -> dict:
    """Wait until underlines were drawn for the draft as it is now (a render after the last edit); returns metrics."""
    page.wait_for_function("""() => {
        const m = JSON.parse(document.documentElement.dataset.tactfulMetrics || '{}');
        const last = window.__tactfulLastInput || 0;
        return (m.renders || []).some((r) => r.at >= last);
    }""", timeout=timeout_ms)
    return metrics(page)


def underlines(page) -> list[dict]:
    """Every underline in Tactful's overlays: rule, start/end (code points) and its box on screen."""
    return page.evaluate("""() => [...document.querySelectorAll('[data-tactful="overlay"]')]
        .flatMap((host) => [...host.shadowRoot.querySelectorAll('[data-tactful-underline]')])
        .map((n) => { const r = n.getBoundingClientRect();
            return {rule: n.dataset.rule, start: Number(n.dataset.start), end: Number(n.dataset.end),
                    hidden: n.hidden, left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })""")


def phrase_box(page, phrase: str) -> dict | None:
    """The on-screen box of the first occurrence of phrase in the draft body (a Range over its text node)."""
    return page.evaluate("""([selector, phrase]) => {
        const body = document.querySelector(selector);
        const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(phrase);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + phrase.length);
            const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
            return {left: Math.min(...rects.map((r) => r.left)), top: Math.min(...rects.map((r) => r.top)),
                    right: Math.max(...rects.map((r) => r.right)), bottom: Math.max(...rects.map((r) => r.bottom))};
        }
        return null;
    }""", [BODY, phrase])


# What the site adapter's public interface returns on this page, read in the page's own world by importing the
# extension's (web-accessible) adapter module: findComposes(document) and each compose's getters.
READ_ADAPTER = """async ([id, site]) => {
    const adapter = await import(`chrome-extension://${id}/adapters/${site}.js`);
    return adapter.findComposes(document).map((c) => ({
        recipients: c.getRecipients(), names: c.getRecipientNames(), subject: c.getSubject(),
        thread: c.getThread(), send: Boolean(c.getSendButton()),
        fields: Object.fromEntries(Object.entries(c.getRecipientFields()).map(([k, v]) => [k, v.addresses])),
        sendSubject: c.getSendSubject(), from: c.getFrom(), attachments: c.getAttachments(),
        reply: c.getReplyHeaders(),
    }));
}"""


def read_adapter(page, site: str) -> list[dict]:
    """findComposes(document) and the getters, through the extension's own adapter module."""
    return page.evaluate(READ_ADAPTER, [EXTENSION_ID, site])


def outbox(page) -> list[dict]:
    """What the demo page sent or scheduled (window.demoOutbox)."""
    return page.evaluate("() => window.demoOutbox")


def demo_log(page) -> list[dict]:
    """Everything the demo page did, in order (window.demoLog): opened, sent, scheduled, discarded, unscheduled."""
    return page.evaluate("() => window.demoLog")


NOTICE = '[data-tactful="notice"]'


def notice_text(page) -> str:
    """What Tactful's own notice says (it lives in a shadow root)."""
    return page.locator(NOTICE).inner_text()


# ---------------------------------------------------------------------------------------------- clients

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def hours_not_today(zone: str) -> dict:
    """Contact hours with one window, 09:00–17:00 three days from today there: now is always outside."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    today = datetime.now(ZoneInfo(zone)).weekday()
    return {"timezone": zone, "weekly": {DAYS[(today + 3) % 7]: [["09:00", "17:00"]]}}


def hours_always(zone: str) -> dict:
    """Contact hours open all day, every day: now is always inside."""
    return {"timezone": zone, "weekly": {day: [["00:00", "24:00"]] for day in DAYS}}


def instant(value: str):
    """An ISO-8601 string (offset or Z) as an aware datetime, so instants compare whatever the zone."""
    from datetime import datetime

    return datetime.fromisoformat(value)


def poll(check, timeout_s: float = 10.0, every_s: float = 0.1):
    """Call check() until it returns something truthy (a condition wait, for state outside the page)."""
    deadline = time.time() + timeout_s
    while True:
        value = check()
        if value or time.time() > deadline:
            return value
        time.sleep(every_s)


# ---------------------------------------------------------------------------------------------- performance

# About 1,500 characters of an ordinary client e-mail with a few phrases the service flags, typed as one draft.
LONG_DRAFT = (
    "Hi Ana,\n"
    "Thank you for your patience this week. I went through the fit-out plan again this morning and I want to "
    "give you a clear picture of where things stand, so that you can plan the move with your team. "
    "As I already said, the joinery for the meeting rooms arrives on Monday, and the electricians start on "
    "Tuesday once the partitions are up. The flooring supplier confirmed the delivery window for Wednesday. "
    "I have attached the updated schedule with every task, its owner and the date it should be finished. "
    "The revised quote is attached as well: the total is lower than in the first version because we reused "
    "the existing ceiling grid in the open-plan area, which also saves about three working days. "
    "There are two points where I need your decision. First, the kitchen worktop: the oak sample you liked "
    "is out of stock until January, so I suggest the walnut one, which costs the same and can be fitted "
    "next week. Second, the blinds for the south-facing windows: we can install manual ones now or wait "
    "two weeks for the motorised ones you asked about. Per my last email, both options are in the quote. "
    "If it helps, I can walk you through the site on Thursday afternoon so you can see the progress and "
    "check the finishes before we order the rest of the materials. "
    "Obviously the handover date stays the same, and I will send you a short report every Friday "
    "until the work is done. Please let me know which options you prefer by Wednesday, so that the "
    "orders go out in time.\n"
    "Best regards,\n"
    "Sam"
)
# Chunks typed before each pause, of varied length so pauses fall at every point of the request cycle.
PAUSE_CHUNKS = [
    " Thanks.", " The painters confirmed Friday.", " Keys are with the concierge downstairs, ask for Marta.",
    " Noted.", " The permit arrived today and it covers the weekend work as well, so nothing moves.",
    " The skip leaves on Monday.", " Lighting samples are ready for you to choose from at the site office.",
    " OK.", " Parking is booked for the van.",
    " Dust covers stay on the furniture until the painters finish the last coat on Friday evening.",
    " The lift is reserved at nine.", " Sure.", " The invoice follows next week, once the final count is done.",
]

RENDER_AFTER = """(t) => {
    const m = JSON.parse(document.documentElement.dataset.tactfulMetrics || '{}');
    const r = (m.renders || []).find((x) => x.at >= t);
    return r ? r.at : null;
}"""


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (nearest rank) of values, None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def measure_typing(page, service, draft: str = LONG_DRAFT, delay_ms: int = 40, pauses: int = 20) -> dict:
    """Type draft continuously into a Gmail reply, then type short chunks with pauses; return the extension's figures.

    Clocks: the metrics' times and the main world's last-input time are both performance.now() of the page.
    """
    open_demo(page, service, "gmail", reply=1)
    wait_analysed(page)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    before, tasks_before = metrics(page), _task_seconds(cdp)
    start = page.evaluate("() => performance.now()")
    page.keyboard.type(draft, delay=delay_ms)
    end = page.evaluate("() => window.__tactfulLastInput")
    tasks = _task_seconds(cdp) - tasks_before
    typed = metrics(page)
    keystrokes = typed["keystrokes"] - before["keystrokes"]
    requests = [t for t in typed["requestTimes"] if start <= t <= end]
    minutes = (end - start) / 60_000
    latencies = [_pause_latency(page, PAUSE_CHUNKS[i % len(PAUSE_CHUNKS)], delay_ms) for i in range(pauses)]
    handler = typed["handlerMs"][-keystrokes:] if keystrokes else []
    return {
        "draft_chars": len(draft), "delay_ms": delay_ms, "typing_seconds": round((end - start) / 1000, 2),
        "keystrokes": keystrokes,
        "handler_ms_p50": percentile(handler, 50), "handler_ms_p95": percentile(handler, 95),
        "handler_ms_max": max(handler) if handler else None,
        "page_main_thread_ms_per_keystroke": round(tasks * 1000 / keystrokes, 3) if keystrokes else None,
        "requests_while_typing": len(requests),
        "requests_per_minute": round(len(requests) / minutes, 1) if minutes else None,
        "pauses": len(latencies), "pause_to_underlines_ms": latencies,
        "pause_to_underlines_ms_p50": percentile(latencies, 50),
        "pause_to_underlines_ms_p95": percentile(latencies, 95),
        "renders": len(metrics(page)["renders"]),
    }


def _task_seconds(cdp) -> float:
    """Main-thread task time of the page's renderer so far (CDP Performance.getMetrics TaskDuration)."""
    values = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return values["TaskDuration"]


def _pause_latency(page, chunk: str, delay_ms: int) -> float:
    """Type a chunk, stop, and return the ms from its last keystroke to the first render after it."""
    page.keyboard.type(chunk, delay=delay_ms)
    last = page.evaluate("() => window.__tactfulLastInput")
    handle = page.wait_for_function(RENDER_AFTER, arg=last, timeout=10_000)
    return round(handle.json_value() - last, 1)
