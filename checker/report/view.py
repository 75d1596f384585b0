"""What every human-readable renderer shows, computed once from a Report.

The terminal, Markdown and HTML renderers differ only in layout: which subjects come first, what each
outlet said on each date, how a figure or a certainty reads. Those choices live here so that the formats
agree with each other and with the JSON.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from checker.models import (
    Article,
    Certainty,
    Claim,
    Finding,
    FindingKind,
    FindingType,
    Polarity,
    Quantity,
    Report,
    Role,
    Side,
    Subject,
    TimelineEntry,
)

UNKNOWN_OUTLET = "unknown outlet"
UNATTRIBUTED = "unattributed"
NO_CLAIMS = (
    "No claims were found: no article that was read states a checkable figure, certainty or category. "
    "Check the skipped inputs above, or add articles about the same story."
)
KIND_ORDER = {kind: i for i, kind in enumerate(FindingKind)}


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One claim with the fields every report shows, resolved from its article and timeline entry."""

    claim: Claim
    article: Article | None
    outlet: str
    published: date | None
    when: date | None  # the event date, else the publication date: the x axis of a timeline
    source: str
    certainty: Certainty
    polarity: Polarity
    denial: bool
    figure: str | None
    value: float | None
    echo_of: str | None
    echo_label: str | None = None  # "Coastal Wire, 2024-10-16": whom an echo copies

    @property
    def certainty_label(self) -> str:
        return certainty_label(self.certainty, self.polarity, self.denial)

    @property
    def figure_label(self) -> str | None:
        return figure_label(self.figure, self.value)


@dataclass(frozen=True, slots=True)
class SubjectView:
    subject: Subject
    number: int  # 1-based position in the report's display order
    claims: tuple[ClaimView, ...]
    findings: tuple[Finding, ...]
    timeline: tuple[TimelineEntry, ...]

    @property
    def conflicts(self) -> int:
        return sum(1 for f in self.findings if f.kind is FindingKind.CONFLICT)

    @property
    def conflict_claims(self) -> frozenset[str]:
        return frozenset(c for f in self.findings if f.kind is FindingKind.CONFLICT for c in f.claims)

    @property
    def has_figures(self) -> bool:
        return any(c.figure_label for c in self.claims)

    @property
    def has_unfigured(self) -> bool:
        return any(c.value is None for c in self.claims)

    def finding_counts(self) -> tuple[tuple[FindingKind, int], ...]:
        counts = Counter(f.kind for f in self.findings)
        return tuple((kind, counts[kind]) for kind in FindingKind if counts[kind])


@dataclass(frozen=True, slots=True)
class ReportView:
    report: Report
    articles_ok: tuple[Article, ...]
    articles_skipped: tuple[Article, ...]
    subjects: tuple[SubjectView, ...]
    claims: dict[str, ClaimView]
    loose_findings: tuple[Finding, ...]  # findings not tied to a subject of the report
    outlets: tuple[str, ...]
    disputes: tuple[DisputeView, ...] = ()  # ranked: what matters most first
    updates: tuple[UpdateView, ...] = ()
    shifts: tuple[UpdateView, ...] = ()
    quiet: tuple[Finding, ...] = ()  # agreements and echoes: counted, detailed only when verbose

    @property
    def conflicts(self) -> int:
        return sum(1 for f in self.report.findings if f.kind is FindingKind.CONFLICT)

    def conflicts_by_type(self) -> tuple[tuple[FindingType, int], ...]:
        counts = Counter(f.type for f in self.report.findings if f.kind is FindingKind.CONFLICT)
        return tuple((t, counts[t]) for t in FindingType if counts[t])

    def other_finding_counts(self) -> tuple[tuple[FindingKind, int], ...]:
        counts = Counter(f.kind for f in self.report.findings if f.kind is not FindingKind.CONFLICT)
        return tuple((kind, counts[kind]) for kind in FindingKind if counts[kind])

    def article_rows(self) -> tuple[tuple[Article, int], ...]:
        """Articles read, by date, outlet and path, with how many claims each gave."""
        per_article = Counter(c.article for c in self.report.claims)
        ordered = sorted(
            self.articles_ok, key=lambda a: (_date_key(a.published), a.outlet or UNKNOWN_OUTLET, a.path)
        )
        return tuple((a, per_article[a.id]) for a in ordered)

    def shown_subjects(self, *, verbose: bool) -> tuple[SubjectView, ...]:
        """Subjects with a conflict; every subject when verbose."""
        return tuple(s for s in self.subjects if verbose or s.conflicts)

    def summary_line(self) -> str:
        return (
            f"{plural(len(self.articles_ok), 'article')} read, {len(self.articles_skipped)} skipped"
            f" · {plural(len(self.report.claims), 'claim')}"
            f" · {plural(len(self.report.subjects), 'subject')}"
            f" · {plural(len(self.disputes), 'dispute')}"
        )

    def findings_line(self) -> str:
        """'5 disputes (2 number, 1 negation) · 4 updates · 1 shift'."""
        by_type = ", ".join(f"{n} {t.value}" for t, n in self.conflicts_by_type())
        line = plural(len(self.disputes), "dispute") + (f" ({by_type})" if by_type else "")
        return f"{line} · {plural(len(self.updates), 'update')} · {plural(len(self.shifts), 'shift')}"

    def quiet_line(self, *, verbose: bool) -> str:
        """'Agreements and echoes: 3 agreements, 1 echo (details with --verbose)'."""
        counts = Counter(f.kind for f in self.quiet)
        parts = [plural(counts[k], k.value) for k in (FindingKind.AGREEMENT, FindingKind.ECHO) if counts[k]]
        tail = "" if verbose or not self.quiet else " (details with --verbose)"
        return f"Agreements and echoes: {', '.join(parts) or 'none'}{tail}"

    def subject_title(self, subject_id: str | None) -> str | None:
        for s in self.subjects:
            if s.subject.id == subject_id:
                return subject_title(s)
        return None


