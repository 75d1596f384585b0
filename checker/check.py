"""Draft statements + the coverage's statements -> one verdict per draft statement: the pre-publication
check.

The pipeline (``checker.prepublish``) retrieves, for every claim of a draft, the nearest claims of the
prior coverage, and reads the coverage articles they come from whole. This stage reads the draft and
the coverage with the judgement ``analyze`` uses (:mod:`checker.judge`): figure statements with their
holder, measure, event, place and date; who-did-it statements; the sentence rules for denials,
negations and categories. Sentences that state nothing checkable — a headline fragment, a question, a
first-person quotation of colour — are listed as not checked. Every other draft statement gets one
verdict, worst first (``--fail-on LEVEL`` fails on LEVEL and everything above it):

* ``contradicted``: the coverage says otherwise. *number*: the holder the draft names gives another
  figure now (and when another holder gives the draft's figure, the verdict says whose it is), or no
  holder gives it; *negation*: the holder the draft quotes has denied it (unless it said it again
  later), or someone denies or negates what the draft asserts in its own voice; *category*: the same
  people or object put in a contrasting category.
* ``outdated``: the draft gives a figure the holder has since revised, up or down (or, for a running
  count in the draft's own voice, a later count is higher); the verdict names the newer figure, who
  gave it and when. A draft that gives a holder's latest figure is supported however many earlier,
  different figures exist.
* ``overstated``: the draft states it more certainly than the holder it quotes (or every matching
  source) does.
* ``unattributed``: the draft states in its own voice what the coverage attributes to one party only, or
  a figure the coverage's holders dispute.
* ``understated``: the draft hedges what the matching sources state more firmly.
* ``no_prior_coverage``: no statement of the coverage is about this (or the draft's running count is
  newer than any reported).
* ``supported``: the coverage states the same, with the same figure from the same holder, no more firmly.

Each verdict lists the statements it rests on (:class:`Match`): the coverage sentence, its outlet, the
statement's holder, the figure and the date it held.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from enum import StrEnum

import numpy as np

from checker.config import Config

# The judgement shared with analyze: the same statements, holders, figures and sentence rules.
from checker.judge import (
    GENERIC_WORDS,
    AgencyStatement,
    FigureOutcome,
    FigureReading,
    FigureStatement,
    HolderNames,
    MeasureKind,
    SentenceRules,
    as_of,
    comparable_figure,
    compatible,
    dated_frames,
    denied_stems,
    holder_key,
    measure_kind,
    measures_meet,
    negated_stems,
    read_agency_statements,
    read_figure,
    read_figure_statements,
    same_holder,
    same_side,
    stems,
)
from checker.lexicons import Lexicon
from checker.models import (
    Article,
    Certainty,
    Claim,
    Polarity,
    Role,
)

__all__ = [
    "CHECK_SCHEMA_VERSION",
    "FAIL_ON_CHOICES",
    "CheckConfig",
    "CheckResult",
    "ClaimVerdict",
    "CorpusInfo",
    "Match",
    "NotChecked",
    "PriorClaim",
    "Relation",
    "Verdict",
    "VerdictType",
    "judge_claims",
    "judge_draft",
    "parse_fail_on",
]

CHECK_SCHEMA_VERSION = "1.1"


class Verdict(StrEnum):
    """What the coverage says about one draft statement, worst first."""

    CONTRADICTED = "contradicted"
    OUTDATED = "outdated"
    OVERSTATED = "overstated"
    UNATTRIBUTED = "unattributed"
    UNDERSTATED = "understated"
    NO_PRIOR_COVERAGE = "no_prior_coverage"
    SUPPORTED = "supported"

    @property
    def severity(self) -> int:
        """6 for contradicted down to 0 for supported: ``--fail-on`` compares these."""
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
    """How a coverage statement bears on the draft statement."""

    CONTRADICTS = "contradicts"
    SUPERSEDES = "supersedes"  # the holder's newer figure
    SUPERSEDED = "superseded"  # the draft's figure as the holder first gave it, since revised
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
    # a holder's figure of the same measure disagrees with the draft's from this similarity of its
    # sentence to the draft's ("12 miners killed" is not the death toll); figures agree from
    # agreement_similarity; the draft's own holder's figures count at any similarity
    number_similarity: float = 0.6
    agreement_similarity: float = 0.4
    # a denial is set against an assertion from this similarity of the assertion to the clause denied
    negation_similarity: float = 0.5
    # contrasting categories are compared from this similarity
    category_similarity: float = 0.5
    # coverage statements listed with each verdict: those that decided it (up to twice this many), then
    # nearby sentences up to this many in all
    matches: int = 4

    def as_items(self) -> tuple[tuple[str, object], ...]:
        return tuple((f.name, getattr(self, f.name)) for f in fields(self))

    @property
    def retrieval_floor(self) -> float:
        """No rule reads a prior claim less similar than this (the nearest one is still shown)."""
        return min(self.related_similarity, self.agreement_similarity, self.negation_similarity)


@dataclass(frozen=True, slots=True)
class PriorClaim:
    """A claim of the prior coverage, with its similarity to the draft claim (None when it was read for
    its holder and measure, not retrieved by similarity) and where it was read."""

    claim: Claim
    similarity: float | None
    path: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """A coverage statement a verdict rests on: the sentence, its holder, the figure and its date."""

    prior: PriorClaim
    relation: Relation
    holder: str | None = None  # who gives it (None: the outlet in its own voice)
    value: str | None = None  # the figure, for a figure statement
    when: date | None = None  # when it held: its own date, else its article's


@dataclass(frozen=True, slots=True)
class ClaimVerdict:
    """The verdict on one draft statement (``claim.start``/``end`` index into the draft's text)."""

    claim: Claim
    verdict: Verdict
    type: VerdictType
    explanation: str
    matches: tuple[Match, ...] = ()
    values: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NotChecked:
    """A draft sentence with nothing to check (a headline fragment, a question, colour)."""

    claim: Claim
    reason: str


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
    not_checked: tuple[NotChecked, ...] = ()

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


_NOT_CONTENT = frozenset("there said says told claims claim reports report".split())


def _content_stems(text: str) -> set[str]:
    """Stems of the words written in lower case: what a clause is about, without its names."""
    text = text[:1].lower() + text[1:]  # the sentence's first word is no name for being capitalised
    return stems(" ".join(w for w in re.findall(r"\b[a-z]{4,}\b", text) if w not in _NOT_CONTENT))


def _overlap(a: set[str], b: set[str]) -> bool:
    """Stems in common, a stem of one word counting for its longer forms ("plan" and "plans")."""
    return bool(a & b) or any(
        x.startswith(y) or y.startswith(x) for x in a for y in b if min(len(x), len(y)) >= 4
    )


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


def _other_day(draft: Claim, prior: Claim) -> bool:
    """A prior sentence about other days than the draft's: every day the draft names is more than a day
    from every day the prior names or was published on ("the March 15 marches" for "March 7")."""
    wanted = {t.resolved for t in draft.times if t.resolved is not None}
    if not wanted:
        return False
    days = {t.resolved for t in prior.times if t.resolved is not None} | {prior.published} - {None}
    return bool(days) and all(abs((w - d).days) > 1 for w in wanted for d in days if d is not None)


def _date_text(when: date | None) -> str:
    return when.isoformat() if when else "undated"


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


def _measure(statement: FigureStatement) -> str:
    """What a figure measures, for people: "outcome/kill" -> "kill", "people/gather" -> "people gather"."""
    key = statement.measure.removeprefix("outcome/")
    return " ".join(part for part in key.split("/") if part not in ("-", "?"))


def _one_party(a: str | None, b: str | None) -> bool:
    """Two names of one holder: one's words within the other's ("White House", "White House spokeswoman
    X"), or the same person under two titles ("FSB director Alexander Bortnikov", "Federal Security
    Bureau Director Alexander Bortnikov": two words of a name in common)."""
    if same_holder(a, b):
        return True
    if not a or not b:
        return False
    last_a, last_b = a.split()[-1], b.split()[-1]
    shared = (holder_key(a) & holder_key(b)) - GENERIC_WORDS
    return last_a == last_b and last_a[:1].isupper() and len(shared) >= 2


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


_QUOTE_MARKS = "\"“”‘’'«»"
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|My|our|Our|us|me|I'm|I’m|we're|we’re)\b")


