"""Composes the stages of the pre-publication check: articles -> corpus index, draft -> verdicts.

Like ``pipeline.py`` for ``analyze``, this is where ingest, segmentation, extraction, embeddings, the
corpus index (``index.py``) and the verdict stage (``check.py``) meet.

>>> update = build_index(["coverage/"], db="coverage.db")            # doctest: +SKIP
>>> with open_index("coverage.db") as index:                        # doctest: +SKIP
...     result = check_draft(open("draft.txt").read(), index)
...     [(c.verdict.value, c.claim.text) for c in result.claims]
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from checker.check import (
    CHECK_SCHEMA_VERSION,
    CheckConfig,
    CheckResult,
    CorpusInfo,
    PriorClaim,
    judge_draft,
)
from checker.config import DEFAULT_MODEL, Config
from checker.embed import Embedder, HashingEmbedder, make_embedder
from checker.errors import CorpusIndexError, InputError, StageError
from checker.extract import extract_claims
from checker.index import ArticleRecord, CorpusIndex, IndexStats, open_index, rules_fingerprint
from checker.ingest import read_articles, read_text_input
from checker.lexicons import Lexicon, load_lexicon
from checker.models import Article, Claim
from checker.pipeline import Progress, Timings, _check_sentences
from checker.segment import split_sentences

__all__ = ["IndexUpdate", "build_index", "check_article", "check_draft", "open_index", "rules_fingerprint"]


@dataclass(frozen=True, slots=True)
class IndexUpdate:
    """What :func:`build_index` did. Paths are as read; ``skipped`` pairs a path with the reason."""

    db: str
    model: str
    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: int
    embedded: tuple[str, ...]  # articles already indexed that got vectors of ``model``
    removed: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...]
    claims: int  # claims written by this run
    stats: IndexStats


def _content_hash(article: Article) -> str:
    payload = json.dumps(
        [
            article.source_text,
            article.outlet,
            article.published.isoformat() if article.published else None,
            article.title,
            article.url,
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _locate(article: Article) -> tuple[str, str]:
    """(key, file): the absolute path of the file the article came from, plus ``#record`` for records."""
    path = article.path
    record = ""
    if not os.path.exists(path) and "#" in path:
        path, _, record = path.rpartition("#")
    file = os.path.abspath(path)
    return (f"{file}#{record}" if record else file), file


def _article_claims(article: Article, *, lexicon: Lexicon, config: Config) -> tuple[tuple[Claim, ...], int]:
    sentences = split_sentences(article, lexicon=lexicon)
    _check_sentences(article, sentences)
    return extract_claims(sentences, article, lexicon=lexicon, config=config), len(sentences)


def _rows(claims: Sequence[Claim]) -> tuple[list[str], np.ndarray]:
    """Texts to embed for ``claims`` (each sentence, then each focus clause) and the claim of each row."""
    texts = [c.text for c in claims] + [c.focus for c in claims if c.focus]
    owners = list(range(len(claims))) + [i for i, c in enumerate(claims) if c.focus]
    return texts, np.asarray(owners, dtype=np.int32)


