"""The one typed data model passed between pipeline stages.

Every object is a frozen dataclass; closed vocabularies are enums. Offsets are character offsets:
``Claim.start``/``Claim.end`` index into ``Article.text`` (the cleaned text shown in reports), and
``Claim.source_start``/``Claim.source_end`` index into the decoded original input (the file's text, or the
main text extracted from an HTML page, or a record's ``text`` field).

Embeddings never live on claims: they travel as a numpy array whose rows line up with a tuple of claims.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Certainty(StrEnum):
    """How firmly the source commits to a claim (FactBank-style), strongest first."""

    CERTAIN = "certain"
    PROBABLE = "probable"
    POSSIBLE = "possible"
    UNKNOWN = "unknown"

    @property
    def rank(self) -> int:
        """3 for certain down to 0 for unknown."""
        return {"certain": 3, "probable": 2, "possible": 1, "unknown": 0}[self.value]


class Polarity(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class Scope(StrEnum):
    """Whether a figure counts everything, a part so far, or is not marked either way."""

    TOTAL = "total"
    PART = "part"
    UNMARKED = "unmarked"


class AttributionKind(StrEnum):
    NAMED = "named"  # a named source in the sentence
    RESOLVED = "resolved"  # a pronoun or role resolved to the last named speaker
    ROLE = "role"  # an unnamed role ("an official", "the ministry")
    UNATTRIBUTED = "unattributed"


class Role(StrEnum):
    """Where a sentence stands in its article."""

    HEADLINE = "headline"
    BODY = "body"
    BACKGROUND = "background"  # bullet lists of dated background events
    QUOTE = "quote"  # a sentence that is a direct quotation


class FindingKind(StrEnum):
    CONFLICT = "conflict"
    SHIFT = "shift"
    UPDATE = "update"
    ECHO = "echo"
    AGREEMENT = "agreement"


class FindingType(StrEnum):
    NUMBER = "number"
    MODALITY = "modality"
    CATEGORY = "category"
    NEGATION = "negation"
    ECHO = "echo"
    AGREEMENT = "agreement"


class ArticleStatus(StrEnum):
    OK = "ok"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in a cleaned text back to the original text.

    ``segments`` holds ``(clean_start, original_start, length)`` runs in increasing order; characters
    of the cleaned text that were inserted (a space standing for a removed line break) map to the
    original position of the next run.
    """

    segments: tuple[tuple[int, int, int], ...] = ()

    def to_source(self, offset: int) -> int:
        """Original offset of cleaned offset ``offset`` (end offsets map to one past the last char)."""
        if not self.segments:
            return offset
        i = bisect.bisect_right(self.segments, offset, key=lambda segment: segment[0]) - 1
        if i < 0:
            return self.segments[0][1]
        clean_start, orig_start, length = self.segments[i]
        if offset <= clean_start + length:
            return orig_start + (offset - clean_start)
        if i + 1 < len(self.segments):
            return self.segments[i + 1][1]
        return orig_start + length


@dataclass(frozen=True, slots=True)
class Article:
    """One input document after ingest. A skipped input has status SKIPPED, a reason and no text."""

    id: str
    path: str
    status: ArticleStatus
    text: str = ""
    source_text: str = ""
    outlet: str | None = None
    published: date | None = None
    title: str | None = None
    url: str | None = None
    reason: str | None = None
    format: str | None = None
    encoding: str | None = None
    offset_map: OffsetMap = field(default_factory=OffsetMap)
    removed_lines: int = 0

    @property
    def ok(self) -> bool:
        return self.status is ArticleStatus.OK

    @property
    def status_label(self) -> str:
        return "ok" if self.ok else f"skipped: {self.reason}"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article's cleaned text, with its offsets there."""

    article: str
    index: int
    text: str
    start: int
    end: int
    role: Role = Role.BODY


