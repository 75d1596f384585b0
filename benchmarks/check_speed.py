"""Measure the pre-publication check: corpus index build time and size, and the time to check a draft.

Usage (from the repo root)::

    python benchmarks/check_speed.py                                # real model, 1,000 and 10,000 articles
    python benchmarks/check_speed.py --model hashing                # quick, no model
    python benchmarks/check_speed.py --sizes 1000 --index-model-from 100000   # real model for 1,000 only

Corpora come from ``benchmarks/corpus.py`` (the fixture stories recombined with varied figures, names,
outlets and dates; fixed seed, so reproducible). For every size a fresh index is built with
``build_index`` and timed per stage, then re-run on the unchanged folder (what a nightly re-index of a
grown folder costs for the files it skips). The draft is the three bundled drafts in
``fixtures/drafts/`` joined into one of about 1,000 words; it is checked against the index with the model
already loaded: once cold (the index's vector matrix is read on first use, timed apart as "load") and
``--repeat`` times warm (the index and model kept open, as a newsroom tool keeps them), then re-checked
through the embedding cache, as a CMS hook re-checks a draft on every save.

Sizes at or above ``--index-model-from`` are indexed (and checked) with the model-free hashing embedder,
because the real model takes long on a small machine; their rows say so, and the real-model build time is
projected from the real-model run's rate per claim. Prints a table, then one JSON line of every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

try:
    import checker  # noqa: F401
except ImportError:  # run as a script from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ensure_corpus  # noqa: E402  (benchmarks/corpus.py, the shared generator)

from checker.embed import make_embedder  # noqa: E402
from checker.index import CorpusIndex, open_index  # noqa: E402
from checker.ingest import read_text_input  # noqa: E402
from checker.pipeline import Timings  # noqa: E402
from checker.prepublish import build_index, check_article  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ("quake", "vessel", "protest")


def _draft_text() -> str:
    parts = [
        (ROOT / "fixtures" / "drafts" / f"{name}_draft.txt").read_text(encoding="utf-8") for name in DRAFTS
    ]
    return "\n\n".join(parts)


def _db_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def bench_size(size: int, *, model: str | None, out: Path, seed: int, repeat: int) -> dict:
    folder = out / f"n{size}"
    ensure_corpus(folder, size, seed=seed, ecbplus=None)
    db = out / f"n{size}-{(model or 'default').replace('/', '_')}.db"
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    embedder = make_embedder(model, use_cache=False)
    started = time.perf_counter()
    embedder.embed(["warm up the model"])
    model_load = time.perf_counter() - started

    timings = Timings()
    started = time.perf_counter()
    update = build_index([folder], db=db, embedder=embedder, timings=timings)
    build = time.perf_counter() - started
    with CorpusIndex(db) as index:  # fold the write-ahead log into the file before measuring its size
        index._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size_bytes = _db_bytes(db)

    started = time.perf_counter()
    again = build_index([folder], db=db, embedder=embedder)
    rerun = time.perf_counter() - started
    assert again.unchanged == size and not again.added and not again.updated

    draft = read_text_input(
        _draft_text(), path="fixtures/drafts/*_draft.txt (joined)", published="2025-12-01"
    )
    words = len(draft.text.split())
    with open_index(db) as index:
        started = time.perf_counter()
        rows = index.load(embedder.name)
        load = time.perf_counter() - started
        cold_timings = Timings()
        started = time.perf_counter()
        result = check_article(draft, index, embedder=embedder, timings=cold_timings)
        cold = time.perf_counter() - started
        warm = []
        warm_stages: list[dict[str, float]] = []
        for _ in range(repeat):
            stage = Timings()
            started = time.perf_counter()
            check_article(draft, index, embedder=embedder, timings=stage)
            warm.append(time.perf_counter() - started)
            warm_stages.append(stage.stages)
        # A re-check of the same draft through the embedding cache (what a CMS hook pays on each save):
        # only sentences never embedded before reach the model.
        cached = make_embedder(model, cache_dir=out / "cache", use_cache=True)
        check_article(draft, index, embedder=cached)
        started = time.perf_counter()
        check_article(draft, index, embedder=cached)
        recheck = time.perf_counter() - started
    per_stage = (
        {k: statistics.median(s[k] for s in warm_stages) for k in warm_stages[0]} if warm_stages else {}
    )
    return {
        "articles": size,
        "model": embedder.name,
        "claims": update.stats.claims,
        "vector_rows": rows,
        "model_load_s": round(model_load, 3),
        "build_s": round(build, 2),
        "build_s_per_1000_articles": round(build / size * 1000, 2),
        "build_stages_s": {k: round(v, 2) for k, v in timings.stages.items()},
        "db_bytes": size_bytes,
        "db_mb_per_1000_articles": round(size_bytes / 1e6 / size * 1000, 2),
        "rerun_unchanged_s": round(rerun, 2),
        "draft_words": words,
        "draft_claims": len(result.claims),
        "index_load_s": round(load, 3),
        "check_cold_s": round(cold, 3),
        "check_warm_s": round(statistics.median(warm), 3) if warm else None,
        "check_warm_stages_s": {k: round(v, 3) for k, v in per_stage.items()},
        "recheck_cached_s": round(recheck, 3),
        "verdicts": {v.value: n for v, n in result.counts().items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--model", default=None, help="embedding model (default: the bundled one); 'hashing'")
    parser.add_argument(
        "--index-model-from",
        type=int,
        default=5000,
        help="sizes at or above this use the hashing embedder (default 5000; the real model is slow on 2 CPUs)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(tempfile.gettempdir()) / "checker-bench-check",
        help="corpora and indexes go here (default: a folder in the temp folder)",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5, help="warm checks per size (median reported)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    runs = []
    for size in args.sizes:
        model = "hashing" if size >= args.index_model_from else args.model
        print(
            f"indexing {size} articles with {model or 'the bundled model'} ...", file=sys.stderr, flush=True
        )
        runs.append(bench_size(size, model=model, out=args.out, seed=args.seed, repeat=args.repeat))
    real = [r for r in runs if not r["model"].startswith("hashing")]
    for run in runs:
        if run["model"].startswith("hashing") and real:
            # project the real model's build time from its measured seconds per claim row
            rate = real[-1]["build_s"] / max(real[-1]["vector_rows"], 1)
            run["projected_real_model_build_s"] = round(rate * run["vector_rows"], 0)
    table = [
        [
            r["articles"],
            r["model"],
            r["claims"],
            f"{r['build_s']:.1f}",
            f"{r['build_s_per_1000_articles']:.1f}",
            f"{r['db_mb_per_1000_articles']:.2f}",
            f"{r['rerun_unchanged_s']:.1f}",
            f"{r['index_load_s']:.3f}",
            f"{r['check_cold_s']:.3f}",
            f"{r['check_warm_s']:.3f}" if r["check_warm_s"] is not None else "-",
            f"{r['recheck_cached_s']:.3f}",
            r.get("projected_real_model_build_s", "-"),
        ]
        for r in runs
    ]
    print(
        tabulate(
            table,
            headers=[
                "articles",
                "model",
                "claims",
                "build s",
                "s/1k art",
                "MB/1k art",
                "re-run s",
                "load s",
                "check cold s",
                "check warm s",
                "re-check cached s",
                "real-model build s (projected)",
            ],
            disable_numparse=True,
        )
    )
    for r in runs:
        print(
            f"n={r['articles']}: build stages {r['build_stages_s']}; warm check stages {r['check_warm_stages_s']}"
        )
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()}
    print(json.dumps({"machine": machine, "seed": args.seed, "runs": runs}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
