"""Renderers of a draft check (``checker check``): one pure function per format, as for reports.

``render_check(result, fmt)`` gives the table (plain text, 100 columns), Markdown, JSON (schema in
``checker/schema/check.schema.json``) or a self-contained HTML page. Draft and coverage text is hostile
input: the table drops control characters, Markdown escapes every piece, the HTML template escapes
everything it prints (Jinja2 autoescape) and holds no script.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from checker.check import CheckResult, ClaimVerdict, Match, NotChecked, Relation, Verdict
from checker.errors import CheckerError
from checker.report.markdown import escape
from checker.report.view import one_line

__all__ = [
    "CHECK_FORMATS",
    "CHECK_RENDERERS",
    "check_to_dict",
    "render_check",
    "render_check_html",
    "render_check_json",
    "render_check_markdown",
    "render_check_table",
]

WIDTH = 100
TEMPLATES = Path(__file__).parent / "templates"
_LABELS = {
    Verdict.CONTRADICTED: "contradicted",
    Verdict.OUTDATED: "outdated",
    Verdict.OVERSTATED: "overstated",
    Verdict.UNATTRIBUTED: "unattributed",
    Verdict.UNDERSTATED: "understated",
    Verdict.NO_PRIOR_COVERAGE: "no prior coverage",
    Verdict.SUPPORTED: "supported",
}


# ---- JSON --------------------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _similarity(match: Match) -> float | None:
    return None if match.prior.similarity is None else round(match.prior.similarity, 3)


def _match_dict(match: Match) -> dict[str, Any]:
    claim = match.prior.claim
    return {
        "article": claim.article,
        "claim": claim.id,
        "outlet": claim.outlet,
        "published": _iso(claim.published),
        "path": match.prior.path,
        "source": claim.attribution.original,
        "holder": match.holder,
        "value": match.value,
        "date": _iso(match.when),
        "certainty": claim.certainty.level.value,
        "polarity": claim.certainty.polarity.value,
        "relation": match.relation.value,
        "similarity": _similarity(match),
        "text": claim.text,
    }


def _not_checked_dict(item: NotChecked) -> dict[str, Any]:
    return {
        "id": item.claim.id,
        "text": item.claim.text,
        "start": item.claim.start,
        "end": item.claim.end,
        "reason": item.reason,
    }


def _claim_dict(item: ClaimVerdict) -> dict[str, Any]:
    claim = item.claim
    return {
        "id": claim.id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "verdict": item.verdict.value,
        "type": item.type.value,
        "explanation": item.explanation,
        "values": list(item.values),
        "source": claim.attribution.original,
        "certainty": claim.certainty.level.value,
        "polarity": claim.certainty.polarity.value,
        "matches": [_match_dict(m) for m in item.matches],
    }


def check_to_dict(result: CheckResult) -> dict[str, Any]:
    """The result as plain JSON-ready data, keys in a fixed order."""
    worst = result.worst
    return {
        "schema_version": result.schema_version,
        "model": result.model,
        "config": {key: value for key, value in result.config},
        "draft": {
            "path": result.draft.path,
            "title": result.draft.title,
            "outlet": result.draft.outlet,
            "published": _iso(result.draft.published),
            "sentences": result.sentences,
        },
        "corpus": {
            "path": result.corpus.path,
            "articles": result.corpus.articles,
            "claims": result.corpus.claims,
        },
        "summary": {
            "claims": len(result.claims),
            "verdicts": {v.value: n for v, n in result.counts().items()},
            "worst": worst.value if worst else None,
            "not_checked": len(result.not_checked),
        },
        "claims": [_claim_dict(c) for c in result.claims],
        "not_checked": [_not_checked_dict(item) for item in result.not_checked],
    }


def render_check_json(result: CheckResult, *, verbose: bool = False) -> str:
    """The result as indented JSON ending in a newline (``verbose`` changes nothing: JSON holds all)."""
    return json.dumps(check_to_dict(result), indent=2, ensure_ascii=False) + "\n"


# ---- shared text pieces -----------------------------------------------------------------------------


def _summary_line(result: CheckResult) -> str:
    counts = result.counts()
    parts = [f"{counts[v]} {_LABELS[v]}" for v in Verdict if counts[v]]
    n = len(result.claims)
    line = f"{n} claim{'s' if n != 1 else ''} checked" + (": " + ", ".join(parts) if parts else "")
    if result.not_checked:
        line += (
            f"; {len(result.not_checked)} sentence{'s' if len(result.not_checked) != 1 else ''} not checked"
        )
    return line


def _corpus_line(result: CheckResult) -> str:
    corpus = result.corpus
    where = f" in {corpus.path}" if corpus.path else ""
    return (
        f"against {corpus.articles} article{'s' if corpus.articles != 1 else ''} "
        f"({corpus.claims} claims){where}; model {result.model or 'none'}"
    )


def _holder(match: Match) -> str:
    return match.holder or "own voice"


def _match_line(match: Match) -> str:
    """ "[relation] Outlet, date, holder: figure — “sentence”": the statement a verdict rests on."""
    claim = match.prior.claim
    when = _iso(match.when or claim.published) or "undated"
    head = f"{claim.outlet or claim.article}, {when}, {_holder(match)}"
    if match.value:
        head += f": {match.value}"
    score = "" if match.prior.similarity is None else f", {match.prior.similarity:.2f}"
    return f"[{match.relation.value}{score}] {head} — “{one_line(claim.text)}”"


def _shown_matches(item: ClaimVerdict, verbose: bool) -> tuple[Match, ...]:
    """The statements each verdict rests on; merely related sentences only for no prior coverage (the
    nearest two) or with ``verbose``."""
    if verbose:
        return item.matches
    if item.verdict is Verdict.NO_PRIOR_COVERAGE:
        return item.matches[:2]
    return tuple(m for m in item.matches if m.relation is not Relation.RELATED)


def _not_checked_line(item: NotChecked) -> str:
    return f"“{one_line(item.claim.text)}” — {item.reason}"


# ---- table -------------------------------------------------------------------------------------


def _wrap(text: str, indent: str, subsequent: str | None = None) -> list[str]:
    return textwrap.wrap(
        one_line(text),
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=subsequent if subsequent is not None else indent,
        break_long_words=True,
    ) or [indent.rstrip()]


def render_check_table(result: CheckResult, *, verbose: bool = False) -> str:
    """Plain text for a 100-column terminal: every draft claim in draft order with its verdict and why;
    prior claims are listed for every verdict but supported (all of them with ``verbose``)."""
    out = _wrap(f"checker check: {result.draft.path}", "")
    out += _wrap(_corpus_line(result), "")
    out += _wrap(_summary_line(result), "")
    if not result.claims:
        out += ["", "The draft holds no checkable claim (no figure, and no sentence with a verb)."]
    for n, item in enumerate(result.claims, start=1):
        label = f"{n}. {_LABELS[item.verdict].upper()} ({item.type.value})"
        out += ["", label]
        out += _wrap(f"Draft: {item.claim.text}", "   ", "          ")
        out += _wrap(f"Why: {item.explanation}", "   ", "        ")
        for match in _shown_matches(item, verbose):
            out += _wrap(_match_line(match), "   - ", "     ")
    if result.not_checked:
        out += ["", "Not checked (nothing to check):"]
        for nc in result.not_checked:
            out += _wrap(_not_checked_line(nc), "   - ", "     ")
    if verbose:
        out += ["", "Settings:"]
        for key, value in result.config:
            out += _wrap(f"{key}: {json.dumps(value, ensure_ascii=False)}", "   ", "     ")
    return "\n".join(line.rstrip() for line in out) + "\n"


# ---- Markdown ----------------------------------------------------------------------------------


def render_check_markdown(result: CheckResult, *, verbose: bool = False) -> str:
    """CommonMark: a summary table of verdicts, then each claim with its explanation and prior claims."""
    out = [
        "# Pre-publication check",
        "",
        f"**{escape(_summary_line(result))}**",
        "",
        f"Draft `{escape(result.draft.path)}`, {escape(_corpus_line(result))}.",
        "",
        "| Verdict | Claims |",
        "| --- | ---: |",
    ]
    counts = result.counts()
    out += [f"| {_LABELS[v]} | {counts[v]} |" for v in Verdict]
    out.append("")
    if not result.claims:
        out += ["The draft holds no checkable claim (no figure, and no sentence with a verb).", ""]
    for n, item in enumerate(result.claims, start=1):
        out += [f"## {n}. {_LABELS[item.verdict].capitalize()} ({item.type.value})", ""]
        out += [f"> {escape(item.claim.text)}", ""]
        out += [escape(item.explanation), ""]
        matches = _shown_matches(item, verbose)
        if matches:
            out += [
                "| Relation | Similarity | Outlet | Date | Holder | Figure | Coverage statement |",
                "| --- | ---: | --- | --- | --- | --- | --- |",
            ]
            for match in matches:
                claim = match.prior.claim
                score = "—" if match.prior.similarity is None else f"{match.prior.similarity:.2f}"
                out.append(
                    f"| {match.relation.value} | {score} | {escape(claim.outlet or claim.article)} "
                    f"| {_iso(match.when or claim.published) or 'undated'} | {escape(_holder(match))} "
                    f"| {escape(match.value or '—')} | {escape(claim.text)} |"
                )
            out.append("")
    if result.not_checked:
        out += ["## Not checked", ""]
        out += [f"- {escape(_not_checked_line(nc))}" for nc in result.not_checked]
        out.append("")
    if verbose:
        out += ["## Settings", ""]
        out += [
            f"- `{escape(key)}`: {escape(json.dumps(value, ensure_ascii=False))}"
            for key, value in result.config
        ]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ---- HTML --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _pieces(result: CheckResult) -> list[tuple[str, int | None, str | None]]:
    """The draft's text as (text, claim number, verdict) runs, for highlighting without building HTML."""
    text = result.draft.text
    spans = sorted(
        (c.claim.start, c.claim.end, n, c.verdict.value) for n, c in enumerate(result.claims, start=1)
    )
    out: list[tuple[str, int | None, str | None]] = []
    at = 0
    for start, end, n, verdict in spans:
        if start < at or end > len(text):
            continue  # overlapping or out-of-range spans are left plain
        if start > at:
            out.append((text[at:start], None, None))
        out.append((text[start:end], n, verdict))
        at = end
    if at < len(text):
        out.append((text[at:], None, None))
    return out


