"""The corpus index: prior coverage kept in one SQLite file, for checking drafts against it.

One file holds every indexed article (path, outlet, date, title, content hash, mtime), its claims with
every rule-layer feature (each :class:`~checker.models.Claim` as JSON; :func:`claim_from_json` rebuilds
the frozen dataclasses exactly), and sentence embeddings keyed by model name: per article and model,
one float32 matrix whose rows are the claims' sentences followed by their focus clauses (what a denial
or doubt is about), with the claim each row belongs to.

Vector search is exact: the stored matrix of one model is loaded once per :class:`CorpusIndex` into a
numpy array and multiplied in float32 chunks against all of a draft's query vectors at once (rows are
L2-normalised, so the product is the cosine similarity). numpy rather than sqlite-vec, because:

* one BLAS matrix product scores every sentence of a draft against the whole corpus in one pass;
  sqlite-vec's ``vec0`` tables are brute force too, but run one KNN query (a full scan) per sentence;
* sqlite-vec is a loadable extension, and ``sqlite3.Connection.enable_load_extension`` is missing from
  many Python builds (the macOS system Python, and the pyenv CPython 3.11 this project is tested on);
  numpy is already a dependency, and sqlite-vec is pre-1.0;
* it is fast enough: at 10,000 articles (103,125 claims, 106,386 rows of 384 float32) loading the
  matrix takes 0.33 s and searching it for a 1,000-word draft (54 claims) 0.15 s on 2 CPUs
  (``benchmarks/check_speed.py``).

Writes are transactions (``BEGIN IMMEDIATE``) per batch of articles, in WAL mode with a busy timeout,
so two ``checker index`` runs on one file wait for each other instead of failing, and a batch already
written by the other run is skipped. A ``schema_version`` table names the file format; a file of another
format, or one that is not SQLite at all, raises :class:`~checker.errors.CorpusIndexError`.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from checker import __version__
from checker.config import Config
from checker.errors import CorpusIndexError, sqlite_damaged, sqlite_problem
from checker.lexicons import Lexicon
from checker.models import Claim

__all__ = [
    "INDEX_FORMAT",
    "rules_fingerprint",
    "ArticleRecord",
    "CorpusIndex",
    "IndexedArticle",
    "IndexStats",
    "SearchHit",
    "claim_from_json",
    "claim_to_json",
    "open_index",
]

# Version of the file layout below; a file of another version is refused, not migrated.
INDEX_FORMAT = 1
_BUSY_TIMEOUT_S = 60
_CHUNK_ROWS = 32_768  # rows scored per matrix product: bounds the scratch memory to chunk x queries
_DECODED_CLAIMS = 50_000  # claims kept decoded between searches of one open index

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,          -- absolute path of the file (#record for records in a .jsonl/.csv)
    id TEXT NOT NULL UNIQUE,           -- the article id, unique in the index
    path TEXT NOT NULL,                -- the path as given when indexed
    file TEXT NOT NULL,                -- absolute path of the file the article was read from
    outlet TEXT,
    published TEXT,
    title TEXT,
    url TEXT,
    content_hash TEXT NOT NULL,        -- sha256 of the text and metadata read
    rules TEXT NOT NULL,               -- fingerprint of the checker version, settings and lexicon used
    mtime REAL,
    indexed TEXT NOT NULL,
    claims INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS claims (
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    id TEXT NOT NULL,
    data TEXT NOT NULL                 -- the Claim as JSON (claim_to_json)
);
CREATE UNIQUE INDEX IF NOT EXISTS claims_key ON claims (article, ordinal);
CREATE TABLE IF NOT EXISTS embeddings (
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    model TEXT NOT NULL,
    dim INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    owners BLOB NOT NULL,              -- int32 per row: the ordinal of the claim the row belongs to
    vectors BLOB NOT NULL              -- float32 rows x dim, L2-normalised
);
CREATE UNIQUE INDEX IF NOT EXISTS embeddings_key ON embeddings (article, model);
CREATE INDEX IF NOT EXISTS embeddings_model ON embeddings (model, article);
"""
# Rows of claims and vectors are large (about 1 kB and 15 kB): ordinary rowid tables with a unique index
# store them in about 30% less space than WITHOUT ROWID tables keyed on the same columns.


# ---- Claim <-> JSON --------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def _check_type(kind: type) -> Callable[[Any], Any]:
    def check(data: Any) -> Any:
        if not isinstance(data, kind) or (kind is int and isinstance(data, bool)):
            raise ValueError(f"expected {kind.__name__}, got {data!r}")
        return data

    return check


