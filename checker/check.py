"""Draft claims + the closest prior claims -> one verdict per draft claim: the pre-publication check.

For every checkable claim of a draft, the pipeline (``checker.prepublish``) retrieves the nearest claims
of the prior coverage from the corpus index; this stage reads each draft claim against them with the
rules of ``compare.py`` and gives one verdict, which explains itself with the values and the sources.
Verdicts, worst first (``--fail-on LEVEL`` fails on LEVEL and everything above it):

* ``contradicted``: prior coverage says otherwise. *number*: a figure of the same measure whose interval
  cannot hold with the draft's (a later, higher running count makes the draft's out of date; a lower,
  earlier one is superseded only when the draft or the newer source words it as a revision, as in
  compare); *negation*: a denial or negation of what the draft asserts, or an assertion of what it
  denies; *category*: the same people or object put in a contrasting category (killed vs missing,
  research vessel vs spy ship).
* ``overstated``: the draft states it more certainly than every matching source does ("confirmed" where
  the sources say "likely", "possible" or "could not confirm").
* ``unattributed``: the draft states in its own voice what the coverage only ever attributes to one
  party; no outlet states it as fact.
* ``understated``: the draft hedges what every matching source states more firmly.
* ``no_prior_coverage``: no prior claim states this (none is similar enough, or the draft's figure is
  a newer running count than any reported).
* ``supported``: prior claims state the same, with the same figures and no more certainty.

When the draft attributes a claim to a source that the coverage also quotes on the point, the claim is
judged against that source's own statements: "7.1, according to the World Seismic Monitoring Centre"
is supported even though the national institute gives 6.8 (the explanation says so), and a source
quoted as confirming what it called "possible" is overstated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum

import numpy as np

from checker.config import Config

# The judgement shared with analyze: the same figures, negations, categories and holders count here.
from checker.judge import (
    SentenceRules,
    as_of,
    negated_stems,
    quantities_disjoint,
    quantities_same_measure,
    same_holder,
    same_side,
    stems,
)
from checker.lexicons import Lexicon
from checker.models import (
    Article,
    AttributionKind,
    Certainty,
    Claim,
    Polarity,
    Quantity,
    Scope,
)

__all__ = [
    "CHECK_SCHEMA_VERSION",
    "FAIL_ON_CHOICES",
    "CheckConfig",
    "CheckResult",
    "ClaimVerdict",
    "CorpusInfo",
    "Match",
    "PriorClaim",
    "Relation",
    "Verdict",
    "VerdictType",
    "judge_claims",
    "parse_fail_on",
]

CHECK_SCHEMA_VERSION = "1.0"


class Verdict(StrEnum):
    """What the coverage says about one draft claim, worst first."""

    CONTRADICTED = "contradicted"
    OVERSTATED = "overstated"
    UNATTRIBUTED = "unattributed"
    UNDERSTATED = "understated"
    NO_PRIOR_COVERAGE = "no_prior_coverage"
    SUPPORTED = "supported"

    @property
    def severity(self) -> int:
        """5 for contradicted down to 0 for supported: ``--fail-on`` compares these."""
        return len(Verdict) - 1 - list(Verdict).index(self)


class VerdictType(StrEnum):
    """Which rule decided the verdict."""

    NUMBER = "number"
    NEGATION = "negation"
    CATEGORY = "category"
    MODALITY = "modality"
    ATTRIBUTION = "attribution"
    AGREEMENT = "agreement"
    COVERAGE = "coverage"


class Relation(StrEnum):
    """How a prior claim bears on the draft claim."""

    CONTRADICTS = "contradicts"
    SUPPORTS = "supports"
    RELATED = "related"


# --fail-on choices: a verdict level, or never (always exit 0 when the check ran).
FAIL_ON_CHOICES: tuple[str, ...] = tuple(v.value for v in Verdict if v is not Verdict.SUPPORTED) + ("never",)


def parse_fail_on(level: str) -> Verdict | None:
    """The verdict ``--fail-on`` names (None for ``never``); raises ValueError naming the choices."""
    if level == "never":
        return None
    try:
        verdict = Verdict(level)
    except ValueError:
        verdict = None
    if verdict is None or verdict is Verdict.SUPPORTED:
        raise ValueError(f"unknown --fail-on level {level!r}; choose one of: {', '.join(FAIL_ON_CHOICES)}")
    return verdict


@dataclass(frozen=True, slots=True)
class CheckConfig:
    """Thresholds of the draft check, recorded in every result. Similarities are cosine similarities
    of sentence embeddings on the scale of the default model (all-MiniLM-L6-v2)."""

    # prior claims retrieved per draft claim (the nearest by similarity)
    candidates: int = 24
    # below this similarity a prior claim is about something else: with none above, no prior coverage
    related_similarity: float = 0.45
    # a prior claim this similar states the same thing: it supports the draft claim (when no rule sets
    # them apart) and its certainty and attribution are compared with the draft's
    same_claim_similarity: float = 0.66
    # figures of the same measure that disagree conflict from this similarity ("12 miners killed" is not
    # the death toll); figures that agree count from agreement_similarity (agreeing only softens a verdict)
    number_similarity: float = 0.6
    agreement_similarity: float = 0.4
    # a denial is set against an assertion from this similarity of the assertion to the clause denied
    negation_similarity: float = 0.5
    # contrasting categories are compared from this similarity
    category_similarity: float = 0.5
    # prior claims listed with each verdict
    matches: int = 4

    def as_items(self) -> tuple[tuple[str, object], ...]:
        return tuple((f.name, getattr(self, f.name)) for f in fields(self))

    @property
    def retrieval_floor(self) -> float:
        """No rule reads a prior claim less similar than this (the nearest one is still shown)."""
        return min(self.related_similarity, self.agreement_similarity, self.negation_similarity)


@dataclass(frozen=True, slots=True)
class PriorClaim:
    """A claim of the prior coverage near a draft claim, with its similarity and where it was read."""

    claim: Claim
    similarity: float
    path: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    prior: PriorClaim
    relation: Relation


@dataclass(frozen=True, slots=True)
class ClaimVerdict:
    """The verdict on one draft claim (``claim.start``/``end`` index into the draft's text)."""

    claim: Claim
    verdict: Verdict
    type: VerdictType
    explanation: str
    matches: tuple[Match, ...] = ()
    values: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CorpusInfo:
    """The prior coverage a draft was checked against."""

    path: str | None
    articles: int
    claims: int


@dataclass(frozen=True, slots=True)
class CheckResult:
    schema_version: str
    draft: Article
    claims: tuple[ClaimVerdict, ...]
    corpus: CorpusInfo
    model: str | None = None
    config: tuple[tuple[str, object], ...] = ()
    sentences: int = 0

    def counts(self) -> dict[Verdict, int]:
        """Claims per verdict, every verdict listed, worst first."""
        out = {v: 0 for v in Verdict}
        for item in self.claims:
            out[item.verdict] += 1
        return out

    @property
    def worst(self) -> Verdict | None:
        if not self.claims:
            return None
        return max((c.verdict for c in self.claims), key=lambda v: v.severity)

    def fails(self, level: Verdict | None) -> bool:
        """True when some claim's verdict is ``level`` or worse (never for None)."""
        if level is None:
            return False
        return any(c.verdict.severity >= level.severity for c in self.claims)


# ---- helpers ------------------------------------------------------------------------------------


# Source-name words too general to identify a source on their own ("the ministry", "officials").
def _source_of(claim: Claim) -> str | None:
    """The original source the claim is attributed to (None for the outlet's own voice)."""
    if claim.attribution.kind is AttributionKind.UNATTRIBUTED:
        return None
    return claim.attribution.original


def _same_name(a: str | None, b: str | None) -> bool:
    """One source under two names: "police" and "Provincial police chief Colonel Ivo Dessen"."""
    return same_holder(a, b)


def _same_party(a: str | None, b: str | None) -> bool:
    """Two names of one side ("coastguard spokesman X" and "a coastguard official")."""
    return same_side(a, b)


_NOT_CONTENT = frozenset("there said says told claims claim reports report".split())


def _content_stems(text: str) -> set[str]:
    """Stems of the words written in lower case: what a clause is about, without its names."""
    text = text[:1].lower() + text[1:]  # the sentence's first word is no name for being capitalised
    return stems(" ".join(w for w in re.findall(r"\b[a-z]{4,}\b", text) if w not in _NOT_CONTENT))


def _year(claim: Claim) -> int | None:
    when = claim.event_date or claim.published
    return when.year if when else None


def _about_past(claim: Claim) -> bool:
    """The claim is about an earlier year than its article's ("the 2009 quake killed 212")."""
    return bool(claim.event_date and claim.published and claim.event_date.year < claim.published.year)


def _same_period(draft: Claim, prior: Claim) -> bool:
    """Whether two claims can be about the same events: a draft claim dated to a year only meets
    claims of that year; an undated one only claims about their own article's time."""
    if draft.event_date is not None and (draft.published is None or _about_past(draft)):
        return _year(prior) == draft.event_date.year
    if _about_past(prior):
        return False
    year = _year(draft)
    return year is None or _year(prior) is None or _year(prior) == year


def _date_text(when: date | None) -> str:
    return when.isoformat() if when else "undated"


def _cite(claim: Claim, source: str | None = None) -> str:
    outlet = claim.outlet or claim.article
    who = source or _source_of(claim)
    when = _date_text(claim.published or claim.event_date)
    if who:
        return f"{who} ({outlet}, {when})"
    return f"{outlet} in its own voice ({when})"


def _level(claim: Claim) -> str:
    cues = ", ".join(f"“{c}”" for c in claim.certainty.cues[:2])
    return (
        f"{claim.certainty.level.value} ({cues})"
        if cues
        else f"{claim.certainty.level.value} (stated as fact)"
    )


def _quote(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}”"


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _closeness(wanted: Quantity, found: Quantity) -> tuple[bool, float]:
    """Sort key: figures whose interval holds the wanted value first, the narrowest first."""
    low = found.low if found.low is not None else float("-inf")
    high = found.high if found.high is not None else float("inf")
    return (not low <= wanted.value <= high, high - low)


def _measure(quantity: Quantity) -> str:
    """What a figure measures, for people: "outcome/kill" -> "kill", "people/aboard" -> "people aboard"."""
    key = (quantity.measure or quantity.unit or "figure").removeprefix("outcome/")
    return " ".join(part for part in key.split("/") if part != "-")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class _Figure:
    prior: PriorClaim
    quantity: Quantity
    source: str | None


@dataclass
class _Reading:
    """What the rules found for one draft claim."""

    conflicts: list[tuple[VerdictType, tuple[PriorClaim, ...], str, tuple[str, ...]]] = field(
        default_factory=list
    )
    support: dict[str, PriorClaim] = field(default_factory=dict)
    excluded: set[str] = field(default_factory=set)  # priors that a rule set apart from the draft claim
    notes: list[str] = field(default_factory=list)
    beyond: list[tuple[str, tuple[PriorClaim, ...], tuple[str, ...]]] = field(default_factory=list)
    agreeing_figures: list[str] = field(default_factory=list)
    backing: list[PriorClaim] = field(default_factory=list)  # priors that side with the draft in a conflict


# ---- the rules ----------------------------------------------------------------------------------


class _Judge:
    def __init__(self, config: CheckConfig, settings: Config, lexicon: Lexicon) -> None:
        self.config = config
        self.settings = settings
        # compare's rule book (contrast sets, cumulative frames, revision wording, unit conversions),
        # read from the lexicon once; no claims are compared through it here.
        self.rules = SentenceRules((), np.zeros((0, 1), dtype=np.float32), settings, lexicon)

    # ---- figures --------------------------------------------------------------------------------
    def figures(self, claim: Claim, related: Sequence[PriorClaim], reading: _Reading) -> None:
        tolerance = self.settings.number_agreement_tolerance
        conversions = self.rules.conversions
        revised = self.rules.revision.search(claim.text) is not None
        for qd in claim.quantities:
            if qd.vague or qd.measure is None:
                continue
            mine = qd.source or _source_of(claim)
            agree: list[_Figure] = []
            lower: list[_Figure] = []  # running counts below the draft's
            higher: list[_Figure] = []  # running counts above the draft's
            other: list[_Figure] = []
            for prior in related:
                if prior.similarity < self.config.agreement_similarity:
                    continue
                for qp in prior.claim.quantities:
                    if qp.vague or not quantities_same_measure(qd, qp, conversions):
                        continue
                    figure = _Figure(prior, qp, qp.source or _source_of(prior.claim))
                    if not quantities_disjoint(qd, qp, tolerance, conversions):
                        agree.append(figure)
                        continue
                    if prior.similarity < self.config.number_similarity:
                        continue
                    small, large = (qd, qp) if qd.value <= qp.value else (qp, qd)
                    if (
                        small.scope is Scope.PART
                        or large.scope is Scope.TOTAL
                        and small.scope is not Scope.TOTAL
                    ):
                        reading.excluded.add(prior.claim.id)  # another count: no conflict, no support
                        continue  # a part (so far, in one district) within a larger whole
                    if qd.frame in self.rules.cumulative:
                        (lower if qp.value < qd.value else higher).append(figure)
                    else:
                        other.append(figure)
            compared = agree + lower + higher + other
            if not compared:
                continue
            agreeing_ids = {f.prior.claim.id for f in agree}
            reading.excluded.update(
                f.prior.claim.id for f in compared if f.prior.claim.id not in agreeing_ids
            )
            below = list(lower)
            # A lower running count is an earlier stage of the draft's when the draft words its figure as a
            # revision ("has risen to"), the source is the same, or a later agreeing figure revises it.
            lower = [
                f
                for f in lower
                if not (revised or (mine and _same_name(f.source, mine)) or self._superseded(f, agree))
            ]
            # A higher one is the draft's out-of-date figure unless its source later gave the draft's.
            higher = [
                f
                for f in higher
                if not any(
                    _same_name(a.source, f.source)
                    and (as_of(a.prior.claim) or date.min) > (as_of(f.prior.claim) or date.max)
                    for a in agree
                )
            ]
            conflicts = other + lower + higher
            if mine:
                own_agree = [f for f in agree if _same_name(f.source, mine)]
                own_conflict = [f for f in conflicts if _same_name(f.source, mine)]
                # A running count the source gave is out of date once another source gives a different
                # one later ("73 remain in custody", then "has dropped to 29").
                newest_own = max((as_of(f.prior.claim) or date.max for f in own_agree), default=date.max)
                own_conflict += [
                    f
                    for f in conflicts
                    if qd.frame in self.rules.cumulative
                    and f not in own_conflict
                    and (as_of(f.prior.claim) or date.min) > newest_own
                ]
                if own_agree and not own_conflict:
                    self._support_figures(reading, qd, own_agree)
                    # Another source's figure is worth a note unless the draft gives it too ("120,000
                    # according to the organisers, while police put the figure at 45,000").
                    given = [q.source for q in claim.quantities if q.source and q is not qd]
                    others = [f for f in conflicts if not any(_same_name(f.source, g) for g in given)]
                    if others:
                        reading.notes.append(
                            f"{_possessive(mine)} {qd.text} matches the coverage, but "
                            + "; ".join(
                                f"{_cite(f.prior.claim, f.source)} gives {f.quantity.text}"
                                for f in others[:2]
                            )
                        )
                    continue
                if own_conflict:
                    others = [f for f in agree if not _same_name(f.source, mine)]
                    self._conflict_figures(reading, qd, own_conflict, others, stale=False, mine=mine)
                    continue
            # Out of date: every conflicting count is higher, and later than any agreeing one.
            latest_agree = max((as_of(f.prior.claim) or date.min for f in agree), default=date.min)
            stale = bool(conflicts) and all(
                f in higher and (as_of(f.prior.claim) or date.min) >= latest_agree for f in conflicts
            )
            if conflicts:
                self._conflict_figures(reading, qd, conflicts, agree, stale=stale, mine=mine)
            elif agree:
                self._support_figures(reading, qd, agree)
            else:
                latest = max(below, key=lambda f: (as_of(f.prior.claim) or date.min, f.quantity.value))
                reading.beyond.append(
                    (
                        f"The draft's {qd.text} ({_measure(qd)}) is higher than every figure in the coverage; "
                        f"the latest is {latest.quantity.text} from {_cite(latest.prior.claim, latest.source)}. "
                        "No prior source gives the new figure yet.",
                        tuple(dict.fromkeys(f.prior for f in below)),
                        (qd.text, latest.quantity.text),
                    )
                )

    def _superseded(self, figure: _Figure, agree: Sequence[_Figure]) -> bool:
        """A lower running count that a later agreeing figure revises (same source, or worded as a revision)."""
        when = as_of(figure.prior.claim)
        for newer in agree:
            newer_when = as_of(newer.prior.claim)
            if when is None or newer_when is None or newer_when <= when:
                continue
            if _same_name(newer.source, figure.source) or self.rules.revision.search(newer.prior.claim.text):
                return True
        return False

    def _support_figures(self, reading: _Reading, qd: Quantity, agree: Sequence[_Figure]) -> None:
        for figure in agree:
            reading.support.setdefault(figure.prior.claim.id, figure.prior)
        best = min(agree, key=lambda f: (*_closeness(qd, f.quantity), -f.prior.similarity, f.prior.claim.id))
        reading.agreeing_figures.append(
            f"{_cite(best.prior.claim, best.source)} gives {best.quantity.text} for the draft's {qd.text}"
        )

    def _conflict_figures(
        self,
        reading: _Reading,
        qd: Quantity,
        conflicts: Sequence[_Figure],
        agree: Sequence[_Figure],
        *,
        stale: bool,
        mine: str | None,
    ) -> None:
        conflicts = sorted(
            conflicts, key=lambda f: (-(as_of(f.prior.claim) or date.min).toordinal(), -f.prior.similarity)
        )
        shown = conflicts[:3]
        text = f"The draft gives {qd.text} ({_measure(qd)}), but " + "; ".join(
            f"{_cite(f.prior.claim, f.source)} gives {f.quantity.text}" for f in shown
        )
        if len(conflicts) > len(shown):
            text += f" (and {len(conflicts) - len(shown)} more)"
        if stale:
            text += ": coverage has since reported a higher count, so the draft's figure looks out of date"
        reading.backing.extend(f.prior for f in agree)
        if agree:
            first = agree[0]
            text += (
                f". {_upper_first(_cite(first.prior.claim, first.source))} gives {first.quantity.text} "
                "as the draft does"
            )
            text += (
                "; attribute the figure or give both"
                if not mine
                else f"; check that the figure is {_possessive(mine)}"
            )
        text += "."
        priors = tuple(dict.fromkeys(f.prior for f in conflicts))
        reading.conflicts.append(
            (VerdictType.NUMBER, priors, text, (qd.text, *(f.quantity.text for f in shown)))
        )

    # ---- negation -------------------------------------------------------------------------------
    def negations(self, claim: Claim, comparable: Sequence[PriorClaim], reading: _Reading) -> None:
        """Denials and negations against assertions: a denial from ``negation_similarity`` through the
        clause it denies (``focus``, sharing a word other than a name with the assertion), from
        ``same_claim_similarity`` without one; a plain negation when the word it negates is one the
        other claim asserts ("will not withdraw" / "to withdraw"), not merely because the sentences are
        alike ("died of a heart attack and had no contact with police" does not negate "died of a heart
        attack")."""
        mine = _source_of(claim)
        conflicts: list[PriorClaim] = []
        for prior in comparable:
            other = prior.claim
            if other.certainty.polarity is claim.certainty.polarity:
                continue
            neg, pos = (claim, other) if claim.certainty.polarity is Polarity.NEGATIVE else (other, claim)
            if pos.certainty.level not in (Certainty.CERTAIN, Certainty.PROBABLE) or pos.certainty.denial:
                continue
            if neg.certainty.denial:
                if prior.similarity < self.config.same_claim_similarity and not (
                    neg.focus
                    and prior.similarity >= self.config.negation_similarity
                    and _content_stems(neg.focus) & _content_stems(pos.text)
                ):
                    continue
                if neg.categories and not set(neg.categories) & set(pos.categories):
                    continue  # a denial about troops is not about arms shipments
                if any(rejected in neg.categories for _, rejected in pos.contrasts):
                    continue  # "civilians, not troops" agrees with a denial that troops were sent
            elif not (
                prior.similarity >= self.config.related_similarity
                and negated_stems(neg.text) & stems(pos.text)
            ):
                continue  # what the negation scopes over must be what the other claim asserts
            conflicts.append(prior)
        if not conflicts:
            return
        reading.excluded.update(p.claim.id for p in conflicts)
        if mine:
            own = [p for p in conflicts if _same_name(_source_of(p.claim), mine)]
            same_side = [
                p
                for p in comparable
                if p.claim.certainty.polarity is claim.certainty.polarity
                and p.similarity >= self.config.same_claim_similarity
                and _same_name(_source_of(p.claim), mine)
            ]
            if same_side and not own:
                reading.notes.append(
                    f"{mine} is quoted the same way in the coverage, but "
                    + "; ".join(f"{_cite(p.claim)} {self._opposes(claim, p.claim)}" for p in conflicts[:2])
                )
                return
            if own:
                conflicts = own
        shown = conflicts[:3]
        text = "; ".join(
            f"{_cite(p.claim)} {self._opposes(claim, p.claim)}: {_quote(p.claim.text)}" for p in shown
        )
        text = text[0].upper() + text[1:] + "."
        cues = tuple(c for p in shown for c in p.claim.certainty.cues[:1]) or tuple(claim.certainty.cues[:1])
        reading.conflicts.append((VerdictType.NEGATION, tuple(conflicts), text, cues))

    @staticmethod
    def _opposes(draft: Claim, prior: Claim) -> str:
        if prior.certainty.polarity is Polarity.NEGATIVE:
            verb = "denies" if prior.certainty.denial else "negates"
            cue = ", ".join(f"“{c}”" for c in prior.certainty.cues[:2])
            return f"{verb} ({cue}) what the draft asserts" if cue else f"{verb} what the draft asserts"
        return "asserts what the draft " + ("denies" if draft.certainty.denial else "negates")

    # ---- categories -----------------------------------------------------------------------------
    def categories(self, claim: Claim, related: Sequence[PriorClaim], reading: _Reading) -> None:
        asserted = self.rules._asserted(claim)
        mine = _source_of(claim)
        conflicts: list[tuple[PriorClaim, str, str]] = []
        agreeing: list[PriorClaim] = []
        for prior in related:
            other = prior.claim
            if prior.similarity < self.settings.counter_similarity:
                continue
            hit: tuple[str, str] | None = None
            for kept, rejected in other.contrasts:  # the prior says "X, not Y" and the draft says Y
                if (
                    rejected in claim.categories
                    and rejected not in claim.alternatives
                    and not any(r == rejected for _, r in claim.contrasts)
                ):
                    hit = (rejected, kept)
                    break
            if hit is None:
                for kept, rejected in claim.contrasts:  # the draft says "X, not Y" and the prior says Y
                    if (
                        rejected in other.categories
                        and rejected not in other.alternatives
                        and not any(r == rejected for _, r in other.contrasts)
                    ):
                        hit = (kept, rejected)
                        break
            theirs = self.rules._asserted(other)
            if hit is None and prior.similarity >= self.config.category_similarity:
                for group in sorted(set(asserted) & set(theirs)):
                    if asserted[group] == theirs[group]:
                        continue
                    if (group == "casualty" and self.rules._same_count(claim, other)) or (
                        prior.similarity >= self.settings.same_proposition_similarity
                    ):
                        hit = (asserted[group], theirs[group])
                        break
            if hit is not None:
                conflicts.append((prior, *hit))
            elif (
                any(asserted.get(g) == theirs[g] for g in theirs)
                and prior.similarity >= self.config.category_similarity
            ):
                agreeing.append(prior)
        if not conflicts:
            return
        reading.excluded.update(p.claim.id for p, _, _ in conflicts)
        if mine:
            own = [c for c in conflicts if _same_name(_source_of(c[0].claim), mine)]
            own_agree = [p for p in agreeing if _same_name(_source_of(p.claim), mine)]
            if own_agree and not own:
                reading.notes.append(
                    f"{mine} is quoted the same way in the coverage, but "
                    + "; ".join(f"{_cite(p.claim)} says {theirs_cat}" for p, _, theirs_cat in conflicts[:2])
                )
                return
            if own:
                conflicts = own
        shown = conflicts[:3]
        text = "; ".join(
            f"the draft says {ours}, but {_cite(p.claim)} says {theirs}: {_quote(p.claim.text)}"
            for p, ours, theirs in shown
        )
        backing = [p for p in agreeing if p.claim.id not in reading.excluded]
        reading.backing.extend(backing)
        if backing:
            text += f". {_upper_first(_cite(backing[0].claim))} says {shown[0][1]} as the draft does"
        text = text[0].upper() + text[1:] + "."
        reading.conflicts.append(
            (VerdictType.CATEGORY, tuple(p for p, _, _ in conflicts), text, (shown[0][1], shown[0][2]))
        )

    # ---- the verdict ----------------------------------------------------------------------------
    def judge(self, claim: Claim, priors: Sequence[PriorClaim]) -> ClaimVerdict:
        ordered = sorted(priors, key=lambda p: (-p.similarity, p.claim.id))
        comparable = [p for p in ordered if _same_period(claim, p.claim)]
        related = [p for p in comparable if p.similarity >= self.config.related_similarity]
        reading = _Reading()
        self.figures(claim, comparable, reading)
        self.negations(claim, comparable, reading)
        self.categories(claim, related, reading)
        for prior in related:
            if prior.claim.id in reading.excluded or prior.similarity < self.config.same_claim_similarity:
                continue
            if prior.claim.certainty.polarity is not claim.certainty.polarity:
                continue  # a sentence with a negation anywhere states something else: no false comfort
            if prior.claim.certainty.denial and not claim.certainty.denial:
                continue
            reading.support.setdefault(prior.claim.id, prior)
        support = sorted(reading.support.values(), key=lambda p: (-p.similarity, p.claim.id))

        if reading.conflicts:
            order = (VerdictType.NUMBER, VerdictType.NEGATION, VerdictType.CATEGORY)
            kind, against, text, values = min(reading.conflicts, key=lambda c: order.index(c[0]))
            others = [c[2] for c in reading.conflicts if c[2] != text]
            if others:
                text += " Also: " + " ".join(others)
            backing = list(dict.fromkeys(reading.backing))
            return self._verdict(claim, Verdict.CONTRADICTED, kind, text, against, backing, related, values)
        if not related:
            return self._no_coverage(claim, comparable)

        mine = _source_of(claim)
        pool = [p for p in support if mine and _same_name(_source_of(p.claim), mine)] or support
        if pool:
            rank = claim.certainty.level.rank
            strongest = max(pool, key=lambda p: (p.claim.certainty.level.rank, p.similarity))
            weakest = min(pool, key=lambda p: (p.claim.certainty.level.rank, -p.similarity))
            whose = f"{mine}, as quoted in the coverage," if pool is not support else "the matching coverage"
            if rank > strongest.claim.certainty.level.rank:
                text = (
                    f"The draft states it as {_level(claim)}; {whose} says at most "
                    f"{strongest.claim.certainty.level.value}: {_cite(strongest.claim)} says "
                    f"{_level(strongest.claim)}: {_quote(strongest.claim.text)}."
                )
                return self._verdict(
                    claim,
                    Verdict.OVERSTATED,
                    VerdictType.MODALITY,
                    text,
                    tuple(pool),
                    support,
                    related,
                    (claim.certainty.level.value, strongest.claim.certainty.level.value),
                )
        unattributed = self._unattributed(claim, support)
        if unattributed is not None:
            return unattributed
        if pool and claim.certainty.level.rank < weakest.claim.certainty.level.rank:
            text = (
                f"The draft hedges it as {_level(claim)}; {whose} is firmer: {_cite(weakest.claim)} says "
                f"{_level(weakest.claim)}: {_quote(weakest.claim.text)}."
            )
            return self._verdict(
                claim,
                Verdict.UNDERSTATED,
                VerdictType.MODALITY,
                text,
                tuple(pool),
                support,
                related,
                (claim.certainty.level.value, weakest.claim.certainty.level.value),
            )
        if reading.beyond:
            text, against, values = reading.beyond[0]
            return self._verdict(
                claim, Verdict.NO_PRIOR_COVERAGE, VerdictType.NUMBER, text, (), support, related, values
            )
        if support:
            best = support[0]
            text = f"Consistent with {len(support)} prior claim{'s' if len(support) != 1 else ''}"
            outlets = sorted({p.claim.outlet or p.claim.article for p in support})
            text += f" in {len(outlets)} outlet{'s' if len(outlets) != 1 else ''}"
            if reading.agreeing_figures:
                text += ": " + "; ".join(reading.agreeing_figures[:2])
            else:
                text += f", closest {_cite(best.claim)}: {_quote(best.claim.text)}"
            text += "."
            if reading.notes:
                text += " Note: " + "; ".join(reading.notes) + "."
            return self._verdict(
                claim, Verdict.SUPPORTED, VerdictType.AGREEMENT, text, (), support, related, ()
            )
        return self._no_coverage(claim, related)

    def _unattributed(self, claim: Claim, support: Sequence[PriorClaim]) -> ClaimVerdict | None:
        if _source_of(claim) or any(q.source for q in claim.quantities) or not support:
            return None
        if any(_source_of(p.claim) is None for p in support):
            return None  # some outlet states it as fact
        parties: list[str] = []
        for prior in support:
            name = _source_of(prior.claim) or ""
            if not any(_same_party(name, party) for party in parties):
                parties.append(name)
        if len(parties) != 1:
            return None
        outlets = sorted({p.claim.outlet or p.claim.article for p in support})
        text = (
            f"The draft states this in its own voice, but the coverage only attributes it to {parties[0]} "
            f"({len(support)} claim{'s' if len(support) != 1 else ''} in {', '.join(outlets)}); no outlet "
            f"states it as fact. Closest: {_cite(support[0].claim)}: {_quote(support[0].claim.text)}. "
            "Attribute it in the draft."
        )
        return self._verdict(
            claim,
            Verdict.UNATTRIBUTED,
            VerdictType.ATTRIBUTION,
            text,
            tuple(support),
            support,
            support,
            (parties[0],),
        )

    def _no_coverage(self, claim: Claim, nearest: Sequence[PriorClaim]) -> ClaimVerdict:
        if nearest:
            best = nearest[0]
            text = (
                f"No prior claim states this; the closest (similarity {best.similarity:.2f}) is "
                f"{_cite(best.claim)}: {_quote(best.claim.text)}."
            )
        else:
            text = "No prior claim is about this."
        return self._verdict(
            claim, Verdict.NO_PRIOR_COVERAGE, VerdictType.COVERAGE, text, (), (), nearest, ()
        )

    def _verdict(
        self,
        claim: Claim,
        verdict: Verdict,
        kind: VerdictType,
        text: str,
        deciding: Sequence[PriorClaim],
        support: Sequence[PriorClaim],
        related: Sequence[PriorClaim],
        values: tuple[str, ...],
    ) -> ClaimVerdict:
        relation = Relation.CONTRADICTS if verdict is Verdict.CONTRADICTED else Relation.SUPPORTS
        if verdict is Verdict.NO_PRIOR_COVERAGE:
            relation = Relation.RELATED
        matches: list[Match] = []
        seen: set[str] = set()
        groups = (
            (deciding, relation),
            (support, Relation.SUPPORTS if verdict is not Verdict.NO_PRIOR_COVERAGE else Relation.RELATED),
            (related, Relation.RELATED),
        )
        for priors, rel in groups:
            for prior in priors:
                if prior.claim.id in seen or len(matches) >= self.config.matches:
                    continue
                seen.add(prior.claim.id)
                matches.append(Match(prior, rel))
        return ClaimVerdict(
            claim=claim, verdict=verdict, type=kind, explanation=text, matches=tuple(matches), values=values
        )


def judge_claims(
    claims: Sequence[Claim],
    priors: Sequence[Sequence[PriorClaim]],
    *,
    config: CheckConfig | None = None,
    settings: Config | None = None,
    lexicon: Lexicon,
) -> tuple[ClaimVerdict, ...]:
    """One verdict per draft claim; ``priors[i]`` holds the prior claims retrieved for ``claims[i]``.

    ``settings`` supplies the figure tolerance and the similarities compare.py uses for negations.
    """
    if len(priors) != len(claims):
        raise ValueError(f"{len(priors)} lists of prior claims for {len(claims)} draft claims")
    judge = _Judge(config or CheckConfig(), settings or Config(), lexicon)
    return tuple(judge.judge(claim, found) for claim, found in zip(claims, priors, strict=True))
