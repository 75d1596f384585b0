"""The terminal report: what matters first, in at most 100 columns.

Disputes come first, ranked (most independent holders, then the most recent, then the widest gap), each
with its sides, a timeline drawn across outlets (a figure's range as a bar, certainty and denials as
markers) and who said what first and who moved; then updates and certainty shifts; agreements and echoes
are counted, and shown with ``--verbose`` together with every subject and the settings.

Plain text only (no colour codes), so the same output reads in a terminal, a log or a ``.txt`` file.
Article text is cleaned of control characters first, so a hostile article cannot drive the terminal.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from tabulate import tabulate

from checker.models import Finding, Report
from checker.report.view import (
    LEGEND,
    NO_CLAIMS,
    UNKNOWN_OUTLET,
    ClaimView,
    DisputeView,
    ReportView,
    SideView,
    Statement,
    SubjectView,
    UpdateView,
    build_view,
    counts_phrase,
    date_label,
    finding_label,
    finding_refs,
    one_line,
    outlet_date_grid,
    plural,
    said_in_cell,
    short_name,
    subject_title,
)

WIDTH = 100
INDENT = "  "
_GAP = 2  # tabulate's "simple" format puts two spaces between columns
_MIN_DATE_COLUMN = 18  # narrower than this, an outlet x date grid turns into a list of rows
QUOTES_SHOWN = 3  # quotes per side without --verbose
# the timeline's columns: date, outlet, holder, what the statement says, and the drawn track
_TIMELINE = (10, 14, 14, 22)
TRACK = WIDTH - 2 * len(INDENT) - sum(_TIMELINE) - _GAP * len(_TIMELINE)


def render_table(report: Report, *, verbose: bool = False) -> str:
    """The report as plain text for a 100-column terminal; ``verbose`` adds agreements, echoes, every
    subject with its claims, and the settings."""
    view = build_view(report)
    out: list[str] = []
    out += _wrap(f"checker report: {view.summary_line()}")
    out += _wrap(f"Findings: {view.findings_line()}")
    out += _wrap(view.quiet_line(verbose=verbose))
    out.append(f"Skipped: {len(view.articles_skipped)}")
    for article in view.articles_skipped:
        out += _wrap(
            f"{article.path}: {article.reason or 'no reason recorded'}", indent=INDENT, subsequent=INDENT * 3
        )
    if not report.claims:
        out += ["", *_wrap(NO_CLAIMS)]
    if view.disputes:
        out += _heading("Disputes: most independent holders first, then the most recent, the widest gap")
        for dispute in view.disputes:
            out += _dispute(dispute, verbose=verbose)
    if view.updates:
        out += _heading("Updates: running figures as the story developed")
        for n, update in enumerate(view.updates, start=1):
            out += _update(n, update, verbose=verbose)
    if view.shifts:
        out += _heading("Certainty shifts: one source, firmer or softer over time")
        for n, shift in enumerate(view.shifts, start=1):
            out += _update(n, shift, verbose=verbose)
    if verbose and view.quiet:
        out += _heading("Agreements and echoes")
        for finding in view.quiet:
            out += _finding(view, finding)
    out += _articles(view)
    if verbose:
        out += _subjects(view)
        out += _settings(view)
    elif view.subjects:
        out += ["", *_wrap(f"Subjects: {len(view.subjects)} (each with what every outlet said: --verbose)")]
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


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], minimum: Sequence[int], *, indent: str = INDENT
) -> list[str]:
    """A tabulate table, indented, every cell wrapped so that no line is wider than WIDTH."""
    budget = WIDTH - len(indent) - _GAP * (len(headers) - 1)
    natural = [
        max([len(h) + 2] + [max((len(x) for x in one_line(r[i]).split("\n")), default=0) for r in rows])
        for i, h in enumerate(headers)
    ]
    widths = _fit(natural, minimum, budget)
    wrapped_headers = [_cell(h, max(1, w - 2)) for h, w in zip(headers, widths, strict=True)]
    wrapped_rows = [[_cell(c, w) for c, w in zip(row, widths, strict=True)] for row in rows]
    text = tabulate(wrapped_rows, headers=wrapped_headers, tablefmt="simple", disable_numparse=True)
    return [indent + line for line in text.split("\n")]


def _heading(title: str, rule: str = "=") -> list[str]:
    lines = _wrap(title)
    return ["", *lines, rule * min(WIDTH, max(len(line) for line in lines))]


def _fixed(text: str, width: int) -> str:
    """``text`` in exactly ``width`` columns: cut with '…' or padded."""
    text = one_line(text)
    if len(text) > width:
        text = text[: width - 1] + "…"
    return text.ljust(width)


# ---- disputes ------------------------------------------------------------------------------------------


def _dispute(dispute: DisputeView, *, verbose: bool) -> list[str]:
    out = _heading(f"{dispute.number}. {dispute.title}", rule="-")
    facts = [
        dispute.type.value,
        plural(len(dispute.sides), "side"),
        plural(dispute.holders, "independent holder"),
        plural(dispute.outlets, "outlet"),
        f"latest {date_label(dispute.latest)}",
    ]
    out += _wrap(" · ".join(facts))
    out += _wrap(f"Why: {dispute.finding.explanation}", subsequent=INDENT * 2)
    out += ["", *_wrap(f"Timeline   {LEGEND}", indent=INDENT, subsequent=INDENT * 2)]
    out += _timeline(dispute)
    out += _wrap(dispute.first_said, indent=INDENT, subsequent=INDENT * 2)
    out += _wrap(dispute.moved, indent=INDENT, subsequent=INDENT * 2)
    for side in dispute.sides:
        out += _side(side, verbose=verbose)
    return out


def _timeline(dispute: DisputeView) -> list[str]:
    """One row per statement, by date: who said it where, and a track drawing it."""
    date_w, outlet_w, holder_w, says_w = _TIMELINE
    pad = " " * _GAP
    head = pad.join(
        [
            _fixed("Date", date_w),
            _fixed("Outlet", outlet_w),
            _fixed("Holder", holder_w),
            _fixed("Says", says_w),
        ]
    )
    lines = [INDENT * 2 + head + pad + _axis(dispute)]
    for s in dispute.statements:
        cells = [
            _fixed(date_label(s.when), date_w),
            _fixed(short_name(s.outlet, 40), outlet_w),
            _fixed(short_name(s.holder, 40), holder_w),
            _fixed(f"{s.side.letter} {s.says}", says_w),
        ]
        lines.append(INDENT * 2 + pad.join(cells) + pad + track(dispute, s, TRACK))
    if not dispute.statements:
        lines.append(INDENT * 2 + "(no statement of this dispute is in the report)")
    return lines


def _axis(dispute: DisputeView) -> str:
    """The track's header: the smallest and largest figure over their columns (and 'log scale'), or the
    side letters over their lanes."""
    cells = [" "] * TRACK
    if dispute.scale is not None:
        scale = dispute.scale
        low, high = scale.labels
        start = _col(scale.at(scale.least if scale.least is not None else scale.low), TRACK)
        end = _col(scale.at(scale.most if scale.most is not None else scale.high), TRACK) + 1
        start = min(start, max(0, TRACK - len(low) - len(high) - 1))
        end = max(end, start + len(low) + 1 + len(high))
        end = min(end, TRACK)
        cells[start : start + len(low)] = low
        cells[end - len(high) : end] = high
        gap = end - len(high) - (start + len(low))
        if scale.log and gap >= len("log scale") + 2:
            at = start + len(low) + (gap - len("log scale")) // 2
            cells[at : at + len("log scale")] = "log scale"
        return "".join(cells)[:TRACK]
    lanes = max(1, len(dispute.sides))
    for side in dispute.sides:
        at = min(TRACK - 1, int((side.index + 0.5) / lanes * TRACK))
        for i, ch in enumerate(side.letter):
            if at + i < TRACK:
                cells[at + i] = ch
    return "".join(cells)


def _col(x: float, width: int) -> int:
    return min(width - 1, max(0, round(x * (width - 1))))


def track(dispute: DisputeView, statement: Statement, width: int) -> str:
    """A statement drawn in ``width`` columns: '·' the axis, '━' its range, '◀'/'▶' an open end, and its
    certainty (or denial) marker at its figure, or in its side's lane when there is no figure."""
    span = dispute.span(statement)

    def col(x: float) -> int:
        return _col(x, width)

    cells = ["·"] * width
    if span.is_range:
        start, end = col(span.start), col(span.end)
        for i in range(start, end + 1):
            cells[i] = "━"
        if span.open_low:
            cells[0] = "◀"
        if span.open_high:
            cells[width - 1] = "▶"
    cells[col(span.mark)] = statement.glyph
    return "".join(cells)


