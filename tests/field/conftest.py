"""The field gate: checks on material that lives beside the repository, not in it.

`../shared` (or TACTFUL_SHARED) holds labelled drafts (eval/) and markup captured from the real
Gmail and Outlook (webmail/). These checks run only when asked for — `python3 -m tox -e field` —
and fail, never skip, when the material is not there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder: TACTFUL_SHARED, else ../shared beside the repository."""
    folder = Path(os.environ.get("TACTFUL_SHARED") or REPO.parent / "shared")
    assert folder.is_dir(), (f"the field gate needs the shared material beside the repository, and {folder} "
                             "is not there: put it there or set TACTFUL_SHARED to its folder")
    return folder


@pytest.fixture(scope="session")
def eval_dir(shared) -> Path:
    """shared/eval: labelled drafts and threads."""
    folder = shared / "eval"
    assert (folder / "dev_drafts.jsonl").is_file(), f"{folder / 'dev_drafts.jsonl'} is missing"
    return folder