def build_view(report: Report) -> ReportView:
    """Resolve every claim, order subjects (most conflicts first, then report order) and their findings."""
    articles = {a.id: a for a in report.articles}
    entries: dict[str, TimelineEntry] = {}
    timelines: dict[str, tuple[TimelineEntry, ...]] = {}
    for subject_id, subject_entries in report.timelines:
        timelines[subject_id] = tuple(subject_entries)
        for entry in subject_entries:
            entries.setdefault(entry.claim, entry)
    claims = {c.id: _claim_view(c, articles.get(c.article), entries.get(c.id)) for c in report.claims}
    for cid, view in claims.items():
        if view.echo_of is not None:
            original = claims.get(view.echo_of)
            label = f"{original.outlet}, {date_label(original.published)}" if original else view.echo_of
            claims[cid] = replace(view, echo_label=label)

    subject_ids = {s.id for s in report.subjects}
    by_subject: dict[str, list[Finding]] = {}
    loose: list[Finding] = []
    for finding in report.findings:
        if finding.subject in subject_ids:
            by_subject.setdefault(finding.subject, []).append(finding)
        else:
            loose.append(finding)

    def ordered(findings: list[Finding]) -> tuple[Finding, ...]:
        return tuple(sorted(findings, key=lambda f: KIND_ORDER[f.kind]))  # stable: report order within kind

    drafts = []
    for index, subject in enumerate(report.subjects):
        subject_claims = tuple(
            sorted(
                (claims[cid] for cid in subject.claims if cid in claims),
                key=lambda v: (_date_key(v.published), v.outlet, v.claim.start, v.claim.id),
            )
        )
        findings = ordered(by_subject.get(subject.id, []))
        conflicts = sum(1 for f in findings if f.kind is FindingKind.CONFLICT)
        drafts.append((-conflicts, index, subject, subject_claims, findings))
    drafts.sort(key=lambda d: (d[0], d[1]))
    subjects = tuple(
        SubjectView(subject, n, subject_claims, findings, timelines.get(subject.id, ()))
        for n, (_, _, subject, subject_claims, findings) in enumerate(drafts, start=1)
    )
    ok = tuple(a for a in report.articles if a.ok)
    outlets = tuple(sorted({v.outlet for v in claims.values()} | {a.outlet or UNKNOWN_OUTLET for a in ok}))
    of = {kind: [f for f in report.findings if f.kind is kind] for kind in FindingKind}
    return ReportView(
        report=report,
        articles_ok=ok,
        articles_skipped=tuple(a for a in report.articles if not a.ok),
        subjects=subjects,
        claims=claims,
        loose_findings=ordered(loose),
        outlets=outlets,
        disputes=rank_disputes([dispute_view(f, claims) for f in of[FindingKind.CONFLICT]]),
        updates=tuple(update_view(f, claims) for f in of[FindingKind.UPDATE]),
        shifts=tuple(update_view(f, claims) for f in of[FindingKind.SHIFT]),
        quiet=tuple(of[FindingKind.AGREEMENT] + of[FindingKind.ECHO]),
    )