def _side(side: SideView, *, verbose: bool) -> list[str]:
    """A side: what it says (its interval, its certainty), who holds it where and when, and its quotes."""
    notes = f" ({side.notes})" if side.notes else ""
    out = ["", *_wrap(f"{side.letter} {side.value}{notes}", indent=INDENT, subsequent=INDENT * 3)]
    out += _wrap(f"held by {side.holders_label}", indent=INDENT * 2 + " ", subsequent=INDENT * 3 + " ")
    first, last = side.side.first, side.side.last
    if first == last:
        dates = f"on {first.isoformat()}" if first else "undated"
    else:
        dates = f"first {date_label(first)}, last {date_label(last)}"
    out += _wrap(f"in {side.outlets_label}; {dates}", indent=INDENT * 2 + " ", subsequent=INDENT * 3 + " ")
    shown = side.claims if verbose else side.claims[:QUOTES_SHOWN]
    for claim in shown:
        out += _quote(claim, indent=INDENT * 2 + " ")
    hidden = len(side.claims) - len(shown)
    if hidden:
        out += _wrap(f"(+{plural(hidden, 'more quote')} with --verbose)", indent=INDENT * 2 + " ")
    for claim_id in side.missing:
        out += _wrap(f"(claim {claim_id} is not in the report)", indent=INDENT * 2 + " ")
    return out


