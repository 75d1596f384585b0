"""The HTML report: self-contained, ranked disputes with their sides and a drawn timeline, every quote
linked to its highlighted span, subject charts with --verbose, and readable at phone width."""

from __future__ import annotations

import dataclasses
import html
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


@pytest.mark.parametrize("verbose", [False, True])
def test_each_claim_quote_links_to_its_exact_span_in_the_article_text(sample, verbose):
    page = render_html(sample, verbose=verbose)
    doc = parse(page)
    assert len(doc.marks) == len(sample.claims)
    quoted = set(re.findall(r'<a class="said" href="#(text-[^"]+)">', page))
    for claim in sample.claims:
        mark_id = "text-" + re.sub(r"[^A-Za-z0-9_-]+", "-", claim.id)
        assert doc.marks[mark_id] == claim.text
        assert sample.article(claim.article).text[claim.start : claim.end] == claim.text
    in_findings = {c for f in sample.findings if f.kind.value not in ("agreement", "echo") for c in f.claims}
    expected = {c.id for c in sample.claims} if verbose else in_findings
    assert quoted == {"text-" + re.sub(r"[^A-Za-z0-9_-]+", "-", c) for c in expected}


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


def test_disputes_come_first_ranked_each_with_sides_timeline_and_summary(page):
    disputes = page[page.index('<section id="disputes">') : page.index('<section id="updates">')]
    assert page.index('<section id="disputes">') < page.index('<section id="updates">')
    assert page.index('<section id="updates">') < page.index('<section id="shifts">')
    assert page.index('<section id="shifts">') < page.index('<section id="overview">')
    titles = re.findall(r'<span class="rank">(\d+)</span><h3>([^<]*)</h3>', disputes)
    assert titles == [
        ("1", "Death toll, Ferrow, 2024-10-16"),
        ("2", "Some 4,000 people have been displaced by the flooding, the Red Crescent said"),
        ("3", "Investigators said sabotage could not be ruled out"),
        ("4", "Spillway maintenance skipped"),
    ]
    cards = disputes.split('<li class="dispute finding k-conflict"')[1:]
    assert len(cards) == 4
    for card, sides, rows in zip(cards, (3, 2, 2, 2), (5, 2, 2, 2), strict=True):
        assert card.count('<tr class="side-row">') == sides
        timeline = card[
            card.index('<table class="timeline">') : card.index("</table>", card.index("timeline"))
        ]
        assert timeline.count('<svg class="track axis-head"') == 1
        assert timeline.count('<svg class="track"') == rows  # a drawing per statement
        assert card.count('<p class="moved">') == 2
    # the type is said in words, not only by colour
    assert [re.search(r'<span class="badge k-conflict">(\w+)</span>', c).group(1) for c in cards] == [
        "number",
        "category",
        "modality",
        "negation",
    ]
    assert (
        "First, on 2024-10-16: Twelve / 12 (regional police, Northern Ledger (own voice)); Nineteen"
        in cards[0]
    )


def drawings(page: str) -> dict[str, str]:
    """Each timeline drawing by its label (what it says, for screen readers)."""
    return dict(
        (html.unescape(label), svg)
        for svg, label in re.findall(r'(<svg class="track" [^>]*aria-label="([^"]*)">.*?</svg>)', page, re.S)
    )


def test_timeline_draws_ranges_open_ends_certainty_and_denials(page):
    drawn = drawings(page)
    open_range = drawn["C: more than 20 (20 or more), possible"]
    assert '<line class="bar"' in open_range  # a range is a bar ...
    assert open_range.count('<path class="arrow"') == 1 and 'd="M240 ' in open_range  # ... open to the right
    assert 'fill-opacity="0.0"' in open_range  # possible: a hollow marker
    point = drawn["A: Twelve (12), certain"]
    assert '<line class="bar"' not in point and "arrow" not in point and 'fill-opacity="1.0"' in point
    denial = drawn["B: denies it, certain, denial"]
    assert '<path class="cross"' in denial and "<circle" not in denial
    # the figures sit on one axis: 12 left of 19, and the open range starts right of 19
    x = {k: float(re.search(r'(?:cx="|d="M)([\d.]+)', v).group(1)) for k, v in drawn.items()}
    assert x["A: Twelve (12), certain"] == x["A: 12, certain"] < x["B: Nineteen (19), certain"]
    nineteen = x["B: Nineteen (19), certain"]
    more = float(re.search(r'cx="([\d.]+)"', open_range).group(1))
    assert nineteen < more
    # a dispute without figures puts each side in its own lane: the negation's two lanes
    lanes = re.findall(r'<line class="guide" x1="([\d.]+)"', page)
    assert lanes and all(float(v) == 120.0 for v in lanes)


def test_agreements_echoes_and_subjects_only_with_verbose(sample, page):
    assert 'id="agreements"' not in page and 'id="subjects"' not in page
    assert "Agreements and echoes: 1 agreement, 1 echo (details with --verbose)." in page
    assert page.count("<svg ") == page.count('<svg class="track')  # no subject chart
    verbose = render_html(sample, verbose=True)
    assert 'id="agreements"' in verbose and '<span class="badge k-agreement">agreement</span>' in verbose
    assert '<span class="badge k-echo">echo</span>' in verbose
    assert "Death toll from the Ferrow dam breach" not in verbose  # subjects by their shortest claim
    assert '<h2><span class="num">2.</span> Dam breach at Ferrow kills 12</h2>' in verbose


def test_overview_matrix_counts_claims_per_subject_and_outlet(sample):
    page = render_html(sample, verbose=True)
    overview = page[
        page.index('<table class="matrix">') : page.index("</table>", page.index('class="matrix"'))
    ]
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", overview, re.S)
    assert len(rows) == 3
    toll = next(r for r in rows if "Dam breach at Ferrow kills 12" in r)
    cells = re.findall(r"<td class=\"([^\"]*)\">(\d+)", toll)
    # Coastal Wire 1 (in a dispute), Daily Meridian 2 (the echo and the volunteers, in a dispute),
    # Northern Ledger 3 (in a dispute)
    assert cells == [("hit conflict", "1"), ("hit conflict", "2"), ("hit conflict", "3")]


def test_one_chart_per_subject_with_a_timeline_in_verbose(sample):
    verbose = render_html(sample, verbose=True)
    assert verbose.count("<svg ") - verbose.count('<svg class="track') == 3
    for n in (1, 2, 3):
        assert f'id="chart-{n}"' in verbose
    no_timeline = dataclasses.replace(sample, timelines=sample.timelines[:1])
    html_page = render_html(no_timeline, verbose=True)
    assert html_page.count("<svg ") - html_page.count('<svg class="track') == 1
    assert "<svg" not in render_html(empty_report(), verbose=True)


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
    # the articles, and each dispute's sides and timeline, scroll in their box, never the page
    assert page.count('<div class="scroll">') == 1 + 2 * 4


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