def _claim_view(claim: Claim, article: Article | None, entry: TimelineEntry | None) -> ClaimView:
    published = claim.published or (article.published if article else None)
    outlet = claim.outlet or (article.outlet if article else None) or UNKNOWN_OUTLET
    if entry is not None:
        figure, value = entry.figure, entry.value
    elif claim.quantities:
        figure, value = claim.quantities[0].text, claim.quantities[0].value
    else:
        figure, value = None, None
    return ClaimView(
        claim=claim,
        article=article,
        outlet=outlet,
        published=published,
        when=claim.event_date or published,
        source=claim.attribution.original or UNATTRIBUTED,
        certainty=claim.certainty.level,
        polarity=claim.certainty.polarity,
        denial=claim.certainty.denial,
        figure=figure,
        value=value,
        echo_of=claim.echo_of,
    )


def _date_key(value: date | None) -> tuple[int, str]:
    return (1, "") if value is None else (0, value.isoformat())


def outlet_date_grid(
    subject: SubjectView,
) -> tuple[tuple[date | None, ...], tuple[tuple[str, tuple[tuple[ClaimView, ...], ...]], ...]]:
    """What each outlet said on each publication date: (dates, rows of (outlet, cells)); undated last."""
    dates = tuple(sorted({v.published for v in subject.claims}, key=_date_key))
    outlets = sorted({v.outlet for v in subject.claims})
    rows = []
    for outlet in outlets:
        cells = tuple(
            tuple(v for v in subject.claims if v.outlet == outlet and v.published == day) for day in dates
        )
        rows.append((outlet, cells))
    return dates, tuple(rows)


def certainty_label(level: Certainty, polarity: Polarity, denial: bool = False) -> str:
    """'probable', or 'certain, denial' / 'possible, negative' for a negative claim."""
    if polarity is Polarity.NEGATIVE:
        return f"{level.value}, {'denial' if denial else 'negative'}"
    return level.value


def format_value(value: float) -> str:
    """12 -> '12', 4000 -> '4,000', 2.5 -> '2.5'."""
    if not math.isfinite(value):
        return str(value)
    if abs(value - round(value)) <= 1e-9 * max(1.0, abs(value)):
        value = float(round(value))  # 3,300,000.0000000005 from an interval's arithmetic reads 3,300,000
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) < 1e15 else f"{value:.6g}"


def figure_label(figure: str | None, value: float | None) -> str | None:
    """The figure as written, with its value when the words differ ('Nineteen (19)')."""
    if figure is None and value is None:
        return None
    if value is None:
        return figure
    number = format_value(value)
    if figure is None:
        return number
    if number in figure or number.replace(",", "") in figure.replace(",", ""):
        return figure
    return f"{figure} ({number})"


def date_label(value: date | None) -> str:
    return value.isoformat() if value else "undated"


_PLURALS = {"echo": "echoes"}


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {_PLURALS.get(word, word + 's')}"


def finding_label(finding: Finding) -> str:
    """'CONFLICT · number', or just 'ECHO' when kind and type say the same thing."""
    if finding.kind.value == finding.type.value:
        return finding.kind.value.upper()
    return f"{finding.kind.value.upper()} · {finding.type.value}"


def counts_phrase(counts: tuple[tuple[FindingKind, int], ...]) -> str:
    """'2 disputes, 1 shift, 2 updates' (kinds in their fixed order; a conflict is called a dispute)."""
    return ", ".join(
        plural(n, "dispute" if kind is FindingKind.CONFLICT else kind.value) for kind, n in counts
    )


def one_line(text: str) -> str:
    """Collapse whitespace (line breaks in a quote) and drop control characters that could drive a
    terminal (ANSI escapes) or break a table row."""
    cleaned = "".join(ch if ch.isprintable() or ch in " \t\n\r" else " " for ch in text)
    return " ".join(cleaned.split())


def said_in_cell(claim: ClaimView, *, figures: bool = True) -> str:
    """One claim in an outlet x date cell: '19 · certain · hospital officials (echo)'."""
    parts = [claim.figure_label or "no figure"] if figures else []
    parts += [claim.certainty_label, claim.source]
    notes = []
    if claim.claim.role is Role.HEADLINE:
        notes.append("headline")
    if claim.echo_of:
        notes.append("echo")
    return " · ".join(parts) + (f" ({', '.join(notes)})" if notes else "")


# ---- disputes, updates and what each format shows first ----------------------------------------------