@dataclass
class _Reading:
    """What the rules found for one draft statement."""

    conflicts: list[tuple[VerdictType, tuple[Match, ...], str, tuple[str, ...]]] = field(default_factory=list)
    outdated: list[tuple[tuple[Match, ...], str, tuple[str, ...]]] = field(default_factory=list)
    disputed: list[tuple[tuple[Match, ...], str, tuple[str, ...]]] = field(default_factory=list)
    beyond: list[tuple[tuple[Match, ...], str, tuple[str, ...]]] = field(default_factory=list)
    support: dict[str, PriorClaim] = field(default_factory=dict)
    figure_support: list[Match] = field(default_factory=list)  # statements that give the draft's figures
    excluded: set[str] = field(default_factory=set)  # priors that a rule set apart from the draft claim
    notes: list[str] = field(default_factory=list)
    agreeing_figures: list[str] = field(default_factory=list)


# ---- the rules ----------------------------------------------------------------------------------


class _Judge:
    def __init__(
        self,
        config: CheckConfig,
        settings: Config,
        lexicon: Lexicon,
        draft: Sequence[Claim],
        coverage: Sequence[Claim],
        found: dict[str, PriorClaim],
    ) -> None:
        self.config = config
        self.settings = settings
        # The rule book shared with analyze (contrast sets, cumulative frames, revision wording, unit
        # conversions), read from the lexicon once; no claims are compared through it here.
        self.rules = SentenceRules((), np.zeros((0, 1), dtype=np.float32), settings, lexicon)
        self.names = HolderNames(
            lexicon,
            sources=[c.attribution.original for c in (*draft, *coverage)]
            + [q.source for c in (*draft, *coverage) for q in c.quantities],
        )
        self.coverage = {c.id: c for c in coverage}
        self.found = found  # every coverage claim as a PriorClaim (similarity None)
        # How near each coverage claim comes to the draft as a whole (to any of its claims): a statement
        # of the draft's measure counts when the coverage sentence is about the draft's story.
        self.story: dict[str, float] = {}
        self.current: dict[str, PriorClaim] = {}  # the claims retrieved for the draft claim being judged
        self.dated = dated_frames(lexicon)
        self.coverage_figures = read_figure_statements(coverage, lexicon=lexicon)
        self.draft_figures: dict[str, list[FigureStatement]] = {}
        drafted = read_figure_statements(draft, lexicon=lexicon)
        for s in drafted:
            self.draft_figures.setdefault(s.claim, []).append(s)
        self.names.register([*self.coverage_figures, *drafted])
        self.agency_of: dict[str, list[AgencyStatement]] = {}
        for a in read_agency_statements(draft, lexicon=lexicon):
            self.agency_of.setdefault(a.claim, []).append(a)
        self.coverage_agency: dict[str, list[AgencyStatement]] = {}
        for a in read_agency_statements(coverage, lexicon=lexicon):
            self.coverage_agency.setdefault(a.claim, []).append(a)

    # ---- what is not a statement ----------------------------------------------------------------
    def unchecked(self, claim: Claim) -> str | None:
        """Why a draft sentence states nothing the coverage can check, or None when it does."""
        text = claim.text.strip().strip(_QUOTE_MARKS + " ")
        if text.endswith("?"):
            return "a question: it asks rather than states"
        figures = [s for s in self.draft_figures.get(claim.id, ()) if not s.quantity.vague]
        stated = figures or claim.id in self.agency_of or claim.certainty.polarity is Polarity.NEGATIVE
        if stated:
            return None
        quoted = claim.role is Role.QUOTE or claim.text.lstrip()[:1] in _QUOTE_MARKS
        if quoted and _FIRST_PERSON.search(claim.text) and not claim.contrasts:
            return "colour: a first-person quotation with no figure or fact to check"
        if claim.categories or claim.contrasts or claim.certainty.cues:
            return None
        if claim.role is Role.HEADLINE and self.names.claim_holder(claim) is None:
            return "a headline fragment: no figure, source or proposition to check"
        return None

    def _match(
        self, prior: PriorClaim, relation: Relation, statement: FigureStatement | None = None
    ) -> Match:
        if statement is None:
            return Match(prior, relation, self.names.claim_holder(prior.claim), None, as_of(prior.claim))
        return Match(
            prior,
            relation,
            self.names.holder_of(statement, prior.claim),
            statement.quantity.text,
            statement.as_of,
        )

    def _figure_match(self, statement: FigureStatement, relation: Relation) -> Match:
        prior = self.current.get(statement.claim) or self.found[statement.claim]
        return self._match(prior, relation, statement)

    def _holder(self, statement: FigureStatement) -> str | None:
        """Who gives a coverage statement (None: its outlet, in its own voice)."""
        return self.names.holder_of(statement, self.coverage[statement.claim])

    def _cite(self, statement: FigureStatement) -> str:
        claim = self.coverage[statement.claim]
        holder = self._holder(statement)
        outlet = claim.outlet or claim.article
        when = _date_text(statement.as_of)
        return f"{holder} ({outlet}, {when})" if holder else f"{outlet} in its own voice ({when})"

    def _cite_claim(self, claim: Claim) -> str:
        holder = self.names.claim_holder(claim)
        outlet = claim.outlet or claim.article
        when = _date_text(claim.published or claim.event_date)
        return f"{holder} ({outlet}, {when})" if holder else f"{outlet} in its own voice ({when})"

    def _gives(self, statements: Sequence[FigureStatement], limit: int = 3) -> str:
        seen: list[str] = []
        for s in statements:
            text = f"{self._cite(s)} gives {s.quantity.text}"
            if text not in seen:
                seen.append(text)
        more = len(seen) - limit
        return "; ".join(seen[:limit]) + (f" (and {more} more)" if more > 0 else "")

    # ---- figures --------------------------------------------------------------------------------
    def figures(
        self, claim: Claim, allowed: set[str], similarity: dict[str, float], reading: _Reading
    ) -> None:
        conversions, cumulative = self.rules.conversions, self.rules.cumulative
        revised = self.rules.revision.search(claim.text) is not None
        for d in self.draft_figures.get(claim.id, ()):
            if d.quantity.vague or d.polarity_negative or (d.reference and d.when is None):
                continue
            kind = measure_kind(d.measure, cumulative, self.dated)
            holder = self.names.holder_of(d, claim)
            candidates = self._candidates(d, claim, holder, allowed, kind, reading)
            # A holder counts when one of its sentences is near the draft's; the draft's own holder always.
            label = lambda s: self._holder(s) or self.coverage[s.claim].outlet  # noqa: E731
            anchored = {
                label(s)
                for s in candidates
                if max(similarity.get(s.claim, 0.0), self.story.get(s.claim, 0.0))
                >= self.config.agreement_similarity
                or (holder and same_holder(label(s), holder))
            }
            candidates = [s for s in candidates if label(s) in anchored]
            result = read_figure(
                d,
                candidates,
                holder=holder,
                holder_of=self._holder,
                similarity=similarity,
                conversions=conversions,
                cumulative=cumulative,
                dated=self.dated,
                revised=revised,
                conflict_similarity=self.config.number_similarity,
            )
            self._figure_verdict(claim, result, reading)

    def _candidates(
        self,
        d: FigureStatement,
        claim: Claim,
        holder: str | None,
        allowed: set[str],
        kind: str,
        reading: _Reading,
    ) -> list[FigureStatement]:
        """The coverage's statements of the draft figure's measure, event, place and moment (a fixed
        property whose kind the words do not say, "9 nautical miles off the port", meets every kind of
        its class). A holder the draft quotes who gives the measure only for a named place is read at
        that place ("320 people, 41 of them in Oskova" is read as a figure for Oskova)."""
        conversions = self.rules.conversions
        same = [
            s for s in self.coverage_figures if s.claim in allowed and measures_meet(d.measure, s.measure)
        ]
        out = []
        for s in same:
            if comparable_figure(d, s, kind):
                out.append(s)
            elif not compatible(d.quantity, s.quantity, conversions):
                # Another count (a part, another place, day or event): no conflict, and no support.
                reading.excluded.add(s.claim)
        if holder and d.place in (None, "*"):
            own = lambda s: same_holder(self._holder(s), holder)  # noqa: E731
            if not any(own(s) for s in out):
                out += [
                    s
                    for s in same
                    if own(s)
                    and s.place not in (None, "*")
                    and comparable_figure(d, replace(s, place=d.place), kind)
                ]
        if "?" in d.measure:
            # A figure whose frame the words do not say ("treated 150 injured protesters": people/?) backs
            # or meets only figures of its own reading, or of the holder the draft quotes.
            out = [
                s for s in out if s.measure == d.measure or (holder and same_holder(self._holder(s), holder))
            ]
        return out

    def _figure_verdict(self, claim: Claim, r: FigureReading, reading: _Reading) -> None:
        d, holder = r.draft, r.holder
        what = f"{d.quantity.text} ({_measure(d)})"
        touched = {s.claim for s in (*r.backing, *r.against, *r.newer, *r.older)}
        if r.outcome is FigureOutcome.NONE:
            return
        if r.outcome is FigureOutcome.SUPPORTED:
            reading.figure_support += [self._figure_match(s, Relation.SUPPORTS) for s in r.backing]
            if r.newer:
                newest = r.newer[-1]
                reading.notes.append(
                    f"the figure has since been revised: {self._cite(newest)} gives {newest.quantity.text}"
                )
                reading.figure_support.append(self._figure_match(newest, Relation.SUPERSEDES))
            best = r.backing[-1]
            reading.agreeing_figures.append(
                f"{self._cite(best)} gives {best.quantity.text} for the draft's {d.quantity.text}"
            )
            for s in r.backing:
                reading.support.setdefault(s.claim, self.current.get(s.claim) or self.found[s.claim])
            if r.against:
                given = {q.source for q in claim.quantities if q.source}
                others = [s for s in r.against if not any(same_holder(self._holder(s), g) for g in given)]
                if others and holder:
                    reading.notes.append(
                        f"{_possessive(holder)} {d.quantity.text} matches the coverage, but "
                        + self._gives(others, 2)
                    )
            reading.excluded.update(s.claim for s in r.against if s.claim not in {b.claim for b in r.backing})
            return
        reading.excluded.update(touched)
        if r.outcome is FigureOutcome.OUTDATED:
            newest = r.newer[-1] if r.newer else None
            first = r.older[0]
            who = holder or self._holder(first)
            text = f"The draft gives {what}, which {self._cite(first)} gave"
            if newest is not None:
                same = who and same_holder(self._holder(newest), who)
                if measure_kind(d.measure, self.rules.cumulative, self.dated) == MeasureKind.EVENT:
                    change = "a count for a later day has followed"  # a march day's turnout, then the next's
                elif same:
                    change = "it has since revised it"
                else:
                    change = "a later count is higher"
                text += f"; {change}: {self._cite(newest)} gives {newest.quantity.text}"
                if len(r.newer) > 1:
                    text += (
                        " (also "
                        + "; ".join(f"{self._cite(s)}: {s.quantity.text}" for s in r.newer[:-1][:2])
                        + ")"
                    )
                text += f": {_quote(self.coverage[newest.claim].text)}. Give the latest figure."
            else:
                text += ", since revised. Give the latest figure."
            matches = tuple(self._figure_match(s, Relation.SUPERSEDES) for s in reversed(r.newer)) + tuple(
                self._figure_match(s, Relation.SUPERSEDED) for s in r.older
            )
            values = (d.quantity.text, *(s.quantity.text for s in reversed(r.newer)))
            reading.outdated.append((matches, text, values))
            return
        if r.outcome is FigureOutcome.DISPUTED:
            text = (
                f"The draft gives {what} in its own voice, but the figure is disputed: "
                f"{self._gives(r.backing, 2)}, while {self._gives(r.against, 2)}. "
                "Attribute the figure or give both."
            )
            matches = tuple(self._figure_match(s, Relation.SUPPORTS) for s in r.backing) + tuple(
                self._figure_match(s, Relation.CONTRADICTS) for s in r.against
            )
            reading.disputed.append((matches, text, (d.quantity.text, *(s.quantity.text for s in r.against))))
            return
        if r.outcome is FigureOutcome.NEWER:
            latest = max(r.against, key=lambda s: (s.as_of or date.min, s.quantity.value))
            text = (
                f"The draft's {what} is higher than every figure in the coverage; the latest is "
                f"{latest.quantity.text} from {self._cite(latest)}. No prior source gives the new figure yet."
            )
            reading.beyond.append(
                (
                    (self._figure_match(latest, Relation.RELATED),),
                    text,
                    (d.quantity.text, latest.quantity.text),
                )
            )
            return
        # CONFLICT or WRONG_HOLDER
        against = sorted(r.against, key=lambda s: (-(s.as_of or date.min).toordinal(), s.key))
        text = f"The draft gives {what}, but {self._gives(against)}"
        if r.outcome is FigureOutcome.WRONG_HOLDER:
            first = r.backing[0]
            text += (
                f". {_upper_first(self._cite(first))} gives {first.quantity.text} as the draft does; "
                f"check that the figure is {_possessive(holder or 'the source')}"
            )
        elif holder and not any(same_holder(p.holder, holder) for p in r.positions if p.holder):
            text += f"; the coverage does not quote {holder} on this"
        text += "."
        matches = tuple(self._figure_match(s, Relation.CONTRADICTS) for s in against) + tuple(
            self._figure_match(s, Relation.SUPPORTS) for s in r.backing
        )
        reading.conflicts.append(
            (VerdictType.NUMBER, matches, text, (d.quantity.text, *(s.quantity.text for s in against[:3])))
        )

    # ---- negation -------------------------------------------------------------------------------
    def negations(self, claim: Claim, comparable: Sequence[PriorClaim], reading: _Reading) -> None:
        """Denials and negations against assertions. A denial counts from ``negation_similarity`` when
        what it denies (its focus clause, else the words after its cue) shares a word with the
        assertion; a plain negation when the word it negates is one the other claim asserts ("will not
        withdraw" / "to withdraw"), not merely because the sentences are alike. Who-did-it statements
        about the same party with opposite polarity count too. When the draft quotes a holder, that
        holder's own denial decides (unless it asserted it again later); a denial by others counts
        unless the holder is quoted the same way in the coverage."""
        mine = self.names.claim_holder(claim)
        conflicts: list[PriorClaim] = []
        mine_parties = [(s.key, s.negative) for s in self.agency_of.get(claim.id, ()) if not s.doubt]
        for prior in comparable:
            other = prior.claim
            sim = prior.similarity or 0.0
            if other.certainty.polarity is not claim.certainty.polarity and self._opposes(claim, other, sim):
                conflicts.append(prior)
                continue
            if sim >= self.config.related_similarity and any(
                (key <= s.key or s.key <= key) and negative != s.negative
                for key, negative in mine_parties
                for s in self.coverage_agency.get(other.id, ())
                if not s.doubt and s.certainty in (Certainty.CERTAIN, Certainty.PROBABLE)
            ):
                conflicts.append(prior)
        if not conflicts:
            return
        holder_of = lambda p: self.names.claim_holder(p.claim)  # noqa: E731
        # The holder's own sentences on the point (any related one: the holder is named on both sides),
        # unless they name another party as the cause than the draft does.
        agreeing = [
            p
            for p in comparable
            if p not in conflicts
            and p.claim.certainty.polarity is claim.certainty.polarity
            and (p.similarity or 0.0) >= self.config.related_similarity
            and not self._other_cause(claim, p.claim)
        ]
        if mine:
            own = [p for p in conflicts if _one_party(holder_of(p), mine)]
            said = [p for p in agreeing if _one_party(holder_of(p), mine)]
            if own:
                last_own = max(as_of(p.claim) or date.min for p in own)
                later = [
                    p
                    for p in said
                    if (as_of(p.claim) or date.min) > last_own
                    and (p.similarity or 0.0) >= self.config.same_claim_similarity
                ]
                if later:
                    reading.notes.append(
                        f"{mine} {self._opposes_text(claim, own[0].claim)} on {_date_text(last_own)}, but said it "
                        f"again later: {self._cite_claim(later[-1].claim)}"
                    )
                    return
                conflicts = own
            elif said:
                reading.notes.append(
                    f"{mine} is quoted the same way in the coverage, but "
                    + "; ".join(
                        f"{self._cite_claim(p.claim)} {self._opposes_text(claim, p.claim)}"
                        for p in conflicts[:2]
                    )
                )
                reading.excluded.update(p.claim.id for p in conflicts)
                return
        reading.excluded.update(p.claim.id for p in conflicts)
        conflicts.sort(key=lambda p: (-(as_of(p.claim) or date.min).toordinal(), -(p.similarity or 0.0)))
        shown = conflicts[:3]
        text = "; ".join(
            f"{self._cite_claim(p.claim)} {self._opposes_text(claim, p.claim)}: {_quote(p.claim.text)}"
            for p in shown
        )
        if mine and _one_party(holder_of(shown[0]), mine):
            text = f"The draft quotes {mine}, but {text}"
        text = _upper_first(text) + "."
        cues = tuple(c for p in shown for c in p.claim.certainty.cues[:1]) or tuple(claim.certainty.cues[:1])
        matches = tuple(self._match(p, Relation.CONTRADICTS) for p in conflicts)
        reading.conflicts.append((VerdictType.NEGATION, matches, text, cues))

    # ---- who did it ----------------------------------------------------------------------------
    def agency(
        self, claim: Claim, comparable: Sequence[PriorClaim], mine: str | None, reading: _Reading
    ) -> None:
        """Who-did-it statements that say what the draft says: the same party, its part asserted or
        denied alike, in a related sentence (of the holder the draft quotes, when it quotes one)."""
        wanted = [s for s in self.agency_of.get(claim.id, ()) if not s.doubt]
        if not wanted:
            return
        for prior in comparable:
            if (
                prior.claim.id in reading.excluded
                or (prior.similarity or 0.0) < self.config.related_similarity
            ):
                continue
            if mine and not _one_party(self.names.claim_holder(prior.claim), mine):
                continue
            if any(
                (a.key <= b.key or b.key <= a.key) and a.negative == b.negative and a.cause == b.cause
                for a in wanted
                for b in self.coverage_agency.get(prior.claim.id, ())
                if not b.doubt
            ):
                reading.support.setdefault(prior.claim.id, prior)

    def _party_clash(self, claim: Claim, other: Claim) -> bool:
        """Whether ``other`` takes the other side on a party the draft names (its part asserted where
        the draft denies it, or denied where the draft asserts it), however firmly."""
        return any(
            (a.key <= b.key or b.key <= a.key) and a.negative != b.negative
            for a in self.agency_of.get(claim.id, ())
            for b in self.coverage_agency.get(other.id, ())
            if not (a.doubt or b.doubt)
        )

    def _other_cause(self, claim: Claim, other: Claim) -> bool:
        """Whether ``other`` names another party as the cause than ``claim`` does, one of them leaving no
        room for the other ("a misfired rocket" against "an air strike by X")."""
        mine = [s for s in self.agency_of.get(claim.id, ()) if s.cause and not s.negative]
        theirs = [s for s in self.coverage_agency.get(other.id, ()) if s.cause and not s.negative]
        return any(not (a.key & b.key) and (a.exclusive or b.exclusive) for a in mine for b in theirs)

    def _opposes(self, claim: Claim, other: Claim, sim: float) -> bool:
        neg, pos = (claim, other) if claim.certainty.polarity is Polarity.NEGATIVE else (other, claim)
        if pos.certainty.level not in (Certainty.CERTAIN, Certainty.PROBABLE) or pos.certainty.denial:
            return False
        if neg.certainty.denial:
            if sim < self.config.negation_similarity:
                return False
            denied = denied_stems(neg)
            if not (
                _overlap(denied, stems(pos.text))
                or (neg.focus and _overlap(_content_stems(neg.focus), _content_stems(pos.text)))
            ):
                return False  # "police deny looting" is about looting, whatever else is similar
            if neg.categories and not set(neg.categories) & set(pos.categories):
                return False  # a denial about troops is not about arms shipments
            if any(rejected in neg.categories for _, rejected in pos.contrasts):
                return False  # "civilians, not troops" agrees with a denial that troops were sent
            return True
        return sim >= self.config.related_similarity and _overlap(negated_stems(neg.text), stems(pos.text))

    @staticmethod
    def _opposes_text(draft: Claim, prior: Claim) -> str:
        if prior.certainty.polarity is Polarity.NEGATIVE:
            verb = "denies" if prior.certainty.denial else "negates"
            cue = ", ".join(f"“{c}”" for c in prior.certainty.cues[:2])
            return f"{verb} ({cue}) what the draft asserts" if cue else f"{verb} what the draft asserts"
        if draft.certainty.polarity is Polarity.NEGATIVE:
            return "asserts what the draft " + ("denies" if draft.certainty.denial else "negates")
        return "takes the opposite side on who was involved"

    # ---- categories -----------------------------------------------------------------------------
    def categories(self, claim: Claim, related: Sequence[PriorClaim], reading: _Reading) -> None:
        asserted = self.rules._asserted(claim)
        mine = self.names.claim_holder(claim)
        conflicts: list[tuple[PriorClaim, str, str]] = []
        agreeing: list[PriorClaim] = []
        for prior in related:
            other = prior.claim
            sim = prior.similarity or 0.0
            if sim < self.settings.counter_similarity:
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
            if hit is None and sim >= self.config.category_similarity:
                for group in sorted(set(asserted) & set(theirs)):
                    if asserted[group] == theirs[group]:
                        continue
                    if (group == "casualty" and self.rules._same_count(claim, other)) or (
                        sim >= self.settings.same_proposition_similarity
                    ):
                        hit = (asserted[group], theirs[group])
                        break
            if hit is not None:
                conflicts.append((prior, *hit))
            elif any(asserted.get(g) == theirs[g] for g in theirs) and sim >= self.config.category_similarity:
                agreeing.append(prior)
        if not conflicts:
            return
        reading.excluded.update(p.claim.id for p, _, _ in conflicts)
        holder_of = lambda p: self.names.claim_holder(p.claim)  # noqa: E731
        if mine:
            own = [c for c in conflicts if _one_party(holder_of(c[0]), mine)]
            own_agree = [p for p in agreeing if _one_party(holder_of(p), mine)]
            # The holder's latest word counts: a category it has since moved away from is no conflict.
            last_own = max((as_of(p.claim) or date.min for p, _, _ in own), default=date.min)
            if own_agree and (not own or max(as_of(p.claim) or date.min for p in own_agree) > last_own):
                reading.notes.append(
                    f"{mine} is quoted the same way in the coverage"
                    + (f" (and said otherwise earlier, on {_date_text(last_own)})" if own else "")
                    + ", but "
                    + "; ".join(
                        f"{self._cite_claim(p.claim)} says {theirs_cat}" for p, _, theirs_cat in conflicts[:2]
                    )
                )
                return
            if own:
                conflicts = own
        shown = conflicts[:3]
        text = "; ".join(
            f"the draft says {ours}, but {self._cite_claim(p.claim)} says {theirs}: {_quote(p.claim.text)}"
            for p, ours, theirs in shown
        )
        backing = [p for p in agreeing if p.claim.id not in reading.excluded]
        if backing:
            text += (
                f". {_upper_first(self._cite_claim(backing[0].claim))} says {shown[0][1]} as the draft does"
            )
        text = _upper_first(text) + "."
        matches = tuple(self._match(p, Relation.CONTRADICTS) for p, _, _ in conflicts) + tuple(
            self._match(p, Relation.SUPPORTS) for p in backing
        )
        reading.conflicts.append((VerdictType.CATEGORY, matches, text, (shown[0][1], shown[0][2])))

    # ---- the verdict ----------------------------------------------------------------------------
    def judge(self, claim: Claim, priors: Sequence[PriorClaim]) -> ClaimVerdict:
        ordered = sorted(priors, key=lambda p: (-(p.similarity or 0.0), p.claim.id))
        comparable = [p for p in ordered if _same_period(claim, p.claim)]
        related = [p for p in comparable if (p.similarity or 0.0) >= self.config.related_similarity]
        similarity = {p.claim.id: p.similarity or 0.0 for p in ordered}
        self.current = {p.claim.id: p for p in ordered}
        allowed = {cid for cid, c in self.coverage.items() if _same_period(claim, c)}
        reading = _Reading()
        self.figures(claim, allowed, similarity, reading)
        self.negations(claim, comparable, reading)
        self.categories(claim, related, reading)
        self.agency(claim, comparable, self.names.claim_holder(claim), reading)
        for prior in related:
            if (
                prior.claim.id in reading.excluded
                or (prior.similarity or 0.0) < self.config.same_claim_similarity
            ):
                continue
            if _other_day(claim, prior.claim):
                continue  # the same words about another day ("the March 15 marches") state something else
            if self._party_clash(claim, prior.claim):
                continue  # "X denied it" is no support for "Y denied it" when it names X as the cause
            if prior.claim.certainty.polarity is not claim.certainty.polarity:
                continue  # a sentence with a negation anywhere states something else: no false comfort
            if prior.claim.certainty.denial and not claim.certainty.denial:
                continue
            reading.support.setdefault(prior.claim.id, prior)
        support = sorted(reading.support.values(), key=lambda p: (-(p.similarity or 0.0), p.claim.id))
        nearby = [self._match(p, Relation.RELATED) for p in related]

        if reading.conflicts:
            order = (VerdictType.NUMBER, VerdictType.NEGATION, VerdictType.CATEGORY)
            kind, against, text, values = min(reading.conflicts, key=lambda c: order.index(c[0]))
            others = [c[2] for c in reading.conflicts if c[2] != text]
            if others:
                text += " Also: " + " ".join(others)
            return self._verdict(claim, Verdict.CONTRADICTED, kind, text, against, nearby, values)
        if reading.outdated:
            matches, text, values = reading.outdated[0]
            return self._verdict(claim, Verdict.OUTDATED, VerdictType.NUMBER, text, matches, nearby, values)
        if not related and not reading.figure_support and not reading.disputed and not reading.beyond:
            return self._no_coverage(claim, comparable)

        mine = self.names.claim_holder(claim)
        figure_claims = {m.prior.claim.id for m in reading.figure_support}
        # The holder the draft quotes, as quoted on the point: its sentences that state the same (a
        # negation elsewhere in them, "a rocket and not an air strike", is no reason to leave them out;
        # one that negates the draft's claim was set apart above).
        pool = [
            p
            for p in related
            if mine
            and p.claim.id not in reading.excluded
            and (
                p.claim.id in figure_claims
                or (
                    (p.similarity or 0.0) >= self.config.same_claim_similarity
                    and _one_party(self.names.claim_holder(p.claim), mine)
                )
            )
        ]
        pool += [p for p in support if p not in pool and mine and p.claim.id in figure_claims]
        pool = pool or support
        if pool:
            rank = claim.certainty.level.rank
            strongest = max(pool, key=lambda p: (p.claim.certainty.level.rank, p.similarity or 0.0))
            weakest = min(pool, key=lambda p: (p.claim.certainty.level.rank, -(p.similarity or 0.0)))
            whose = f"{mine}, as quoted in the coverage," if pool is not support else "the matching coverage"
            if rank > strongest.claim.certainty.level.rank:
                text = (
                    f"The draft states it as {_level(claim)}; {whose} says at most "
                    f"{strongest.claim.certainty.level.value}: {self._cite_claim(strongest.claim)} says "
                    f"{_level(strongest.claim)}: {_quote(strongest.claim.text)}."
                )
                return self._verdict(
                    claim,
                    Verdict.OVERSTATED,
                    VerdictType.MODALITY,
                    text,
                    tuple(self._match(p, Relation.SUPPORTS) for p in pool),
                    nearby,
                    (claim.certainty.level.value, strongest.claim.certainty.level.value),
                )
        if reading.disputed:
            matches, text, values = reading.disputed[0]
            return self._verdict(
                claim, Verdict.UNATTRIBUTED, VerdictType.ATTRIBUTION, text, matches, nearby, values
            )
        unattributed = self._unattributed(claim, support, reading, nearby)
        if unattributed is not None:
            return unattributed
        if pool and claim.certainty.level.rank < weakest.claim.certainty.level.rank:
            text = (
                f"The draft hedges it as {_level(claim)}; {whose} is firmer: {self._cite_claim(weakest.claim)} "
                f"says {_level(weakest.claim)}: {_quote(weakest.claim.text)}."
            )
            return self._verdict(
                claim,
                Verdict.UNDERSTATED,
                VerdictType.MODALITY,
                text,
                tuple(self._match(p, Relation.SUPPORTS) for p in pool),
                nearby,
                (claim.certainty.level.value, weakest.claim.certainty.level.value),
            )
        if reading.beyond:
            matches, text, values = reading.beyond[0]
            return self._verdict(
                claim, Verdict.NO_PRIOR_COVERAGE, VerdictType.NUMBER, text, matches, nearby, values
            )
        if support:
            best = support[0]
            text = f"Consistent with {len(support)} prior claim{'s' if len(support) != 1 else ''}"
            outlets = sorted({p.claim.outlet or p.claim.article for p in support})
            text += f" in {len(outlets)} outlet{'s' if len(outlets) != 1 else ''}"
            if reading.agreeing_figures:
                text += ": " + "; ".join(reading.agreeing_figures[:2])
            else:
                text += f", closest {self._cite_claim(best.claim)}: {_quote(best.claim.text)}"
            text += "."
            if reading.notes:
                text += " Note: " + "; ".join(reading.notes) + "."
            matches = tuple(reading.figure_support) + tuple(
                self._match(p, Relation.SUPPORTS) for p in support
            )
            return self._verdict(claim, Verdict.SUPPORTED, VerdictType.AGREEMENT, text, matches, nearby, ())
        return self._no_coverage(claim, related)

    def _unattributed(
        self, claim: Claim, support: Sequence[PriorClaim], reading: _Reading, nearby: Sequence[Match]
    ) -> ClaimVerdict | None:
        if self.names.claim_holder(claim) or any(q.source for q in claim.quantities) or not support:
            return None
        figure_holders = {m.prior.claim.id: m.holder for m in reading.figure_support}
        holders = [figure_holders.get(p.claim.id, self.names.claim_holder(p.claim)) for p in support]
        if any(h is None for h in holders):
            return None  # some outlet states it as fact
        parties: list[str] = []
        for name in holders:
            if name and not any(same_side(name, party) for party in parties):
                parties.append(name)
        if len(parties) != 1:
            return None
        outlets = sorted({p.claim.outlet or p.claim.article for p in support})
        text = (
            f"The draft states this in its own voice, but the coverage only attributes it to {parties[0]} "
            f"({len(support)} claim{'s' if len(support) != 1 else ''} in {', '.join(outlets)}); no outlet "
            f"states it as fact. Closest: {self._cite_claim(support[0].claim)}: {_quote(support[0].claim.text)}. "
            "Attribute it in the draft."
        )
        matches = tuple(self._match(p, Relation.SUPPORTS) for p in support)
        return self._verdict(
            claim, Verdict.UNATTRIBUTED, VerdictType.ATTRIBUTION, text, matches, nearby, (parties[0],)
        )

    def _no_coverage(self, claim: Claim, nearest: Sequence[PriorClaim]) -> ClaimVerdict:
        if nearest:
            best = nearest[0]
            text = (
                f"No prior claim states this; the closest (similarity {best.similarity or 0.0:.2f}) is "
                f"{self._cite_claim(best.claim)}: {_quote(best.claim.text)}."
            )
        else:
            text = "No prior claim is about this."
        matches = tuple(self._match(p, Relation.RELATED) for p in nearest)
        return self._verdict(claim, Verdict.NO_PRIOR_COVERAGE, VerdictType.COVERAGE, text, matches, (), ())

    def _verdict(
        self,
        claim: Claim,
        verdict: Verdict,
        kind: VerdictType,
        text: str,
        deciding: Sequence[Match],
        nearby: Sequence[Match],
        values: tuple[str, ...],
    ) -> ClaimVerdict:
        # The statements that decided the verdict (each sentence-and-figure once, at most twice
        # ``matches``), then nearby sentences not listed yet, up to ``matches`` in all.
        matches: list[Match] = []
        for match in deciding:
            listed = [m for m in matches if m.prior.claim.id == match.prior.claim.id]
            if len(matches) < 2 * self.config.matches and not any(
                m.value == match.value or match.value is None for m in listed
            ):
                matches.append(match)
        for match in nearby:
            if len(matches) < self.config.matches and all(
                m.prior.claim.id != match.prior.claim.id for m in matches
            ):
                matches.append(match)
        return ClaimVerdict(
            claim=claim,
            verdict=verdict,
            type=kind,
            explanation=text,
            matches=tuple(matches),
            values=values,
        )


