"""One position of a dispute as a :class:`~checker.models.Side`, whatever the statements taking it.

Figure disputes, who-did-it disputes and folded sentence pairs all describe a side the same way: the
sentences that take it, its independent holders (a copy of wire copy adds a quote, not a holder; a
sentence in the outlet's own voice is held by the outlet), the outlets, how firmly it is held, and
the first and last date it was stated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from checker.judge.holders import holder_key
from checker.models import Certainty, Side

__all__ = ["Taker", "build_side"]


@dataclass(frozen=True, slots=True)
class Taker:
    """One sentence taking a position."""

    claim: str
    holder: str | None
    outlet: str  # the outlet, else the article id
    published: date | None
    echo: bool
    certainty: Certainty


def build_side(
    value: str,
    takers: Iterable[Taker],
    *,
    certainty: Certainty | None = None,
    low: float | None = None,
    high: float | None = None,
) -> Side:
    """The side ``value`` as the ``takers`` hold it; ``certainty`` overrides the firmest taker's."""
    takers = list(takers)
    originals = [t for t in takers if not t.echo] or takers
    holders: list[str] = []
    seen: set[frozenset[str]] = set()
    for taker in originals:
        name = taker.holder or f"{taker.outlet} (own voice)"
        key = holder_key(name) or frozenset({name})
        if key not in seen:
            seen.add(key)
            holders.append(name)
    dates = sorted(t.published for t in takers if t.published)
    best = max((t.certainty for t in takers), key=lambda c: c.rank, default=Certainty.CERTAIN)
    return Side(
        value=value,
        claims=tuple(dict.fromkeys(t.claim for t in takers)),
        holders=tuple(holders),
        outlets=tuple(sorted({t.outlet for t in takers})),
        certainty=certainty or best,
        low=low,
        high=high,
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
    )
