"""A draft's figure statement against the coverage's statements of the same measure: who holds which
figure now, and what that makes of the draft's figure. Used by the pre-publication check.

The coverage's statements are grouped by holder (names that are one party, by
:func:`checker.judge.holders.same_holder`; an outlet's own voice is its own group). Within a holder, each
figure counts from the first time that holder is reported giving it, so a later article retelling an
old figure ("Within an hour, the ministry said 500 had died") does not make it new again, and a figure a
sentence calls initial ("initially said N, but ...") comes before the one it gives next. A holder's
**latest** figures are those first given last; its **superseded** figures are earlier ones that differ
from every latest one beyond rounding: the holder has revised them, up or down.

What a draft figure is, against these positions (:func:`read_figure`):

* **supported** — the holder the draft names gives it now (or, in the draft's own voice, some holder
  gives it now and no holder's current figure for the same moment disagrees);
* **outdated** — the holder (or, in the draft's own voice, the holder whose figure it is) has since
  given another figure; for a running count in the draft's own voice, also when a later, higher count
  has been reported by anyone (running counts rise; a lower figure from another holder is a dispute);
* **disputed** — in the draft's own voice, some holders give it now and others give another figure for
  the same moment (attribute it, or give both);
* **wrong holder** — the holder the draft names gives another figure, and another holder gives the
  draft's;
* **conflict** — the holder the draft names, or every holder, gives another figure;
* **newer** — a running count above every figure reported, worded as a revision ("has risen to"):
  no prior coverage yet;
* **none** — no statement of the coverage is about the same measure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from checker.judge.disputes import same_measure
from checker.judge.holders import holder_key, same_holder
from checker.judge.numbers import compatible, interval, precision
from checker.judge.statements import FigureStatement, MeasureKind, measure_kind

__all__ = [
    "FigureOutcome",
    "FigureReading",
    "Position",
    "about_same",
    "comparable",
    "measures_meet",
    "positions",
    "read_figure",
    "same_figure",
]


class FigureOutcome(StrEnum):
    SUPPORTED = "supported"
    OUTDATED = "outdated"
    DISPUTED = "disputed"
    WRONG_HOLDER = "wrong_holder"
    CONFLICT = "conflict"
    NEWER = "newer"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Position:
    """One holder's figures for a measure: its current ones and those it has revised since."""

    holder: str | None  # None: an outlet in its own voice
    label: str  # the holder's name, or "OUTLET (own voice)"
    latest: tuple[FigureStatement, ...]
    superseded: tuple[FigureStatement, ...]
    since: date | None  # when the latest figure was first given
    similarity: float  # the best similarity of the holder's sentences to the draft sentence


@dataclass(frozen=True, slots=True)
class FigureReading:
    """What the coverage makes of one draft figure, with the statements that decide it."""

    outcome: FigureOutcome
    draft: FigureStatement
    holder: str | None  # the draft's holder
    backing: tuple[FigureStatement, ...] = ()  # statements that give the draft's figure now
    against: tuple[FigureStatement, ...] = ()  # current figures that differ from the draft's
    newer: tuple[FigureStatement, ...] = ()  # figures that superseded the draft's
    older: tuple[FigureStatement, ...] = ()  # the draft's figure as first given, since superseded
    positions: tuple[Position, ...] = field(default=())


def _moment(s: FigureStatement) -> tuple[date, int]:
    """Order of statements in time: the date it held, an earlier figure of its sentence first."""
    return (s.as_of or date.min, 0 if s.earlier else 1)


def same_figure(a: FigureStatement, b: FigureStatement, conversions: Mapping[str, tuple[str, float]]) -> bool:
    """The same figure, give or take rounding ("about 150" and "150"; "100-300" and "100 to 300")."""
    lo_a, hi_a = interval(a.quantity, conversions)
    lo_b, hi_b = interval(b.quantity, conversions)
    if (lo_a, hi_a) == (lo_b, hi_b):
        return True
    return about_same(a, b, conversions) and compatible(a.quantity, b.quantity, conversions)