def _number(data: Any) -> float:
    if isinstance(data, bool) or not isinstance(data, (int, float)):
        raise ValueError(f"expected a number, got {data!r}")
    return float(data)


@cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A function rebuilding a value of type ``hint`` from parsed JSON; made once per type, because a
    check decodes every claim it retrieves."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) != 1 or type(None) not in typing.get_args(hint):
            raise TypeError(f"cannot rebuild a value of the union {hint}")
        inner = _decoder(options[0])
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])

            def many(data: Any) -> tuple[Any, ...]:
                if not isinstance(data, list):
                    raise ValueError(f"expected a list for {hint}, got {data!r}")
                return tuple(item(x) for x in data)

            return many
        items = [_decoder(a) for a in args]

        def fixed(data: Any) -> tuple[Any, ...]:
            if not isinstance(data, list):
                raise ValueError(f"expected a list for {hint}, got {data!r}")
            return tuple(f(x) for f, x in zip(items, data, strict=True))

        return fixed
    if isinstance(hint, type) and is_dataclass(hint):
        cls = hint
        hints = typing.get_type_hints(cls)
        parts = {f.name: _decoder(hints[f.name]) for f in fields(cls)}

        def build(data: Any) -> Any:
            if not isinstance(data, dict):
                raise ValueError(f"expected an object for {cls.__name__}, got {data!r}")
            try:
                return cls(**{name: parts[name](value) for name, value in data.items()})
            except KeyError:
                unknown = sorted(set(data) - set(parts))
                raise ValueError(f"unknown {cls.__name__} fields: {', '.join(unknown)}") from None

        return build
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if hint is date:
        return date.fromisoformat
    if hint is float:
        return _number
    if hint in (int, str, bool):
        return _check_type(hint)
    raise TypeError(f"cannot rebuild a value of type {hint!r}")


def claim_to_json(claim: Claim) -> str:
    """The claim, every field, as compact JSON (enums by value, dates ISO, tuples as lists)."""
    return json.dumps(_plain(claim), ensure_ascii=False, separators=(",", ":"))


def claim_from_json(text: str) -> Claim:
    """The claim :func:`claim_to_json` wrote, rebuilt field by field from ``Claim``'s type hints.

    >>> claim_from_json(claim_to_json(claim)) == claim  # doctest: +SKIP
    True
    """
    return _decoder(Claim)(json.loads(text))


def rules_fingerprint(config: Config, lexicon: Lexicon) -> str:
    """A hash of what claims are read with (checker version, settings, lexicon): when it changes,
    ``build_index`` extracts every article again."""
    settings = {k: v for k, v in config.as_items() if k != "batch_size"}
    payload = json.dumps(
        {"checker": __version__, "format": INDEX_FORMAT, "settings": settings, "lexicon": lexicon.sections},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]