def judge_draft(
    claims: Sequence[Claim],
    priors: Sequence[Sequence[PriorClaim]],
    *,
    coverage: Sequence[PriorClaim] | None = None,
    config: CheckConfig | None = None,
    settings: Config | None = None,
    lexicon: Lexicon,
) -> tuple[tuple[ClaimVerdict, ...], tuple[NotChecked, ...]]:
    """The verdicts on the draft's statements and the sentences not checked, each in draft order.

    ``priors[i]`` holds the coverage claims retrieved for ``claims[i]`` (with their similarity);
    ``coverage`` every claim of the coverage articles to read statements from (their figures take
    their measure and place from the sentences around them), by default the retrieved ones.
    ``settings`` supplies the similarities the sentence rules use.
    """
    if len(priors) != len(claims):
        raise ValueError(f"{len(priors)} lists of prior claims for {len(claims)} draft claims")
    found: dict[str, PriorClaim] = {}
    for prior in (*(coverage or ()), *(p for row in priors for p in row)):
        found.setdefault(prior.claim.id, PriorClaim(prior.claim, None, prior.path, prior.title))
    ordered = sorted((p.claim for p in found.values()), key=lambda c: (c.article, c.sentence))
    judge = _Judge(config or CheckConfig(), settings or Config(), lexicon, claims, ordered, found)
    for row in priors:
        for prior in row:
            judge.story[prior.claim.id] = max(judge.story.get(prior.claim.id, 0.0), prior.similarity or 0.0)
    verdicts: list[ClaimVerdict] = []
    skipped: list[NotChecked] = []
    for claim, retrieved in zip(claims, priors, strict=True):
        reason = judge.unchecked(claim)
        if reason is not None:
            skipped.append(NotChecked(claim, reason))
        else:
            verdicts.append(judge.judge(claim, retrieved))
    return tuple(verdicts), tuple(skipped)


def judge_claims(
    claims: Sequence[Claim],
    priors: Sequence[Sequence[PriorClaim]],
    *,
    coverage: Sequence[PriorClaim] | None = None,
    config: CheckConfig | None = None,
    settings: Config | None = None,
    lexicon: Lexicon,
) -> tuple[ClaimVerdict, ...]:
    """The verdicts of :func:`judge_draft` alone (sentences not checked are left out)."""
    return judge_draft(claims, priors, coverage=coverage, config=config, settings=settings, lexicon=lexicon)[
        0
    ]