GLYPHS = {
    Certainty.CERTAIN: "●",
    Certainty.PROBABLE: "◐",
    Certainty.POSSIBLE: "○",
    Certainty.UNKNOWN: "◌",
}
DENIAL_GLYPH = "✕"
LEGEND = "● certain  ◐ probable  ○ possible  ◌ unknown  ✕ denial  ━ range  ◀ ▶ open end"
TITLE_LIMIT = 80
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_STEPS_CUE = " as the story developed: "
_PLACE = re.compile(r"^[^:;()→]{1,60}: ")
_OWN_VOICE = " (own voice)"
_LOG_RATIO = 20.0  # figures spanning more than this factor are drawn on a log scale
_OPEN_ROOM = 0.15  # share of the axis added beyond the figures when a range is open there


def trim(text: str, limit: int = TITLE_LIMIT) -> str:
    """One line of at most ``limit`` characters, cut at a word with '…' when longer; no closing stop."""
    text = one_line(text).rstrip(" .;:,")
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–-") + "…"


def short_name(name: str, limit: int = 24) -> str:
    """An outlet or holder for a narrow column: 'News in France (newsinfrance.com), English …' -> 'News in
    France'; '(own voice)' stays, as it says the outlet speaks for itself."""
    name = one_line(name)
    own = name.endswith(_OWN_VOICE)
    base = name.removesuffix(_OWN_VOICE) if own else name
    if len(base) > limit:
        for mark in (" (", ", ", " - ", " – "):
            head = base.split(mark, 1)[0]
            if 3 <= len(head) < len(base):
                base = head
                break
    base = trim(base, limit)
    return f"{base}{_OWN_VOICE}" if own else base


def holder_key(name: str) -> str:
    """Who a holder is, for counting independent holders: case, 'the' and '(own voice)' aside."""
    key = one_line(name).lower().removesuffix(_OWN_VOICE)
    key = re.sub(r"^(the|a|an)\s+", "", key)
    return key.replace("’", "'")


def range_label(low: float | None, high: float | None) -> str:
    """'3,600–4,400', 'up to 12,000', '13,000 or more', '6.8'; '' when nothing is known."""
    low = low if low is not None and math.isfinite(low) else None
    high = high if high is not None and math.isfinite(high) else None
    if low is None and high is None:
        return ""
    if low is None:
        return f"up to {format_value(high)}"  # type: ignore[arg-type]
    if high is None:
        return f"{format_value(low)} or more"
    if low == high:
        return format_value(low)
    return f"{format_value(low)}–{format_value(high)}"


def _letter(index: int) -> str:
    return _LETTERS[index] if index < len(_LETTERS) else f"S{index + 1}"


@dataclass(frozen=True, slots=True)
class SideView:
    """One position of a dispute, with its claims resolved; ``missing`` are claim ids not in the report."""

    letter: str
    index: int
    side: Side
    claims: tuple[ClaimView, ...]
    missing: tuple[str, ...]
    denial: bool  # its claims deny or negate: drawn with an ✕

    @property
    def value(self) -> str:
        return one_line(self.side.value)

    @property
    def range(self) -> str:
        return range_label(self.side.low, self.side.high)

    @property
    def range_note(self) -> str:
        """The interval when the words alone do not give it ('1,152,000–1,408,000' for 'an estimated 1.28
        million'); '' when the value already reads as its interval ('6.8')."""
        rng = self.range
        if not rng or rng.replace(",", "") in self.value.replace(",", ""):
            return ""
        return rng

    @property
    def says(self) -> str:
        """The value, with its interval when the words alone do not give it."""
        return f"{self.value} [{self.range_note}]" if self.range_note else self.value

    @property
    def holders_label(self) -> str:
        return "; ".join(one_line(h) for h in self.side.holders) or UNATTRIBUTED

    @property
    def outlets_label(self) -> str:
        return "; ".join(one_line(o) for o in self.side.outlets) or UNKNOWN_OUTLET

    @property
    def certainty_label(self) -> str:
        return f"{self.side.certainty.value}, denial" if self.denial else self.side.certainty.value

    @property
    def notes(self) -> str:
        """'1,152,000–1,408,000; certain': what the value does not already say."""
        notes = [self.range_note, self.certainty_label]
        return "; ".join(n for n in notes if n and n not in self.value)


