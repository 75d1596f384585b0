"""Smoke tests: benchmarks/ecbplus.py rebuilds documents from an ECB+ token file, clusters each topic and
ends with one JSON line of pairwise scores. Uses the hashing embedder; no model is loaded."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "ecbplus.py"
KEYS = {"precision", "recall", "f1", "mixed_event_share", "claims", "subjects"}

# (doc_id, sent_id, sentence tokens, {token index: chain}); two topics, each with an ecb and an ecbplus event.
SENTENCES = [
    ("1_1ecb", 0, "Police arrested the driver on Friday .", {1: "ACT_A"}),
    ("1_1ecb", 1, "The driver was charged with murder .", {3: "ACT_B"}),
    ("1_2ecb", 0, "Police arrested the driver on Friday .", {1: "ACT_A"}),
    ("1_1ecbplus", 0, "Firefighters put out a blaze at the warehouse in Ohio .", {1: "ACT_C", 4: "ACT_C"}),
    ("1_2ecbplus", 0, "A blaze destroyed the warehouse , firefighters said .", {1: "ACT_C"}),
    ("1_2ecbplus", 1, "Oscar night .", {}),
    ("2_1ecb", 0, "The Academy named Hugh Jackman as host of the Oscars .", {2: "ACT_D"}),
    ("2_1ecbplus", 0, "The Academy named Ellen DeGeneres as host of the Oscars .", {2: "ACT_E"}),
    ("2_2ecbplus", 3, "DeGeneres said she was thrilled to host the `` Oscars '' .", {6: "ACT_E"}),
    ("2_2ecbplus", 4, "`` It 's official , '' DeGeneres tweeted Friday .", {7: "Singleton_ACT_9"}),
]
GOLD_PAIRS = (
    3  # 1_1ecb/1_2ecb on ACT_A, the two warehouse sentences on ACT_C, two DeGeneres sentences on ACT_E
)


def write_data(folder: Path) -> tuple[Path, Path]:
    corpus, mentions = [], []
    for doc_id, sent_id, text, chains in SENTENCES:
        tokens = text.split(" ")
        for number, token in enumerate(tokens):
            corpus.append(f"{doc_id}\t{sent_id}\t{number}\t{token}\t{chains.get(number, '-')}")
        corpus.append("")
        for number, chain in chains.items():
            mentions.append(
                {
                    "coref_chain": chain,
                    "doc_id": doc_id,
                    "is_continuous": True,
                    "is_singleton": chain.startswith("Singleton"),
                    "mention_type": "ACT",
                    "score": -1.0,
                    "sent_id": sent_id,
                    "tokens_number": [number],
                    "tokens_str": tokens[number],
                }
            )
    corpus_path = folder / "corpus.txt"
    mentions_path = folder / "mentions.json"
    corpus_path.write_text("\n".join(corpus) + "\n", encoding="utf-8")
    mentions_path.write_text(json.dumps(mentions), encoding="utf-8")
    return corpus_path, mentions_path


def run(corpus: Path, mentions: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--corpus",
            str(corpus),
            "--mentions",
            str(mentions),
            "--model",
            "hashing",
        ]
        + list(extra),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def last_json(done: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_benchmark_ends_with_a_json_line(tmp_path):
    done = run(*write_data(tmp_path))
    result = last_json(done)
    assert KEYS <= set(result)
    assert result["claims"] == len(SENTENCES)  # every gold sentence is scored
    assert result["direct_claims"] >= 1  # "Oscar night." is not checkable but still a claim
    assert result["gold_pairs"] == GOLD_PAIRS
    assert result["model"] == "hashing-256"
    assert 2 <= result["subjects"] <= len(SENTENCES)
    for key in ("precision", "recall", "f1", "mixed_event_share"):
        assert 0.0 <= result[key] <= 1.0
    assert result["precision"] > 0  # the two identical sentences share a subject
    assert "one per sub-topic (oracle)" in done.stdout


def test_tiny_threshold_keeps_only_identical_sentences_together(tmp_path):
    result = last_json(run(*write_data(tmp_path), "--distance", "0.001"))
    assert result["distance"] == 0.001
    assert result["subjects"] == len(SENTENCES) - 1
    assert result["precision"] == 1.0
    assert result["recall"] == pytest.approx(1 / GOLD_PAIRS, abs=1e-4)
    assert result["mixed_event_share"] == 0.0


def test_huge_threshold_puts_each_topic_in_one_subject(tmp_path):
    result = last_json(run(*write_data(tmp_path), "--distance", "3"))
    assert result["subjects"] == 2
    same_subject = 15 + 6  # all pairs within topic 1 (6 sentences) and topic 2 (4 sentences)
    assert result["recall"] == 1.0
    assert result["precision"] == pytest.approx(GOLD_PAIRS / same_subject, abs=1e-4)
    # 3 ecb x 3 ecbplus sentences in topic 1, 1 x 3 in topic 2
    assert result["mixed_event_share"] == pytest.approx((9 + 3) / same_subject, abs=1e-4)


def test_malformed_line_is_named(tmp_path):
    corpus, mentions = write_data(tmp_path)
    corpus.write_text("1_1ecb\t0\t0\tPolice\t-\n1_1ecb\t0\tarrested\n", encoding="utf-8")
    done = run(corpus, mentions)
    assert done.returncode != 0
    assert f"{corpus}:2:" in done.stderr


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("ecbplus_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script loads
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        ("Jackman , 40 , will host .", "Jackman, 40, will host."),
        ("the world 's top film honors", "the world's top film honors"),
        ("Gupta would n't comment", "Gupta wouldn't comment"),
        ("the `` House Call '' host", 'the "House Call" host'),
        ("a multi - boat attack", "a multi-boat attack"),
        (
            "A 61-year-old man - Eric Kirkpatrick - was charged",
            "A 61-year-old man - Eric Kirkpatrick - was charged",
        ),
        ("parlor game ( a k a media types ) :", "parlor game (a k a media types):"),
    ],
)
def test_detokenize(script, tokens, expected):
    assert script.detokenize(tokens.split(" ")) == expected
