"""The CSV report: one row per side of every dispute, for a spreadsheet.

Disputes come in the order every format ranks them (most independent holders, then the most recent, then
the widest gap); a dispute found between two claims without sides has one side per claim's position, as
everywhere else. Figures are plain numbers (``1280000``, ``6.8``) that a spreadsheet reads as numbers;
several holders, outlets or claims in a cell are separated by "; ", several quotes by a line break.
Lines end in "\\n" (every spreadsheet reads that); the text is UTF-8.

Article text is hostile input: a cell of text that a spreadsheet would run as a formula (starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import math

from checker.models import Report
from checker.report.view import DisputeView, SideView, build_view, date_label, one_line

COLUMNS = (
    "rank",
    "dispute_id",
    "title",
    "type",
    "side",
    "value",
    "low",
    "high",
    "certainty",
    "holders",
    "outlets",
    "first",
    "last",
    "claims",
    "quotes",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text: str) -> str:
    """Text a spreadsheet shows as text: a leading formula character is defused with an apostrophe.

    >>> text_cell("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    """
    return "'" + text if text.startswith(_FORMULA) else text


def number_cell(value: float | None) -> str:
    """A figure as a spreadsheet reads it: '1280000', '6.8'; '' when unknown or open."""
    if value is None or not math.isfinite(value):
        return ""
    return f"{value:.10g}" if abs(value) < 1e10 else f"{value:.0f}"


def _row(dispute: DisputeView, side: SideView) -> list[str]:
    quotes = "\n".join(
        f"“{one_line(c.claim.text)}” — {c.outlet}, {date_label(c.published)}" for c in side.claims
    )
    return [
        str(dispute.number),
        text_cell(dispute.finding.id),
        text_cell(dispute.title),
        dispute.type.value,
        side.letter,
        text_cell(side.value),
        number_cell(side.side.low),
        number_cell(side.side.high),
        side.certainty_label,
        text_cell(side.holders_label),
        text_cell(side.outlets_label),
        side.side.first.isoformat() if side.side.first else "",
        side.side.last.isoformat() if side.side.last else "",
        text_cell("; ".join(side.side.claims)),
        text_cell(quotes),
    ]


def render_csv(report: Report, *, verbose: bool = False) -> str:
    """One header row, then one row per side of each dispute, ranked. ``verbose`` changes nothing."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for dispute in build_view(report).disputes:
        for side in dispute.sides:
            writer.writerow(_row(dispute, side))
    return buffer.getvalue()
