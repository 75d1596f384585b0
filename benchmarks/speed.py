"""Measure checker's speed: cold and warm end-to-end time, time per stage, claims per second, peak memory,
and the sentence-transformers encoding rate on the same machine as the limit to compare against.

Usage (from the repo root)::

    python benchmarks/speed.py                          # seed story, fixture sets, corpora of 100/1,000/10,000
    python benchmarks/speed.py --sizes 100 1000 --hashing-from 100000   # real model for every corpus
    python benchmarks/speed.py --model hashing --targets quake --sizes 50   # quick, no model

Each run is one fresh subprocess, so its peak RSS is its own. For every target:

* **cold**: an empty embedding cache. The model is loaded first and timed apart ("load"); then
  ``analyze`` (library call) and ``render`` are timed, per stage from ``pipeline.Timings``.
* **warm**: a second fresh process on the cache the cold run filled. The model is loaded lazily, so a
  warm run that finds every vector cached never loads it.
* **pure encoding**: in the cold process, after the run, the sentence-transformers model (loaded anew,
  outside checker) encodes a sample of the run's distinct claim texts in one ``encode`` call: the
  sentences per second any pipeline built on this model is bound by.

Generated corpora (``benchmarks/corpus.py``, fixed seed) are cached under ``--corpus-dir``. Corpus sizes at
or above ``--hashing-from`` use the model-free hashing embedder (the real model would take too long on a
small machine); the tables name the embedder of every row, and for hashing rows project the real-model
embedding time from the measured encoding rate. Prints tables, then one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

try:
    import checker  # noqa: F401
except ImportError:  # run as a script from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DEFAULT_ECBPLUS, ensure_corpus  # noqa: E402

from checker.config import DEFAULT_MODEL  # noqa: E402
from checker.pipeline import Timings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURE_SETS = ("quake", "vessel", "protest")
STAGES = ("ingest", "segment", "extract", "embed", "cluster", "compare", "render")


# ------------------------------------------------------------------------------------------ worker


@dataclasses.dataclass
class _RecordingTimings(Timings):
    """Timings that also write themselves to a file as each stage starts and ends, so a run stopped by the
    time limit still tells where it was."""

    record: str | None = None

    def _write(self, running: str | None) -> None:
        if self.record:
            Path(self.record).write_text(json.dumps({"running": running, "stages": self.stages}))

    @contextmanager
    def stage(self, name: str):  # type: ignore[no-untyped-def]
        self._write(name)
        with super().stage(name):
            yield
        self._write(None)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _pure_encoding_rate(model: str | None, texts: list[str], sample: int, batch_size: int) -> dict:
    """Sentences per second of sentence-transformers alone on ``texts`` (a fixed-seed sample)."""
    from sentence_transformers import SentenceTransformer

    from checker.embed import resolve_model_path

    chosen = sorted(texts)
    random.Random(0).shuffle(chosen)
    chosen = chosen[:sample]
    encoder = SentenceTransformer(resolve_model_path(model), device="cpu")
    encoder.encode(chosen[:8], batch_size=batch_size)  # first call sets up kernels
    started = time.perf_counter()
    encoder.encode(chosen, batch_size=batch_size, show_progress_bar=False)
    seconds = time.perf_counter() - started
    import torch

    return {
        "n": len(chosen),
        "seconds": seconds,
        "rate": len(chosen) / seconds if seconds else None,
        "torch_threads": torch.get_num_threads(),
    }


def _results_digest(report) -> str:  # type: ignore[no-untyped-def]
    """A digest of what the run found (subjects of claims, findings), leaving out subject labels, so a cold
    and a warm run of the same input can be checked to agree."""
    items = [[c.id, c.subject] for c in report.claims]
    items += [
        [f.kind.value, f.type.value, f.subject, list(f.claims), list(f.values)] for f in report.findings
    ]
    return hashlib.sha256(json.dumps(items).encode()).hexdigest()


def run_worker(spec: dict) -> dict:
    """One measured run in this process (called in a fresh subprocess)."""
    from checker.config import Config
    from checker.embed import CachedEmbedder, EmbeddingCache, HashingEmbedder, SentenceTransformerEmbedder
    from checker.pipeline import analyze
    from checker.report import render

    load_before = os.getloadavg()[0]
    config = Config()
    hashing = spec["model"] == "hashing"
    inner = (
        HashingEmbedder()
        if hashing
        else SentenceTransformerEmbedder(spec["model"], batch_size=config.batch_size)
    )
    load_s = 0.0
    if spec["mode"] == "cold" and not hashing:
        started = time.perf_counter()
        inner.embed(["The model is loaded before the run is timed."])
        load_s = time.perf_counter() - started
    cache = EmbeddingCache(Path(spec["cache_dir"]) / "embeddings.sqlite3")
    embedder = CachedEmbedder(inner, cache, batch_size=config.batch_size)
    timings = _RecordingTimings(record=spec.get("record"))
    started = time.perf_counter()
    # cache_dir: the claims extracted in the cold run are cached beside its embeddings, as the CLI does.
    report = analyze(
        spec["paths"], embedder=embedder, config=config, timings=timings, cache_dir=spec["cache_dir"]
    )
    with timings.stage("render"):
        rendered = render(report, spec["render_format"])
    total_s = time.perf_counter() - started
    result = {
        "label": spec["label"],
        "mode": spec["mode"],
        "embedder": embedder.name,
        "articles": len(report.articles),
        "articles_ok": sum(1 for a in report.articles if a.ok),
        "sentences": report.sentences,
        "claims": len(report.claims),
        "subjects": len(report.subjects),
        "findings": len(report.findings),
        "cache_hits": embedder.hits,
        "cache_misses": embedder.misses,
        "cache_rows": cache.count(),
        "load_s": load_s,
        "total_s": total_s,
        "stages": dict(timings.stages),
        "report_chars": len(rendered),
        "results_sha256": _results_digest(report),
        "peak_rss_mb": _peak_rss_mb(),
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    cache.close()
    texts = sorted({c.text for c in report.claims})
    result["distinct_texts"] = len(texts)
    if spec["mode"] == "cold" and spec["sample"] > 0 and texts:
        model = None if spec["rate_model"] == "hashing" else spec["rate_model"]
        result["pure"] = _pure_encoding_rate(model, texts, spec["sample"], config.batch_size)
    return result


# ------------------------------------------------------------------------------------------ parent


def _spawn(spec: dict, timeout: float) -> dict:
    record = Path(spec["cache_dir"]).parent / f"{spec['label']}-{spec['mode']}.progress.json"
    spec = {**spec, "record": str(record)}
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--worker", json.dumps(spec)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "TOKENIZERS_PARALLELISM": "false"},
        )
    except subprocess.TimeoutExpired:
        partial = json.loads(record.read_text()) if record.exists() else {"running": None, "stages": {}}
        return {
            "label": spec["label"],
            "mode": spec["mode"],
            "timed_out": True,
            "timeout_s": timeout,
            "running": partial["running"],
            "stages": partial["stages"],
        }
    wall = time.perf_counter() - started
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise SystemExit(f"speed: {spec['label']} {spec['mode']} run failed:\n" + "\n".join(tail))
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_s"] = wall
    return result


def _targets(args: argparse.Namespace) -> list[tuple[str, list[str], str]]:
    """(label, paths, model) for every run asked for."""
    model = args.model
    out: list[tuple[str, list[str], str]] = []
    for name in args.targets:
        if name == "seeds":
            if SEEDS.exists():
                out.append(("seeds", [str(SEEDS)], model))
            else:
                print(f"speed: {SEEDS} not found; seed story skipped", file=sys.stderr)
        elif name in FIXTURE_SETS:
            out.append((name, [str(ROOT / "fixtures" / name)], model))
        else:
            raise SystemExit(f"speed: unknown target {name!r}; choose from seeds, {', '.join(FIXTURE_SETS)}")
    ecbplus = None if args.no_ecbplus else DEFAULT_ECBPLUS
    for size in args.sizes:
        folder = Path(args.corpus_dir) / f"n{size}"
        ensure_corpus(folder, size, seed=args.seed, ecbplus=ecbplus)
        out.append((f"corpus-{size}", [str(folder)], "hashing" if size >= args.hashing_from else model))
    return out


def _f(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _summarise(cold: dict, warm: dict, rate: float | None) -> dict:
    row = {"label": cold["label"], "cold": cold, "warm": warm}
    if cold.get("timed_out"):
        return row
    stages = cold["stages"]
    embed = stages.get("embed", 0.0)
    non_embed = cold["total_s"] - embed
    row["non_embed_s"] = non_embed
    row["non_embed_over_embed"] = non_embed / embed if embed > 0 else None
    row["claims_per_s_cold"] = cold["claims"] / cold["total_s"] if cold["total_s"] else None
    if not warm.get("timed_out"):
        row["warm_same_results"] = warm["results_sha256"] == cold["results_sha256"]
        row["claims_per_s_warm"] = warm["claims"] / warm["total_s"] if warm["total_s"] else None
        row["cold_over_warm"] = cold["total_s"] / warm["total_s"] if warm["total_s"] else None
    if cold["embedder"].startswith("hashing") and rate:
        # what the embed stage would take with the real model at the measured pure rate
        projected = cold["cache_misses"] / rate
        row["projected_model_embed_s"] = projected
        row["non_embed_over_projected_embed"] = non_embed / projected if projected else None
    return row


def _print_tables(rows: list[dict], rate: dict | None) -> None:
    head = [
        "target",
        "embedder",
        "articles",
        "claims",
        "distinct",
        "load s",
        "cold s",
        "warm s",
        "cold/warm",
        "claims/s cold",
        "claims/s warm",
        "RSS cold MB",
        "RSS warm MB",
        "same results",
        "load avg",
    ]
    table = []
    for row in rows:
        cold, warm = row["cold"], row["warm"]
        if cold.get("timed_out"):
            table.append(
                [
                    row["label"],
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    f"timeout {cold['timeout_s']:.0f}s in {cold['running'] or 'pure-rate measurement after render'}",
                ]
            )
            continue
        table.append(
            [
                row["label"],
                cold["embedder"],
                cold["articles"],
                cold["claims"],
                cold["distinct_texts"],
                _f(cold["load_s"]),
                _f(cold["total_s"]),
                "timeout" if warm.get("timed_out") else _f(warm["total_s"], 2),
                _f(row.get("cold_over_warm")),
                _f(row.get("claims_per_s_cold"), 0),
                _f(row.get("claims_per_s_warm"), 0),
                _f(cold["peak_rss_mb"], 0),
                "-" if warm.get("timed_out") else _f(warm["peak_rss_mb"], 0),
                "-" if warm.get("timed_out") else ("yes" if row["warm_same_results"] else "NO"),
                "/".join(f"{x:.1f}" for x in cold["load_average"]),
            ]
        )
    print("End to end (analyze + render; model load apart; same results: warm findings and subjects equal")
    print("the cold run's; load avg: 1-minute load average at the cold run's start/end)")
    print(tabulate(table, headers=head, disable_numparse=True))
    for mode in ("cold", "warm"):
        table = []
        for row in rows:
            run = row[mode]
            stages = run.get("stages", {})
            cells = [_f(stages.get(s), 2) for s in STAGES]
            other = None if run.get("timed_out") else run["total_s"] - sum(stages.values())
            ratio = row.get("non_embed_over_embed") if mode == "cold" else None
            table.append([row["label"], *cells, _f(other, 2), _f(ratio, 2)])
        print(
            f"\nSeconds per stage, {mode} run"
            + (" (non-embed/embed: everything else over embedding)" if mode == "cold" else "")
        )
        print(tabulate(table, headers=["target", *STAGES, "other", "non-embed/embed"], disable_numparse=True))
    table = []
    for row in rows:
        cold = row["cold"]
        if cold.get("timed_out"):
            continue
        embed = cold["stages"].get("embed", 0.0)
        pure = cold.get("pure") or {}
        table.append(
            [
                row["label"],
                cold["embedder"],
                cold["cache_misses"],
                _f(embed, 2),
                _f(cold["cache_misses"] / embed if embed else None, 0),
                _f(pure.get("rate"), 0),
                pure.get("n", "-"),
                _f(row.get("projected_model_embed_s"), 0),
                _f(row.get("non_embed_over_projected_embed"), 2),
            ]
        )
    print(
        "\nEmbedding: texts embedded in the cold run, the rate inside checker, and sentence-transformers alone"
    )
    print(
        tabulate(
            table,
            headers=[
                "target",
                "embedder",
                "texts embedded",
                "embed s",
                "texts/s in checker",
                "pure ST sent/s",
                "sample",
                "projected model embed s",
                "non-embed/projected",
            ],
            disable_numparse=True,
        )
    )
    if rate:
        print(
            f"\nReference pure encoding rate (projections): {rate['rate']:.0f} sentences/s over {rate['n']} texts"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument(
        "--targets",
        nargs="*",
        default=["seeds", *FIXTURE_SETS],
        help="seeds and/or fixture sets (default: all four)",
    )
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[100, 1000, 10000], help="generated corpus sizes"
    )
    parser.add_argument("--model", default=DEFAULT_MODEL, help="embedding model, or 'hashing' (no model)")
    parser.add_argument(
        "--hashing-from", type=int, default=10000, help="corpus sizes from this many articles use hashing"
    )
    parser.add_argument("--corpus-dir", default=str(Path(tempfile.gettempdir()) / "checker-bench-corpus"))
    parser.add_argument("--seed", type=int, default=7, help="corpus generator seed")
    parser.add_argument("--no-ecbplus", action="store_true", help="corpora from fixture stories only")
    parser.add_argument("--sample", type=int, default=2000, help="texts encoded for the pure rate (0: skip)")
    parser.add_argument("--render-format", default="json", help="report format rendered (default json)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per run")
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(run_worker(json.loads(args.worker))))
        return 0
    work = Path(tempfile.mkdtemp(prefix="checker-speed-"))
    rows = []
    reference: dict | None = None
    real_model = None if args.model == "hashing" else args.model
    try:
        for label, paths, model in _targets(args):
            cache_dir = work / label / "cache"
            spec = {
                "label": label,
                "paths": paths,
                "model": model,
                "rate_model": real_model or "hashing",
                "cache_dir": str(cache_dir),
                "render_format": args.render_format,
                "sample": args.sample if real_model else 0,
            }
            cold = _spawn({**spec, "mode": "cold"}, args.timeout)
            warm = (
                {
                    "label": label,
                    "mode": "warm",
                    "timed_out": True,
                    "timeout_s": 0,
                    "running": "not run",
                    "stages": {},
                }
                if cold.get("timed_out")
                else _spawn({**spec, "mode": "warm"}, args.timeout)
            )
            pure = cold.get("pure")
            if pure and (reference is None or pure["n"] > reference["n"]):
                reference = pure
            rows.append((cold, warm))
            shutil.rmtree(cache_dir, ignore_errors=True)
            print(f"speed: {label} done", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rate = reference["rate"] if reference else None
    summaries = [_summarise(cold, warm, rate) for cold, warm in rows]
    _print_tables(summaries, reference)
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    print(json.dumps({"machine": machine, "reference_pure_rate": reference, "runs": summaries}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
