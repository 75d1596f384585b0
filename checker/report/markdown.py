"""The Markdown report: the terminal report's content, ready to paste into a fact-check document.

Every piece of article text goes through :func:`escape`, so a hostile article cannot inject a link, an
image, raw HTML or table syntax into the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from checker.models import Finding, FindingKind, Report
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

# ASCII punctuation that starts inline Markdown (emphasis, code, links, images, tables, strikethrough)
_INLINE = re.compile(r"([\\`*_\[\]|~!])")
# what starts a block when it opens a line: headings, lists, quotes, thematic breaks, setext underlines
_BLOCK_START = re.compile(r"^([#+\-=>]|\d+[.)])")


def escape(text: str) -> str:
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
    m = _BLOCK_START.match(text)
    if m:
        token = m.group(1)
        text = "\\" + text if not token[0].isdigit() else token[:-1] + "\\" + token[-1] + text[len(token) :]
    return text


def render_markdown(report: Report, *, verbose: bool = False) -> str:
    """The report as CommonMark with GitHub tables; ``verbose`` shows every subject and claim."""
    view = build_view(report)
    out: list[str] = ["# Claim-consistency report", "", f"**{view.summary_line()}**", ""]
    out += _summary(view, verbose=verbose)
    out += _articles(view)
    if not report.claims:
        out += [NO_CLAIMS, ""]
    for subject in view.shown_subjects(verbose=verbose):
        out += _subject(view, subject, verbose=verbose)
    if view.loose_findings:
        out += ["## Findings without a subject", ""]
        for finding in view.loose_findings:
            out += _finding(view, finding)
    hidden = [
        s for s in view.subjects if s not in view.shown_subjects(verbose=verbose) and s.finding_counts()
    ]
    if hidden:
        out += ["## Subjects without conflicts", ""]
        for subject in hidden:
            counts = counts_phrase(subject.finding_counts()) or "no findings"
            out.append(f"- {escape(subject.subject.label)}: {plural(len(subject.claims), 'claim')}; {counts}")
        out += ["", "Run with `--verbose` to show them in full.", ""]
    if verbose:
        out += _settings(view)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()) -> list[str]:
    """A GitHub table; cells must already be escaped (escape() turns '|' into '\\|')."""
    align = ["---:" if i in right else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _summary(view: ReportView, *, verbose: bool) -> list[str]:
    out: list[str] = []
    conflicts = view.conflicts_by_type()
    if conflicts:
        out += _table(["Conflict type", "Count"], [[t.value, str(n)] for t, n in conflicts], right=(1,))
    others = view.other_finding_counts()
    if others:
        out += [f"Other findings: {counts_phrase(others)}.", ""]
    if view.subjects:
        shown = view.shown_subjects(verbose=verbose)
        rows = []
        quiet = [s for s in view.subjects if not s.finding_counts()]
        for s in view.subjects:
            if s in quiet and not verbose:
                continue
            label = escape(s.subject.label)
            counts = counts_phrase(s.finding_counts()) or "no findings"
            if s.conflicts:
                counts = f"**{counts}**"
            label = label if s in shown else f"{label} (not shown)"
            rows.append([str(s.number), label, str(len(s.claims)), counts])
        out += _table(["#", "Subject", "Claims", "Findings"], rows, right=(0, 2))
        if quiet and not verbose:
            out += [
                f"{plural(len(quiet), 'more subject')} with no findings (run with `--verbose` to list them).",
                "",
            ]
    return out


def _articles(view: ReportView) -> list[str]:
    out = [f"## Articles read ({len(view.articles_ok)})", ""]
    if view.articles_ok:
        rows = [
            [
                date_label(a.published),
                escape(a.outlet or UNKNOWN_OUTLET),
                str(n),
                escape(a.title or "(no title)"),
                escape(a.path),
            ]
            for a, n in view.article_rows()
        ]
        out += _table(["Published", "Outlet", "Claims", "Title", "File"], rows, right=(2,))
    out += [f"## Skipped inputs ({len(view.articles_skipped)})", ""]
    for article in view.articles_skipped:
        out.append(f"- {escape(article.path)}: {escape(article.reason or 'no reason recorded')}")
    if view.articles_skipped:
        out.append("")
    return out


def _subject(view: ReportView, subject: SubjectView, *, verbose: bool) -> list[str]:
    counts = counts_phrase(subject.finding_counts()) or "no findings"
    out = [
        f"## {subject.number}. {escape(subject.subject.label)}",
        "",
        f"{plural(len(subject.claims), 'claim')}; {counts}",
        "",
    ]
    for finding in subject.findings:
        out += _finding(view, finding)
    if subject.claims:
        what = "figure · certainty · source" if subject.has_figures else "certainty · source"
        out += [f"### What each outlet said ({what})", ""]
        dates, rows = outlet_date_grid(subject)
        figures = subject.has_figures

        def said(cell: Sequence[ClaimView]) -> str:
            return "; ".join(escape(said_in_cell(c, figures=figures)) for c in cell)

        cells = [[escape(outlet), *(said(cell) for cell in cells)] for outlet, cells in rows]
        out += _table(["Outlet", *(date_label(d) for d in dates)], cells)
    if verbose and subject.claims:
        out += ["### All claims", ""]
        for claim in subject.claims:
            out += _quote(claim, detail=True)
    return out


def _finding(view: ReportView, finding: Finding) -> list[str]:
    label = finding_title(finding)
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
    said = f"{escape(claim.outlet)}, {date_label(claim.published)}"
    lines = [f"> “{escape(claim.claim.text)}” — {said} ({escape('; '.join(about))})"]
    if detail:
        a = claim.claim.attribution
        extra = [f"id {claim.claim.id}", f"role {claim.claim.role.value}"]
        if a.chain:
            extra.append("via " + " ← ".join(a.chain))
        if claim.claim.certainty.cues:
            extra.append("cues: " + ", ".join(claim.claim.certainty.cues))
        if claim.claim.categories:
            extra.append("categories: " + ", ".join(claim.claim.categories))
        lines += [">", f"> {escape('; '.join(extra))}"]
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
        out += _table(["Setting", "Value"], [[escape(k), escape(one_line(str(v)))] for k, v in report.config])
    return out
