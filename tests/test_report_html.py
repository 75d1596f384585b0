"""The HTML report: self-contained, every quote linked to its highlighted span, charts where there is a
timeline, and readable at phone width."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pytest
from sample_report import empty_report, sample_report

from checker.report.chart import outlet_colours, points_for, render_timeline_svg
from checker.report.html import render_html
from checker.report.view import build_view


class Collect(HTMLParser):
    """Every start tag with its attributes, the text inside each <mark id>, and all ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.marks: dict[str, str] = {}
        self._mark: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "mark":
            self._mark = a["id"]
            self.marks[self._mark] = ""

    def handle_endtag(self, tag):
        if tag == "mark":
            self._mark = None

    def handle_data(self, data):
        if self._mark is not None:
            self.marks[self._mark] += data


def parse(html: str) -> Collect:
    parser = Collect()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def sample():
    return sample_report()


@pytest.fixture(scope="module")
def page(sample):
    return render_html(sample)


def test_page_is_self_contained(page):
    doc = parse(page)
    for tag, attrs in doc.tags:
        assert tag not in {"script", "link", "img", "iframe", "object", "embed"}, tag
        for name in ("src", "srcset", "data"):
            assert name not in attrs, (tag, attrs)
        href = attrs.get("href") or attrs.get("xlink:href")
        if href is not None:
            # in-page anchors, and the articles' own http(s) URLs as plain links
            assert href.startswith("#") or re.match(r"https?://", href), href
    assert "@import" not in page
    assert re.findall(r"url\((?!#chart-\d+-)", page) == []  # only references inside a chart
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


def test_every_href_points_at_an_id_and_ids_are_unique(page):
    doc = parse(page)
    assert len(doc.ids) == len(set(doc.ids))
    links = [attrs.get("href") or attrs.get("xlink:href") or "" for _, attrs in doc.tags]
    targets = {link[1:] for link in links if link.startswith("#")}
    targets |= set(re.findall(r"url\(#([^)]+)\)", page))
    assert targets and targets <= set(doc.ids)


def test_each_claim_quote_links_to_its_exact_span_in_the_article_text(sample, page):
    doc = parse(page)
    assert len(doc.marks) == len(sample.claims)
    for claim in sample.claims:
        mark_id = "text-" + re.sub(r"[^A-Za-z0-9_-]+", "-", claim.id)
        assert doc.marks[mark_id] == claim.text
        assert sample.article(claim.article).text[claim.start : claim.end] == claim.text
        assert f'href="#{mark_id}"' in page


def test_article_text_is_shown_in_full_around_the_marks(sample, page):
    for article in sample.articles:
        if not article.ok:
            continue
        start = page.index(f'id="article-{article.id}"')
        body = page[start:]
        body = body[body.index('<div class="text">') + len('<div class="text">') :]
        body = body[: body.index("</div>")]
        plain = re.sub(r"<mark[^>]*>|</mark>", "", body)
        assert plain.replace("&#39;", "'").replace("&amp;", "&") == article.text


def test_conflicts_are_labelled_in_words_not_only_colour(page):
    doc = parse(page)
    cards = [a for t, a in doc.tags if t == "li" and "finding" in (a.get("class") or "")]
    assert len(cards) == 8
    assert page.count('<span class="badge k-conflict">conflict</span>') == 4
    for kind in ("shift", "update", "echo", "agreement"):
        assert f'<span class="badge k-{kind}">{kind}</span>' in page
    # overview cells whose outlet has a claim in a conflict: 3 outlets on the cause, 2 on the toll, 2 on
    # the evacuations (Daily Meridian's toll claim is an echo, in no conflict)
    assert page.count("⚠ conflict</span>") == 7


def test_overview_matrix_counts_claims_per_subject_and_outlet(page):
    overview = page[page.index('<table class="matrix">') : page.index("</table>")]
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", overview, re.S)
    assert len(rows) == 3
    toll = next(r for r in rows if "Death toll" in r)
    cells = re.findall(r"<td class=\"([^\"]*)\">(\d+)", toll)
    # Coastal Wire 1 (in conflict), Daily Meridian 1 (an echo, no conflict), Northern Ledger 3 (in conflict)
    assert cells == [("hit conflict", "1"), ("hit", "1"), ("hit conflict", "3")]


