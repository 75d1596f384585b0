"""The one judgement used by ``analyze`` and ``check``: statements, their grouping, and disputes.

Public interface:

* :func:`read_figure_statements` — claims -> figure statements (holder, measure, event, place, scope);
* :func:`judge_figures` — claims -> dispute findings (with sides) and update-chain findings;
* :func:`same_holder`, :func:`holder_key` — when two holder names are one party;
* :func:`compatible`, :func:`interval` — when two figures can both hold.
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.judge.disputes import figure_disputes, figure_shifts, same_measure, side_of, update_chains
from checker.judge.fold import fold_pairs
from checker.judge.holder_names import HolderNames
from checker.judge.holders import GENERIC_WORDS, holder_key, same_holder, same_side
from checker.judge.numbers import compatible, interval
from checker.judge.pairs import (
    SentenceRules,
    as_of,
    denied_stems,
    negated_stems,
    quantities_disjoint,
    quantities_same_measure,
    same_source,
    stems,
)
from checker.judge.propositions import AgencyStatement, judge_agency, read_agency_statements
from checker.judge.statements import (
    FigureStatement,
    MeasureKind,
    dated_frames,
    measure_kind,
    read_figure_statements,
)
from checker.judge.verdicts import (
    FigureOutcome,
    FigureReading,
    Position,
    measures_meet,
    positions,
    read_figure,
)
from checker.judge.verdicts import comparable as comparable_figure
from checker.lexicons import Lexicon
from checker.models import Claim, Finding, FindingKind, FindingType

__all__ = [
    "GENERIC_WORDS",
    "AgencyStatement",
    "SentenceRules",
    "as_of",
    "denied_stems",
    "negated_stems",
    "quantities_disjoint",
    "quantities_same_measure",
    "same_source",
    "stems",
    "FigureOutcome",
    "FigureReading",
    "FigureStatement",
    "HolderNames",
    "MeasureKind",
    "Position",
    "comparable_figure",
    "dated_frames",
    "measure_kind",
    "measures_meet",
    "positions",
    "read_figure",
    "judge_agency",
    "read_agency_statements",
    "compatible",
    "fold_pairs",
    "conversions_of",
    "cumulative_frames",
    "holder_key",
    "interval",
    "judge_figures",
    "measure_label",
    "read_figure_statements",
    "same_holder",
    "same_measure",
    "same_side",
]

_OUTCOMES = {
    "kill": "death toll",
    "injure": "injured",
    "missing": "missing",
    "arrest": "arrests",
    "evacuate": "evacuated",
}


def conversions_of(lexicon: Lexicon) -> dict[str, tuple[str, float]]:
    table = lexicon.section("quantities").get("conversions", {})
    return {k.lower(): (v[0], float(v[1])) for k, v in table.items()}


def cumulative_frames(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(lexicon.section("quantities").get("frame_kinds", {}).get("cumulative", ()))


def measure_label(measure: str) -> str:
    """'outcome/kill' -> 'death toll'; 'people/gather' -> 'people (gather)'; 'magnitude' -> 'magnitude'."""
    head, _, frame = measure.partition("/")
    if head == "outcome":
        return _OUTCOMES.get(frame, frame)
    if not frame or frame == "?":
        return head
    return f"{head} ({frame})"


def _title(measure: str, event: str, place: str | None, when) -> str:  # type: ignore[no-untyped-def]
    parts = [measure_label(measure).capitalize()]
    if event == "second":
        parts.append("second event")
    if place == "*":
        parts.append("overall")
    elif place:
        parts.append(place)
    if when is not None:
        parts.append(when.isoformat())
    return ", ".join(parts)


def _step(s: FigureStatement, who: str) -> str:
    """'61 (the ministry, 2025-03-05)': one step of a chain or a shift."""
    return f"{s.quantity.text} ({who}, {s.as_of.isoformat() if s.as_of else 'undated'})"


def _claims_of(statements: Sequence[FigureStatement]) -> list[str]:
    """The sentences of ``statements``, each once, in order."""
    return list(dict.fromkeys(s.claim for s in statements))


def _describe(statements: Sequence[FigureStatement]) -> str:
    texts: list[str] = []
    for s in statements:
        if s.quantity.text not in texts:
            texts.append(s.quantity.text)
    return " / ".join(texts[:3]) + (" ..." if len(texts) > 3 else "")


def judge_figures(claims: Sequence[Claim], *, lexicon: Lexicon) -> list[Finding]:
    """Figure disputes (kind conflict, with sides) and update chains over the whole story."""
    statements = read_figure_statements(claims, lexicon=lexicon)
    conversions = conversions_of(lexicon)
    cumulative = cumulative_frames(lexicon)
    dated = dated_frames(lexicon)
    findings: list[Finding] = []
    for dispute in figure_disputes(statements, conversions=conversions, cumulative=cumulative, dated=dated):
        sides = tuple(side_of(side, describe=_describe) for side in dispute.sides)
        title = _title(dispute.measure, dispute.event, dispute.place, dispute.when)
        claim_ids: list[str] = []
        for side in sides:
            claim_ids += [c for c in side.claims if c not in claim_ids]
        positions = "; ".join(
            f"{side.value} ({', '.join(side.holders[:3])}{', ...' if len(side.holders) > 3 else ''})"
            for side in sides
        )
        findings.append(
            Finding(
                id="",
                kind=FindingKind.CONFLICT,
                type=FindingType.NUMBER,
                subject=None,
                claims=tuple(claim_ids),
                explanation=f"{title}: {len(sides)} positions that cannot all hold: {positions}.",
                values=tuple(side.value for side in sides),
                sides=sides,
                title=title,
            )
        )
    for shift in figure_shifts(statements, conversions=conversions, cumulative=cumulative, dated=dated):
        claim_ids = _claims_of(shift.steps)
        steps = " → ".join(_step(s, s.outlet or s.article) for s in shift.steps)
        findings.append(
            Finding(
                id="",
                kind=FindingKind.SHIFT,
                type=FindingType.NUMBER,
                subject=None,
                claims=tuple(claim_ids),
                explanation=f"{shift.holder} changed its figure for {measure_label(shift.measure)}: {steps}.",
                values=tuple(s.quantity.text for s in shift.steps),
                title=f"{measure_label(shift.measure).capitalize()}: {shift.holder} moved",
            )
        )
    for chain in update_chains(statements, conversions=conversions, cumulative=cumulative, dated=dated):
        title = _title(chain.measure, chain.event, chain.place, None)
        claim_ids = _claims_of(chain.steps)
        lines: dict[str, list[FigureStatement]] = {}
        for s in chain.steps:
            lines.setdefault(s.place or "*", []).append(s)
        steps = "; ".join(
            ("overall" if place == "*" else place)
            + ": "
            + " → ".join(_step(s, s.holder or s.outlet or s.article) for s in line)
            for place, line in sorted(lines.items(), key=lambda kv: (kv[0] != "*", kv[0]))
        )
        findings.append(
            Finding(
                id="",
                kind=FindingKind.UPDATE,
                type=FindingType.NUMBER,
                subject=None,
                claims=tuple(claim_ids),
                explanation=f"{title} as the story developed: {steps}.",
                values=tuple(s.quantity.text for s in chain.steps),
                title=title,
            )
        )
    return findings
