"""A cache of each article's extracted claims, so a re-run reads only what changed.

Segmenting and extracting an article gives the same claims whenever the article (its text, id, path,
outlet and date), the lexicon, the settings and checker's version are the same; the cache keys them on
all of that. Claims are stored as JSON (never pickled), in one SQLite file beside the embedding cache
(``claims.sqlite3``). The cache is an optimisation only: a file that cannot be opened or read is set
aside or ignored, and the run extracts as if it were empty.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from checker.config import Config
from checker.index import claim_from_json, claim_to_json, rules_fingerprint
from checker.lexicons import Lexicon
from checker.models import Article, Claim

__all__ = ["ClaimCache", "claims_from_json", "claims_to_json"]

# Bump when the extractor's output for the same input changes shape.
CACHE_FORMAT = 1


def claims_to_json(claims: Sequence[Claim], sentences: int) -> str:
    """An article's claims and sentence count, each claim in the index's JSON form."""
    return json.dumps({"sentences": sentences, "claims": [claim_to_json(c) for c in claims]})


def claims_from_json(text: str) -> tuple[tuple[Claim, ...], int]:
    data = json.loads(text)
    return tuple(claim_from_json(c) for c in data["claims"]), int(data["sentences"])


@cache
def _code_fingerprint() -> str:
    """A hash of the code that turns an article into claims: a changed extractor never reads stale claims."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*root.glob("extract/*.py"), root / "segment.py", root / "models.py"]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class ClaimCache:
    """Extracted claims per article, keyed on everything that decides them.

    >>> cache = ClaimCache(Path("/tmp/claims.sqlite3"), lexicon=lexicon, config=config)  # doctest: +SKIP
    """

    def __init__(self, path: str | Path, *, lexicon: Lexicon, config: Config) -> None:
        self.path = Path(path)
        self.hits = 0
        self.misses = 0
        # What claims are read with (version, settings, lexicon: as the corpus index keys it) and the
        # code that reads them.
        settings = json.dumps([CACHE_FORMAT, rules_fingerprint(config, lexicon), _code_fingerprint()])
        self._salt = hashlib.sha256(settings.encode("utf-8")).hexdigest()
        self._conn: sqlite3.Connection | None = None
        self._broken = False
        self._pending: list[tuple[str, str]] = []

    def key(self, article: Article) -> str:
        parts = [self._salt, article.id, article.path, article.outlet, str(article.published), article.text]
        return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is not None or self._broken:
            return self._conn
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = self._open()
        except sqlite3.DatabaseError:
            # Not a database (or a damaged one): set it aside and start afresh, as the embedding cache does.
            try:
                os.replace(self.path, self.path.with_name(f"{self.path.name}.damaged-{int(time.time())}"))
                self._conn = self._open()
            except (OSError, sqlite3.Error):
                self._broken = True
        except (OSError, sqlite3.Error):
            self._broken = True
        return self._conn

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(str(self.path), timeout=10)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.commit()
        return conn

    def get(self, article: Article) -> tuple[tuple[Claim, ...], int] | None:
        """The cached claims and sentence count of ``article``, or None."""
        conn = self._connect()
        if conn is None:
            self.misses += 1
            return None
        try:
            row = conn.execute("SELECT value FROM claims WHERE key = ?", (self.key(article),)).fetchone()
            found = claims_from_json(row[0]) if row else None
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            found = None  # an unreadable entry is extracted again
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def put(self, article: Article, claims: Sequence[Claim], sentences: int) -> None:
        """Remember ``article``'s claims; written by :meth:`flush`, in one transaction."""
        self._pending.append((self.key(article), claims_to_json(claims, sentences)))

    def flush(self) -> None:
        pending, self._pending = self._pending, []
        conn = self._connect() if pending else None
        if conn is None:
            return
        try:
            with conn:
                conn.executemany("INSERT OR REPLACE INTO claims (key, value) VALUES (?, ?)", pending)
        except sqlite3.Error:
            self._broken = True  # locked or read-only: go on without it

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
