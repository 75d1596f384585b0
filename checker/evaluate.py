"""Score a report against a hand-labelled gold file (the format of the bundled ``fixtures/gold/*.json``).

A gold claim is ``[article prefix, passage]``: it matches a report claim whose article's file name (the
basename of its path, else its id) starts with the prefix and whose text contains the passage after
folding case, quote marks, dashes and white space. Gold ``conflicts`` are pairs a fact-checker wants
flagged; ``not_conflicts`` look alike but must not be; ``updates`` are figures superseded as a story
develops (shown by any finding but an echo or agreement, and better not as a conflict); ``subjects``
are groups of claims that belong together.

>>> result = score_report(json.load(open("fixtures/gold/quake.json")), report_to_dict(report))
>>> result.conflicts_caught, result.subject_cohesion
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_FOLD = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00ad": None,
        "\u00a0": " ",
    }
)


def fold(text: str) -> str:
    """Case, quote marks, dashes and white space folded, for matching passages."""
    return re.sub(r"\s+", " ", text.translate(_FOLD)).strip().casefold()


@dataclass(frozen=True, slots=True)
class GoldScore:
    conflicts_caught: int
    conflicts_total: int
    missed: tuple[str, ...]
    false_alarms: int
    not_conflicts_total: int
    alarms: tuple[str, ...]
    updates_shown: int
    updates_total: int
    updates_called_conflict: int
    subject_cohesion: float | None
    subject_separation: float | None
    passages_missing: tuple[str, ...]

    def summary(self) -> str:
        return (
            f"conflicts caught {self.conflicts_caught}/{self.conflicts_total} (missed {','.join(self.missed) or '-'}); "
            f"false alarms {self.false_alarms}/{self.not_conflicts_total} ({','.join(self.alarms) or '-'}); "
            f"updates shown {self.updates_shown}/{self.updates_total}; "
            f"cohesion {self.subject_cohesion} separation {self.subject_separation}; "
            f"gold passages not found {len(self.passages_missing)}"
        )


class _Index:
    def __init__(self, report: Mapping[str, Any]) -> None:
        names = {}
        for article in report.get("articles", []):
            key = article.get("path") or article.get("id") or ""
            names[article.get("id")] = os.path.basename(str(key)) or str(article.get("id"))
        self.claims = [
            (
                c.get("id"),
                names.get(c.get("article"), str(c.get("article"))),
                fold(str(c.get("text", ""))),
                c.get("subject"),
            )
            for c in report.get("claims", [])
        ]
        self.subject_of = {cid: subject for cid, _, _, subject in self.claims}
        self.missing: list[str] = []

    def match(self, ref: Sequence[str]) -> set[str]:
        prefix, passage = ref[0], fold(ref[1])
        found = {cid for cid, name, text, _ in self.claims if name.startswith(prefix) and passage in text}
        if not found:
            self.missing.append(f"{prefix}: {ref[1][:60]}")
        return found

    def match_all(self, refs: Iterable[Sequence[str]]) -> set[str]:
        out: set[str] = set()
        for ref in refs:
            out |= self.match(ref)
        return out


def _covers(
    findings: Sequence[Mapping[str, Any]],
    a: set[str],
    b: set[str],
    types: set[str] | None,
    kinds: Sequence[str],
) -> bool:
    for finding in findings:
        if finding.get("kind") not in kinds:
            continue
        named = set(finding.get("claims", []))
        hit_a, hit_b = named & a, named & b
        if not (hit_a and hit_b):
            continue
        sides = finding.get("sides")
        if sides:
            # A dispute: the pair counts only across two of its sides; claims on one side agree.
            members = [set(side.get("claims", [])) for side in sides]
            opposed = any(
                members[i] & a and members[j] & b
                for i in range(len(members))
                for j in range(len(members))
                if i != j
            )
            if opposed and (types is None or finding.get("type") in types):
                return True
            continue
        distinct = any(x != y for x in hit_a for y in hit_b)
        if not distinct and not named <= (a | b):
            continue  # one claim holding both sides counts only when the finding is about it alone
        if types is None or finding.get("type") in types:
            return True
    return False


def score_report(gold: Mapping[str, Any], report: Mapping[str, Any]) -> GoldScore:
    """Score a JSON report (as a dict) against a gold file (as a dict)."""
    index = _Index(report)
    findings = report.get("findings", [])
    caught, missed = [], []
    for item in gold.get("conflicts", []):
        hit = _covers(
            findings,
            index.match_all(item["a"]),
            index.match_all(item["b"]),
            set(item["types"]),
            tuple(item.get("kinds", ["conflict"])),
        )
        (caught if hit else missed).append(item["id"])
    alarms, quiet = [], []
    for item in gold.get("not_conflicts", []):
        hit = _covers(findings, index.match_all(item["a"]), index.match_all(item["b"]), None, ("conflict",))
        (alarms if hit else quiet).append(item["id"])
    shown = as_conflict = 0
    informative = [f for f in findings if f.get("kind") not in ("echo", "agreement")]
    for item in gold.get("updates", []):
        a, b = index.match_all(item["a"]), index.match_all(item["b"])
        kinds = [
            f.get("kind")
            for f in informative
            if set(f.get("claims", [])) & a and set(f.get("claims", [])) & b
        ]
        shown += bool(kinds)
        as_conflict += "conflict" in kinds
    groups = []
    for subject in gold.get("subjects", []):
        members = []
        for ref in subject["claims"]:
            got = sorted(index.match(ref))
            if got:
                members.append(index.subject_of.get(got[0]))
        groups.append(members)
    together = pairs_in = apart = pairs_across = 0
    for members in groups:
        for x, y in itertools.combinations(members, 2):
            pairs_in += 1
            together += x is not None and x == y
    for g1, g2 in itertools.combinations(groups, 2):
        for x in g1:
            for y in g2:
                pairs_across += 1
                apart += x is None or y is None or x != y
    return GoldScore(
        conflicts_caught=len(caught),
        conflicts_total=len(caught) + len(missed),
        missed=tuple(missed),
        false_alarms=len(alarms),
        not_conflicts_total=len(alarms) + len(quiet),
        alarms=tuple(alarms),
        updates_shown=shown,
        updates_total=len(gold.get("updates", [])),
        updates_called_conflict=as_conflict,
        subject_cohesion=round(together / pairs_in, 3) if pairs_in else None,
        subject_separation=round(apart / pairs_across, 3) if pairs_across else None,
        passages_missing=tuple(dict.fromkeys(index.missing)),
    )
