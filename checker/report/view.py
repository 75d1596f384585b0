"""What every human-readable renderer shows, computed once from a Report.

The terminal, Markdown and HTML renderers differ only in layout: which subjects come first, what each
outlet said on each date, how a figure or a certainty reads. Those choices live here so that the formats
agree with each other and with the JSON.
"""

from __future__ import annotations

import math
from collections import Counter
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
    Report,
    Role,
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
            f" · {plural(self.conflicts, 'conflict')}"
        )


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
    return ReportView(
        report=report,
        articles_ok=ok,
        articles_skipped=tuple(a for a in report.articles if not a.ok),
        subjects=subjects,
        claims=claims,
        loose_findings=ordered(loose),
        outlets=outlets,
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


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def finding_title(finding: Finding) -> str:
    """'CONFLICT · number', or just 'ECHO' when kind and type say the same thing."""
    if finding.kind.value == finding.type.value:
        return finding.kind.value.upper()
    return f"{finding.kind.value.upper()} · {finding.type.value}"


def counts_phrase(counts: tuple[tuple[FindingKind, int], ...]) -> str:
    """'1 shift, 2 updates' (kinds in their fixed order)."""
    return ", ".join(plural(n, kind.value) for kind, n in counts)


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
