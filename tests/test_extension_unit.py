"""The extension's pure modules, tested by node's built-in runner (no npm packages), as part of the one test run."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

EXTENSION_TESTS = Path(__file__).resolve().parents[1] / "extension" / "test"


def test_extension_unit_tests_pass_under_node():
    node = shutil.which("node")
    assert node, "node is missing: scripts/install-test-deps.sh installs Debian's nodejs"
    files = sorted(str(p) for p in EXTENSION_TESTS.glob("*.test.js"))
    assert len(files) >= 5, f"expected the extension's unit tests in {EXTENSION_TESTS}"
    run = subprocess.run([node, "--test", *files], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    assert "# fail 0" in run.stdout
