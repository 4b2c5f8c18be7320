"""Cold start of the command line and the service, as a new user meets them.

Prints JSON: wall time of `tactful check` on a short draft (the first run, which fills the rule
cache and unpacks the encoder, the median of the next runs on the same draft — its sentence
scores kept on disk — and the median over drafts it has never seen, which load the encoder), `tactful --help`, and the seconds from starting
`tactful serve` until GET /v1/health answers (with a fresh instance folder and with an existing one).
    python bench/startup.py [runs]
Run it with the virtual environment's python (`.venv/bin/python bench/startup.py`).
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

TACTFUL = Path(sys.executable).with_name("tactful")
DRAFT = "Hola, Lorena:\nComo ya te dije, necesito los textos URGENTE.\n"
TARGETS = {"check_median_s": 0.5, "serve_health_s": 3.0}


def _timed(args: list[str], env: dict, stdin: str = "") -> float:
    start = time.perf_counter()
    subprocess.run([str(TACTFUL), *args], input=stdin, env=env, capture_output=True, text=True, check=False)
    return time.perf_counter() - start


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve_until_healthy(env: dict) -> float:
    port = _free_port()
    env = {**env, "TACTFUL_PORT": str(port)}
    start = time.perf_counter()
    proc = subprocess.Popen([str(TACTFUL), "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=1):
                    return time.perf_counter() - start
            except OSError:
                if proc.poll() is not None:
                    raise SystemExit("tactful serve exited before answering")
                time.sleep(0.02)
    finally:
        proc.terminate()
        proc.wait(10)


def main(runs: int = 5) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "XDG_CACHE_HOME": f"{tmp}/cache", "TACTFUL_HOME": f"{tmp}/home"}
        first = _timed(["check", "-"], env, DRAFT)
        warm = [_timed(["check", "-"], env, DRAFT) for _ in range(runs)]
        new = [_timed(["check", "-"], env, f"{DRAFT}Te mando la versión {n} el lunes {n + 2}.\n") for n in range(runs)]
        help_s = statistics.median(_timed(["--help"], env) for _ in range(runs))
        fresh = _serve_until_healthy({**env, "TACTFUL_HOME": f"{tmp}/fresh-home"})
        again = statistics.median(_serve_until_healthy(env) for _ in range(3))
    result = {"check_first_s": round(first, 3), "check_median_s": round(statistics.median(warm), 3),
              "check_new_draft_median_s": round(statistics.median(new), 3),
              "check_runs": runs, "help_median_s": round(help_s, 3), "serve_health_fresh_home_s": round(fresh, 3),
              "serve_health_s": round(again, 3), "targets": TARGETS}
    result["within_targets"] = (result["check_median_s"] <= TARGETS["check_median_s"]
                                and max(fresh, again) <= TARGETS["serve_health_s"])
    return result


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5), indent=2))
