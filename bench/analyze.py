"""Tone-engine speed: in-process latency per draft size, throughput, and the same over HTTP.

Prints JSON. Drafts are assembled from shared/eval sentences (measured, never copied),
each one distinct so that no cache helps. Over HTTP it runs gunicorn (the production
WSGI server for a team deployment, 2 workers on this 2-core machine) and waitress
(what `tactful serve` runs), driven by wrk when it is installed (Debian's `wrk`;
it takes little CPU from the service) or else by 2 Python client processes.
    python bench/analyze.py [--seconds 5]
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing as mp
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))
from common import drafts, percentiles, rss_mb  # noqa: E402

SIZES = (200, 1500, 10_000)


def make_drafts(size: int, count: int, seed: int = 7, only_ok: bool = False) -> list[str]:
    """Distinct drafts of about `size` characters, each in one language, from eval drafts.

    Eval drafts are mostly problem drafts, dense with trigger words; `only_ok` builds
    typical drafts from the ones labelled ok instead.
    """
    rng = random.Random(seed + size)
    by_lang: dict[str, list[str]] = {}
    for row in drafts():
        if not only_ok or row["labels"] == ["ok"]:
            by_lang.setdefault(row["lang"], []).append(row["text"])
    out = []
    for i in range(count):
        pool = by_lang[sorted(by_lang)[i % len(by_lang)]]
        text = ""
        while len(text) < size:
            text += rng.choice(pool) + ("\n\n" if rng.random() < 0.5 else " ")
        out.append(text[:size])
    return out


def in_process(count: int) -> dict:
    from tactful.tone.engine import analyze, warm

    warm()
    result = {}
    for corpus, only_ok in (("typical_ok_drafts", True), ("problem_dense_drafts", False)):
        result[corpus] = {}
        for size in SIZES:
            texts = make_drafts(size, count if size < 10_000 else count // 4, only_ok=only_ok)
            samples = []
            for text in texts:
                started = time.perf_counter()
                analyze(text)
                samples.append((time.perf_counter() - started) * 1000)
            result[corpus][str(size)] = percentiles(samples)
    texts = make_drafts(1500, 400, seed=99)
    started = time.perf_counter()
    for text in texts:
        analyze(text)
    result["drafts_per_second_one_core_1500"] = round(len(texts) / (time.perf_counter() - started), 1)
    result["whole_request_1500_rules_only"] = whole_request(count)
    result["learned_pass"] = learned_pass(min(count, 100))
    return result


def whole_request(count: int) -> dict:
    """The /v1/analyze core without HTTP: tone, conflict cues, the call decision and, when suggested, slots."""
    from tactful.analysis import analyze_request
    from tactful.schemas import AnalyzeRequest

    result = {}
    for corpus, only_ok in (("typical_ok_drafts", True), ("problem_dense_drafts", False)):
        samples, suggested = [], 0
        for text in make_drafts(1500, count, seed=11, only_ok=only_ok):
            request = AnalyzeRequest(text=text, learned="off")
            started = time.perf_counter()
            response = analyze_request(request, key="bench")
            samples.append((time.perf_counter() - started) * 1000)
            suggested += response["suggest_call"]["suggested"]
        result[corpus] = {**percentiles(samples), "call_suggested_share": round(suggested / len(samples), 3)}
    return result


def learned_pass(count: int) -> dict:
    """The learned second pass alone: a cold 1,500-character draft, and a draft with one sentence edited.

    Cold: a fresh scorer per draft (no sentence or embedding cached; the model itself loaded).
    Edited: the draft was scored once, then one of its sentences changes, as when the user types.
    """
    from tactful.learned import scan
    from tactful.tone.engine import analyze

    scorer = scan.Scorer()
    scorer.warm()
    cold, edited = [], []
    for i, text in enumerate(make_drafts(1500, count, seed=23, only_ok=True)):
        tone = analyze(text)
        scorer.clear()
        started = time.perf_counter()
        scan.run(text, tone, tone.findings, scorer)
        cold.append((time.perf_counter() - started) * 1000)
        changed = text.replace(".", f" {i}.", 1)
        tone = analyze(changed)
        started = time.perf_counter()
        scan.run(changed, tone, tone.findings, scorer)
        edited.append((time.perf_counter() - started) * 1000)
    p95 = lambda xs: round(sorted(xs)[int(len(xs) * 0.95)], 2)  # noqa: E731
    return {"cold_draft_1500": {**percentiles(cold), "p95_ms": p95(cold), "target_p95_ms": 500},
            "one_sentence_edited": {**percentiles(edited), "p95_ms": p95(edited), "target_p95_ms": 30}}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_up(port: int, timeout: float = 20) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/v1/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"service on port {port} did not start")


def _client(port: int, seconds: float, bodies: list[bytes], queue) -> None:
    headers = {"Authorization": "Bearer bench", "Content-Type": "application/json"}
    done, latencies, conn = 0, [], None
    deadline = time.time() + seconds
    while time.time() < deadline:
        if conn is None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        started = time.perf_counter()
        try:
            conn.request("POST", "/v1/analyze", body=bodies[done % len(bodies)], headers=headers)
            response = conn.getresponse()
            response.read()
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException):
            conn = None
            continue
        latencies.append((time.perf_counter() - started) * 1000)
        done += 1
    queue.put(latencies)


WRK_SCRIPT = """
local bodies = {}
for line in io.lines(os.getenv("TACTFUL_BENCH_BODIES")) do bodies[#bodies + 1] = line end
local counter = 0
function setup(thread)
  thread:set("offset", counter * 100000)
  counter = counter + 1
end
local i = 0
function request()
  i = i + 1
  local body = bodies[((offset or 0) + i) % #bodies + 1]
  return wrk.format("POST", "/v1/analyze", {["Content-Type"] = "application/json",
                                            ["Authorization"] = "Bearer bench"}, body)
end
"""


def _wrk(port: int, seconds: float, bodies: list[bytes]) -> dict:
    """Drive the service with wrk (C, so the load generator takes little of the 2 cores)."""
    folder = Path(tempfile.mkdtemp(prefix="tactful-wrk-"))
    (folder / "bodies.jsonl").write_bytes(b"\n".join(bodies) + b"\n")
    (folder / "post.lua").write_text(WRK_SCRIPT)
    out = subprocess.run(["wrk", "-t2", "-c4", f"-d{int(seconds)}s", "--latency", "-s", str(folder / "post.lua"),
                          f"http://127.0.0.1:{port}"], capture_output=True, text=True,
                         env={**os.environ, "TACTFUL_BENCH_BODIES": str(folder / "bodies.jsonl")}).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"load_generator": "wrk", "requests_per_second": rps, "p50": latency.get("50"),
            "p99": latency.get("99"), "non_2xx": int(errors.group(1)) if errors else 0}


def http_load(command: list[str], port: int, seconds: float, clients: int = 2) -> dict:
    env = {**os.environ, "TACTFUL_TOKEN": "bench", "TACTFUL_HOME": tempfile.mkdtemp(prefix="tactful-bench-"),
           "PYTHONPATH": str(ROOT / "backend")}
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        wait_up(port)
        # Distinct drafts, more than can be sent, so no cache ever helps.
        bodies = [json.dumps({"text": t}).encode() for t in make_drafts(1500, int(seconds * 1500), seed=3,
                                                                        only_ok=True)]
        if shutil.which("wrk"):
            result = _wrk(port, seconds, bodies)
            result["rss_mb_per_process"] = _rss_tree(proc.pid)
            return result
        queue = mp.Queue()
        workers = [mp.Process(target=_client, args=(port, seconds, bodies, queue)) for _ in range(clients)]
        for w in workers:
            w.start()
        latencies = [ms for _ in workers for ms in queue.get()]
        for w in workers:
            w.join()
        return {"load_generator": "python", "requests_per_second": round(len(latencies) / seconds, 1),
                **percentiles(latencies), "rss_mb_per_process": _rss_tree(proc.pid)}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)


def _rss_tree(pid: int) -> list[float]:
    """Resident memory of a process and its children (gunicorn's workers)."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [rss_mb(p) for p in [pid] + [int(c) for c in children]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5.0, help="Duration of each HTTP load.")
    parser.add_argument("--count", type=int, default=400, help="Drafts per size in process.")
    args = parser.parse_args()
    report = {"in_process": in_process(args.count)}
    port = free_port()
    report["http_gunicorn_2_workers"] = http_load(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning",
         "tactful.api:create_app()"], port, args.seconds)
    port = free_port()
    report["http_waitress_tactful_serve"] = http_load(
        [sys.executable, "-m", "tactful.cli", "serve", "--port", str(port)], port, args.seconds)
    report["in_process"]["rss_mb"] = rss_mb()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
