"""Timeline charts for the HTML report: inline SVG drawn with matplotlib, byte-stable.

One chart per subject: x is the event date (else the publication date), y the figure; one colour and line
per outlet; certainty is the marker's fill (filled = certain, faded = probable, hollow = possible or
unknown) and a negative claim (a denial) is an X. Claims without a figure sit on a certainty lane below.

matplotlib is used through ``Figure`` and its SVG canvas only (no pyplot), so no global figure list grows
and the backend of a caller's session is left alone.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from checker.models import Certainty, Polarity
from checker.report.view import ClaimView, format_value

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# Okabe-Ito, colour-blind safe, without the yellow that vanishes on white
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#7F7F7F")
_FILL_ALPHA = {
    Certainty.CERTAIN: 1.0,
    Certainty.PROBABLE: 0.45,
    Certainty.POSSIBLE: 0.0,
    Certainty.UNKNOWN: 0.0,
}
_LANE = {Certainty.CERTAIN: 3, Certainty.PROBABLE: 2, Certainty.POSSIBLE: 1, Certainty.UNKNOWN: 0}
_MAX_LABELS = 40  # beyond this many points, value labels would only be noise
_MAX_LEGEND = 28  # characters of an outlet name in a legend


@dataclass(frozen=True, slots=True)
class Point:
    """One claim on a chart."""

    outlet: str
    when: date
    value: float | None
    certainty: Certainty
    polarity: Polarity
    figure: str | None
    low: float | None = None  # the figure's interval, drawn as a bar when both ends are known
    high: float | None = None


def points_for(claims: Sequence[ClaimView]) -> tuple[Point, ...]:
    """The claims that can be placed on a time axis (they have a date), in a fixed order."""
    points = []
    for c in claims:
        if c.when is None:
            continue
        value = c.value if c.value is not None and math.isfinite(c.value) else None
        low = high = None
        for q in c.claim.quantities:
            if value is not None and q.value == value and q.text == c.figure:
                low, high = _finite(q.low), _finite(q.high)
                break
        points.append(Point(c.outlet, c.when, value, c.certainty, c.polarity, c.figure_label, low, high))
    return tuple(sorted(points, key=lambda p: (p.when, p.outlet, p.value is None, p.value or 0.0)))


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def outlet_colours(outlets: Sequence[str]) -> dict[str, str]:
    """The same colour for an outlet in every chart and table of a report."""
    return {outlet: PALETTE[i % len(PALETTE)] for i, outlet in enumerate(sorted(outlets))}


def _label(text: str) -> str:
    """Text as matplotlib shows it literally: no mathtext, no hidden '_'-labels, bounded length."""
    text = " ".join(text.split())
    if len(text) > _MAX_LEGEND:
        text = text[: _MAX_LEGEND - 1] + "…"
    text = text.replace("$", r"\$")  # outside mathtext only "\$" is an escape; a backslash stays as is
    return " " + text if text.startswith("_") else text


def render_timeline_svg(
    points: Sequence[Point], colours: dict[str, str], *, chart_id: str, unit: str | None = None
) -> str:
    """An inline ``<svg>`` element (no XML prolog) for one subject's points; empty string when none."""
    if not points:
        return ""
    from matplotlib import rc_context
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.colors import to_rgba
    from matplotlib.dates import DateFormatter, date2num
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

    figures = [p for p in points if p.value is not None]
    lane = [p for p in points if p.value is None]
    outlets = sorted({p.outlet for p in points})
    offsets = {o: (i - (len(outlets) - 1) / 2) * 0.05 for i, o in enumerate(outlets)}

    def x(p: Point) -> float:
        return float(date2num(_dt(p.when))) + offsets[p.outlet]

    rc = {
        "svg.fonttype": "none",
        "svg.hashsalt": f"checker-{chart_id}",
        "svg.id": chart_id,
        "font.family": "sans-serif",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#98a2b3",
        "axes.labelcolor": "#344054",
        "xtick.color": "#475467",
        "ytick.color": "#475467",
        "path.simplify": False,
    }
    with rc_context(rc):
        rows = ([3.0] if figures else []) + ([1.2] if lane else [])
        fig = Figure(figsize=(8.0, sum(rows) + 1.0), dpi=72, layout="constrained")
        grid = {"height_ratios": rows}
        axes = fig.subplots(len(rows), 1, sharex=True, squeeze=False, gridspec_kw=grid)[:, 0]

        if figures:
            main = axes[0]
            for outlet in outlets:
                series = [p for p in figures if p.outlet == outlet]
                xs, ys = [x(p) for p in series], [p.value for p in series]
                if len(series) > 1:
                    main.plot(xs, ys, color=colours[outlet], lw=1.6, zorder=2)
                for p in series:
                    if p.low is not None and p.high is not None and p.low < p.high:
                        main.vlines(x(p), p.low, p.high, color=colours[outlet], lw=1.2, alpha=0.6, zorder=2)
                    _marker(main, x(p), p.value, p, colours[outlet])
            if len(figures) <= _MAX_LABELS:
                # one label per date and value: outlets that agree share it
                for (_when, value), group in _by_date_and_value(figures):
                    centre = sum(x(p) for p in group) / len(group)
                    main.annotate(
                        format_value(value),
                        (centre, value),
                        textcoords="offset points",
                        xytext=(0, 9),
                        ha="center",
                        fontsize=8,
                        color="#344054",
                    )
            values = [v for p in figures for v in (p.value, p.low, p.high) if v is not None]
            top, bottom = max(values), min(values)
            main.set_ylim(min(0.0, bottom * 1.15), top * 1.2 if top > 0 else 1.0)
            main.yaxis.set_major_locator(MaxNLocator(nbins=5))
            main.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_value(v)))
            main.set_ylabel(_label(unit) if unit else "figure")
            main.grid(axis="y", color="#eaecf0", lw=0.8)
            main.set_axisbelow(True)

        if lane:
            lane_ax = axes[-1]
            for p in lane:
                _marker(lane_ax, x(p), _LANE[p.certainty], p, colours[p.outlet])
            lane_ax.set_ylim(-0.6, 3.6)
            lane_ax.yaxis.set_major_locator(FixedLocator([0, 1, 2, 3]))
            lane_ax.set_yticklabels(["unknown", "possible", "probable", "certain"])
            lane_ax.set_ylabel("no figure" if figures else "certainty", fontsize=8)
            lane_ax.grid(axis="y", color="#eaecf0", lw=0.8)
            lane_ax.set_axisbelow(True)

        days = [float(date2num(_dt(d))) for d in sorted({p.when for p in points})]
        bottom_ax = axes[-1]
        bottom_ax.set_xlim(days[0] - 0.6, days[-1] + 0.6)
        if len(days) <= 8:
            bottom_ax.xaxis.set_major_locator(FixedLocator(days))
        bottom_ax.xaxis.set_major_formatter(DateFormatter("%Y-%m-%d"))
        for ax in axes[:-1]:
            ax.tick_params(axis="x", labelbottom=False)

        series_handles = [
            Line2D([], [], color=colours[o], marker="o", lw=1.6, markersize=6, label=_label(o))
            for o in outlets
        ]
        grey = "#475467"
        key = dict(ls="none", markersize=6, mec=grey, mew=1.4)
        key_handles = [
            Line2D([], [], marker="o", mfc=grey, label="certain", **key),
            Line2D([], [], marker="o", mfc=to_rgba(grey, 0.45), label="probable", **key),
            Line2D([], [], marker="o", mfc="white", label="possible", **key),
            Line2D([], [], marker="o", mfc="white", alpha=0.5, label="unknown", **key),
            Line2D([], [], marker="X", mfc=grey, label="denied / negative", **key),
        ]
        legend = {"frameon": False, "fontsize": 8, "handlelength": 1.6, "columnspacing": 1.4}
        fig.legend(handles=series_handles, loc="outside upper center", ncol=min(5, len(outlets)), **legend)
        fig.legend(handles=key_handles, loc="outside lower center", ncol=len(key_handles), **legend)

        buf = io.StringIO()
        FigureCanvasSVG(fig).print_svg(buf, metadata={"Date": None})
    return _strip_prolog(buf.getvalue(), chart_id)