# ---- records -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndexedArticle:
    """One article in the index (without its claims)."""

    rowid: int
    key: str
    id: str
    path: str
    file: str
    outlet: str | None
    published: date | None
    title: str | None
    url: str | None
    content_hash: str
    rules: str
    mtime: float | None
    claims: int


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """An article ready to store: its claims and, per row of ``vectors``, the claim ordinal in ``owners``.

    ``key`` identifies the article across runs (the absolute path, plus ``#record`` inside a file of
    records); ``id`` is the article id wanted (made unique in the index if another article holds it).
    """

    key: str
    id: str
    path: str
    file: str
    outlet: str | None
    published: date | None
    title: str | None
    url: str | None
    content_hash: str
    rules: str
    mtime: float | None
    claims: tuple[Claim, ...]
    vectors: np.ndarray
    owners: np.ndarray


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A stored claim near a query vector."""

    claim: Claim
    article: IndexedArticle
    similarity: float


@dataclass(frozen=True, slots=True)
class IndexStats:
    path: str
    format: int
    articles: int
    claims: int
    models: tuple[tuple[str, int], ...]  # (model, embedded claim rows)
    bytes: int


@dataclass(frozen=True, slots=True)
class _Matrix:
    vectors: np.ndarray  # float32 (rows, dim)
    articles: np.ndarray  # int64 article rowid per row
    ordinals: np.ndarray  # int32 claim ordinal per row


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _unique_id(conn: sqlite3.Connection, wanted: str, key: str) -> str:
    candidate, n = wanted, 1
    while True:
        row = conn.execute("SELECT key FROM articles WHERE id = ?", [candidate]).fetchone()
        if row is None or row[0] == key:
            return candidate
        n += 1
        candidate = f"{wanted}-{n}"


def _renamed(claim: Claim, article_id: str) -> Claim:
    if claim.article == article_id:
        return claim
    return replace(claim, id=f"{article_id}#s{claim.sentence}", article=article_id)


class CorpusIndex:
    """An open corpus index. Use :func:`open_index` for an existing file; ``CorpusIndex(path,
    create=True)`` builds a new one (``":memory:"`` gives a throwaway index for ``check --against``).

    >>> with open_index("coverage.db") as index:  # doctest: +SKIP
    ...     index.stats().articles
    """

    def __init__(self, path: str | Path, *, create: bool = False) -> None:
        self.path = str(path)
        memory = self.path == ":memory:"
        if not memory:
            p = Path(self.path)
            if p.is_dir():
                raise CorpusIndexError(
                    "is a folder, not an index file; pass a file name to --db", path=self.path
                )
            if not create and not p.exists():
                raise CorpusIndexError(
                    "no index here; build one with 'checker index ARTICLES... --db FILE'", path=self.path
                )
            if create and not p.parent.exists():
                raise CorpusIndexError(
                    "the folder for the index does not exist; create it first", path=self.path
                )
        self._lock = threading.Lock()
        self._matrices: dict[str, tuple[tuple[int, int], _Matrix]] = {}
        self._decoded: dict[
            tuple[int, int], Claim
        ] = {}  # claims read by searches, while the index is unchanged
        self._decoded_version: tuple[int, int] | None = None
        self._writes = 0
        try:
            self._conn = sqlite3.connect(
                self.path, timeout=_BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            self._conn.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_S * 1000}")
            self._conn.execute("PRAGMA foreign_keys=ON")
            tables = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            if not sqlite_damaged(exc):  # an index, or a new one, that cannot be opened: locked, no access
                raise CorpusIndexError(
                    f"the index {sqlite_problem(exc, _BUSY_TIMEOUT_S)} (SQLite: {exc})", path=self.path
                ) from None
            raise CorpusIndexError(
                f"not a checker index (SQLite: {exc}); pass a file written by 'checker index --db', "
                "or a new file name to build one",
                path=self.path,
            ) from None
        try:
            if "schema_version" not in tables:
                if tables:
                    raise CorpusIndexError(
                        "a SQLite file, but not a checker index (it has no schema_version table); "
                        "pass a new file name to --db",
                        path=self.path,
                    )
                if not create:
                    raise CorpusIndexError(
                        "an empty file, not a checker index; build one with 'checker index ARTICLES... --db FILE'",
                        path=self.path,
                    )
                self._create()
            self._check_version()
        except CorpusIndexError:
            self._conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            if sqlite_damaged(exc):
                raise CorpusIndexError(f"cannot read the index (SQLite: {exc})", path=self.path) from None
            raise CorpusIndexError(
                f"the index {sqlite_problem(exc, _BUSY_TIMEOUT_S)} (SQLite: {exc})", path=self.path
            ) from None

    # ---- set-up ----------------------------------------------------------------------------
    def _create(self) -> None:
        if self.path != ":memory:":
            self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._conn.execute(statement)
            if self._conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == 0:
                self._conn.execute(
                    "INSERT INTO schema_version VALUES (?, ?)",
                    [INDEX_FORMAT, datetime.now(UTC).isoformat(timespec="seconds")],
                )
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise

    def _check_version(self) -> None:
        row = self._conn.execute("SELECT version FROM schema_version").fetchone()
        if row is None:
            raise CorpusIndexError("the index has no format version; rebuild it", path=self.path)
        if row[0] != INDEX_FORMAT:
            raise CorpusIndexError(
                f"index format {row[0]}, but this checker reads format {INDEX_FORMAT}; rebuild it with "
                "'checker index ARTICLES... --db NEWFILE'",
                path=self.path,
            )

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> CorpusIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- reading ---------------------------------------------------------------------------
    def _article(self, row: Sequence[Any]) -> IndexedArticle:
        return IndexedArticle(
            rowid=row[0],
            key=row[1],
            id=row[2],
            path=row[3],
            file=row[4],
            outlet=row[5],
            published=_date(row[6]),
            title=row[7],
            url=row[8],
            content_hash=row[9],
            rules=row[10],
            mtime=row[11],
            claims=row[12],
        )

    _ARTICLE_COLUMNS = (
        "rowid, key, id, path, file, outlet, published, title, url, content_hash, rules, mtime, claims"
    )

    def articles(self) -> tuple[IndexedArticle, ...]:
        """Every indexed article, by key."""
        rows = self._conn.execute(f"SELECT {self._ARTICLE_COLUMNS} FROM articles ORDER BY key").fetchall()
        return tuple(self._article(r) for r in rows)

    def models(self) -> tuple[str, ...]:
        """Names of the embedding models the index holds vectors for, sorted."""
        return tuple(r[0] for r in self._conn.execute("SELECT DISTINCT model FROM embeddings ORDER BY model"))

    def embedded(self, model: str) -> dict[str, bool]:
        """Article key -> whether it has vectors of ``model``."""
        rows = self._conn.execute(
            "SELECT a.key, e.model IS NOT NULL FROM articles a "
            "LEFT JOIN embeddings e ON e.article = a.rowid AND e.model = ?",
            [model],
        )
        return {key: bool(has) for key, has in rows}

    def claims(self, key: str) -> tuple[Claim, ...]:
        """The claims of the article stored under ``key``, in order."""
        rows = self._conn.execute(
            "SELECT c.data FROM claims c JOIN articles a ON a.rowid = c.article WHERE a.key = ? ORDER BY c.ordinal",
            [key],
        )
        return tuple(claim_from_json(r[0]) for r in rows)

    def stats(self) -> IndexStats:
        articles = self._conn.execute("SELECT COUNT(*), COALESCE(SUM(claims), 0) FROM articles").fetchone()
        models = tuple(
            (m, int(n))
            for m, n in self._conn.execute(
                "SELECT model, SUM(rows) FROM embeddings GROUP BY model ORDER BY model"
            ).fetchall()
        )
        size = 0
        if self.path != ":memory:":
            for part in (self.path, self.path + "-wal"):
                try:
                    size += os.path.getsize(part)
                except OSError:
                    pass  # no write-ahead log, or another run's close just removed it
        return IndexStats(
            path=self.path,
            format=INDEX_FORMAT,
            articles=int(articles[0]),
            claims=int(articles[1]),
            models=models,
            bytes=size,
        )

    def _version(self) -> tuple[int, int]:
        return (int(self._conn.execute("PRAGMA data_version").fetchone()[0]), self._writes)

    def _matrix(self, model: str) -> _Matrix:
        version = self._version()
        cached = self._matrices.get(model)
        if cached is not None and cached[0] == version:
            return cached[1]
        rows = self._conn.execute(
            "SELECT article, dim, rows, owners, vectors FROM embeddings WHERE model = ? ORDER BY article",
            [model],
        ).fetchall()
        dims = {r[1] for r in rows if r[2]}
        if len(dims) > 1:
            raise CorpusIndexError(
                f"vectors of model {model!r} have different sizes ({sorted(dims)}); rebuild the index",
                path=self.path,
            )
        dim = dims.pop() if dims else 0
        counts = np.fromiter((r[2] for r in rows), dtype=np.int64, count=len(rows))
        vectors = np.frombuffer(b"".join(r[4] for r in rows if r[2]), dtype=np.float32).reshape(-1, dim or 1)
        ordinals = np.frombuffer(b"".join(r[3] for r in rows), dtype=np.int32)
        articles = np.repeat(np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)), counts)
        if vectors.shape[0] != ordinals.shape[0] or vectors.shape[0] != int(counts.sum()):
            raise CorpusIndexError(
                f"stored vectors of model {model!r} are damaged; rebuild the index", path=self.path
            )
        matrix = _Matrix(vectors=vectors, articles=articles, ordinals=ordinals)
        self._matrices = {model: (version, matrix)}  # one model's matrix at a time
        return matrix

    def load(self, model: str) -> int:
        """Load (and keep) the vectors of ``model`` for searching; returns the number of rows."""
        return int(self._matrix(model).vectors.shape[0])

    def search(
        self, queries: np.ndarray, *, model: str, k: int, min_similarity: float | None = None
    ) -> list[list[SearchHit]]:
        """The ``k`` stored claims nearest each query row (cosine similarity, best first); with
        ``min_similarity``, only those that reach it, but always the nearest one.

        A claim found through both its sentence and its focus clause is listed once, with the higher
        similarity. Ties are broken by article and claim order, so results are deterministic.
        """
        queries = np.asarray(queries, dtype=np.float32)
        if queries.ndim != 2:
            raise ValueError("queries must be a 2-D array, one row per query")
        matrix = self._matrix(model)
        n = matrix.vectors.shape[0]
        if queries.shape[0] == 0 or n == 0 or k <= 0:
            return [[] for _ in range(queries.shape[0])]
        if queries.shape[1] != matrix.vectors.shape[1]:
            raise CorpusIndexError(
                f"query vectors have {queries.shape[1]} dimensions but the index's {model!r} vectors have "
                f"{matrix.vectors.shape[1]}; check with the model the index was built with",
                path=self.path,
            )
        take = min(n, 2 * k)  # a claim may hold two rows (sentence and focus)
        best_rows: list[np.ndarray] = []
        best_sims: list[np.ndarray] = []
        for start in range(0, n, _CHUNK_ROWS):
            block = matrix.vectors[start : start + _CHUNK_ROWS] @ queries.T  # (rows, queries)
            width = min(take, block.shape[0])
            top = np.argpartition(-block, width - 1, axis=0)[:width] if width < block.shape[0] else None
            if top is None:
                top = np.broadcast_to(np.arange(block.shape[0])[:, None], block.shape)
            best_rows.append(top + start)
            best_sims.append(np.take_along_axis(block, top, axis=0))
        rows = np.vstack(best_rows)
        sims = np.vstack(best_sims)
        wanted: list[list[tuple[int, int, float]]] = []
        for q in range(queries.shape[0]):
            order = np.lexsort((rows[:, q], -sims[:, q]))
            seen: set[tuple[int, int]] = set()
            picked: list[tuple[int, int, float]] = []
            for i in order:
                row = int(rows[i, q])
                ident = (int(matrix.articles[row]), int(matrix.ordinals[row]))
                if ident in seen:
                    continue
                similarity = float(sims[i, q])
                if picked and min_similarity is not None and similarity < min_similarity:
                    break
                seen.add(ident)
                picked.append((*ident, similarity))
                if len(picked) == k:
                    break
            wanted.append(picked)
        claims, articles = self._fetch({(a, o) for picked in wanted for a, o, _ in picked})
        return [[SearchHit(claims[(a, o)], articles[a], s) for a, o, s in picked] for picked in wanted]

    def _fetch(
        self, idents: Iterable[tuple[int, int]]
    ) -> tuple[dict[tuple[int, int], Claim], dict[int, IndexedArticle]]:
        version = self._version()
        if version != self._decoded_version or len(self._decoded) > _DECODED_CLAIMS:
            self._decoded, self._decoded_version = {}, version
        idents = sorted(idents)
        claims = {i: self._decoded[i] for i in idents if i in self._decoded}
        wanted = [i for i in idents if i not in claims]
        for start in range(0, len(wanted), 400):
            chunk = wanted[start : start + 400]
            values = ",".join("(?,?)" for _ in chunk)
            params = [x for pair in chunk for x in pair]
            for article, ordinal, data in self._conn.execute(
                f"SELECT article, ordinal, data FROM claims WHERE (article, ordinal) IN (VALUES {values})",
                params,
            ):
                claims[(article, ordinal)] = self._decoded[(article, ordinal)] = claim_from_json(data)
        rowids = sorted({a for a, _ in idents})
        articles: dict[int, IndexedArticle] = {}
        for start in range(0, len(rowids), 500):
            chunk_ids = rowids[start : start + 500]
            marks = ",".join("?" * len(chunk_ids))
            for row in self._conn.execute(
                f"SELECT {self._ARTICLE_COLUMNS} FROM articles WHERE rowid IN ({marks})", chunk_ids
            ):
                articles[row[0]] = self._article(row)
        missing = [i for i in idents if i not in claims]
        if missing:
            raise CorpusIndexError(
                "the index changed while it was being searched (claims are missing); run the check again",
                path=self.path,
            )
        return claims, articles

    # ---- writing ---------------------------------------------------------------------------
    def _transaction(self) -> _Transaction:
        return _Transaction(self)

    def write(self, records: Sequence[ArticleRecord], *, model: str) -> tuple[int, int]:
        """Store articles with their claims and ``model`` vectors, replacing older versions of the same
        key, in one transaction. An article already stored with the same content hash and rules (by a
        concurrent run) is left alone. Returns (articles written, claims written)."""
        written = claims_written = 0
        with self._transaction() as conn:
            for record in records:
                row = conn.execute(
                    "SELECT rowid, content_hash, rules FROM articles WHERE key = ?", [record.key]
                ).fetchone()
                if row is not None and (row[1], row[2]) == (record.content_hash, record.rules):
                    has = conn.execute(
                        "SELECT 1 FROM embeddings WHERE article = ? AND model = ?", [row[0], model]
                    ).fetchone()
                    if has:
                        continue
                if row is not None:
                    conn.execute("DELETE FROM articles WHERE rowid = ?", [row[0]])
                article_id = _unique_id(conn, record.id, record.key)
                claims = [_renamed(c, article_id) for c in record.claims]
                cur = conn.execute(
                    "INSERT INTO articles (key, id, path, file, outlet, published, title, url, content_hash, "
                    "rules, mtime, indexed, claims) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [
                        record.key,
                        article_id,
                        record.path,
                        record.file,
                        record.outlet,
                        record.published.isoformat() if record.published else None,
                        record.title,
                        record.url,
                        record.content_hash,
                        record.rules,
                        record.mtime,
                        datetime.now(UTC).isoformat(timespec="seconds"),
                        len(claims),
                    ],
                )
                rowid = cur.lastrowid
                conn.executemany(
                    "INSERT INTO claims (article, ordinal, id, data) VALUES (?,?,?,?)",
                    [(rowid, n, c.id, claim_to_json(c)) for n, c in enumerate(claims)],
                )
                self._put_vectors(conn, rowid, model, record.vectors, record.owners, len(claims))
                written += 1
                claims_written += len(claims)
        return written, claims_written

    def add_vectors(
        self, key: str, *, model: str, vectors: np.ndarray, owners: np.ndarray, content_hash: str
    ) -> bool:
        """Store ``model`` vectors for an article already indexed (built with another model). Returns
        False when the article changed or went away meanwhile."""
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT rowid, claims FROM articles WHERE key = ? AND content_hash = ?", [key, content_hash]
            ).fetchone()
            if row is None:
                return False
            self._put_vectors(conn, row[0], model, vectors, owners, row[1])
        return True

    @staticmethod
    def _put_vectors(
        conn: sqlite3.Connection, rowid: int, model: str, vectors: np.ndarray, owners: np.ndarray, claims: int
    ) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        owners = np.ascontiguousarray(owners, dtype=np.int32)
        if vectors.ndim != 2 or vectors.shape[0] != owners.shape[0]:
            raise ValueError("vectors must be a 2-D array with one owner per row")
        if owners.size and (owners.min() < 0 or owners.max() >= claims):
            raise ValueError("an owner names a claim the article does not have")
        conn.execute(
            "INSERT OR REPLACE INTO embeddings (article, model, dim, rows, owners, vectors) VALUES (?,?,?,?,?,?)",
            [rowid, model, int(vectors.shape[1]), int(vectors.shape[0]), owners.tobytes(), vectors.tobytes()],
        )

    def remove(self, keys: Iterable[str]) -> int:
        """Delete the articles stored under ``keys`` (with their claims and vectors); returns how many."""
        keys = list(keys)
        removed = 0
        with self._transaction() as conn:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                removed += conn.execute(f"DELETE FROM articles WHERE key IN ({marks})", chunk).rowcount
        return removed


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on error): one writer at a time, others wait."""

    def __init__(self, index: CorpusIndex) -> None:
        self.index = index

    def __enter__(self) -> sqlite3.Connection:
        self.index._lock.acquire()
        try:
            self.index._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self.index._lock.release()
            raise _write_failed(exc, self.index.path) from None
        return self.index._conn

    def __exit__(self, exc_type: object, exc: object, *rest: object) -> None:
        try:
            if exc_type is None:
                try:
                    self.index._conn.execute("COMMIT")
                except sqlite3.Error as failed:
                    if self.index._conn.in_transaction:
                        self.index._conn.execute("ROLLBACK")
                    raise _write_failed(failed, self.index.path) from None
                self.index._writes += 1
            else:
                if self.index._conn.in_transaction:
                    self.index._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):  # a write the file refused: read-only, full, locked
                    raise _write_failed(exc, self.index.path) from None
        finally:
            self.index._lock.release()


def _write_failed(exc: sqlite3.Error, path: str) -> CorpusIndexError:
    what = sqlite_problem(exc, _BUSY_TIMEOUT_S)
    fix = "try again once the other run ends" if "locked" in what else "pass --db with a file you can write"
    return CorpusIndexError(f"the index {what} (SQLite: {exc}); {fix}", path=path)


def open_index(path: str | Path) -> CorpusIndex:
    """Open an existing index for checking; raises CorpusIndexError if it is missing or not an index."""
    return CorpusIndex(path, create=False)