# ---- updates, shifts and the quiet findings ------------------------------------------------------------


def _update(n: int, update: UpdateView, *, verbose: bool) -> list[str]:
    out = ["", *_wrap(f"{n}. {update.title}")]
    for line in update.lines:
        out += _wrap(line, indent=INDENT, subsequent=INDENT * 3)
    if verbose:
        for claim in update.claims:
            out += _quote(claim, indent=INDENT * 2)
    for claim_id in update.missing:
        out += _wrap(f"(claim {claim_id} is not in the report)", indent=INDENT * 2)
    return out


def _finding(view: ReportView, finding: Finding) -> list[str]:
    out = [""]
    out += _wrap(f"[{finding_label(finding)}] {finding.explanation}", subsequent=INDENT * 2)
    if finding.values:
        out += _wrap("values: " + " vs ".join(finding.values), indent=INDENT * 2)
    for claim_id in finding.claims:
        claim = view.claims.get(claim_id)
        if claim is None:
            out += _wrap(f"(claim {claim_id} is not in the report)", indent=INDENT * 2)
        else:
            out += _quote(claim, indent=INDENT * 2)
    return out


def _quote(claim: ClaimView, *, indent: str, detail: bool = False) -> list[str]:
    said = f"{claim.outlet}, {date_label(claim.published)}"
    about = [claim.source, claim.certainty_label]
    if claim.figure_label:
        about.insert(0, claim.figure_label)
    if claim.echo_of:
        about.append(f"echo of {claim.echo_label}")
    lines = _wrap(f"“{claim.claim.text}”", indent=indent, subsequent=indent + " ")
    lines += _wrap(f"— {said} ({'; '.join(about)})", indent=indent + INDENT, subsequent=indent + INDENT * 2)
    if detail:
        a = claim.claim.attribution
        extra = [f"id {claim.claim.id}", f"role {claim.claim.role.value}"]
        if a.chain:
            extra.append("via " + " <- ".join(a.chain))
        if claim.claim.certainty.cues:
            extra.append("cues: " + ", ".join(claim.claim.certainty.cues))
        if claim.claim.categories:
            extra.append("categories: " + ", ".join(claim.claim.categories))
        lines += _wrap("; ".join(extra), indent=indent + INDENT, subsequent=indent + INDENT * 2)
    return lines


# ---- articles, subjects, settings ----------------------------------------------------------------------


def _articles(view: ReportView) -> list[str]:
    out = _heading(f"Articles read: {len(view.articles_ok)}")
    if view.articles_ok:
        rows = [
            [date_label(a.published), a.outlet or UNKNOWN_OUTLET, str(n), a.title or "(no title)", a.path]
            for a, n in view.article_rows()
        ]
        out += _table(["Published", "Outlet", "Claims", "Title", "File"], rows, [10, 10, 6, 16, 14])
    return out


def _subjects(view: ReportView) -> list[str]:
    out = _heading(f"Subjects: {len(view.subjects)}, each shown by its shortest representative claim")
    refs = finding_refs(view)
    for subject in view.subjects:
        out += _subject(subject, refs)
    return out


def _subject(subject: SubjectView, refs: dict[str, str]) -> list[str]:
    counts = counts_phrase(subject.finding_counts()) or "no findings"
    out = ["", *_wrap(f"{subject.number}. {subject_title(subject)}", subsequent=INDENT * 2)]
    out += _wrap(f"{plural(len(subject.claims), 'claim')}; {counts}", indent=INDENT)
    shown = [refs[f.id] for f in subject.findings if f.id in refs]
    if shown:
        out += _wrap("see " + ", ".join(shown), indent=INDENT, subsequent=INDENT * 2)
    if subject.claims:
        what = "figure · certainty · source" if subject.has_figures else "certainty · source"
        out += ["", f"{INDENT}What each outlet said ({what}), by publication date:"]
        out += _grid(subject)
        out += ["", f"{INDENT}Claims:"]
        for claim in subject.claims:
            out += _quote(claim, indent=INDENT * 2, detail=True)
    return out


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
