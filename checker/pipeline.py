"""The only place that composes stages: ingest -> segment -> extract -> embed -> cluster -> compare.

``analyze(["fixtures/quake"])`` returns a Report. Each stage's output is checked here, and a stage that
breaks its contract is named in a StageError.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from checker import SCHEMA_VERSION
from checker.claim_cache import ClaimCache
from checker.cluster import cluster_claims, merge_subjects
from checker.compare import compare_subjects, linked_subjects, summarize_subjects
from checker.config import Config
from checker.embed import Embedder, default_cache_path, make_embedder
from checker.errors import StageError
from checker.extract import extract_claims
from checker.ingest import read_articles
from checker.lexicons import Lexicon, load_lexicon
from checker.models import Article, Claim, Report, Sentence
from checker.segment import split_sentences

# progress(stage, advance, total): total is set once per stage (advance 0), then advanced.
Progress = Callable[[str, int, int], None]


@dataclasses.dataclass
class Timings:
    """Seconds spent per stage in the last run, for benchmarks."""

    stages: dict[str, float] = dataclasses.field(default_factory=dict)

    @contextmanager
    def stage(self, name: str):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - started


def _check_sentences(article: Article, sentences: Sequence[Sentence]) -> None:
    for sentence in sentences:
        if article.text[sentence.start : sentence.end] != sentence.text:
            raise StageError(
                f"segment: sentence {sentence.index} of {article.path} does not slice the article text at "
                f"{sentence.start}:{sentence.end}"
            )


def analyze_articles(
    articles: Sequence[Article],
    *,
    embedder: Embedder,
    config: Config | None = None,
    lexicon: Lexicon | None = None,
    progress: Progress | None = None,
    timings: Timings | None = None,
    claim_cache: ClaimCache | None = None,
) -> Report:
    """Run every stage after ingest on already-read articles. With ``claim_cache``, an article whose
    claims were extracted before under the same lexicon and settings is not segmented or read again."""
    config = config or Config()
    lexicon = lexicon or load_lexicon()
    timings = timings or Timings()
    sentences_total = 0
    claims: list[Claim] = []
    ok = [a for a in articles if a.ok]
    if progress:
        progress("extract", 0, len(ok))
    for article in ok:
        with timings.stage("extract"):  # reading cached claims is this stage's work on a re-run
            cached = claim_cache.get(article) if claim_cache is not None else None
        if cached is not None:
            claims.extend(cached[0])
            sentences_total += cached[1]
            if progress:
                progress("extract", 1, len(ok))
            continue
        with timings.stage("segment"):
            sentences = split_sentences(article, lexicon=lexicon)
            _check_sentences(article, sentences)
        sentences_total += len(sentences)
        with timings.stage("extract"):
            found = extract_claims(sentences, article, lexicon=lexicon, config=config)
            claims.extend(found)
        if claim_cache is not None:
            claim_cache.put(article, found, len(sentences))
        if progress:
            progress("extract", 1, len(ok))
    if claim_cache is not None:
        with timings.stage("extract"):
            claim_cache.flush()
    timings.stages.setdefault("segment", 0.0)
    with timings.stage("embed"):
        if progress:
            progress("embed", 0, len(claims))
        if claims:
            embeddings = embedder.embed(
                [c.text for c in claims],
                progress=(lambda n: progress("embed", n, len(claims))) if progress else None,
            )
        else:
            embeddings = np.zeros((0, 1), dtype=np.float32)
        if embeddings.shape[0] != len(claims):
            raise StageError(f"embed: {embeddings.shape[0]} vectors for {len(claims)} claims")
        focus_ids = [i for i, c in enumerate(claims) if c.focus]
        focus_vectors = embedder.embed([claims[i].focus for i in focus_ids]) if focus_ids else None  # type: ignore[misc]
        focus = (
            {claims[i].id: focus_vectors[n] for n, i in enumerate(focus_ids)}
            if focus_vectors is not None
            else {}
        )
    with timings.stage("cluster"):
        subjects, labels = cluster_claims(
            claims,
            embeddings,
            distance_threshold=config.cluster_distance,
            sparse_above=config.cluster_sparse_above,
            n_neighbors=config.cluster_neighbours,
        )
        claims = [
            dataclasses.replace(c, subject=f"S{int(label) + 1}")
            for c, label in zip(claims, labels, strict=True)
        ]
    with timings.stage("compare"):
        claims_t, findings, timelines = compare_subjects(
            claims, subjects, embeddings, config=config, lexicon=lexicon, focus=focus
        )
        groups = linked_subjects(claims_t, findings)
        if groups:
            subjects, claims_t = merge_subjects(subjects, claims_t, groups)
            findings, timelines = summarize_subjects(claims_t, subjects, findings)
    return Report(
        schema_version=SCHEMA_VERSION,
        articles=tuple(articles),
        claims=claims_t,
        subjects=subjects,
        findings=findings,
        timelines=timelines,
        config=config.as_items() + (("lexicons", list(lexicon.sources)),),
        model=embedder.name,
        sentences=sentences_total,
    )


def analyze(
    paths: Sequence[str | Path],
    *,
    meta: str | Path | None = None,
    config: Config | None = None,
    lexicon: Lexicon | None = None,
    model: str | None = None,
    embedder: Embedder | None = None,
    cache_dir: str | Path | None = None,
    use_cache: bool = True,
    strict: bool = False,
    progress: Progress | None = None,
    timings: Timings | None = None,
) -> Report:
    """Read the articles under ``paths`` and produce the consistency report.

    >>> report = analyze(["fixtures/quake"])
    """
    config = config or Config()
    lexicon = lexicon or load_lexicon()
    timings = timings or Timings()
    with timings.stage("ingest"):
        articles = read_articles(paths, meta=meta, config=config, lexicon=lexicon, strict=strict)
    embedder_built = embedder is None
    if embedder is None:
        embedder = make_embedder(
            model, cache_dir=cache_dir, use_cache=use_cache, batch_size=config.batch_size
        )
    claim_cache = None
    # Claims are cached beside the embeddings when this call owns the cache (a caller that passes its
    # own embedder without a cache folder gets no claim cache).
    if use_cache and (cache_dir is not None or embedder_built):
        folder = Path(cache_dir) if cache_dir is not None else default_cache_path().parent
        claim_cache = ClaimCache(folder / "claims.sqlite3", lexicon=lexicon, config=config)
    try:
        return analyze_articles(
            articles,
            embedder=embedder,
            config=config,
            lexicon=lexicon,
            progress=progress,
            timings=timings,
            claim_cache=claim_cache,
        )
    finally:
        if claim_cache is not None:
            claim_cache.close()
