"""The embedding cache under interruption and concurrent use, with real subprocesses and signals.

A slow embedder (the hashing embedder plus a pause per batch) makes "mid-embedding" a moment a test can
reach: the worker prints one line per batch, and the test interrupts it after a few.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.embed import EmbeddingCache
from checker.errors import EXIT_INTERRUPTED

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"

WORKER = """
import json, sys, time
from checker.embed import CachedEmbedder, EmbeddingCache, HashingEmbedder
from checker.pipeline import analyze

cache_path, delay, *paths = sys.argv[1:]


class SlowEmbedder:
    name = "slow-hashing"

    def __init__(self):
        self.inner = HashingEmbedder()

    def embed(self, texts, *, progress=None):
        print("batch", len(texts), flush=True)
        time.sleep(float(delay))
        return self.inner.embed(texts, progress=progress)


embedder = CachedEmbedder(SlowEmbedder(), EmbeddingCache(cache_path), batch_size=8)
try:
    report = analyze(paths, embedder=embedder)
except KeyboardInterrupt:
    print(json.dumps({"interrupted": True, "misses": embedder.misses}), flush=True)
    sys.exit(130)
print(json.dumps({"interrupted": False, "misses": embedder.misses, "hits": embedder.hits,
                  "claims": len(report.claims)}), flush=True)
"""


def _default_sigint() -> None:
    # A child started from a shell without job control may inherit SIGINT as ignored; restore it so
    # Python installs its KeyboardInterrupt handler.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(tmp_path: Path, cache: Path, delay: float, *paths: Path) -> subprocess.Popen[str]:
    script = tmp_path / "worker.py"
    script.write_text(WORKER, encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(script), str(cache), str(delay), *map(str, paths)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,
    )


def _finish(proc: subprocess.Popen[str]) -> tuple[int, dict, str]:
    out, err = proc.communicate(timeout=300)
    lines = [line for line in out.splitlines() if line.startswith("{")]
    assert "Traceback" not in err, err
    return proc.returncode, json.loads(lines[-1]), err


def _rows(cache: Path) -> dict[tuple[str, str], bytes]:
    with sqlite3.connect(cache) as conn:
        return {(m, k): v for m, k, v in conn.execute("SELECT model, key, vector FROM embeddings")}


def _integrity(cache: Path) -> str:
    with sqlite3.connect(cache) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def _full_run(tmp_path: Path, name: str, *paths: Path) -> tuple[Path, dict]:
    cache = tmp_path / name / "embeddings.sqlite3"
    code, result, err = _finish(_start(tmp_path, cache, 0.0, *paths))
    assert code == 0, err
    return cache, result


def test_interrupted_run_leaves_a_usable_cache_and_the_next_run_continues(tmp_path):
    paths = [FIXTURES / "quake", FIXTURES / "vessel", FIXTURES / "protest"]
    reference, full = _full_run(tmp_path, "reference", *paths)
    total = len(_rows(reference))
    assert full["misses"] == total > 40

    cache = tmp_path / "cache" / "embeddings.sqlite3"
    proc = _start(tmp_path, cache, 0.3, *paths)
    batches = 0
    assert proc.stdout is not None
    while batches < 3:
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else "worker ended early"
        batches += line.startswith("batch")
    proc.send_signal(signal.SIGINT)
    code, result, _ = _finish(proc)
    assert code == EXIT_INTERRUPTED and result["interrupted"]

    assert _integrity(cache) == "ok"
    store = EmbeddingCache(cache)  # opens, and reads what the interrupted run committed
    kept = store.count("slow-hashing")
    store.close()
    assert 0 < kept < total

    code, resumed, err = _finish(_start(tmp_path, cache, 0.0, *paths))
    assert code == 0, err
    assert resumed["misses"] == total - kept  # only what was not cached is embedded again
    assert _rows(cache) == _rows(reference)  # same keys, same vectors
    assert _integrity(cache) == "ok"


def test_two_runs_sharing_one_cache_lose_no_writes(tmp_path):
    first = [FIXTURES / "quake", FIXTURES / "vessel"]
    second = [FIXTURES / "vessel", FIXTURES / "protest"]
    cache = tmp_path / "shared" / "embeddings.sqlite3"
    procs = [_start(tmp_path, cache, 0.05, *first), _start(tmp_path, cache, 0.05, *second)]
    results = [_finish(p) for p in procs]
    for code, result, err in results:
        assert code == 0, err
        assert not result["interrupted"]

    sequential = tmp_path / "sequential" / "embeddings.sqlite3"
    for group in (first, second):
        code, _, err = _finish(_start(tmp_path, sequential, 0.0, *group))
        assert code == 0, err
    assert _integrity(cache) == "ok"
    expected = _rows(sequential)
    assert len(expected) > results[0][1]["misses"]  # the two runs together hold more than either alone
    assert _rows(cache) == expected  # every distinct text once, none lost, vectors intact


def _corpus(tmp_path: Path, size: int) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from corpus import build_corpus
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    folder = tmp_path / "corpus"
    build_corpus(folder, size, seed=3, ecbplus=None)
    return folder


def test_cli_exits_130_on_sigint_and_keeps_the_cache(tmp_path):
    corpus = _corpus(tmp_path, 300)
    cache_dir = tmp_path / "cli-cache"
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", "analyze", str(corpus), "--model", "hashing"]
        + ["--cache-dir", str(cache_dir), "--format", "json", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 120
    # the cache is opened once ingest is done: from then on the run is in the pipeline's stages
    while not (cache_dir / "embeddings.sqlite3").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"checker never opened its cache: {proc.communicate()[1]}")
        time.sleep(0.05)
    time.sleep(0.5)
    # A Ctrl-C that lands inside an object finaliser is swallowed by Python (see the xfail test below),
    # so, like a user, press it again if the run is still going several seconds later.
    for _ in range(3):
        proc.send_signal(signal.SIGINT)
        try:
            out, err = proc.communicate(timeout=8)
            break
        except subprocess.TimeoutExpired:
            continue
    else:
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == EXIT_INTERRUPTED, err
    assert out == ""
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("checker: interrupted")
    assert _integrity(cache_dir / "embeddings.sqlite3") == "ok"


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_ctrl_c_inside_a_finaliser_still_interrupts(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from checker import pipeline
    from checker.cli import main

    real_analyze = pipeline.analyze

    class Finaliser:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # the signal is handled here, inside __del__

    def analyze_hit_by_ctrl_c(*args, **kwargs):  # type: ignore[no-untyped-def]
        Finaliser()  # dropped at once: its finaliser runs now
        return real_analyze(*args, **kwargs)

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        monkeypatch.setattr(pipeline, "analyze", analyze_hit_by_ctrl_c)
        result = CliRunner().invoke(
            main, ["analyze", str(FIXTURES / "quake"), "--model", "hashing", "--no-cache", "--format", "json"]
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    assert result.exit_code == EXIT_INTERRUPTED
