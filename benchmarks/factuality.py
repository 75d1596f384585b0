"""Score checker's event-factuality rules against a factuality corpus in the unified jsonl format.

Usage (from the repo root)::

    python benchmarks/factuality.py /work/shared/evaldata/factuality/UW/dev.jsonl \\
        /work/shared/evaldata/factuality/MEANTIME/dev.jsonl

Each line of a file is ``{"text": tokenised sentence, "targets": [{"span1": [start, end), "label": float}]}``;
tokens are the text split on single spaces. For each file this prints a small table (n, Pearson r, MAE,
and the MAE of always answering +3; r of a constant is undefined and shown as n/a), then one JSON line
per file: ``{"file": ..., "pearson": ..., "mae": ..., "n": ...}``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

try:
    import checker  # noqa: F401
except ImportError:  # run as a script from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tabulate import tabulate

from checker.extract.certainty import score_factuality
from checker.lexicons import Lexicon, load_lexicon


def read_targets(path: Path) -> list[tuple[list[str], tuple[int, int], float]]:
    """(tokens, target span, gold label) for every target in a jsonl file."""
    items = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                tokens = record["text"].split(" ")
                for target in record["targets"]:
                    start, end = target["span1"]
                    items.append((tokens, (int(start), int(end)), float(target["label"])))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise SystemExit(f"{path}:{number}: not a factuality record ({exc})") from None
    return items


def pearson(gold: np.ndarray, predicted: np.ndarray) -> float | None:
    """Pearson r, or None when either side is constant (r is undefined)."""
    if len(gold) < 2 or np.std(gold) == 0 or np.std(predicted) == 0:
        return None
    return float(np.corrcoef(gold, predicted)[0, 1])


def evaluate(path: Path, lexicon: Lexicon) -> dict[str, object]:
    items = read_targets(path)
    started = time.perf_counter()
    predicted = np.array([score_factuality(t, span, lexicon=lexicon) for t, span, _ in items], dtype=float)
    seconds = time.perf_counter() - started
    gold = np.array([label for _, _, label in items], dtype=float)
    baseline = np.full_like(gold, 3.0)
    n = len(items)
    return {
        "file": str(path),
        "n": n,
        "pearson": pearson(gold, predicted),
        "mae": float(np.mean(np.abs(gold - predicted))) if n else None,
        "baseline_mae": float(np.mean(np.abs(gold - baseline))) if n else None,
        "seconds": seconds,
    }


def _fmt(value: object) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="factuality jsonl files")
    parser.add_argument("--lexicon", action="append", default=[], help="extra lexicon TOML file")
    args = parser.parse_args(argv)
    lexicon = load_lexicon(args.lexicon)
    results = [evaluate(path, lexicon) for path in args.files]
    for result in results:
        print(result["file"])
        rows = [
            ["checker rules", result["n"], _fmt(result["pearson"]), _fmt(result["mae"])],
            ["always +3", result["n"], "n/a", _fmt(result["baseline_mae"])],
        ]
        print(tabulate(rows, headers=["scorer", "n", "pearson r", "MAE"]))
        print(f"({result['seconds']:.1f} s)\n")
    for result in results:
        line = {
            "file": result["file"],
            "pearson": None if result["pearson"] is None else round(result["pearson"], 3),
            "mae": None if result["mae"] is None else round(result["mae"], 3),
            "n": result["n"],
        }
        print(json.dumps(line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
