"""Figure statements -> disputes (conflicts with sides) and update chains, across the whole story.

Two statements are about the same thing when they give the same measure for the same event: the same
event tag (a second quake is not the first), places that do not differ (a city's count is not the
nation's), and the same moment as the measure needs it:

* a fixed property (magnitude, depth) is one value whenever it is reported;
* a count of a dated event (a march day's turnout) belongs to that day: other days are other events;
* a running count (the dead, the arrested) belongs to the day it was given: a different figure on a
  later day is an update, on the same day a conflict.

A figure brought in for comparison with an undated other moment ("up from 9,800", "higher than the
previous record") and a part ("including 40 in ...", "so far") take part in no dispute.

Within a group of statements linked by figures that cannot both hold, the statements are split into
sides of mutually compatible figures; a statement compatible with two sides that exclude each other
("more than 3 million" between 2.8 and 3.5 million) takes neither side.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from checker.judge.holders import same_holder, same_side
from checker.judge.numbers import compatible, interval, precision
from checker.judge.sides import Taker, build_side
from checker.judge.statements import DATED_FRAMES, FigureStatement, MeasureKind, measure_kind
from checker.models import Side

__all__ = [
    "FigureDispute",
    "FigureShift",
    "UpdateChain",
    "figure_disputes",
    "figure_shifts",
    "same_measure",
    "update_chains",
]


class FigureDispute:
    """One disputed measure of one event: its sides, each a list of statements."""

    __slots__ = ("measure", "sides", "place", "event", "when")

    def __init__(
        self,
        measure: str,
        sides: list[list[FigureStatement]],
        place: str | None,
        event: str,
        when: date | None,
    ) -> None:
        self.measure, self.sides, self.place, self.event, self.when = measure, sides, place, event, when


class UpdateChain:
    """One running count's figures in time order."""

    __slots__ = ("measure", "steps", "place", "event")

    def __init__(self, measure: str, steps: list[FigureStatement], place: str | None, event: str) -> None:
        self.measure, self.steps, self.place, self.event = measure, steps, place, event


def same_measure(a: str, b: str) -> bool:
    """Measures match when equal, or the same class where one frame is unknown ("people/?")."""
    if a == b:
        return True
    head_a, _, frame_a = a.partition("/")
    head_b, _, frame_b = b.partition("/")
    return head_a == head_b and "?" in (frame_a, frame_b)


def _places_meet(a: str | None, b: str | None, kind: str = MeasureKind.EVENT) -> bool:
    """A figure that names no place is about the whole ("*"); a named place is a part of it. Places of a
    fixed property (where a quake's epicentre lay) never separate its figures."""
    if kind == MeasureKind.FIXED:
        return True
    return (a or "*") == (b or "*")


def _same_moment(a: FigureStatement, b: FigureStatement, kind: str) -> bool:
    if kind == MeasureKind.FIXED:
        return True
    if a.as_of is None or b.as_of is None:
        return a.as_of is None and b.as_of is None
    if kind == MeasureKind.RUNNING:
        # A toll rises through the day: figures from different articles are steps of it. Two figures
        # conflict when one article sets them side by side, or when one holder gives two exact figures
        # for the same day. Slower counts (troops sent, goods seized) hold for the day.
        if a.as_of != b.as_of:
            return False
        if not a.measure.startswith("outcome/"):
            return True
        exact = not (
            a.quantity.qualifier or b.quantity.qualifier or a.quantity.approximate or b.quantity.approximate
        )
        if a.earlier or b.earlier or a.revised or b.revised:
            return False  # "initially N ... then revised it to M": steps, shown in the chain
        return a.article == b.article or (exact and same_holder(a.holder, b.holder))
    if a.when is not None and b.when is not None:
        return a.when == b.when
    return abs((a.as_of - b.as_of).days) <= 1


def _lowered_by_another(
    a: FigureStatement, b: FigureStatement, kind: str, conversions: Mapping[str, tuple[str, float]]
) -> bool:
    """A running count that another side puts lower later on disputes the earlier one: only the
    authority that issued a count revises it down."""
    if kind != MeasureKind.RUNNING or a.as_of is None or b.as_of is None or a.as_of == b.as_of:
        return False
    early, late = (a, b) if a.as_of < b.as_of else (b, a)
    if early.earlier or not (early.holder and late.holder) or same_side(early.holder, late.holder):
        return False
    late_high = interval(late.quantity, conversions)[1]
    early_low = interval(early.quantity, conversions)[0]
    return late_high is not None and early_low is not None and late_high < early_low


def _comparable(a: FigureStatement, b: FigureStatement, kind: str) -> bool:
    if a.claim == b.claim and (a.holder == b.holder or not (a.holder or b.holder)):
        return False  # one holder's two figures in one sentence ("from 62 to 64", a range)
    if a.event != b.event or not _places_meet(a.place, b.place, kind):
        return False
    if a.echo_of == b.claim or b.echo_of == a.claim or (a.echo_of and a.echo_of == b.echo_of):
        return False  # copies of one sentence are one statement
    return not (a.part or b.part or a.polarity_negative or b.polarity_negative)


