"""Subjects -> findings: disputes, updates, shifts, echoes and agreements, plus per-subject timelines.

The judgement itself lives in :mod:`checker.judge` (shared with the pre-publication check): figure
disputes and update chains over the whole story, who-did-it disputes, and the sentence-against-sentence
rules (negation, category, modality, echoes) whose pairs are folded into sided disputes. This stage
runs them over a story's claims and subjects, adds agreements and timelines, and numbers the findings.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

import numpy as np

from checker.config import Config
from checker.judge import SentenceRules, fold_pairs, judge_agency, judge_figures
from checker.lexicons import Lexicon
from checker.models import (
    Claim,
    Finding,
    FindingKind,
    FindingType,
    Subject,
    TimelineEntry,
)

_KIND_ORDER = {k: i for i, k in enumerate(FindingKind)}


def _agreements(
    subjects: Sequence[Subject], claims: dict[str, Claim], findings: Sequence[Finding]
) -> list[Finding]:
    conflicted: set[str] = set()
    for finding in findings:
        if finding.kind is FindingKind.CONFLICT:
            conflicted.update(finding.claims)
    out = []
    for subject in subjects:
        members = [claims[c] for c in subject.claims if c not in conflicted and claims[c].echo_of is None]
        sources = sorted({m.attribution.original or f"{m.outlet or m.article} (own voice)" for m in members})
        outlets = sorted({m.outlet or m.article for m in members})
        if len(members) >= 2 and len(outlets) >= 2:
            out.append(
                Finding(
                    id="",
                    kind=FindingKind.AGREEMENT,
                    type=FindingType.AGREEMENT,
                    subject=None,
                    claims=tuple(m.id for m in members),
                    explanation=f"{len(members)} claims from {len(outlets)} outlets and {len(sources)} independent "
                    f"source{'s' if len(sources) != 1 else ''} ({', '.join(sources[:5])}"
                    f"{', ...' if len(sources) > 5 else ''}) agree here; echoes are not counted.",
                )
            )
    return out


def _timeline(subject: Subject, claims: dict[str, Claim]) -> tuple[TimelineEntry, ...]:
    entries = []
    for cid in subject.claims:
        c = claims[cid]
        figure = c.quantities[0] if c.quantities else None
        entries.append(
            TimelineEntry(
                claim=c.id,
                article=c.article,
                outlet=c.outlet,
                published=c.published,
                event_date=c.event_date,
                source=c.attribution.original,
                certainty=c.certainty.level,
                polarity=c.certainty.polarity,
                figure=figure.text if figure else None,
                value=figure.value if figure else None,
                echo_of=c.echo_of,
            )
        )
    entries.sort(key=lambda e: ((e.event_date or e.published or date.max), e.published or date.max, e.claim))
    return tuple(entries)


Timelines = tuple[tuple[str, tuple[TimelineEntry, ...]], ...]


def compare_subjects(
    claims: Sequence[Claim],
    subjects: Sequence[Subject],
    embeddings: np.ndarray,
    *,
    config: Config,
    lexicon: Lexicon,
    focus: dict[str, np.ndarray] | None = None,
) -> tuple[tuple[Claim, ...], tuple[Finding, ...], Timelines]:
    """Findings over subjects: returns claims (with ``echo_of`` filled), findings and timelines.

    ``focus`` maps a claim id to the embedding of its ``focus`` clause (what a denial or doubt is about).
    """
    comparer = SentenceRules(claims, embeddings, config, lexicon)
    comparer.focus = focus or {}
    updated = comparer.echoes()
    subject_of = {c.id: c.subject for c in updated}
    comparer.compare(subject_of)
    pairwise = [
        Finding(id="", kind=k, type=t, subject=None, claims=ids, explanation=e, values=v)
        for k, t, ids, e, v in comparer.findings
    ]
    pairwise += judge_figures(updated, lexicon=lexicon)
    pairwise = fold_pairs(pairwise, updated)
    pairwise += judge_agency(updated, lexicon=lexicon)
    findings, timelines = summarize_subjects(tuple(updated), subjects, pairwise)
    return tuple(updated), findings, timelines


def linked_subjects(claims: Sequence[Claim], findings: Sequence[Finding]) -> list[set[str]]:
    """Subjects that number findings (conflicts, updates, shifts of one measure) tie together: two
    figures of the same measure are about the same subject even when their sentences read apart."""
    subject_of = {c.id: c.subject for c in claims}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    size: dict[str, int] = defaultdict(int)
    for claim in claims:
        size[claim.subject or ""] += 1
    by_id = {c.id: c for c in claims}
    placed: set[str] = set()
    spread: dict[str, int] = defaultdict(int)
    for finding in findings:
        if len(finding.claims) > 2 and finding.kind in (FindingKind.CONFLICT, FindingKind.UPDATE):
            for c in finding.claims:
                spread[c] += 1
    for finding in findings:
        if finding.kind not in (FindingKind.CONFLICT, FindingKind.UPDATE, FindingKind.SHIFT):
            continue
        if finding.type is FindingType.NUMBER:
            pass
        elif finding.type is FindingType.CATEGORY and all(by_id[c].contrasts for c in finding.claims):
            pass  # two identity claims in opposite directions: one subject seen from two sides
        elif finding.type in (FindingType.NEGATION, FindingType.MODALITY) and len(finding.claims) == 2:
            # A lone denial or doubt joins the subject of the claim it answers (once, so it cannot
            # chain two subjects together).
            lone = next((c for c in finding.claims if size[subject_of.get(c) or ""] == 1), None)
            if lone is None or lone in placed:
                continue
            placed.add(lone)
        else:
            continue
        # A sentence that takes part in several disputes or chains (one giving two events' figures)
        # does not tie their subjects together.
        ids = [subject_of.get(c) for c in finding.claims if len(finding.claims) <= 2 or spread[c] == 1]
        ids = [i for i in ids if i]
        for other in ids[1:]:
            ra, rb = find(ids[0]), find(other)
            if ra != rb:
                parent[max(ra, rb, key=_subject_number)] = min(ra, rb, key=_subject_number)
    groups: dict[str, set[str]] = defaultdict(set)
    for x in list(parent):
        groups[find(x)].add(x)
    return [g for g in groups.values() if len(g) > 1]


def _subject_number(subject_id: str) -> int:
    digits = re.sub(r"\D", "", subject_id)
    return int(digits) if digits else 0


def summarize_subjects(
    claims: Sequence[Claim], subjects: Sequence[Subject], findings: Sequence[Finding]
) -> tuple[tuple[Finding, ...], Timelines]:
    """Per-subject agreements and timelines over the pairwise findings; findings sorted, numbered and
    given their subject. Agreements already in ``findings`` are dropped and recomputed."""
    by_id = {c.id: c for c in claims}
    kept = [f for f in findings if f.kind is not FindingKind.AGREEMENT]
    kept += _agreements(subjects, by_id, kept)
    subject_index = {s.id: n for n, s in enumerate(subjects)}

    def sort_key(finding: Finding) -> tuple:
        subject = by_id[finding.claims[0]].subject
        return (
            _KIND_ORDER[finding.kind],
            0 if finding.sides else 1,
            subject_index.get(subject or "", 10**9),
            finding.type.value,
            finding.claims,
        )

    out: list[Finding] = []
    seen: set[tuple] = set()
    for finding in sorted(kept, key=sort_key):
        key = (finding.kind, finding.type, finding.claims)
        if key in seen:
            continue
        seen.add(key)
        out.append(
            dataclasses.replace(finding, id=f"F{len(out) + 1}", subject=by_id[finding.claims[0]].subject)
        )
    timelines = tuple((s.id, _timeline(s, by_id)) for s in subjects)
    return tuple(out), timelines