# Frames that name an outcome for people (see Quantity.measure).
OUTCOME_FRAMES = frozenset({"kill", "injure", "missing", "arrest", "evacuate"})


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure in a claim, read as an interval.

    ``low``/``high`` are the bounds (None for unbounded); ``*_open`` says whether a bound is excluded
    ("more than 5" is (5, None) with low_open). ``start``/``end`` index into the claim's text.
    """

    text: str
    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False
    approximate: bool = False
    vague: bool = False
    qualifier: str | None = None
    unit: str | None = None
    unit_class: str | None = None
    frame: str | None = None
    scope: Scope = Scope.UNMARKED
    planned: bool = False  # promised/expected/planned rather than done
    source: str | None = None  # a per-figure source when a sentence sets two sources side by side

    def describe(self) -> str:
        return self.text

    @property
    def measure(self) -> str | None:
        """What the figure measures, for comparing figures: unit class (or unit), frame, planned.

        Frames that name an outcome for people count the same whatever the noun: "six servicemen were
        killed" and "six fatalities" are both ``outcome/kill``.
        """
        if self.frame in OUTCOME_FRAMES and self.unit_class not in ("buildings", "places", "vessels", "time"):
            return f"outcome/{self.frame}{'/planned' if self.planned else ''}"
        unit = self.unit_class or self.unit
        if unit is None:
            return None
        return f"{unit}/{self.frame or '-'}{'/planned' if self.planned else ''}"


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who asserts a claim, with the cue that says so. ``chain`` runs outermost first
    (outlet <- agency <- official): the last element is the original source."""

    source: str | None
    kind: AttributionKind
    cue: str | None = None
    chain: tuple[str, ...] = ()

    @property
    def original(self) -> str | None:
        return self.chain[-1] if self.chain else self.source


@dataclass(frozen=True, slots=True)
class CertaintyReading:
    level: Certainty
    polarity: Polarity
    cues: tuple[str, ...] = ()
    denial: bool = False  # the sentence reports a source denying/rejecting someone else's claim


@dataclass(frozen=True, slots=True)
class TimeMention:
    text: str
    start: int
    end: int
    resolved: date | None


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence that asserts something checkable, with everything the rule layer read from it."""

    id: str
    article: str
    sentence: int
    text: str
    start: int
    end: int
    source_start: int
    source_end: int
    role: Role = Role.BODY
    quantities: tuple[Quantity, ...] = ()
    certainty: CertaintyReading = field(
        default_factory=lambda: CertaintyReading(Certainty.CERTAIN, Polarity.POSITIVE)
    )
    attribution: Attribution = field(default_factory=lambda: Attribution(None, AttributionKind.UNATTRIBUTED))
    categories: tuple[str, ...] = ()
    contrasts: tuple[tuple[str, str], ...] = ()  # (asserted, rejected) category pairs: "X, not Y"
    alternatives: tuple[str, ...] = ()  # "X or Y": either category, undecided
    times: tuple[TimeMention, ...] = ()
    event_date: date | None = None
    published: date | None = None
    outlet: str | None = None
    subject: str | None = None
    echo_of: str | None = None  # id of the earlier claim this one copies
    focus: str | None = None  # the clause a denial or doubt applies to, when narrower than the sentence


@dataclass(frozen=True, slots=True)
class Subject:
    id: str
    label: str
    claims: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Side:
    """One position in a dispute: the value it takes and every statement that takes it.

    ``value`` is what the side says (a figure as written, a category, "denies"); ``low``/``high`` the
    interval of a figure side. ``holders`` are the independent holders (echoes folded), ``claims`` the
    sentences that take this position, ``first``/``last`` the first and last date it was stated.
    """

    value: str
    claims: tuple[str, ...]
    holders: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    certainty: Certainty = Certainty.CERTAIN
    low: float | None = None
    high: float | None = None
    first: date | None = None
    last: date | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    kind: FindingKind
    type: FindingType
    subject: str | None
    claims: tuple[str, ...]
    explanation: str
    values: tuple[str, ...] = ()
    sides: tuple[Side, ...] = ()  # a dispute's positions; claims on one side agree
    title: str | None = None  # what is disputed or updated: the measure and its event


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    claim: str
    article: str
    outlet: str | None
    published: date | None
    event_date: date | None
    source: str | None
    certainty: Certainty
    polarity: Polarity
    figure: str | None
    value: float | None
    echo_of: str | None = None


@dataclass(frozen=True, slots=True)
class Report:
    schema_version: str
    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    subjects: tuple[Subject, ...]
    findings: tuple[Finding, ...]
    timelines: tuple[tuple[str, tuple[TimelineEntry, ...]], ...] = ()
    config: tuple[tuple[str, object], ...] = ()
    model: str | None = None
    sentences: int = 0

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def claim_index(self) -> dict[str, Claim]:
        return {claim.id: claim for claim in self.claims}