def about_same(a: FigureStatement, b: FigureStatement, conversions: Mapping[str, tuple[str, float]]) -> bool:
    """Two figures whose stated values differ by no more than rounding."""
    factor_a = conversions.get((a.quantity.unit or "").lower(), ("", 1.0))[1]
    factor_b = conversions.get((b.quantity.unit or "").lower(), ("", 1.0))[1]
    band = max(precision(a.quantity) * factor_a, precision(b.quantity) * factor_b)
    return abs(a.quantity.value * factor_a - b.quantity.value * factor_b) <= band


def _group(
    statements: Sequence[FigureStatement], holder_of: Callable[[FigureStatement], str | None]
) -> list[tuple[str | None, str, list[FigureStatement]]]:
    """Statements by holder: named holders that are one party together, own voice by outlet."""
    named: list[tuple[list[str], list[FigureStatement]]] = []
    own: dict[str, list[FigureStatement]] = defaultdict(list)
    for s in statements:
        holder = holder_of(s)
        if holder is None:
            own[s.outlet or s.article].append(s)
            continue
        for names, members in named:
            if any(same_holder(holder, n) for n in names):
                names.append(holder)
                members.append(s)
                break
        else:
            named.append(([holder], [s]))
    out: list[tuple[str | None, str, list[FigureStatement]]] = []
    for names, members in named:
        counts: dict[str, int] = defaultdict(int)
        for n in names:
            counts[n] += 1
        label = max(sorted(counts), key=lambda n: (counts[n], len(holder_key(n))))
        out.append((label, label, members))
    for outlet, members in sorted(own.items()):
        out.append((None, f"{outlet} (own voice)", members))
    return out


def positions(
    statements: Sequence[FigureStatement],
    *,
    holder_of: Callable[[FigureStatement], str | None],
    similarity: Mapping[str, float],
    conversions: Mapping[str, tuple[str, float]],
) -> list[Position]:
    """Each holder's latest and superseded figures among ``statements`` (one measure of one event)."""
    out: list[Position] = []
    for holder, label, members in _group(statements, holder_of):
        # A figure counts from the first time this holder is reported giving it.
        first = {s.key: min(_moment(o) for o in members if same_figure(s, o, conversions)) for s in members}
        last = max(first.values())
        latest = [s for s in members if first[s.key] == last]
        superseded = [
            s
            for s in members
            if first[s.key] < last and not any(same_figure(s, t, conversions) for t in latest)
        ]
        # What is neither (a bound that a later figure still meets) counts as current.
        latest += [s for s in members if s not in latest and s not in superseded]
        out.append(
            Position(
                holder=holder,
                label=label,
                latest=tuple(sorted(latest, key=lambda s: (_moment(s), s.key))),
                superseded=tuple(sorted(superseded, key=lambda s: (_moment(s), s.key))),
                since=last[0] if last[0] != date.min else None,
                similarity=max((similarity.get(s.claim, 0.0) for s in members), default=0.0),
            )
        )
    return out


# An open bound backs a figure near it: "at least 471" bears out 500, not 4,710.
_BOUND_REACH = 1.5


def _fits(d: FigureStatement, s: FigureStatement, conversions: Mapping[str, tuple[str, float]]) -> bool:
    """The coverage's figure bears out the draft's: the same figure, or intervals that meet, an open
    bound ("at least", "more than", "up to") only within half again of the bound."""
    if same_figure(d, s, conversions):
        return True
    if not compatible(d.quantity, s.quantity, conversions):
        return False
    for a, b in ((d, s), (s, d)):
        low, high = interval(a.quantity, conversions)
        other_low, other_high = interval(b.quantity, conversions)
        if high is None and low and other_low is not None and other_low > low * _BOUND_REACH:
            return False
        if low is None and high and other_high is not None and other_high * _BOUND_REACH < high:
            return False
    return True


