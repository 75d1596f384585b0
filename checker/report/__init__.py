"""Renderers: one pure function per format, ``render_X(report, *, verbose=False) -> str``.

>>> render(report, "markdown")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from checker.models import Report
from checker.report.csv import render_csv
from checker.report.html import render_html
from checker.report.json import render_json
from checker.report.markdown import render_markdown
from checker.report.terminal import render_table

RENDERERS: dict[str, Callable[..., str]] = {
    "table": render_table,
    "markdown": render_markdown,
    "json": render_json,
    "html": render_html,
    "csv": render_csv,
}
FORMATS: tuple[str, ...] = tuple(RENDERERS)

_EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
    ".csv": "csv",
}


def render(report: Report, fmt: str, *, verbose: bool = False) -> str:
    """The report in format ``fmt`` (one of FORMATS)."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown report format {fmt!r}; choose one of: {', '.join(FORMATS)}") from None
    return renderer(report, verbose=verbose)


def format_from_extension(path: str | PurePath) -> str | None:
    """The format a file name asks for ('report.md' -> 'markdown'), or None for an unknown extension."""
    return _EXTENSIONS.get(PurePath(path).suffix.lower())


__all__ = [
    "FORMATS",
    "RENDERERS",
    "format_from_extension",
    "render",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "render_table",
]