def _by_date_and_value(points: Sequence[Point]) -> list[tuple[tuple[date, float], list[Point]]]:
    groups: dict[tuple[date, float], list[Point]] = {}
    for p in points:
        assert p.value is not None
        groups.setdefault((p.when, p.value), []).append(p)
    return sorted(groups.items(), key=lambda kv: kv[0])


def _marker(ax: Axes, x: float, y: float, p: Point, colour: str) -> None:
    from matplotlib.colors import to_rgba

    alpha = _FILL_ALPHA[p.certainty]
    face = to_rgba(colour, alpha) if alpha else "white"
    edge = to_rgba(colour, 0.5 if p.certainty is Certainty.UNKNOWN else 1.0)
    marker, size = ("X", 9) if p.polarity is Polarity.NEGATIVE else ("o", 7)
    ax.plot([x], [y], ls="none", marker=marker, markersize=size, mfc=face, mec=edge, mew=1.6, zorder=3)


def _dt(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)
_ROOT = re.compile(r"<svg\b[^>]*>")
_ID = re.compile(r'(\sid=")([^"]+")')
_REF = re.compile(r'((?:xlink:)?href="#|url\(#)([^")]+)')


def _strip_prolog(svg: str, chart_id: str) -> str:
    """Drop what comes before <svg> (XML declaration, DOCTYPE: invalid inside HTML), and prefix every id
    inside with the chart's id: matplotlib names groups figure_1, axes_1 ... in every chart, and ids must
    be unique in a page holding several charts."""
    svg = _PROLOG.sub("", svg, count=1).strip()
    root = _ROOT.match(svg)
    assert root is not None, "matplotlib wrote no <svg> element"
    head, body = svg[: root.end()], svg[root.end() :]
    body = _ID.sub(lambda m: f"{m.group(1)}{chart_id}-{m.group(2)}", body)
    body = _REF.sub(lambda m: f"{m.group(1)}{chart_id}-{m.group(2)}", body)
    return head + body + "\n"
