"""The Markdown report: the terminal report's content, ready to paste into a fact-check document.

Disputes first (ranked as in every format), each with a table of its sides, its timeline as a table (a
figure's interval in words: "up to 12,000", "13,000 or more"), who said what first and who moved, and
the quotes of each side; then updates and certainty shifts; agreements and echoes are counted, and shown
with ``--verbose`` together with every subject and the settings.

Every piece of article text goes through :func:`escape`, so a hostile article cannot inject a link, an
image, raw HTML or table syntax into the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from checker.models import Finding, FindingKind, Report
from checker.report.view import (
    DENIAL_GLYPH,
    GLYPHS,
    NO_CLAIMS,
    UNKNOWN_OUTLET,
    ClaimView,
    DisputeView,
    ReportView,
    SideView,
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
    subject_title,
)

QUOTES_SHOWN = 3  # quotes per side without --verbose
# ASCII punctuation that starts inline Markdown (emphasis, code, links, images, tables, strikethrough)
_INLINE = re.compile(r"([\\`*_\[\]|~!])")
# what starts a block when it opens a line: headings, lists, quotes, thematic breaks, setext underlines
_BLOCK_START = re.compile(r"^([#+\-=>]|\d+[.)])")


def inline(text: str) -> str:
    """Article text as literal Markdown inside a line (a table cell, after a label): like :func:`escape`,
    but what would start a block at the start of a line ('6.8', '- x') needs no escape there."""
    return escape(text, line_start=False)


def escape(text: str, *, line_start: bool = True) -> str:
    """Article text as literal Markdown text: no emphasis, links, images, HTML or autolinks survive.

    >>> escape("<b>[x](javascript:y)</b>")
    '&lt;b&gt;\\\\[x\\\\](javascript:y)&lt;/b&gt;'
    """
    text = one_line(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    # break bare-URL autolinks (GFM, linkify): the escapes render as plain ':' '/' '.'
    text = text.replace("://", r"\:\/\/")
    text = re.sub(r"(?i)\bwww\.", lambda m: m.group(0)[:-1] + r"\.", text)
    m = _BLOCK_START.match(text) if line_start else None
    if m:
        token = m.group(1)
        text = "\\" + text if not token[0].isdigit() else token[:-1] + "\\" + token[-1] + text[len(token) :]
    return text


def render_markdown(report: Report, *, verbose: bool = False) -> str:
    """The report as CommonMark with GitHub tables; ``verbose`` adds agreements, echoes, every subject
    with its claims, and the settings."""
    view = build_view(report)
    out: list[str] = ["# Claim-consistency report", "", f"**{view.summary_line()}**", ""]
    out += [f"Findings: {view.findings_line()}.", ""]
    quiet = view.quiet_line(verbose=verbose).replace("--verbose", "`--verbose`")
    out += [f"{quiet}.", ""]
    if view.articles_skipped:
        out += [f"## Skipped inputs ({len(view.articles_skipped)})", ""]
        for article in view.articles_skipped:
            out.append(f"- {escape(article.path)}: {escape(article.reason or 'no reason recorded')}")
        out.append("")
    if not report.claims:
        out += [NO_CLAIMS, ""]
    if view.disputes:
        out += [
            "## Disputes",
            "",
            "Ranked: most independent holders first, then the most recent, then the widest gap.",
            "",
        ]
        for dispute in view.disputes:
            out += _dispute(dispute, verbose=verbose)
    if view.updates:
        out += ["## Updates", "", "Running figures as the story developed, step by step in each place.", ""]
        for n, update in enumerate(view.updates, start=1):
            out += _update(n, update, verbose=verbose)
    if view.shifts:
        out += ["## Certainty shifts", "", "One source, firmer or softer over time.", ""]
        for n, shift in enumerate(view.shifts, start=1):
            out += _update(n, shift, verbose=verbose)
    if verbose and view.quiet:
        out += ["## Agreements and echoes", ""]
        for finding in view.quiet:
            out += _finding(view, finding)
    out += _articles(view)
    if verbose:
        out += _subjects(view)
        out += _settings(view)
    elif view.subjects:
        out += [f"{plural(len(view.subjects), 'subject')}; run with `--verbose` to show each in full.", ""]
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()) -> list[str]:
    """A GitHub table; cells must already be escaped (escape() turns '|' into '\\|')."""
    align = ["---:" if i in right else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _dispute(dispute: DisputeView, *, verbose: bool) -> list[str]:
    facts = " · ".join(
        [
            dispute.type.value,
            plural(len(dispute.sides), "side"),
            plural(dispute.holders, "independent holder"),
            plural(dispute.outlets, "outlet"),
            f"latest {date_label(dispute.latest)}",
        ]
    )
    out = [f"### {dispute.number}. {inline(dispute.title)}", "", facts, ""]
    out += [f"**Why:** {inline(dispute.finding.explanation)}", ""]
    ranges = any(s.range_note for s in dispute.sides)
    rows = [
        [
            s.letter,
            inline(s.value),
            *([inline(s.range_note)] if ranges else []),
            s.certainty_label,
            inline(s.holders_label),
            inline(s.outlets_label),
            date_label(s.side.first),
            date_label(s.side.last),
        ]
        for s in dispute.sides
    ]
    headers = [
        "Side",
        "Says",
        *(["Range"] if ranges else []),
        "Certainty",
        "Holders",
        "Outlets",
        "First",
        "Last",
    ]
    out += _table(headers, rows)
    out += ["**How the narrative moved**", ""]
    if dispute.statements:
        ranges = any(s.range_note for s in dispute.statements)
        timeline = [
            [
                date_label(s.when),
                inline(s.outlet),
                inline(s.holder),
                s.side.letter,
                inline(s.says),
                *([inline(s.range_note)] if ranges else []),
                f"{s.glyph} {s.certainty_label}",
            ]
            for s in dispute.statements
        ]
        headers = ["Date", "Outlet", "Holder", "Side", "Says", *(["Range"] if ranges else []), "Certainty"]
        out += _table(headers, timeline)
    legend = ", ".join(f"{glyph} {level.value}" for level, glyph in GLYPHS.items())
    out += [f"Markers: {legend}, {DENIAL_GLYPH} denial.", ""]
    out += [escape(dispute.first_said), "", escape(dispute.moved), ""]
    for side in dispute.sides:
        out += _side(side, verbose=verbose)
    return out


def _side(side: SideView, *, verbose: bool) -> list[str]:
    notes = f" ({inline(side.notes)})" if side.notes else ""
    out = [f"**{side.letter} · {inline(side.value)}**{notes} — {inline(side.holders_label)}", ""]
    shown = side.claims if verbose else side.claims[:QUOTES_SHOWN]
    for claim in shown:
        out += _quote(claim)
    hidden = len(side.claims) - len(shown)
    if hidden:
        out += [f"(+{plural(hidden, 'more quote')} with `--verbose`)", ""]
    for claim_id in side.missing:
        out += [f"(claim {inline(claim_id)} is not in the report)", ""]
    return out


def _update(n: int, update: UpdateView, *, verbose: bool) -> list[str]:
    out = [f"### {n}. {inline(update.title)}", ""]
    out += [f"- {escape(line)}" for line in update.lines]  # a list item's text starts a block
    out.append("")
    if verbose:
        for claim in update.claims:
            out += _quote(claim)
    for claim_id in update.missing:
        out += [f"(claim {inline(claim_id)} is not in the report)", ""]
    return out


def _articles(view: ReportView) -> list[str]:
    out = [f"## Articles read ({len(view.articles_ok)})", ""]
    if view.articles_ok:
        rows = [
            [
                date_label(a.published),
                inline(a.outlet or UNKNOWN_OUTLET),
                str(n),
                inline(a.title or "(no title)"),
                inline(a.path),
            ]
            for a, n in view.article_rows()
        ]
        out += _table(["Published", "Outlet", "Claims", "Title", "File"], rows, right=(2,))
    return out


def _subjects(view: ReportView) -> list[str]:
    out = ["## Subjects", "", "Each subject is shown by its shortest representative claim.", ""]
    refs = finding_refs(view)
    for subject in view.subjects:
        out += _subject(subject, refs)
    return out


def _subject(subject: SubjectView, refs: dict[str, str]) -> list[str]:
    counts = counts_phrase(subject.finding_counts()) or "no findings"
    out = [f"### {subject.number}. {inline(subject_title(subject))}", ""]
    line = f"{plural(len(subject.claims), 'claim')}; {counts}"
    shown = [refs[f.id] for f in subject.findings if f.id in refs]
    if shown:
        line += f" (see {inline(', '.join(shown))})"
    out += [line, ""]
    if subject.claims:
        what = "figure · certainty · source" if subject.has_figures else "certainty · source"
        out += [f"What each outlet said ({what}):", ""]
        dates, rows = outlet_date_grid(subject)
        figures = subject.has_figures

        def said(cell: Sequence[ClaimView]) -> str:
            return "; ".join(inline(said_in_cell(c, figures=figures)) for c in cell)

        cells = [[inline(outlet), *(said(cell) for cell in cells)] for outlet, cells in rows]
        out += _table(["Outlet", *(date_label(d) for d in dates)], cells)
        for claim in subject.claims:
            out += _quote(claim, detail=True)
    return out


def _finding(view: ReportView, finding: Finding) -> list[str]:
    label = finding_label(finding)
    if finding.kind is FindingKind.CONFLICT:
        label = f"⚠ {label}"
    out = [f"**{label}**: {escape(finding.explanation)}", ""]
    if finding.values:
        out += ["Values: " + " vs ".join(escape(v) for v in finding.values), ""]
    for claim_id in finding.claims:
        claim = view.claims.get(claim_id)
        if claim is None:
            out += [f"(claim {escape(claim_id)} is not in the report)", ""]
        else:
            out += _quote(claim)
    return out


def _quote(claim: ClaimView, *, detail: bool = False) -> list[str]:
    about = [claim.source, claim.certainty_label]
    if claim.figure_label:
        about.insert(0, claim.figure_label)
    if claim.echo_of:
        about.append(f"echo of {claim.echo_label}")
    said = f"{inline(claim.outlet)}, {date_label(claim.published)}"
    lines = [f"> “{inline(claim.claim.text)}” — {said} ({inline('; '.join(about))})"]
    if detail:
        a = claim.claim.attribution
        extra = [f"id {claim.claim.id}", f"role {claim.claim.role.value}"]
        if a.chain:
            extra.append("via " + " ← ".join(a.chain))
        if claim.claim.certainty.cues:
            extra.append("cues: " + ", ".join(claim.claim.certainty.cues))
        if claim.claim.categories:
            extra.append("categories: " + ", ".join(claim.claim.categories))
        lines += [">", f"> {inline('; '.join(extra))}"]
    return [*lines, ""]


def _settings(view: ReportView) -> list[str]:
    report = view.report
    out = [
        "## Settings",
        "",
        f"Schema {escape(report.schema_version)}; model {escape(report.model or 'none')}; "
        f"{plural(report.sentences, 'sentence')} read.",
        "",
    ]
    if report.config:
        out += _table(["Setting", "Value"], [[inline(k), inline(one_line(str(v)))] for k, v in report.config])
    return out