def _groups(statements: Sequence[FigureStatement]) -> dict[str, list[FigureStatement]]:
    """Statements by measure; a frame-less measure ("people/?") joins the one framed measure of its
    class when there is exactly one."""
    groups: dict[str, list[FigureStatement]] = defaultdict(list)
    heads: dict[str, set[str]] = defaultdict(set)
    for s in statements:
        head, _, frame = s.measure.partition("/")
        if frame and "?" not in frame and not frame.endswith("planned"):
            heads[head].add(s.measure)
    counts: dict[str, int] = defaultdict(int)
    for s in statements:
        counts[s.measure] += 1
    for s in statements:
        head, _, frame = s.measure.partition("/")
        key = s.measure
        if frame == "?" and heads[head]:
            key = max(sorted(heads[head]), key=lambda m: counts[m])
        groups[key].append(s)
    return groups


def _find(parent: dict[int, int], x: int) -> int:
    while parent.setdefault(x, x) != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _sides(
    members: list[FigureStatement], conversions: Mapping[str, tuple[str, float]]
) -> list[list[FigureStatement]]:
    """Positions of mutually compatible figures. Statements with the same interval move together; a
    statement compatible with two positions that exclude each other takes neither."""
    atoms: dict[tuple[float | None, float | None], list[FigureStatement]] = defaultdict(list)
    for s in members:
        atoms[interval(s.quantity, conversions)].append(s)

    def fits(atom: list[FigureStatement], side: list[list[FigureStatement]]) -> bool:
        return all(compatible(atom[0].quantity, other[0].quantity, conversions) for other in side)

    ordered = sorted(atoms.values(), key=lambda atom: interval(atom[0].quantity, conversions)[0] or 0.0)
    sides: list[list[list[FigureStatement]]] = []
    for atom in ordered:
        homes = [side for side in sides if fits(atom, side)]
        if homes:
            homes[0].append(atom)
        else:
            sides.append([atom])
    # Take out, until nothing changes, every atom that also fits another side than its own.
    changed = True
    while changed:
        changed = False
        for side in sides:
            for atom in list(side):
                if any(fits(atom, other) for other in sides if other is not side and other):
                    side.remove(atom)
                    changed = True
    return [[s for atom in side for s in atom] for side in sides if side]


def figure_disputes(
    statements: Sequence[FigureStatement],
    *,
    conversions: Mapping[str, tuple[str, float]],
    cumulative: frozenset[str],
    dated: frozenset[str] = DATED_FRAMES,
) -> list[FigureDispute]:
    """Every dispute over a figure: statements of one measure and event whose figures cannot all hold."""
    out: list[FigureDispute] = []
    for measure, members in sorted(_groups(statements).items()):
        kind = measure_kind(measure, cumulative, dated)
        # Vague amounts ("hundreds", "dozens") and undated figures of another moment take no side.
        usable = [
            s
            for s in members
            if (not s.reference or s.when is not None) and not s.quantity.vague and s.measure != "distance"
        ]
        parent: dict[int, int] = {}
        linked = False
        # Only statements of one event and place can meet (see _comparable): pair them within buckets.
        buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, s in enumerate(usable):
            buckets[(s.event, "" if kind == MeasureKind.FIXED else s.place or "*")].append(i)
        bucket_of = {i: members for members in buckets.values() for i in members}
        for members in buckets.values():
            for n, x in enumerate(members):
                for y in members[n + 1 :]:
                    a, b = usable[x], usable[y]
                    if not _comparable(a, b, kind) or compatible(a.quantity, b.quantity, conversions):
                        continue
                    if a.as_of != b.as_of and same_holder(a.holder, b.holder):
                        continue  # one holder moving its figure over time: a shift (see figure_shifts)
                    if not (_same_moment(a, b, kind) or _lowered_by_another(a, b, kind, conversions)):
                        continue
                    parent[_find(parent, x)] = _find(parent, y)
                    linked = True
        if not linked:
            continue
        components: dict[int, list[int]] = defaultdict(list)
        for x in list(parent):
            components[_find(parent, x)].append(x)
        for indexes in components.values():
            core = [usable[i] for i in sorted(indexes)]
            inside = set(indexes)
            # Statements that agree with the core and are about the same event and moment join it:
            # they can only be in the core's bucket (its event and place).
            joined = list(core)
            for i in bucket_of[indexes[0]]:
                s = usable[i]
                if i in inside:
                    continue
                if not s.quantity.vague and all(
                    (s.claim != o.claim or s.holder != o.holder)
                    and s.event == o.event
                    and _places_meet(s.place, o.place, kind)
                    and not (s.part or s.polarity_negative)
                    and _same_moment(s, o, kind)
                    for o in core
                ):
                    joined.append(s)
            sides = _sides(joined, conversions)
            if len(sides) < 2:
                continue
            place = next((s.place for s in core if s.place not in (None, "*")), None)
            when = next((s.when or s.as_of for s in core), None) if kind != MeasureKind.FIXED else None
            out.append(FigureDispute(measure, sides, place, core[0].event, when))
    return out


