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
from dataclasses import fields
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from checker import __version__
from checker.config import Config
from checker.lexicons import Lexicon
from checker.models import (
    Article,
    Attribution,
    AttributionKind,
    Certainty,
    CertaintyReading,
    Claim,
    Polarity,
    Quantity,
    Role,
    Scope,
    TimeMention,
)

__all__ = ["ClaimCache", "claims_from_json", "claims_to_json"]

# Bump when the extractor's output for the same input changes shape.
CACHE_FORMAT = 1


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _quantity(data: dict[str, Any]) -> Quantity:
    return Quantity(**{**data, "scope": Scope(data["scope"])})


def _claim(data: dict[str, Any]) -> Claim:
    certainty = data["certainty"]
    attribution = data["attribution"]
    return Claim(
        id=data["id"],
        article=data["article"],
        sentence=data["sentence"],
        text=data["text"],
        start=data["start"],
        end=data["end"],
        source_start=data["source_start"],
        source_end=data["source_end"],
        role=Role(data["role"]),
        quantities=tuple(_quantity(q) for q in data["quantities"]),
        certainty=CertaintyReading(
            level=Certainty(certainty["level"]),
            polarity=Polarity(certainty["polarity"]),
            cues=tuple(certainty["cues"]),
            denial=certainty["denial"],
        ),
        attribution=Attribution(
            source=attribution["source"],
            kind=AttributionKind(attribution["kind"]),
            cue=attribution["cue"],
            chain=tuple(attribution["chain"]),
        ),
        categories=tuple(data["categories"]),
        contrasts=tuple(tuple(pair) for pair in data["contrasts"]),  # type: ignore[misc]
        alternatives=tuple(data["alternatives"]),
        times=tuple(TimeMention(t["text"], t["start"], t["end"], _day(t["resolved"])) for t in data["times"]),
        event_date=_day(data["event_date"]),
        published=_day(data["published"]),
        outlet=data["outlet"],
        subject=data["subject"],
        echo_of=data["echo_of"],
        focus=data["focus"],
    )


def claims_to_json(claims: Sequence[Claim], sentences: int) -> str:
    return json.dumps({"sentences": sentences, "claims": [_plain(c) for c in claims]}, ensure_ascii=False)


def claims_from_json(text: str) -> tuple[tuple[Claim, ...], int]:
    data = json.loads(text)
    return tuple(_claim(c) for c in data["claims"]), int(data["sentences"])


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
        settings = json.dumps(
            [
                CACHE_FORMAT,
                __version__,
                _code_fingerprint(),
                _plain(lexicon.sections),
                [list(item) for item in config.as_items()],
            ],
            sort_keys=True,
            default=str,
        )
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