@dataclass(frozen=True, slots=True)
class Statement:
    """One row of a dispute's timeline: who said it, where and when, on which side, with which figure."""

    when: date | None
    outlet: str
    holder: str
    side: SideView
    claim: ClaimView
    says: str
    value: float | None
    low: float | None
    high: float | None
    open_low: bool
    open_high: bool
    certainty: Certainty
    denial: bool

    @property
    def glyph(self) -> str:
        return DENIAL_GLYPH if self.denial else GLYPHS[self.certainty]

    @property
    def certainty_label(self) -> str:
        return f"{self.certainty.value}, denial" if self.denial else self.certainty.value

    @property
    def range(self) -> str:
        if self.value is None and self.low is None and self.high is None:
            return ""
        low = None if self.open_low else self.low
        high = None if self.open_high else self.high
        return range_label(low, high)

    @property
    def range_note(self) -> str:
        """The interval when the words alone do not give it; '' when they do ('6.8')."""
        rng = self.range
        return "" if not rng or rng.replace(",", "") in self.says.replace(",", "") else rng


@dataclass(frozen=True, slots=True)
class Scale:
    """Where a figure sits on a dispute's axis, 0 (left) to 1 (right); log when figures span orders."""

    low: float
    high: float
    log: bool
    least: float | None = None  # the smallest and largest figure drawn (the axis may reach beyond them)
    most: float | None = None

    def at(self, value: float) -> float:
        if self.high == self.low:
            return 0.5
        if self.log:
            lo, hi, v = math.log10(self.low), math.log10(self.high), math.log10(max(value, self.low))
        else:
            lo, hi, v = self.low, self.high, value
        return min(1.0, max(0.0, (v - lo) / (hi - lo)))

    @property
    def labels(self) -> tuple[str, str]:
        """The smallest and largest figure, for the axis's ends."""
        least = self.low if self.least is None else self.least
        most = self.high if self.most is None else self.most
        return format_value(least), format_value(most)


@dataclass(frozen=True, slots=True)
class Span:
    """A statement drawn on a track: ``start``..``end`` (0..1) and the marker at ``mark``."""

    start: float
    end: float
    mark: float
    open_low: bool
    open_high: bool

    @property
    def is_range(self) -> bool:
        return self.end - self.start > 1e-9 or self.open_low or self.open_high


@dataclass(frozen=True, slots=True)
class DisputeView:
    number: int  # 1-based rank
    finding: Finding
    title: str
    sides: tuple[SideView, ...]
    statements: tuple[Statement, ...]  # the timeline, by date (undated last)
    holders: int  # independent holders across sides
    outlets: int
    latest: date | None
    gap: float  # 0..1: how far apart the sides are
    scale: Scale | None  # a figure axis when the dispute is about figures
    first_said: str  # the two-line summary: who said what first ...
    moved: str  # ... and who moved

    @property
    def type(self) -> FindingType:
        return self.finding.type

    def span(self, statement: Statement) -> Span:
        """Where a statement is drawn: on the figure axis, else in its side's lane."""
        if self.scale is None or (
            statement.value is None and statement.low is None and statement.high is None
        ):
            lanes = max(1, len(self.sides))
            centre = (statement.side.index + 0.5) / lanes
            return Span(centre, centre, centre, False, False)
        s = self.scale
        value = statement.value
        low = statement.low if statement.low is not None else value
        high = statement.high if statement.high is not None else value
        start = 0.0 if statement.open_low or low is None else s.at(low)
        end = 1.0 if statement.open_high or high is None else s.at(high)
        if value is None:
            value = low if low is not None else high
        mark = s.at(value) if value is not None else (start + end) / 2
        return Span(min(start, end), max(start, end), mark, statement.open_low, statement.open_high)


@dataclass(frozen=True, slots=True)
class UpdateView:
    """An update chain (or a certainty shift): its title, one line per place, and its claims in order."""

    finding: Finding
    title: str
    lines: tuple[str, ...]
    claims: tuple[ClaimView, ...]
    missing: tuple[str, ...]


def finding_headline(finding: Finding, claims: dict[str, ClaimView]) -> str:
    """A finding's readable title: the judge's ("Death toll, Turkey, 2023-02-06"), else its shortest claim."""
    if finding.title and finding.title.strip():
        return trim(finding.title)
    views = [claims[c] for c in finding.claims if c in claims]
    return representative(views) or f"Finding {finding.id}"


def representative(views: Sequence[ClaimView]) -> str | None:
    """The shortest claim that says something (four words or more, not an echo), trimmed; None if none."""
    if not views:
        return None
    originals = [v for v in views if v.echo_of is None] or list(views)
    wordy = [v for v in originals if len(v.claim.text.split()) >= 4] or originals
    best = min(wordy, key=lambda v: (len(one_line(v.claim.text)), v.claim.id))
    return trim(best.claim.text)


def subject_title(subject: SubjectView) -> str:
    """A subject by its shortest representative claim (never the clustering's keyword label)."""
    return representative(subject.claims) or trim(subject.subject.label)


