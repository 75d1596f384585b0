"""Each renderer's output on the sample report, compared with a stored snapshot.

Run with CHECKER_UPDATE_SNAPSHOTS=1 to rewrite the snapshots after a deliberate change, then read the diff.
The HTML snapshots stand each subject chart's SVG in by a placeholder: matplotlib's drawing code differs
between releases, and the charts have tests of their own (test_report_html.py). The disputes' timeline
drawings are checker's own SVG and stay in the snapshot.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from sample_report import sample_report

from checker.report import render

SNAPSHOTS = Path(__file__).parent / "snapshots"
CASES = [
    ("table", False, "sample.txt"),
    ("table", True, "sample-verbose.txt"),
    ("markdown", False, "sample.md"),
    ("markdown", True, "sample-verbose.md"),
    ("json", False, "sample.json"),
    ("html", False, "sample.html"),
    ("html", True, "sample-verbose.html"),
    ("csv", False, "sample.csv"),
]
_SVG = re.compile(r"<svg\b[^>]*\bid=\"(chart-\d+)\".*?</svg>", re.S)


def normalise(fmt: str, text: str) -> str:
    if fmt == "html":
        return _SVG.sub(lambda m: f'<svg id="{m.group(1)}"><!-- chart --></svg>', text)
    return text


@pytest.mark.parametrize("fmt, verbose, name", CASES, ids=[c[2] for c in CASES])
def test_snapshot(fmt, verbose, name):
    actual = normalise(fmt, render(sample_report(), fmt, verbose=verbose))
    path = SNAPSHOTS / name
    if os.environ.get("CHECKER_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}; run with CHECKER_UPDATE_SNAPSHOTS=1 to write it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"{name} differs from its snapshot; if the change is intended, rerun with "
        "CHECKER_UPDATE_SNAPSHOTS=1 and review the diff"
    )


def test_html_snapshot_keeps_one_placeholder_per_chart():
    html = render(sample_report(), "html", verbose=True)
    drawings = html.count('<svg class="track')  # the disputes' timelines: checker's own SVG, kept whole
    assert normalise("html", html).count("<!-- chart -->") == html.count("<svg ") - drawings == 3
