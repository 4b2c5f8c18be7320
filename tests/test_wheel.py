"""The package installs like any other: a wheel in a fresh virtual environment, far from the repository.

The wheel is built from this checkout, installed with pip (dependencies from the package index)
into a virtual environment in a temporary folder, and its `tactful` is run from there with a
working directory outside the repository: checking a draft gives the same findings as the
editable install, the rule packs validate and pass their examples, and `serve --demo` serves
the demo pages, all from package data.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tactful.analysis import analyze_request
from tactful.schemas import AnalyzeRequest, parse

REPO = Path(__file__).resolve().parents[1]
DRAFT = ("Hola, Lorena:\nComo ya te dije, necesito los textos URGENTE!!!\n"
         "Es evidente que no leíste el informe. ESTO ES INACEPTABLE.\n")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """A venv outside the repository with the wheel installed, and an environment that knows nothing of it."""
    root = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(root / "dist"), str(REPO)],
                   check=True, capture_output=True)
    wheel = next((root / "dist").glob("tactful-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True)
    subprocess.run([str(root / "venv" / "bin" / "pip"), "install", "-q", str(wheel)], check=True,
                   capture_output=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TACTFUL_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(TACTFUL_HOME=str(root / "home"), XDG_CACHE_HOME=str(root / "cache"))
    return {"bin": root / "venv" / "bin", "env": env, "cwd": root}


def _tactful(installed, *args, input=None, check=False):
    return subprocess.run([str(installed["bin"] / "tactful"), *args], input=input, env=installed["env"],
                          cwd=installed["cwd"], capture_output=True, text=True, check=check, timeout=300)


def test_the_wheel_runs_from_site_packages_not_from_the_checkout(installed):
    where = subprocess.run([str(installed["bin"] / "python"), "-c", "import tactful; print(tactful.__file__)"],
                           env=installed["env"], cwd=installed["cwd"], capture_output=True, text=True, check=True)
    location = Path(where.stdout.strip()).resolve()
    assert "site-packages" in location.parts and REPO not in location.parents


def test_check_from_the_wheel_finds_what_the_editable_install_finds(installed):
    result = _tactful(installed, "check", "--json", "-", input=DRAFT)
    assert result.returncode == 1, result.stderr
    from_wheel = json.loads(result.stdout)
    here = analyze_request(parse(AnalyzeRequest, {"text": DRAFT}))
    assert [(f["rule"], f["start"], f["end"]) for f in from_wheel["findings"]] == \
        [(f["rule"], f["start"], f["end"]) for f in here["findings"]]
    assert len(from_wheel["findings"]) >= 4 and from_wheel["lang"] == here["lang"] == "es"


def test_rules_check_from_the_wheel_loads_and_passes_every_example(installed):
    result = _tactful(installed, "rules", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("0 failing") and " 0 rules" not in result.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_demo_from_the_wheel_serves_the_pages(installed):
    port = _free_port()
    env = {**installed["env"], "TACTFUL_PORT": str(port)}
    proc = subprocess.Popen([str(installed["bin"] / "tactful"), "serve", "--demo"], env=env, cwd=installed["cwd"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=2) as response:
                    health = json.loads(response.read())
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()
                assert time.monotonic() < deadline, "the service did not answer within 60 s"
                time.sleep(0.1)
        assert all(count > 0 for count in health["rules"].values())
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/demo/gmail", timeout=5) as response:
            page = response.read().decode()
        assert response.status == 200 and "contenteditable" in page
    finally:
        proc.terminate()
        proc.wait(15)
