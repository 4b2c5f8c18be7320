"""`tactful serve` as a user runs it: a real process on a free port, embedded defaults."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def service(home):
    port = _free_port()
    env = {**os.environ, "TACTFUL_HOME": str(home), "TACTFUL_PORT": str(port), "TACTFUL_TOKEN": "secret"}
    proc = subprocess.Popen([sys.executable, "-m", "tactful", "serve"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/v1/health", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(proc.stdout.read())
            time.sleep(0.2)
    yield base
    proc.terminate()
    output, _ = proc.communicate(timeout=10)
    assert "Traceback" not in output


def _post(url: str, body: dict, token: str = "secret"):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={
        "Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_serve_answers_on_loopback_with_the_token(service, home):
    health = json.loads(urllib.request.urlopen(service + "/v1/health").read())
    assert health["status"] == "ok" and health["rules"]["pl"] > 0
    status, body = _post(service + "/v1/analyze", {"text": "Jak już pisałam, czekam na teksty.", "lang": "pl"})
    assert status == 200 and body["findings"][0]["category"] == "passive_aggressive"
    assert _post(service + "/v1/analyze", {"text": "x"}, token="wrong")[0] == 401
    assert (home / "tactful.db").exists()