def _pairwise_position(finding: Finding, claim: ClaimView | None, index: int) -> str:
    """What a claim of a finding without sides says, for its side's value."""
    if finding.type is FindingType.NEGATION and claim is not None:
        negative = claim.polarity is Polarity.NEGATIVE or claim.denial
        return "denies or negates it" if negative else "asserts it"
    if finding.type is FindingType.MODALITY and claim is not None:
        return f"states it as {claim.certainty.value}"
    if index < len(finding.values) and len(finding.values) == len(finding.claims):
        return one_line(finding.values[index])
    if claim is not None and claim.figure_label:
        return claim.figure_label
    return f"position {index + 1}"


def finding_sides(finding: Finding, claims: dict[str, ClaimView]) -> tuple[Side, ...]:
    """The finding's sides; a pairwise finding (no sides) gets one side per position of its claims."""
    if finding.sides:
        return finding.sides
    grouped: dict[str, list[str]] = {}
    for i, cid in enumerate(finding.claims):
        grouped.setdefault(_pairwise_position(finding, claims.get(cid), i), []).append(cid)
    sides = []
    for value, ids in grouped.items():
        views = [claims[c] for c in ids if c in claims]
        dates = sorted(v.published for v in views if v.published)
        figure = _figure(views[0].claim, value) if views else None
        holders: list[str] = []
        for v in views:
            if v.echo_of is None and v.source not in holders:
                holders.append(v.source)
        sides.append(
            Side(
                value=value,
                claims=tuple(ids),
                holders=tuple(holders) or tuple(dict.fromkeys(v.source for v in views)),
                outlets=tuple(sorted({v.outlet for v in views})),
                certainty=max((v.certainty for v in views), key=lambda c: c.rank, default=Certainty.CERTAIN),
                low=figure.low if figure and finding.type is FindingType.NUMBER else None,
                high=figure.high if figure and finding.type is FindingType.NUMBER else None,
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
            )
        )
    return tuple(sides)


def _figure(claim: Claim, says: str) -> Quantity | None:
    """The claim's figure that a side's value names ('1.28 million' of '1.28 million / 1.3 million')."""
    wanted = {one_line(part).lower() for part in says.split(" / ")}
    for q in claim.quantities:
        if one_line(q.text).lower() in wanted:
            return q
    for q in claim.quantities:
        if any(one_line(q.text).lower() in w or w in one_line(q.text).lower() for w in wanted if w):
            return q
    return None


def _holder_for(claim: ClaimView, side: Side) -> str:
    """Which of a side's holders a claim speaks for: the outlet itself for an unattributed claim, its own
    source, else a holder its sentence names (one sentence may give two sides, each from its own holder),
    else the side's first holder."""
    holders = [one_line(h) for h in side.holders]
    if claim.source == UNATTRIBUTED:
        return f"{claim.outlet}{_OWN_VOICE}"  # the outlet speaks for itself
    own = holder_key(claim.source)
    if own:
        for h in holders:
            if holder_key(h) == own:
                return h
    text = holder_key(claim.claim.text)
    named = [h for h in holders if re.search(rf"\b{re.escape(holder_key(h))}\b", text)]
    if named:
        return max(named, key=len)
    if own:
        for h in holders:
            if own in holder_key(h) or holder_key(h) in own:
                return h
    return holders[0] if holders else claim.source


def _statements(finding: Finding, sides: tuple[SideView, ...]) -> tuple[Statement, ...]:
    rows = []
    numeric = finding.type is FindingType.NUMBER
    for sv in sides:
        for view in sv.claims:
            figure = _figure(view.claim, sv.side.value) if numeric else None
            if figure is not None:
                says, value = figure.text, _finite(figure.value)
                low, high = _finite(figure.low), _finite(figure.high)
                open_low, open_high = low is None, high is None
            elif numeric and (sv.side.low is not None or sv.side.high is not None):
                says, value = sv.value, None
                low, high = _finite(sv.side.low), _finite(sv.side.high)
                open_low, open_high = low is None, high is None
            else:
                says, value, low, high, open_low, open_high = sv.value, None, None, None, False, False
            negative = view.denial or view.polarity is Polarity.NEGATIVE
            rows.append(
                Statement(
                    when=view.published,
                    outlet=view.outlet,
                    holder=_holder_for(view, sv.side),
                    side=sv,
                    claim=view,
                    says=one_line(says),
                    value=value,
                    low=low,
                    high=high,
                    open_low=open_low,
                    open_high=open_high,
                    certainty=view.certainty,
                    denial=negative,
                )
            )
    rows.sort(
        key=lambda r: (_date_key(r.when), r.outlet, r.side.index, r.claim.claim.start, r.claim.claim.id)
    )
    return tuple(rows)


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _scale(finding: Finding, statements: Sequence[Statement], sides: Sequence[SideView]) -> Scale | None:
    if finding.type is not FindingType.NUMBER:
        return None
    values = [v for s in statements for v in (s.value, s.low, s.high) if v is not None]
    values += [v for sv in sides for v in (_finite(sv.side.low), _finite(sv.side.high)) if v is not None]
    if not values:
        return None
    low, high = min(values), max(values)
    # an open end needs room beyond the last figure, to show that it goes on
    open_low = any(s.open_low for s in statements)
    open_high = any(s.open_high for s in statements)
    if low > 0 and high / low > _LOG_RATIO:
        room = (high / low) ** _OPEN_ROOM
        return Scale(low / room if open_low else low, high * room if open_high else high, True, low, high)
    if low == high:
        pad = abs(low) * 0.1 or 1.0
        return Scale(low - pad, high + pad, False, low, high)
    room = (high - low) * _OPEN_ROOM
    return Scale(low - room if open_low else low, high + room if open_high else high, False, low, high)