def measures_meet(a: str, b: str) -> bool:
    """One measure (:func:`checker.judge.disputes.same_measure`), or a fixed property whose kind the
    words do not say ("9 nautical miles off the port": "distance") and a kind of it ("distance/location")."""
    if same_measure(a, b):
        return True
    return ("/" not in a and b.partition("/")[0] == a) or ("/" not in b and a.partition("/")[0] == b)


def comparable(d: FigureStatement, s: FigureStatement, kind: str) -> bool:
    """Whether coverage statement ``s`` gives the measure the draft's ``d`` gives, for the same event,
    place and (for a dated event's count) day."""
    if not measures_meet(d.measure, s.measure) or d.event != s.event:
        return False
    if s.polarity_negative or s.quantity.vague:
        return False
    if s.reference and not s.earlier and not (kind == MeasureKind.EVENT and s.when is not None):
        return False  # a figure brought in for comparison is another moment's, and often another holder's
    if s.part != d.part:
        return False  # a part ("so far", "including 40 in ...") is compared only with a part
    if kind != MeasureKind.FIXED and (d.place or "*") != (s.place or "*"):
        return False
    if kind == MeasureKind.EVENT and d.when is not None:
        # A dated event's count (a march day's turnout) is compared with that day's counts; an undated
        # one with every day's, each holder's latest day counting (see :func:`read_figure`).
        if s.when is not None:
            return d.when == s.when
        return s.as_of is not None and abs((d.when - s.as_of).days) <= 1
    return True