def test_one_chart_per_subject_with_a_timeline(sample, page):
    assert page.count("<svg ") == 3
    for n in (1, 2, 3):
        assert f'id="chart-{n}"' in page
    no_timeline = dataclasses.replace(sample, timelines=sample.timelines[:1])
    assert render_html(no_timeline).count("<svg ") == 1
    assert "<svg" not in render_html(empty_report())


def test_chart_svg_is_byte_stable_and_has_no_prolog(sample):
    view = build_view(sample)
    subject = next(s for s in view.subjects if s.subject.id == "s-toll")
    colours = outlet_colours(view.outlets)
    first = render_timeline_svg(points_for(subject.claims), colours, chart_id="chart-x", unit="people")
    second = render_timeline_svg(points_for(subject.claims), colours, chart_id="chart-x", unit="people")
    assert first == second
    assert first.startswith("<svg ") and "<?xml" not in first and "<!DOCTYPE" not in first
    assert 'id="chart-x"' in first
    assert "<dc:date>" not in first  # no timestamp in the metadata
    for outlet in ("Coastal Wire", "Daily Meridian", "Northern Ledger"):
        assert outlet in first  # legend text is real text (svg.fonttype none), not paths
    assert ">people<" in first or "people" in first
    assert render_timeline_svg((), colours, chart_id="chart-y") == ""


def test_chart_puts_claims_without_a_figure_on_a_certainty_lane(sample):
    view = build_view(sample)
    cause = next(s for s in view.subjects if s.subject.id == "s-cause")
    svg = render_timeline_svg(points_for(cause.claims), outlet_colours(view.outlets), chart_id="c")
    for label in ("certain", "probable", "possible", "unknown"):
        assert f">{label}<" in svg or label in svg
    toll = next(s for s in view.subjects if s.subject.id == "s-toll")
    assert "no figure" not in render_timeline_svg(
        points_for(toll.claims), outlet_colours(view.outlets), chart_id="t"
    )


def test_outlet_colours_are_the_same_in_every_chart_and_table(page):
    colours = outlet_colours(["Northern Ledger", "Coastal Wire", "Daily Meridian"])
    assert list(colours) == ["Coastal Wire", "Daily Meridian", "Northern Ledger"]
    for colour in colours.values():
        assert f'style="background:{colour}"' in page


def test_layout_serves_phone_width(page):
    assert "@media (max-width: 640px)" in page
    assert ".scroll { overflow-x: auto;" in page
    assert (
        page.count('<div class="scroll">') >= 5
    )  # overview, articles, and one outlet x date table a subject


def test_verbose_adds_cues_chain_and_settings(sample, page):
    verbose = render_html(sample, verbose=True)
    assert "via state television ← the interior ministry" in verbose
    assert "certainty cues: could not be ruled out" in verbose
    assert "<td>cluster_distance</td><td>0.62</td>" in verbose
    assert "via state television" not in page
    assert "<td>cluster_distance</td>" not in page


def test_overlapping_and_out_of_range_spans_do_not_break_the_text(sample):
    claims = list(sample.claims)
    first = claims[1]  # ledger-1016/1
    inner = dataclasses.replace(claims[2], start=first.start + 7, end=first.end - 5)  # inside ledger-1016/1
    outside = dataclasses.replace(claims[3], start=10_000, end=10_010)
    claims[2], claims[3] = inner, outside
    html = render_html(dataclasses.replace(sample, claims=tuple(claims)))
    doc = parse(html)
    assert "text-ledger-1016-2" not in doc.marks and "text-ledger-1016-3" not in doc.marks
    assert 'href="#text-ledger-1016-1"' in html  # the inner claim links to the span around it
    assert html.count('href="#text-ledger-1016-1"') > render_html(sample).count('href="#text-ledger-1016-1"')
    assert '<span class="said">“Engineers at the site said' in html  # the lost claim is quoted, unlinked


@pytest.mark.parametrize("outlet", ["$\\alpha$ Post", "_Underscore Times", "Back\\slash $5 News"])
def test_chart_shows_outlet_names_literally(sample, outlet):
    """matplotlib would read $...$ as maths and hide a label starting with '_': names are drawn as written."""
    claims = tuple(
        dataclasses.replace(c, outlet=outlet) if c.outlet == "Coastal Wire" else c for c in sample.claims
    )
    view = build_view(dataclasses.replace(sample, claims=claims))
    toll = next(s for s in view.subjects if s.subject.id == "s-toll")
    svg = render_timeline_svg(points_for(toll.claims), outlet_colours(view.outlets), chart_id="c")
    assert outlet.strip() in svg
