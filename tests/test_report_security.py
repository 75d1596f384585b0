"""Article text is hostile input: no renderer may turn it into markup that runs or links.

The hostile report puts script, event-handler, javascript: and tag-breaking payloads into everything that
comes from the input: article text, titles, outlets, URLs, paths, skip reasons, claims, sources, subject
labels, finding explanations and values.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markupsafe
import pytest
from sample_report import HOSTILE, PAYLOADS, hostile_report

from checker.report import render
from checker.report.html import render_html
from checker.report.markdown import render_markdown


class Elements(HTMLParser):
    """Every start tag and its attributes, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def elements(markup: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = Elements()
    parser.feed(markup)
    parser.close()
    return parser.tags


def assert_nothing_executable(markup: str, *, verbose: bool) -> None:
    tags = elements(markup)
    names = {tag for tag, _ in tags}
    assert not names & {"script", "iframe", "img", "object", "embed", "textarea", "base", "form"}, names
    for tag, attrs in tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            if name in {"href", "src", "xlink:href", "action", "formaction"} and value:
                assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), (
                    tag,
                    value,
                )
    # only the page's own <svg>: the timeline drawings of each dispute, and with --verbose the chart of
    # each subject with a timeline; none from the input
    svgs = [dict(attrs) for tag, attrs in tags if tag == "svg"]
    charts = [a for a in svgs if (a.get("id") or "").startswith("chart-")]
    tracks = [a for a in svgs if (a.get("class") or "").startswith("track")]
    assert len(charts) + len(tracks) == len(svgs)
    assert len(tracks) == 4 + 11  # an axis per dispute and a drawing per statement
    assert len(charts) == (3 if verbose else 0)


@pytest.fixture(scope="module")
def report():
    return hostile_report()


@pytest.fixture(scope="module")
def page(report):
    return render_html(report, verbose=True)


@pytest.mark.parametrize("verbose", [False, True])
def test_html_has_no_executable_markup_from_the_input(report, verbose):
    assert_nothing_executable(render_html(report, verbose=verbose), verbose=verbose)


def test_html_dispute_titles_sides_and_drawings_keep_the_payload_as_text(report):
    page = render_html(report)
    escaped = str(markupsafe.escape(PAYLOADS[0]))
    assert f"<h3>Death toll, Ferrow, 2024-10-16 {escaped}" in page  # the title, trimmed to 80 characters
    assert f"<td><b>Twelve / 12 {escaped}</b></td>" in page  # a side's value
    assert str(markupsafe.escape(PAYLOADS[5])) in page  # an outlet of a side
    labels = re.findall(r'<svg class="track" [^>]*aria-label="([^"]*)"><title>([^<]*)</title>', page)
    assert labels and all(label == title for label, title in labels)
    assert any(escaped in label for label, _ in labels)  # a drawing's label says the value, escaped


def test_html_shows_the_payload_as_escaped_text(page):
    for payload in PAYLOADS[:6]:
        assert str(markupsafe.escape(payload)) in page, payload
    assert (
        "{{ 7*7 }}" in page and "49" not in page.split("<body>")[1].split("<svg")[0]
    )  # no template injection
    assert 'href="javascript:' not in page
    assert '<span class="path">javascript:alert(1)</span>' in page  # a non-http URL is text, not a link


def test_html_chart_text_is_escaped(report):
    """The hostile outlet is drawn in the legend: matplotlib writes it as escaped SVG text."""
    html_page = render_html(report, verbose=True)
    charts = ["<svg " + part.split("</svg>")[0] + "</svg>" for part in html_page.split("<svg ")[1:]]
    charts = [c for c in charts if 'id="chart-' in c.split(">", 1)[0]]
    assert len(charts) == 3
    for chart in charts:
        tags = elements(chart)
        assert [tag for tag, _ in tags].count("svg") == 1
        assert all(not name.startswith("on") for _, attrs in tags for name, _ in attrs)
    assert any("Ledger &quot;&gt;&lt;svg onload=" in c or 'Ledger "&gt;&lt;svg onload=' in c for c in charts)


def test_html_highlight_spans_stay_whole(report, page):
    """The claim's payload stays inside its <mark>: it cannot close the mark or the text block early."""
    claim = next(c for c in report.claims if c.id == "ledger-1016/1")
    start = page.index('<mark id="text-ledger-1016-1"')
    end = page.index("</mark>", start)
    inside = page[page.index(">", start) + 1 : end]
    assert html.unescape(inside) == claim.text


@pytest.mark.parametrize("verbose", [False, True])
def test_markdown_keeps_no_raw_html_or_links_from_the_input(report, verbose):
    out = render_markdown(report, verbose=verbose)
    for opener in ("<script", "<img", "<a ", "<svg", "</textarea", "<iframe", "</mark", "<http"):
        assert opener not in out, opener
    assert re.findall(r"(?<!\\)\]\(", out) == []  # every "](" that could close a link text is escaped
    assert "\\[click\\](javascript:alert(1))" in out and "\\!\\[pic\\]" in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


@pytest.mark.parametrize("verbose", [False, True])
def test_markdown_renders_to_harmless_html(report, verbose):
    """Rendered by a CommonMark implementation with raw HTML allowed, the Markdown still yields no tag,
    link or image from the input."""
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table")
    rendered = md.render(render_markdown(report, verbose=verbose))
    tags = elements(rendered)
    assert not [tag for tag, _ in tags if tag in {"script", "img", "a", "svg", "iframe", "textarea"}]
    assert all(not name.startswith("on") for _, attrs in tags for name, _ in attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_plain_formats_keep_the_text_verbatim(report, fmt):
    out = render(report, fmt)
    assert "<script>alert(1)</script>" in out  # plain text and JSON strings are not markup: kept as is
    if fmt == "json":
        import json

        claims = {c["id"]: c for c in json.loads(out)["claims"]}
        assert HOSTILE in claims["ledger-1016/1"]["text"]