def render_check_html(result: CheckResult, *, verbose: bool = False) -> str:
    """One self-contained page: the draft with each claim highlighted by verdict, then the verdicts."""
    css = (TEMPLATES / "check.css").read_text(encoding="utf-8")
    counts = result.counts()
    return (
        _environment()
        .get_template("check.html.j2")
        .render(
            result=result,
            css=css,
            summary=_summary_line(result),
            corpus=_corpus_line(result),
            counts=[(v.value, _LABELS[v], counts[v]) for v in Verdict],
            pieces=_pieces(result),
            items=[
                {
                    "n": n,
                    "verdict": item.verdict.value,
                    "label": _LABELS[item.verdict],
                    "type": item.type.value,
                    "text": item.claim.text,
                    "explanation": item.explanation,
                    "matches": [
                        {
                            "relation": m.relation.value,
                            "similarity": "—" if m.prior.similarity is None else f"{m.prior.similarity:.2f}",
                            "outlet": m.prior.claim.outlet or m.prior.claim.article,
                            "published": _iso(m.when or m.prior.claim.published) or "undated",
                            "source": _holder(m),
                            "value": m.value or "",
                            "text": m.prior.claim.text,
                        }
                        for m in _shown_matches(item, verbose)
                    ],
                }
                for n, item in enumerate(result.claims, start=1)
            ],
            not_checked=[(nc.claim.text, nc.reason) for nc in result.not_checked],
            settings=[(k, json.dumps(v, ensure_ascii=False)) for k, v in result.config] if verbose else [],
        )
    )


CHECK_RENDERERS: dict[str, Callable[..., str]] = {
    "table": render_check_table,
    "markdown": render_check_markdown,
    "json": render_check_json,
    "html": render_check_html,
}
CHECK_FORMATS: tuple[str, ...] = tuple(CHECK_RENDERERS)


def render_check(result: CheckResult, fmt: str, *, verbose: bool = False) -> str:
    """The check result in format ``fmt`` (one of CHECK_FORMATS).

    ``csv`` is an ``analyze`` format (one row per side of a dispute): asked of a check, it is a usage error
    naming the formats a check has, not a traceback.
    """
    if fmt == "csv":
        raise CheckerError(
            f"the csv format lists the disputes of 'checker analyze'; 'checker check' writes "
            f"{', '.join(CHECK_FORMATS)} (use --format or an --output extension of one of them)"
        )
    try:
        renderer = CHECK_RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(CHECK_FORMATS)}") from None
    return renderer(result, verbose=verbose)