def _gap(finding: Finding, sides: Sequence[SideView]) -> float:
    """How far apart the sides are, 0..1: the spread of the figures relative to the largest; for
    certainty, the levels apart; a denial or a contrasting category is a full gap."""
    if finding.type is FindingType.NUMBER:
        bounds = [b for s in sides for b in (_finite(s.side.low), _finite(s.side.high)) if b is not None]
        if len(bounds) < 2:
            return 0.0
        low, high = min(bounds), max(bounds)
        top = max(abs(low), abs(high))
        return (high - low) / top if top else 0.0
    if finding.type is FindingType.MODALITY:
        ranks = [s.side.certainty.rank for s in sides]
        return (max(ranks) - min(ranks)) / 3 if ranks else 0.0
    return 1.0


def _names(names: Sequence[str], limit: int = 2) -> str:
    shown = [short_name(n, 40) for n in names[:limit]]
    more = len(names) - limit
    return ", ".join(shown) + (f" +{more}" if more > 0 else "")


def _first_said(sides: Sequence[SideView]) -> str:
    """'First, on 2025-03-04: 6.8 (National Seismological Institute); then, undated: 7.1 (...).'"""
    ordered = sorted(sides, key=lambda s: (_date_key(s.side.first), s.index))
    groups: list[tuple[date | None, list[SideView]]] = []
    for s in ordered:
        if groups and groups[-1][0] == s.side.first:
            groups[-1][1].append(s)
        else:
            groups.append((s.side.first, [s]))
    parts = []
    shown = 0
    for n, (day, members) in enumerate(groups):
        when = f"on {day.isoformat()}" if day else "undated"
        said = "; ".join(f"{trim(m.value, 40)} ({_names(m.side.holders)})" for m in members[:3])
        if len(members) > 3:
            said += f"; {len(members) - 3} more"
        parts.append(f"{'First' if n == 0 else 'then'}, {when}: {said}")
        shown += len(members)
        if n == 1 and len(groups) > 2:
            rest = sum(len(m) for _, m in groups[2:])
            parts.append(f"then {plural(rest, 'more side')}")
            break
    return "; ".join(parts) + "."


def _positions(statements: Sequence[Statement], key: str) -> list[tuple[str, list[tuple[int, date | None]]]]:
    """Per holder (or outlet): the sides it took, each with the first date it took it, in date order."""
    by: dict[str, dict[int, date | None]] = {}
    names: dict[str, str] = {}
    for s in statements:
        name = s.holder if key == "holder" else s.outlet
        k = holder_key(name) if key == "holder" else name
        names.setdefault(k, name)
        seen = by.setdefault(k, {})
        if s.side.index not in seen or _date_key(s.when) < _date_key(seen[s.side.index]):
            seen[s.side.index] = s.when
    return [
        (names[k], sorted(per_side.items(), key=lambda kv: (_date_key(kv[1]), kv[0])))
        for k, per_side in by.items()
        if len(per_side) > 1
    ]


