"""Smoke tests: each benchmark script runs on a tiny input (hashing embedder, tiny corpus) as a script, and
its last line is one JSON object with the expected keys."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from checker.ingest import read_articles

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
STAGES = {"ingest", "segment", "extract", "embed", "cluster", "compare", "render"}


def _run(script: str, *args: str, timeout: int = 600) -> tuple[subprocess.CompletedProcess[str], dict]:
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    last = json.loads(done.stdout.strip().splitlines()[-1])
    assert isinstance(last, dict)
    return done, last


def test_corpus_is_reproducible_and_readable(tmp_path):
    _, first = _run("corpus.py", str(tmp_path / "a"), "--sizes", "12", "--no-ecbplus", "--seed", "5")
    _, again = _run("corpus.py", str(tmp_path / "b"), "--sizes", "12", "--no-ecbplus", "--seed", "5")
    _, other = _run("corpus.py", str(tmp_path / "c"), "--sizes", "12", "--no-ecbplus", "--seed", "6")
    assert set(first) == {"corpora", "seed"}
    [made] = first["corpora"]
    assert {"size", "path", "bytes", "seed", "sha256", "stories"} <= set(made)
    assert made["sha256"] == again["corpora"][0]["sha256"] != other["corpora"][0]["sha256"]
    folder = tmp_path / "a" / "n12"
    assert len(list(folder.glob("*.txt"))) == 12
    articles = read_articles([folder])  # meta.json is read as metadata
    assert len(articles) == 12 and all(a.ok and a.outlet and a.published for a in articles)


def test_speed_script(tmp_path):
    done, last = _run(
        "speed.py",
        "--model",
        "hashing",
        "--targets",
        "--sizes",
        "6",
        "--no-ecbplus",
        "--corpus-dir",
        str(tmp_path / "corpus"),
        "--timeout",
        "300",
    )
    assert set(last) == {"machine", "reference_pure_rate", "runs"}
    assert [run["label"] for run in last["runs"]] == ["corpus-6"]
    for run in last["runs"]:
        cold, warm = run["cold"], run["warm"]
        assert set(cold["stages"]) == STAGES == set(warm["stages"])
        assert cold["embedder"].startswith("hashing")
        assert cold["claims"] == warm["claims"] > 0
        assert cold["cache_misses"] > 0 and warm["cache_misses"] == 0  # the warm run finds every vector
        assert cold["peak_rss_mb"] > 0 and cold["total_s"] > 0
        assert {"claims_per_s_cold", "cold_over_warm", "non_embed_over_embed"} <= set(run)
    assert "Seconds per stage, cold run" in done.stdout


FACTUALITY = [
    {"text": "Police said the bridge collapsed at dawn .", "targets": [{"span1": [1, 2], "label": 3.0}]},
    {"text": "The ministry may send more troops .", "targets": [{"span1": [3, 4], "label": 0.8}]},
]
ECB = [  # (doc_id, sent_id, text, {token: chain})
    ("1_1ecb", 0, "Police arrested the driver on Friday .", {1: "ACT_A"}),
    ("1_2ecb", 0, "Police arrested the driver late on Friday .", {1: "ACT_A"}),
    ("1_1ecbplus", 0, "A blaze destroyed the warehouse , firefighters said .", {1: "ACT_C"}),
]


def _ecb_files(folder: Path) -> tuple[Path, Path]:
    rows, mentions = [], []
    for doc_id, sent_id, text, chains in ECB:
        tokens = text.split(" ")
        rows += [f"{doc_id}\t{sent_id}\t{n}\t{t}\t{chains.get(n, '-')}" for n, t in enumerate(tokens)] + [""]
        for n, chain in chains.items():
            mentions.append(
                {
                    "coref_chain": chain,
                    "doc_id": doc_id,
                    "sent_id": sent_id,
                    "tokens_number": [n],
                    "tokens_str": tokens[n],
                    "is_singleton": False,
                    "is_continuous": True,
                    "mention_type": "ACT",
                    "score": -1.0,
                }
            )
    corpus, gold = folder / "ecb.txt", folder / "mentions.json"
    corpus.write_text("\n".join(rows) + "\n", encoding="utf-8")
    gold.write_text(json.dumps(mentions), encoding="utf-8")
    return corpus, gold


def test_quality_script(tmp_path):
    factuality = tmp_path / "fact" / "dev.jsonl"
    factuality.parent.mkdir()
    factuality.write_text("\n".join(json.dumps(r) for r in FACTUALITY) + "\n", encoding="utf-8")
    corpus, gold = _ecb_files(tmp_path)
    done, last = _run(
        "quality.py",
        "--model",
        "hashing",
        "--stories",
        "quake",
        "--factuality",
        str(factuality),
        "--ecbplus-corpus",
        str(corpus),
        "--ecbplus-mentions",
        str(gold),
    )
    assert set(last) == {"model", "stories", "factuality", "ecbplus", "seconds"}
    quake = last["stories"]["quake"]
    if (ROOT.parent / "shared" / "eval" / "score.py").exists():
        expected = len(json.loads((ROOT / "fixtures" / "gold" / "quake.json").read_text())["conflicts"])
        assert quake["conflicts_total"] == expected
        assert 0 <= quake["conflicts_caught"] <= expected and quake["claims"] > 0
    else:
        assert quake.startswith("not available")
    assert last["factuality"]["fact"]["n"] == 2
    if (BENCH / "ecbplus.py").exists():
        assert {"precision", "recall", "f1", "claims"} <= set(last["ecbplus"])
        assert last["ecbplus"]["claims"] == len(ECB)
    else:
        assert last["ecbplus"].startswith("not available")


def test_quality_reports_missing_parts(tmp_path):
    _, last = _run(
        "quality.py",
        "--model",
        "hashing",
        "--stories",
        "--factuality",
        str(tmp_path / "missing.jsonl"),
        "--ecbplus-corpus",
        str(tmp_path / "missing.txt"),
    )
    assert last["stories"] == {}
    assert last["factuality"].startswith("not available") and "missing.jsonl" in last["factuality"]
    assert last["ecbplus"].startswith("not available")