def read_figure(
    d: FigureStatement,
    candidates: Sequence[FigureStatement],
    *,
    holder: str | None,
    holder_of: Callable[[FigureStatement], str | None],
    similarity: Mapping[str, float],
    conversions: Mapping[str, tuple[str, float]],
    cumulative: frozenset[str],
    dated: frozenset[str],
    revised: bool,
    conflict_similarity: float,
) -> FigureReading:
    """The outcome for draft figure ``d`` (its holder ``holder``; None for the draft's own voice) among
    ``candidates`` (coverage statements :func:`comparable` with it). ``revised``: the draft words its
    figure as a revision ("has risen to"). A conflict with a holder other than the draft's counts only
    from ``conflict_similarity``: a figure of the same measure in an unrelated sentence ("12 miners
    killed" against the death toll) is another count."""
    kind = measure_kind(d.measure, cumulative, dated)
    found = positions(candidates, holder_of=holder_of, similarity=similarity, conversions=conversions)
    if not found:
        return FigureReading(FigureOutcome.NONE, d, holder)
    mine = [p for p in found if holder is not None and p.holder is not None and same_holder(p.holder, holder)]
    others = [p for p in found if p not in mine]
    fits = lambda s: _fits(d, s, conversions)  # noqa: E731
    same = lambda s: same_figure(d, s, conversions)  # noqa: E731

    def current(group: Sequence[Position]) -> list[FigureStatement]:
        return [s for p in group for s in p.latest]

    def near(group: Sequence[Position]) -> list[Position]:
        return [p for p in group if p.similarity >= conflict_similarity]

    if mine:
        latest = current(mine)
        old = [s for p in mine for s in p.superseded]
        # The same figure decides before a merely compatible one: "at least 40", first given before the
        # holder's 72, is its earlier figure, not a bound that 72 still meets.
        backing = [s for s in latest if same(s)]
        older = [] if backing else [s for s in old if same(s)]
        if not backing and not older:
            backing = [s for s in latest if fits(s)]
            older = [] if backing else [s for s in old if fits(s)]
        if not backing:
            # "On Wednesday the ministry put the toll at 61", "initially put it at 300": an earlier figure
            # given as such.
            backing = [s for s in older if d.earlier or (d.when is not None and s.as_of == d.when)]
        if backing:
            against = [
                s for s in current(near(others)) if not fits(s) and not _earlier_count(s, backing, kind)
            ]
            newer = [s for s in latest if not fits(s)] if backing[0] in old else []
            return FigureReading(
                FigureOutcome.SUPPORTED,
                d,
                holder,
                tuple(backing),
                tuple(against),
                tuple(newer),
                (),
                tuple(found),
            )
        if older:
            newer = [s for s in latest if not fits(s)]
            return FigureReading(
                FigureOutcome.OUTDATED, d, holder, (), (), tuple(newer), tuple(older), tuple(found)
            )
        if (
            kind == MeasureKind.RUNNING
            and revised
            and all(d.quantity.value > s.quantity.value for s in latest)
        ):
            return FigureReading(FigureOutcome.NEWER, d, holder, (), tuple(latest), positions=tuple(found))
        elsewhere = [s for s in current(others) if same(s)] or [s for s in current(others) if fits(s)]
        outcome = FigureOutcome.WRONG_HOLDER if elsewhere else FigureOutcome.CONFLICT
        return FigureReading(outcome, d, holder, tuple(elsewhere), tuple(latest), positions=tuple(found))

    # The draft's own voice, or a holder the coverage does not quote on this measure.
    test = same if any(same(s) for p in found for s in (*p.latest, *p.superseded)) else fits
    backing_positions = [p for p in found if any(test(s) for s in p.latest)]
    backing = [s for p in backing_positions for s in p.latest if test(s)]
    older = [s for p in found if p not in backing_positions for s in p.superseded if test(s)]
    if older and not any(p.holder for p in backing_positions):
        # Outlets still repeating a figure its holder has revised do not keep it current.
        backing, backing_positions = [], []
    if not backing and (d.when is not None or d.earlier):
        backing = [s for s in older if d.earlier or s.as_of == d.when]  # an earlier figure given as such
        if backing:
            return FigureReading(FigureOutcome.SUPPORTED, d, holder, tuple(backing), positions=tuple(found))
    if kind == MeasureKind.RUNNING:
        # A running count in the draft's own voice is out of date once anyone reports a higher count
        # after the figures that give the draft's.
        base = backing or older
        if base:
            since = max(_moment(s) for s in base)
            risen = [
                s
                for p in found
                for s in p.latest
                if _moment(s) > since and not same(s) and s.quantity.value > d.quantity.value
            ]
            if risen:
                newer = [s for s in risen if _moment(s) == max(_moment(r) for r in risen)]
                return FigureReading(
                    FigureOutcome.OUTDATED, d, holder, (), (), tuple(newer), tuple(base), tuple(found)
                )
    if backing:
        against = [
            s
            for p in near(found)
            if p not in backing_positions
            for s in p.latest
            if not fits(s) and not _earlier_count(s, backing, kind)
        ]
        outcome = FigureOutcome.DISPUTED if against and holder is None else FigureOutcome.SUPPORTED
        return FigureReading(outcome, d, holder, tuple(backing), tuple(against), positions=tuple(found))
    if older:
        newer = [
            s for p in found for s in p.latest if any(same_holder(p.holder, holder_of(o)) for o in older)
        ] or [
            s for p in found for s in p.latest if p.holder is None and s.outlet in {o.outlet for o in older}
        ]
        return FigureReading(
            FigureOutcome.OUTDATED, d, holder, (), (), tuple(newer), tuple(older), tuple(found)
        )
    against = current(near(found))
    if not against:
        return FigureReading(FigureOutcome.NONE, d, holder, positions=tuple(found))
    if kind == MeasureKind.RUNNING and revised and all(d.quantity.value > s.quantity.value for s in against):
        return FigureReading(FigureOutcome.NEWER, d, holder, (), tuple(against), positions=tuple(found))
    return FigureReading(FigureOutcome.CONFLICT, d, holder, (), tuple(against), positions=tuple(found))


def _earlier_count(s: FigureStatement, backing: Sequence[FigureStatement], kind: str) -> bool:
    """A running count given before every figure that backs the draft is a step, not a rival; a dated
    event's count of another day than the figures that back the draft is another event's."""
    if kind == MeasureKind.RUNNING:
        return all(_moment(s) < _moment(b) for b in backing)
    if kind == MeasureKind.EVENT:
        return all(
            s.as_of is not None and b.as_of is not None and abs((s.as_of - b.as_of).days) > 1 for b in backing
        )
    return False
