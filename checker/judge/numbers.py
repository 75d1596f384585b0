"""Figures as intervals, and when two of them cannot both hold.

An exact figure stands for every value that rounds to it: "6.8" is 6.75-6.85, "81,000" is 80,500-81,500,
"700,000" is 650,000-750,000 (its last significant digit is the hundred-thousand), "1.28 million" is
1.275-1.285 million, and a small whole number ("10 km", "912") is itself plus or minus a half. A
qualified figure ("about", "up to", "more than") carries the interval the extractor read. Units are
converted before comparing ("11 miles" is 17.7 km).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from checker.models import Quantity

__all__ = ["interval", "compatible", "precision"]

_LITERAL = re.compile(r"(\d[\d,]*)(?:\.(\d+))?")
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
}


@lru_cache(maxsize=65536)
def precision(q: Quantity) -> float:
    """Just under half the unit of the figure's last significant digit, in the figure's own unit: two
    exact figures one last digit apart ("7.5" and "7.6") do not meet."""
    match = _LITERAL.search(q.text)
    if not match:
        return 0.0  # spelled out ("twelve thousand"): read as exact to its stated words
    digits, decimals = match.group(1).replace(",", ""), match.group(2)
    tail = q.text[match.end() : match.end() + 12].lower()
    scale_word = re.match(r"\s*-?\s*([a-z]+)", tail)
    scale = _SCALES.get(scale_word.group(1), 1.0) if scale_word else 1.0
    if decimals:
        return 0.499 * 10 ** -len(decimals) * scale
    if scale > 1:
        return 0.499 * scale
    number = int(digits) if digits else 0
    if number < 1000:
        return 0.499
    zeros = len(digits) - len(digits.rstrip("0"))
    return 0.499 * 10**zeros


def interval(
    q: Quantity, conversions: Mapping[str, tuple[str, float]] | None = None
) -> tuple[float | None, float | None]:
    """The figure's interval, converted to its base unit."""
    factor = conversions.get((q.unit or "").lower(), ("", 1.0))[1] if conversions else 1.0
    return _interval(q, factor)


@lru_cache(maxsize=65536)
def _interval(q: Quantity, factor: float) -> tuple[float | None, float | None]:
    low, high = q.low, q.high
    if not (q.qualifier or q.approximate or q.vague):
        band = precision(q)
        low = low - band if low is not None else None
        high = high + band if high is not None else None
    return (
        low * factor if low is not None else None,
        high * factor if high is not None else None,
    )


def compatible(a: Quantity, b: Quantity, conversions: Mapping[str, tuple[str, float]] | None = None) -> bool:
    """True when both figures can hold at once (their intervals meet)."""
    a_low, a_high = interval(a, conversions)
    b_low, b_high = interval(b, conversions)
    if a_high is not None and b_low is not None and a_high < b_low:
        return False
    if b_high is not None and a_low is not None and b_high < a_low:
        return False
    return True
