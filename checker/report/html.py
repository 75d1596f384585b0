"""The HTML report: one self-contained file (inline CSS and SVG, no script, nothing fetched) that opens
offline, and fits a 1280 px window without scrolling sideways.

Disputes first (ranked as in every format): each with its sides, a timeline across outlets whose rows
draw each statement as a small inline SVG (a figure's interval as a bar, an open end as an arrow,
certainty as the marker's fill, a denial as an ✕), who said what first and who moved, and every quote
linked to its highlighted place in the article text. Then updates and certainty shifts; agreements and
echoes are counted, and shown with ``verbose`` together with every subject (with its matplotlib chart)
and the settings.

Built with Jinja2 with autoescape on. Article text is hostile input: the highlighted text is a list of
plain-text pieces that the template escapes one by one, never a string of HTML built here. The only markup
passed through unescaped is the chart SVG that matplotlib writes (it escapes every text it draws).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from checker.models import Article, Certainty, Claim, Finding, FindingKind, Report
from checker.report.chart import outlet_colours, points_for, render_timeline_svg
from checker.report.view import (
    DENIAL_GLYPH,
    GLYPHS,
    KIND_ORDER,
    NO_CLAIMS,
    DisputeView,
    ReportView,
    Statement,
    SubjectView,
    build_view,
    counts_phrase,
    date_label,
    finding_label,
    finding_refs,
    format_value,
    outlet_date_grid,
    plural,
    short_name,
    subject_title,
)

TEMPLATES = Path(__file__).parent / "templates"
TRACK_WIDTH = 240  # px of a timeline row's drawing; the page's layout reserves exactly this
TRACK_HEIGHT = 20
_EDGE = 8  # px kept free at each end of a track for a marker or an arrow
QUOTES_SHOWN = 3  # quotes per side before the rest fold under "more quotes"


@dataclass(frozen=True, slots=True)
class Drawing:
    """One statement on a timeline track, in px: a bar (``x1``..``x2``) when it is a range, arrows at
    open ends, the marker at ``x``; ``fill`` is the marker's fill opacity (certain 1, probable 0.45,
    possible and unknown 0), ``dashed`` for unknown, ``cross`` for a denial."""

    x: float
    x1: float
    x2: float
    bar: bool
    open_low: bool
    open_high: bool
    fill: float
    dashed: bool
    cross: bool
    colour: str
    label: str  # what the drawing says, for screen readers and the tooltip


@dataclass(frozen=True, slots=True)
class Axis:
    """A timeline's header drawing: figure labels at their x, or side letters over their lanes."""

    labels: tuple[tuple[float, str, str], ...]  # (x, text, text-anchor)
    guides: tuple[float, ...]  # x of lane separators
    note: str  # "log scale" or ""


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of article text; ``mark`` is the id of the claim span it belongs to, if any."""

    text: str
    mark: str | None = None
    kind: str | None = None  # the strongest finding kind on the claim, for the highlight's colour
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Anchors:
    claim: dict[str, str]  # claim id -> id of its entry in a subject's claim list
    mark: dict[str, str]  # claim id -> id its <mark> in the article text would have
    article: dict[str, str]
    subject: dict[str, str]
    finding: dict[str, str]


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(report: Report, *, verbose: bool = False) -> str:
    """The report as one HTML page; ``verbose`` adds each claim's cues and chain and the settings."""
    view = build_view(report)
    anchors = _anchors(view)
    colours = outlet_colours(view.outlets)
    kinds = _claim_kinds(report.findings)
    targets: dict[str, str] = {}  # claim id -> id of the <mark> a link to the claim goes to
    by_article: dict[str, list[Claim]] = {}
    for claim in report.claims:
        by_article.setdefault(claim.article, []).append(claim)
    texts = {
        a.id: _pieces(a, by_article.get(a.id, []), view, anchors, kinds, targets) for a in view.articles_ok
    }
    template = _environment().get_template("report.html.j2")
    subjects = view.subjects if verbose else ()
    return template.render(
        view=view,
        report=report,
        verbose=verbose,
        anchors=anchors,
        targets=targets,
        colours=colours,
        kinds=kinds,
        texts=texts,
        drawings={d.finding.id: _drawings(d, colours) for d in view.disputes},
        axes={d.finding.id: _axis(d) for d in view.disputes},
        charts={s.subject.id: _chart(s, colours) for s in subjects},
        matrix=_matrix(view) if verbose else (),
        article_rows=view.article_rows(),
        grids={s.subject.id: outlet_date_grid(s) for s in subjects},
        refs=finding_refs(view),
        no_claims=NO_CLAIMS,
        safe_url=_safe_url,
        date_label=date_label,
        plural=plural,
        counts_phrase=counts_phrase,
        format_value=format_value,
        finding_label=finding_label,
        short_name=short_name,
        subject_title=subject_title,
        glyphs=GLYPHS,
        denial_glyph=DENIAL_GLYPH,
        track_width=TRACK_WIDTH,
        track_height=TRACK_HEIGHT,
        quotes_shown=QUOTES_SHOWN,
        FindingKind=FindingKind,
    )


def _x(fraction: float) -> float:
    return round(_EDGE + fraction * (TRACK_WIDTH - 2 * _EDGE), 1)


_FILL = {Certainty.CERTAIN: 1.0, Certainty.PROBABLE: 0.45, Certainty.POSSIBLE: 0.0, Certainty.UNKNOWN: 0.0}


