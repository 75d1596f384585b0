"""The terminal report: a compact summary, then each subject with conflicts, in at most 100 columns.

Plain text only (no colour codes), so the same output reads in a terminal, a log or a ``.txt`` file.
Article text is cleaned of control characters first, so a hostile article cannot drive the terminal.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from tabulate import tabulate

from checker.models import Finding, Report
from checker.report.view import (
    NO_CLAIMS,
    UNKNOWN_OUTLET,
    ClaimView,
    ReportView,
    SubjectView,
    build_view,
    counts_phrase,
    date_label,
    finding_title,
    one_line,
    outlet_date_grid,
    plural,
    said_in_cell,
)

WIDTH = 100
INDENT = "  "
_GAP = 2  # tabulate's "simple" format puts two spaces between columns
_MIN_DATE_COLUMN = 18  # narrower than this, an outlet x date grid turns into a list of rows


def render_table(report: Report, *, verbose: bool = False) -> str:
    """The report as plain text for a 100-column terminal; ``verbose`` shows every subject and claim."""
    view = build_view(report)
    out: list[str] = []
    out += _wrap(f"checker report: {view.summary_line()}")
    out.append("")
    out += _articles(view)
    out += _findings_summary(view)
    out += _subjects_summary(view, verbose=verbose)
    if not report.claims:
        out += ["", *_wrap(NO_CLAIMS)]
    for subject in view.shown_subjects(verbose=verbose):
        out += _subject(view, subject, verbose=verbose)
    if view.loose_findings:
        out += _heading("Findings without a subject")
        for finding in view.loose_findings:
            out += _finding(view, finding)
    if verbose:
        out += _settings(view)
    while out and not out[-1]:
        out.pop()
    return "\n".join(line.rstrip() for line in out) + "\n"


def _wrap(text: str, *, indent: str = "", subsequent: str | None = None, width: int = WIDTH) -> list[str]:
    lines = textwrap.wrap(
        one_line(text),
        width=width,
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_long_words=True,
        break_on_hyphens=True,
    )
    return lines or [indent.rstrip()]


def _cell(text: str, width: int) -> str:
    """Wrap one table cell; paragraphs separated by a blank line stay separate."""
    paragraphs = text.split("\n\n")
    return "\n\n".join("\n".join(_wrap(p, width=width)) for p in paragraphs)


def _fit(natural: Sequence[int], minimum: Sequence[int], budget: int) -> list[int]:
    """Column widths that sum to at most ``budget``: shrink the widest column, one char at a time."""
    widths = [max(n, m) for n, m in zip(natural, minimum, strict=True)]
    while sum(widths) > budget:
        shrinkable = [i for i, w in enumerate(widths) if w > minimum[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: (widths[i], -i))
        widths[widest] -= 1
    return widths


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], minimum: Sequence[int]) -> list[str]:
    """A tabulate table, indented, every cell wrapped so that no line is wider than WIDTH."""
    budget = WIDTH - len(INDENT) - _GAP * (len(headers) - 1)
    natural = [
        max([len(h) + 2] + [max((len(x) for x in one_line(r[i]).split("\n")), default=0) for r in rows])
        for i, h in enumerate(headers)
    ]
    widths = _fit(natural, minimum, budget)
    wrapped_headers = [_cell(h, max(1, w - 2)) for h, w in zip(headers, widths, strict=True)]
    wrapped_rows = [[_cell(c, w) for c, w in zip(row, widths, strict=True)] for row in rows]
    text = tabulate(wrapped_rows, headers=wrapped_headers, tablefmt="simple", disable_numparse=True)
    return [INDENT + line for line in text.split("\n")]


def _heading(title: str) -> list[str]:
    lines = _wrap(title)
    return ["", *lines, "=" * min(WIDTH, max(len(line) for line in lines))]


def _articles(view: ReportView) -> list[str]:
    out = [f"Articles read: {len(view.articles_ok)}"]
    if view.articles_ok:
        rows = [
            [date_label(a.published), a.outlet or UNKNOWN_OUTLET, str(n), a.title or "(no title)", a.path]
            for a, n in view.article_rows()
        ]
        out += _table(["Published", "Outlet", "Claims", "Title", "File"], rows, [10, 10, 6, 16, 14])
    out.append(f"Skipped: {len(view.articles_skipped)}")
    for article in view.articles_skipped:
        out += _wrap(
            f"{article.path}: {article.reason or 'no reason recorded'}", indent=INDENT, subsequent=INDENT * 3
        )
    out.append("")
    return out


def _findings_summary(view: ReportView) -> list[str]:
    conflicts = view.conflicts_by_type()
    out = [f"Conflicts: {view.conflicts}"]
    if conflicts:
        out += _table(["Type", "Count"], [[t.value, str(n)] for t, n in conflicts], [8, 5])
    others = view.other_finding_counts()
    if others:
        out += _wrap(f"Other findings: {counts_phrase(others)}")
    out.append("")
    return out


def _subjects_summary(view: ReportView, *, verbose: bool) -> list[str]:
    shown = view.shown_subjects(verbose=verbose)
    with_conflicts = sum(1 for s in view.subjects if s.conflicts)
    out = [f"Subjects: {len(view.subjects)} ({with_conflicts} with conflicts)"]
    quiet = [s for s in view.subjects if not s.finding_counts()]
    for subject in view.subjects:
        if subject in quiet and not verbose:
            continue
        counts = counts_phrase(subject.finding_counts()) or "no findings"
        claims = plural(len(subject.claims), "claim")
        marker = "" if subject in shown else " (details with --verbose)"
        out += _wrap(
            f"{subject.number}. {subject.subject.label}: {claims}; {counts}{marker}",
            indent=INDENT,
            subsequent=INDENT * 3,
        )
    if quiet and not verbose:
        out += _wrap(
            f"{plural(len(quiet), 'more subject')} with no findings (list them with --verbose)", indent=INDENT
        )
    return out


def _subject(view: ReportView, subject: SubjectView, *, verbose: bool) -> list[str]:
    counts = counts_phrase(subject.finding_counts()) or "no findings"
    out = _heading(
        f"{subject.number}. {subject.subject.label} ({plural(len(subject.claims), 'claim')}; {counts})"
    )
    for finding in subject.findings:
        out += _finding(view, finding)
    if subject.claims:
        what = "figure · certainty · source" if subject.has_figures else "certainty · source"
        out += ["", f"What each outlet said ({what}), by publication date:"]
        out += _grid(subject)
    if verbose and subject.claims:
        out += ["", "Claims:"]
        for claim in subject.claims:
            out += _quote(claim, detail=True)
    return out


def _finding(view: ReportView, finding: Finding) -> list[str]:
    out = [""]
    out += _wrap(f"[{finding_title(finding)}] {finding.explanation}", subsequent=INDENT * 2)
    if finding.values:
        out += _wrap("values: " + " vs ".join(finding.values), indent=INDENT * 2)
    for claim_id in finding.claims:
        claim = view.claims.get(claim_id)
        if claim is None:
            out += _wrap(f"(claim {claim_id} is not in the report)", indent=INDENT * 2)
        else:
            out += _quote(claim)
    return out


def _quote(claim: ClaimView, *, detail: bool = False) -> list[str]:
    said = f"{claim.outlet}, {date_label(claim.published)}"
    about = [claim.source, claim.certainty_label]
    if claim.figure_label:
        about.insert(0, claim.figure_label)
    if claim.echo_of:
        about.append(f"echo of {claim.echo_label}")
    lines = _wrap(f"“{claim.claim.text}”", indent=INDENT * 2, subsequent=INDENT * 2 + " ")
    lines += _wrap(f"— {said} ({'; '.join(about)})", indent=INDENT * 3, subsequent=INDENT * 4)
    if detail:
        a = claim.claim.attribution
        extra = [f"id {claim.claim.id}", f"role {claim.claim.role.value}"]
        if a.chain:
            extra.append("via " + " <- ".join(a.chain))
        if claim.claim.certainty.cues:
            extra.append("cues: " + ", ".join(claim.claim.certainty.cues))
        if claim.claim.categories:
            extra.append("categories: " + ", ".join(claim.claim.categories))
        lines += _wrap("; ".join(extra), indent=INDENT * 3, subsequent=INDENT * 4)
    return lines


def _cell_text(claims: Sequence[ClaimView], *, figures: bool) -> str:
    return "\n\n".join(said_in_cell(c, figures=figures) for c in claims)


def _grid(subject: SubjectView) -> list[str]:
    dates, rows = outlet_date_grid(subject)
    outlet_width = min(18, max(len("Outlet") + 2, *(len(one_line(o)) for o, _ in rows)))
    budget = WIDTH - len(INDENT) - outlet_width - _GAP * len(dates)
    if dates and budget // len(dates) >= _MIN_DATE_COLUMN:
        table_rows = [
            [outlet, *(_cell_text(cell, figures=subject.has_figures) for cell in cells)]
            for outlet, cells in rows
        ]
        return _table(
            ["Outlet", *(date_label(d) for d in dates)], table_rows, [10] + [_MIN_DATE_COLUMN] * len(dates)
        )
    # too many dates for one row per outlet: one row per outlet and date
    long_rows = [
        [date_label(day), outlet, c.figure_label or "no figure", c.certainty_label, c.source]
        for day in dates
        for outlet, cells in rows
        for c in cells[dates.index(day)]
    ]
    return _table(["Published", "Outlet", "Figure", "Certainty", "Source"], long_rows, [10, 10, 10, 10, 10])


def _settings(view: ReportView) -> list[str]:
    report = view.report
    out = _heading("Settings")
    out += _wrap(
        f"schema {report.schema_version}; model {report.model or 'none'}; {report.sentences} sentences"
    )
    if report.config:
        out += _table(["Setting", "Value"], [[k, str(v)] for k, v in report.config], [10, 10])
    return out
