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


def test_the_extension_categories_are_the_services():
    """One list of categories: extension/lib/categories.js says exactly what tone/categories.py says."""
    import json
    import re

    from tactful.tone.categories import CATEGORIES

    source = (EXTENSION_TESTS.parent / "lib" / "categories.js").read_text()
    listed = json.loads(re.search(r"CATEGORIES = (\[[^\]]*\])", source).group(1))
    assert listed == list(CATEGORIES)