def _drawings(dispute: DisputeView, colours: dict[str, str]) -> tuple[Drawing, ...]:
    """Each timeline row's drawing, in the statements' order."""
    out = []
    for s in dispute.statements:
        span = dispute.span(s)
        out.append(
            Drawing(
                x=_x(span.mark),
                x1=_x(0.0) - _EDGE / 2 if span.open_low else _x(span.start),
                x2=_x(1.0) + _EDGE / 2 if span.open_high else _x(span.end),
                bar=span.is_range,
                open_low=span.open_low,
                open_high=span.open_high,
                fill=_FILL[s.certainty],
                dashed=s.certainty is Certainty.UNKNOWN,
                cross=s.denial,
                colour=colours.get(s.outlet, "#475467"),
                label=_drawing_label(s),
            )
        )
    return tuple(out)


def _drawing_label(s: Statement) -> str:
    said = s.says if not s.range_note else f"{s.says} ({s.range_note})"
    return f"{s.side.letter}: {said}, {s.certainty_label}"


def _axis(dispute: DisputeView) -> Axis:
    if dispute.scale is not None:
        scale = dispute.scale
        low, high = scale.labels
        least = scale.least if scale.least is not None else scale.low
        most = scale.most if scale.most is not None else scale.high
        labels = ((_x(scale.at(least)), low, "start"), (_x(scale.at(most)), high, "end"))
        if labels[0][1] == labels[1][1]:
            labels = ((_x(scale.at(least)), low, "middle"),)
        return Axis(labels, (), "log scale" if scale.log else "")
    lanes = max(1, len(dispute.sides))
    labels = tuple((_x((side.index + 0.5) / lanes), side.letter, "middle") for side in dispute.sides)
    guides = tuple(_x(i / lanes) for i in range(1, lanes))
    return Axis(labels, guides, "")


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:48] or "x"


def _unique(prefix: str, ids: Iterable[str], used: set[str]) -> dict[str, str]:
    """HTML ids for ids of the report: readable, unique, and safe in a URL fragment."""
    out: dict[str, str] = {}
    for raw in ids:
        if raw in out:
            continue
        base = f"{prefix}-{_slug(raw)}"
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        out[raw] = candidate
    return out


def _anchors(view: ReportView) -> Anchors:
    used: set[str] = set()
    claim_ids = [c.id for c in view.report.claims]
    return Anchors(
        claim=_unique("claim", claim_ids, used),
        mark=_unique("text", claim_ids, used),
        article=_unique("article", (a.id for a in view.report.articles), used),
        subject=_unique("subject", (s.subject.id for s in view.subjects), used),
        finding=_unique("finding", (f.id for f in view.report.findings), used),
    )


def _claim_kinds(findings: Iterable[Finding]) -> dict[str, str]:
    """Each claim's most pressing finding kind (conflict before shift before update ...)."""
    out: dict[str, FindingKind] = {}
    for finding in findings:
        for cid in finding.claims:
            if cid not in out or KIND_ORDER[finding.kind] < KIND_ORDER[out[cid]]:
                out[cid] = finding.kind
    return {cid: kind.value for cid, kind in out.items()}


def _pieces(
    article: Article,
    claims: list[Claim],
    view: ReportView,
    anchors: Anchors,
    kinds: dict[str, str],
    targets: dict[str, str],
) -> tuple[Piece, ...]:
    """The article text cut at claim spans, recording in ``targets`` where each claim's link goes.

    A span that overlaps an earlier one keeps only its new part; a span inside an earlier one links to
    that one; a span outside the text gets no mark and no link.
    """
    text = article.text
    spans = sorted(claims, key=lambda c: (c.start, -c.end, c.id))
    pieces: list[Piece] = []
    pos = 0
    last_mark: str | None = None
    for claim in spans:
        if not 0 <= claim.start < claim.end <= len(text):
            continue
        if claim.end <= pos and last_mark is not None:
            targets[claim.id] = last_mark
            continue
        mark = anchors.mark[claim.id]
        targets[claim.id] = mark
        start = max(claim.start, pos)
        if start > pos:
            pieces.append(Piece(text[pos:start]))
        subject = view.claims[claim.id]
        title = f"{subject.outlet} · {subject.source} · {subject.certainty_label}"
        pieces.append(Piece(text[start : claim.end], mark, kinds.get(claim.id), title))
        pos, last_mark = claim.end, mark
    if pos < len(text):
        pieces.append(Piece(text[pos:]))
    return tuple(pieces)


def _chart(subject: SubjectView, colours: dict[str, str]) -> Markup | None:
    if not subject.timeline:
        return None
    claims = [c for c in subject.claims if c.claim.id in {e.claim for e in subject.timeline}]
    units = {q.unit for c in claims for q in c.claim.quantities[:1] if q.unit}
    svg = render_timeline_svg(
        points_for(claims),
        colours,
        chart_id=f"chart-{subject.number}",
        unit=units.pop() if len(units) == 1 else None,
    )
    # matplotlib escapes every string it draws, so its SVG is safe to pass through as markup
    return Markup(svg) if svg else None


@dataclass(frozen=True, slots=True)
class MatrixCell:
    claims: int
    conflict: bool


def _matrix(view: ReportView) -> tuple[tuple[SubjectView, tuple[MatrixCell, ...]], ...]:
    """Subjects x outlets: how many claims each outlet made on a subject, and whether one is in conflict."""
    rows = []
    for subject in view.subjects:
        in_conflict = subject.conflict_claims
        cells = []
        for outlet in view.outlets:
            mine = [c for c in subject.claims if c.outlet == outlet]
            cells.append(MatrixCell(len(mine), any(c.claim.id in in_conflict for c in mine)))
        rows.append((subject, tuple(cells)))
    return tuple(rows)


def _safe_url(url: str | None) -> str | None:
    """A URL worth linking to (http or https); anything else is shown as text only."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in {"http", "https"} else None