class FigureShift:
    """One holder giving a different figure for the same measure at a later time."""

    __slots__ = ("measure", "holder", "steps")

    def __init__(self, measure: str, holder: str, steps: list[FigureStatement]) -> None:
        self.measure, self.holder, self.steps = measure, holder, steps


def figure_shifts(
    statements: Sequence[FigureStatement],
    *,
    conversions: Mapping[str, tuple[str, float]],
    cumulative: frozenset[str],
    dated: frozenset[str] = DATED_FRAMES,
) -> list[FigureShift]:
    """A holder who moved its figure for a fixed property or a dated event over time (a running count
    that moves is an update, shown in its chain)."""
    out: list[FigureShift] = []
    for measure, members in sorted(_groups(statements).items()):
        kind = measure_kind(measure, cumulative, dated)
        if kind == MeasureKind.RUNNING:
            continue
        usable = [s for s in members if s.holder and not s.reference and not s.quantity.vague and not s.part]
        by_holder: list[list[FigureStatement]] = []
        for s in usable:
            for line in by_holder:
                if same_holder(line[0].holder, s.holder):
                    line.append(s)
                    break
            else:
                by_holder.append([s])
        for line in by_holder:
            line.sort(key=lambda s: (s.as_of or date.max, s.key))
            steps = [line[0]] if line else []
            for s in line[1:]:
                last = steps[-1]
                if (
                    s.as_of != last.as_of
                    and s.event == last.event
                    and _places_meet(s.place, last.place, kind)
                    and (kind == MeasureKind.FIXED or _same_moment(s, last, kind))
                    and not compatible(s.quantity, last.quantity, conversions)
                ):
                    steps.append(s)
            if len(steps) >= 2:
                out.append(FigureShift(measure, steps[0].holder or "", steps))
    return out


def update_chains(
    statements: Sequence[FigureStatement],
    *,
    conversions: Mapping[str, tuple[str, float]],
    cumulative: frozenset[str],
    dated: frozenset[str] = DATED_FRAMES,
) -> list[UpdateChain]:
    """Running counts that moved as the story developed: one chain per measure and event, its steps in
    time order (a figure a sentence calls initial comes before the one it gives next). The chain holds
    every place; a report shows each place's steps on its own line."""
    out: list[UpdateChain] = []
    for measure, members in sorted(_groups(statements).items()):
        if measure_kind(measure, cumulative, dated) != MeasureKind.RUNNING:
            continue
        by_event: dict[str, list[FigureStatement]] = defaultdict(list)
        for s in members:
            if (s.reference and s.when is None and not s.earlier) or s.polarity_negative or s.as_of is None:
                continue
            by_event[s.event].append(s)
        for event, found in sorted(by_event.items()):
            found.sort(key=lambda s: (s.as_of or date.max, not s.earlier, s.quantity.value, s.key))
            # A later, lower figure from another side disputes the count (see figure_disputes): it is
            # not a step of the chain.
            steps: list[FigureStatement] = []
            for s in found:
                own_line = any(k.holder and same_side(k.holder, s.holder) for k in steps)
                if own_line or not any(
                    _lowered_by_another(k, s, MeasureKind.RUNNING, conversions) for k in steps
                ):
                    steps.append(s)
            moments = {(s.as_of, s.earlier) for s in steps}
            if len(moments) < 2:
                continue
            by_place: dict[str, list[FigureStatement]] = defaultdict(list)
            for s in steps:
                by_place[s.place or "*"].append(s)
            # "at least 40" on one day and "at least 72" the next are compatible bounds, yet the count
            # moved: steps differ when their stated figures differ beyond rounding.
            moved = any(
                abs(a.quantity.value - b.quantity.value) > max(precision(a.quantity), precision(b.quantity))
                and (a.as_of, a.earlier) != (b.as_of, b.earlier)
                for line in by_place.values()
                for a, b in zip(line, line[1:], strict=False)
            )
            if moved:
                out.append(UpdateChain(measure, steps, None, event))
    return out


def side_of(statements: Sequence[FigureStatement], *, describe) -> Side:  # type: ignore[no-untyped-def]
    """A :class:`Side` from the statements that take one position."""
    lows = [s.quantity.low for s in statements if s.quantity.low is not None]
    highs = [s.quantity.high for s in statements if s.quantity.high is not None]
    takers = (
        Taker(s.claim, s.holder, s.outlet or s.article, s.published, s.echo_of is not None, s.certainty)
        for s in statements
    )
    return build_side(
        describe(statements), takers, low=min(lows) if lows else None, high=max(highs) if highs else None
    )
