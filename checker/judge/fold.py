"""Pairwise conflicts -> disputes with sides.

The sentence-level rules (a denial against what it denies, a hedged quote against its firmer retelling,
one thing put in contrasting categories) find conflicts between two sentences. A fact-checker wants
each disagreement once: pairs of one type that share a sentence are one dispute, and each sentence
stands on the side of the position it takes — its polarity for a negation, its certainty for a
modality conflict, the category it asserts for a category conflict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from checker.judge.sides import Taker, build_side
from checker.models import Claim, Finding, FindingKind, FindingType, Polarity, Side

__all__ = ["fold_pairs"]


def _position(finding: Finding, claim: Claim, index: int) -> str:
    """The position ``claim`` (the ``index``-th claim of a pairwise finding) takes in it."""
    if finding.type is FindingType.NEGATION:
        negative = claim.certainty.polarity is Polarity.NEGATIVE or claim.certainty.denial
        return "denies it" if negative else "asserts it"
    if finding.type is FindingType.MODALITY:
        return claim.certainty.level.value
    if finding.type is FindingType.CATEGORY and index < len(finding.values):
        return finding.values[index]
    return f"position {index + 1}"


def _side(value: str, members: Sequence[Claim]) -> Side:
    takers = (
        Taker(
            c.id,
            c.attribution.original,
            c.outlet or c.article,
            c.published,
            c.echo_of is not None,
            c.certainty.level,
        )
        for c in members
    )
    return build_side(value, takers)


def _find(parent: dict[str, str], x: str) -> str:
    while parent.setdefault(x, x) != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def fold_pairs(findings: Sequence[Finding], claims: Sequence[Claim]) -> list[Finding]:
    """Fold pairwise conflicts (no sides) of one type that share a claim into one sided dispute each;
    every other finding passes through unchanged."""
    by_id = {c.id: c for c in claims}
    keep: list[Finding] = []
    pairwise: dict[FindingType, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.kind is FindingKind.CONFLICT and not finding.sides and len(finding.claims) == 2:
            pairwise[finding.type].append(finding)
        else:
            keep.append(finding)
    for ftype, members in sorted(pairwise.items()):
        parent: dict[str, str] = {}
        for finding in members:
            a, b = finding.claims
            parent[_find(parent, a)] = _find(parent, b)
        components: dict[str, list[Finding]] = defaultdict(list)
        for finding in members:
            components[_find(parent, finding.claims[0])].append(finding)
        for group in components.values():
            position: dict[str, str] = {}
            for finding in group:
                for index, cid in enumerate(finding.claims):
                    position.setdefault(cid, _position(finding, by_id[cid], index))
            # Sides in the order the pairs name them (a denial first, as the rule that found it did).
            sides_of: dict[str, list[Claim]] = {}
            for cid, value in position.items():
                sides_of.setdefault(value, []).append(by_id[cid])
            if len(sides_of) < 2:
                keep.extend(group)  # one position on both ends: keep the pairs as they were found
                continue
            sides = tuple(_side(value, members) for value, members in sides_of.items())
            ordered: list[str] = []
            for side in sides:
                ordered += [c for c in side.claims if c not in ordered]
            explanations = sorted({f.explanation for f in group})
            keep.append(
                Finding(
                    id="",
                    kind=FindingKind.CONFLICT,
                    type=ftype,
                    subject=None,
                    claims=tuple(ordered),
                    explanation=" ".join(explanations[:3]) + (" ..." if len(explanations) > 3 else ""),
                    values=tuple(side.value for side in sides),
                    sides=sides,
                    title=None,
                )
            )
    return keep
