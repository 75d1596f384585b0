"""Smoke test: benchmarks/factuality.py runs as a script and ends with one JSON line per file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "factuality.py"

RECORDS = [
    {
        "text": "Police said the bridge collapsed at dawn .",
        "targets": [{"span1": [1, 2], "label": 3.0}, {"span1": [4, 5], "label": 2.8}],
    },
    {"text": "The rebels failed to capture the town .", "targets": [{"span1": [4, 5], "label": -2.6}]},
    {"text": "The ministry may send more troops .", "targets": [{"span1": [3, 4], "label": 0.8}]},
]


def _run(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_benchmark_prints_a_json_line_per_file(tmp_path):
    data = tmp_path / "tiny.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    done = _run(data)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    result = json.loads(lines[-1])
    assert set(result) == {"file", "pearson", "mae", "n"}
    assert result["file"] == str(data)
    assert result["n"] == 4
    assert 0 <= result["mae"] < 1.0  # the rules get these easy cases roughly right
    assert result["pearson"] > 0.5
    assert "always +3" in done.stdout


def test_benchmark_names_a_malformed_line(tmp_path):
    data = tmp_path / "bad.jsonl"
    data.write_text('{"text": "a b"}\n', encoding="utf-8")
    done = _run(data)
    assert done.returncode != 0
    assert f"{data}:1:" in done.stderr
