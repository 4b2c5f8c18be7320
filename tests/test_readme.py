"""The README's command-line examples run as written (after the set-up command), in order.

Every `.venv/bin/tactful …` line of the README's shell blocks, except those that start the
service, runs with this environment's `tactful` in a scratch folder holding the repository's
examples/, against a fresh instance folder; each must end with status 0, or 1 for a check
that found something — never a usage error or an internal error.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TACTFUL = Path(sys.executable).with_name("tactful")


def _commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.strip()
            if line.startswith(".venv/bin/tactful") and " serve" not in line:
                found.append(line)
    return found


def test_the_readme_has_the_examples_this_test_runs():
    commands = _commands()
    assert any(" clients add " in c for c in commands) and any(" next-window " in c for c in commands)
    assert any(" check --to " in c for c in commands)


def test_every_readme_example_runs_as_written(tmp_path):
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    env = {**os.environ, "TACTFUL_HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for name in ("TACTFUL_TOKEN", "TACTFUL_RULES", "TACTFUL_DATABASE_URL", "TACTFUL_SMTP_URL"):
        env.pop(name, None)
    for command in _commands():
        shell = command.replace(".venv/bin/tactful", str(TACTFUL))
        result = subprocess.run(["bash", "-c", shell], cwd=tmp_path, env=env, capture_output=True, text=True,
                                timeout=120)
        allowed = (0, 1) if " check " in command else (0,)
        assert result.returncode in allowed, f"{command}\n{result.stdout}\n{result.stderr}"
        assert "internal error" not in result.stderr, command