def _moved(statements: Sequence[Statement], sides: Sequence[SideView]) -> str:
    """Who changed position: a holder, or failing that an outlet, on two sides at different dates; a
    holder giving two positions at once is said too. Else which side was stated last."""

    def value(i: int) -> str:
        return trim(sides[i].value, 30)

    found = []
    for name, order in _positions(statements, "holder"):
        days = {d for _, d in order}
        if len(days) == 1 or None in days:
            found.append(f"{short_name(name, 40)} gave both {' and '.join(value(i) for i, _ in order[:3])}")
        else:
            steps = " to ".join(f"{value(i)} ({date_label(d)})" for i, d in order)
            found.append(f"{short_name(name, 40)} moved from {steps}")
    if not any(" moved from " in f for f in found):
        for name, order in _positions(statements, "outlet"):
            if len({d for _, d in order}) > 1 and None not in {d for _, d in order}:
                steps = ", then ".join(f"{value(i)} ({date_label(d)})" for i, d in order)
                found.append(f"{short_name(name)} carried {steps}")
    if found:
        more = len(found) - 3
        return "Moved: " + "; ".join(found[:3]) + (f"; {more} more" if more > 0 else "") + "."
    dated = [s for s in sides if s.side.last is not None]
    if not dated:
        return "No one changed position; no side is dated."
    latest = max(s.side.last for s in dated if s.side.last is not None)
    last = [s for s in dated if s.side.last == latest]
    said = "; ".join(f"{trim(s.value, 40)} ({_names(s.side.holders)})" for s in last[:3])
    return f"No one changed position; latest, on {latest.isoformat()}: {said}."


def dispute_view(finding: Finding, claims: dict[str, ClaimView], number: int = 0) -> DisputeView:
    """A conflict finding as a dispute: its sides resolved, its timeline, its rank keys and summary."""
    raw_sides = finding_sides(finding, claims)
    sides = []
    for i, side in enumerate(raw_sides):
        views = tuple(claims[c] for c in side.claims if c in claims)
        missing = tuple(c for c in side.claims if c not in claims)
        denial = bool(views) and all(v.denial or v.polarity is Polarity.NEGATIVE for v in views)
        sides.append(SideView(_letter(i), i, side, views, missing, denial))
    sides_t = tuple(sides)
    statements = _statements(finding, sides_t)
    holders = {holder_key(h) for s in sides_t for h in s.side.holders}
    holders |= {holder_key(r.holder) for r in statements}
    outlets = {o for s in sides_t for o in s.side.outlets} | {r.outlet for r in statements}
    lasts = [d for s in sides_t for d in (s.side.last, s.side.first) if d is not None]
    return DisputeView(
        number=number,
        finding=finding,
        title=finding_headline(finding, claims),
        sides=sides_t,
        statements=statements,
        holders=len(holders),
        outlets=len(outlets),
        latest=max(lasts) if lasts else None,
        gap=_gap(finding, sides_t),
        scale=_scale(finding, statements, sides_t),
        first_said=_first_said(sides_t) if sides_t else "",
        moved=_moved(statements, sides_t) if sides_t else "",
    )


def rank_disputes(disputes: Sequence[DisputeView]) -> tuple[DisputeView, ...]:
    """Most independent holders first, then the most recent, then the widest gap; report order last."""
    order = sorted(
        enumerate(disputes),
        key=lambda item: (
            -item[1].holders,
            -(item[1].latest.toordinal() if item[1].latest else 0),
            -item[1].gap,
            item[0],
        ),
    )
    return tuple(replace(d, number=n) for n, (_, d) in enumerate(order, start=1))


def update_view(finding: Finding, claims: dict[str, ClaimView]) -> UpdateView:
    """An update or shift: its steps per place ('overall: 23 (X, date) → 61 (Y, date)'), else its
    explanation as one line."""
    text = one_line(finding.explanation)
    lines: tuple[str, ...] = (text,)
    if _STEPS_CUE in text:
        rest = text.split(_STEPS_CUE, 1)[1].rstrip(".")
        places: list[str] = []
        for part in rest.split("; "):
            if places and not _PLACE.match(part):
                places[-1] += "; " + part
            else:
                places.append(part)
        lines = tuple(places)
    return UpdateView(
        finding=finding,
        title=finding_headline(finding, claims),
        lines=lines,
        claims=tuple(claims[c] for c in finding.claims if c in claims),
        missing=tuple(c for c in finding.claims if c not in claims),
    )


def finding_refs(view: ReportView) -> dict[str, str]:
    """Where each finding is shown: 'dispute 2', 'update 1', 'shift 1', 'agreement F12'."""
    refs = {d.finding.id: f"dispute {d.number}" for d in view.disputes}
    refs |= {u.finding.id: f"update {n}" for n, u in enumerate(view.updates, start=1)}
    refs |= {s.finding.id: f"shift {n}" for n, s in enumerate(view.shifts, start=1)}
    refs |= {f.id: f"{f.kind.value} {f.id}" for f in view.quiet}
    return refs
