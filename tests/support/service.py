"""Run `tactful serve` as a real process, kill it, start it again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .smtp import free_port


class Service:
    """One `tactful serve` process at a time, on a fixed port, with a given environment."""

    def __init__(self, home: Path, extra_env: dict):
        self.port = free_port()
        self.env = {**os.environ, "TACTFUL_HOME": str(home), "TACTFUL_PORT": str(self.port),
                    "TACTFUL_TOKEN": "secret", **extra_env}
        self.proc: subprocess.Popen | None = None
        self.log = open(home / "service.log", "ab")  # noqa: SIM115 - closed in stop()

    def start(self, wait: bool = True) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "tactful", "serve"], env=self.env,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        if wait:
            deadline = time.time() + 30
            while time.time() < deadline:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{self.port}/v1/health", timeout=1)
                    return
                except OSError:
                    time.sleep(0.1)
            raise RuntimeError("tactful serve did not start")

    def kill(self) -> None:
        """SIGKILL: no chance to clean up, as when a laptop dies."""
        if self.proc is not None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
            self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=20)
            self.proc = None
        self.log.close()