def _embed(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    vectors = np.asarray(embedder.embed(list(texts)), dtype=np.float32)
    if vectors.ndim != 2 or vectors.shape[0] != len(texts):
        raise StageError(f"embed: {vectors.shape[0] if vectors.ndim else 0} vectors for {len(texts)} texts")
    return vectors


def _split(vectors: np.ndarray, sizes: Sequence[int]) -> list[np.ndarray]:
    dim = vectors.shape[1] if vectors.size else 0
    out, start = [], 0
    for size in sizes:
        out.append(vectors[start : start + size] if size else np.zeros((0, dim), dtype=np.float32))
        start += size
    return out


def build_index(
    paths: Sequence[str | Path],
    *,
    db: str | Path | CorpusIndex,
    meta: str | Path | None = None,
    config: Config | None = None,
    lexicon: Lexicon | None = None,
    model: str | None = None,
    embedder: Embedder | None = None,
    cache_dir: str | Path | None = None,
    use_cache: bool = False,
    strict: bool = False,
    prune: bool = False,
    batch_articles: int = 64,
    progress: Progress | None = None,
    timings: Timings | None = None,
) -> IndexUpdate:
    """Index the articles under ``paths`` into ``db`` (a file, created if missing, or an open index).

    Only articles that are new, or whose text, metadata or reading rules changed (by content hash), are
    extracted and embedded again; ``prune`` removes indexed articles whose files are gone (or whose
    record is no longer in a file read again). The embedding cache is off by default: the index keeps
    the vectors itself.
    """
    config = config or Config()
    lexicon = lexicon or load_lexicon()
    timings = timings or Timings()
    index = db if isinstance(db, CorpusIndex) else CorpusIndex(db, create=True)
    try:
        with timings.stage("ingest"):
            articles = read_articles(paths, meta=meta, config=config, lexicon=lexicon, strict=strict)
        if embedder is None:
            embedder = make_embedder(
                model, cache_dir=cache_dir, use_cache=use_cache, batch_size=config.batch_size
            )
        name = embedder.name
        rules = rules_fingerprint(config, lexicon)
        stored = {a.key: a for a in index.articles()}
        has_vectors = index.embedded(name)
        todo: list[tuple[Article, str, str, str]] = []
        vectors_only = []
        skipped: list[tuple[str, str]] = []
        seen_keys: set[str] = set()
        read_files: set[str] = set()
        unchanged = 0
        for article in articles:
            if not article.ok:
                skipped.append((article.path, article.reason or "unreadable"))
                continue
            key, file = _locate(article)
            seen_keys.add(key)
            read_files.add(file)
            digest = _content_hash(article)
            old = stored.get(key)
            if old is not None and (old.content_hash, old.rules) == (digest, rules):
                if has_vectors.get(key):
                    unchanged += 1
                else:
                    vectors_only.append(old)
                continue
            todo.append((article, key, file, digest))
        added: list[str] = []
        updated: list[str] = []
        claims_written = 0
        if progress:
            progress("index", 0, len(todo) + len(vectors_only))
        for start in range(0, len(todo), batch_articles):
            batch = todo[start : start + batch_articles]
            with timings.stage("extract"):
                extracted = [_article_claims(a, lexicon=lexicon, config=config)[0] for a, _, _, _ in batch]
            rows = [_rows(claims) for claims in extracted]
            with timings.stage("embed"):
                vectors = _embed(embedder, [t for texts, _ in rows for t in texts])
            parts = _split(vectors, [len(texts) for texts, _ in rows])
            records = []
            for (article, key, file, digest), claims, (_, owners), part in zip(
                batch, extracted, rows, parts, strict=True
            ):
                try:
                    mtime: float | None = os.stat(file).st_mtime
                except OSError:
                    mtime = None
                records.append(
                    ArticleRecord(
                        key=key,
                        id=article.id,
                        path=article.path,
                        file=file,
                        outlet=article.outlet,
                        published=article.published,
                        title=article.title,
                        url=article.url,
                        content_hash=digest,
                        rules=rules,
                        mtime=mtime,
                        claims=claims,
                        vectors=part,
                        owners=owners,
                    )
                )
                (updated if key in stored else added).append(article.path)
            with timings.stage("write"):
                _, written_claims = index.write(records, model=name)
            claims_written += written_claims
            if progress:
                progress("index", len(batch), len(todo) + len(vectors_only))
        embedded: list[str] = []
        for start in range(0, len(vectors_only), batch_articles):
            batch_old = vectors_only[start : start + batch_articles]
            stored_claims = [index.claims(old.key) for old in batch_old]
            rows = [_rows(claims) for claims in stored_claims]
            with timings.stage("embed"):
                vectors = _embed(embedder, [t for texts, _ in rows for t in texts])
            for old, (_, owners), part in zip(
                batch_old, rows, _split(vectors, [len(t) for t, _ in rows]), strict=True
            ):
                if index.add_vectors(
                    old.key, model=name, vectors=part, owners=owners, content_hash=old.content_hash
                ):
                    embedded.append(old.path)
            if progress:
                progress("index", len(batch_old), len(todo) + len(vectors_only))
        removed: list[str] = []
        if prune:
            gone = [
                a
                for a in stored.values()
                if not os.path.exists(a.file) or (a.file in read_files and a.key not in seen_keys)
            ]
            index.remove(a.key for a in gone)
            removed = sorted(a.path for a in gone)
        return IndexUpdate(
            db=index.path,
            model=name,
            added=tuple(added),
            updated=tuple(updated),
            unchanged=unchanged,
            embedded=tuple(embedded),
            removed=tuple(removed),
            skipped=tuple(skipped),
            claims=claims_written,
            stats=index.stats(),
        )
    finally:
        if not isinstance(db, CorpusIndex):
            index.close()


def _pick_model(index: CorpusIndex, model: str | None) -> str:
    models = index.models()
    if model is not None:
        name = HashingEmbedder().name if model == "hashing" else model
        if name not in models:
            raise CorpusIndexError(
                f"the index holds no vectors of model {model!r} (it has: {', '.join(models) or 'none'}); "
                f"re-run 'checker index ... --model {model}' on it, or check without --model",
                path=index.path,
            )
        return name
    if not models:
        raise CorpusIndexError(
            "the index holds no articles yet; add some with 'checker index ARTICLES... --db FILE'",
            path=index.path,
        )
    if len(models) == 1:
        return models[0]
    if DEFAULT_MODEL in models:
        return DEFAULT_MODEL
    raise CorpusIndexError(
        f"the index holds vectors of several models ({', '.join(models)}); choose one with --model",
        path=index.path,
    )


def check_article(
    article: Article,
    index: CorpusIndex,
    *,
    embedder: Embedder | None = None,
    model: str | None = None,
    config: Config | None = None,
    check_config: CheckConfig | None = None,
    lexicon: Lexicon | None = None,
    cache_dir: str | Path | None = None,
    use_cache: bool = False,
    timings: Timings | None = None,
) -> CheckResult:
    """Check an already-read draft article against the index (see :func:`check_draft`)."""
    config = config or Config()
    check_config = check_config or CheckConfig()
    lexicon = lexicon or load_lexicon()
    timings = timings or Timings()
    if not article.ok:
        raise InputError(
            f"the draft could not be read ({article.reason}); give a text, Markdown or HTML file",
            path=article.path,
        )
    with timings.stage("extract"):
        claims, sentences = _article_claims(article, lexicon=lexicon, config=config)
    if embedder is None:
        embedder = make_embedder(
            _pick_model(index, model), cache_dir=cache_dir, use_cache=use_cache, batch_size=config.batch_size
        )
    elif embedder.name not in index.models():
        _pick_model(index, embedder.name)  # raises, naming the models the index has
    texts, owners = _rows(claims)
    with timings.stage("embed"):
        vectors = _embed(embedder, texts)
    with timings.stage("search"):
        hits = (
            index.search(
                vectors,
                model=embedder.name,
                k=check_config.candidates,
                min_similarity=check_config.retrieval_floor,
            )
            if texts
            else []
        )
    # A draft saved in a folder that was indexed is not its own prior coverage.
    own_key = _locate(article)[0] if os.path.exists(article.path.rpartition("#")[0] or article.path) else None
    found: list[dict[str, PriorClaim]] = [{} for _ in claims]
    for owner, row in zip(owners, hits, strict=True):
        best = found[int(owner)]
        for hit in row:
            if hit.article.key == own_key:
                continue
            seen = best.get(hit.claim.id)
            if seen is None or hit.similarity > seen.similarity:
                best[hit.claim.id] = PriorClaim(
                    claim=hit.claim, similarity=hit.similarity, path=hit.article.path, title=hit.article.title
                )
    # The coverage articles the draft's claims were found in are read whole: a figure takes its measure
    # and place from the sentences around it, and a holder's later figures need not be near the draft.
    context: dict[str, PriorClaim] = {}
    keys = sorted(
        {hit.article.key: hit.article for row in hits for hit in row if hit.article.key != own_key}.items()
    )
    for key, record in keys:
        for claim in index.claims(key):
            context.setdefault(
                claim.id, PriorClaim(claim=claim, similarity=None, path=record.path, title=record.title)
            )
    with timings.stage("judge"):
        verdicts, not_checked = judge_draft(
            claims,
            [tuple(sorted(b.values(), key=lambda p: (-(p.similarity or 0.0), p.claim.id))) for b in found],
            coverage=tuple(context.values()),
            config=check_config,
            settings=config,
            lexicon=lexicon,
        )
    stats = index.stats()
    return CheckResult(
        schema_version=CHECK_SCHEMA_VERSION,
        draft=article,
        claims=verdicts,
        corpus=CorpusInfo(
            path=None if index.path == ":memory:" else index.path,
            articles=stats.articles,
            claims=stats.claims,
        ),
        model=embedder.name,
        config=(
            ("check", dict(check_config.as_items())),
            ("settings", dict(config.as_items())),
            ("lexicons", list(lexicon.sources)),
        ),
        sentences=sentences,
        not_checked=not_checked,
    )


def check_draft(
    text: str,
    index: CorpusIndex,
    *,
    embedder: Embedder | None = None,
    model: str | None = None,
    config: Config | None = None,
    check_config: CheckConfig | None = None,
    lexicon: Lexicon | None = None,
    path: str = "<draft>",
    title: str | None = None,
    outlet: str | None = None,
    published: date | str | None = None,
    cache_dir: str | Path | None = None,
    use_cache: bool = False,
    timings: Timings | None = None,
) -> CheckResult:
    """Check a draft (plain text, Markdown or HTML) against the prior coverage in ``index``.

    Every checkable claim of the draft gets a verdict with its closest prior claims. The model is the
    index's own unless ``model`` or ``embedder`` names another one the index holds. ``published``
    anchors the draft's relative dates ("on Tuesday").

    >>> with open_index("coverage.db") as index:  # doctest: +SKIP
    ...     result = check_draft("The quake killed 97 people.", index)
    >>> result.claims[0].verdict  # doctest: +SKIP
    <Verdict.SUPPORTED: 'supported'>
    """
    lexicon = lexicon or load_lexicon()
    article = read_text_input(
        text, path=path, title=title, outlet=outlet, published=published, lexicon=lexicon
    )
    return check_article(
        article,
        index,
        embedder=embedder,
        model=model,
        config=config,
        check_config=check_config,
        lexicon=lexicon,
        cache_dir=cache_dir,
        use_cache=use_cache,
        timings=timings,
    )
