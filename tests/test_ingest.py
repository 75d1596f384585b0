"""Ingest: formats, metadata, encodings, bad input, clean-up of captured pages, offsets."""

from __future__ import annotations

import json
import os
import re
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import ingest
from checker.config import Config
from checker.errors import CheckerError, InputError, SkippedInput
from checker.ingest import clean_text, detect_format, parse_date, read_articles, read_meta, read_text_input
from checker.lexicons import load_lexicon
from checker.models import ArticleStatus

# A page as a plain-text capture gives it: navigation, prompts, a repeated headline, a dateline, a caption,
# an ad break, bullets, a word broken across lines, teasers.
CAPTURED_PAGE = """\
Main / News / Dam on the Mesta river gives way, 40 missing

Support Us

Follow us on Telegram!

Dam on the Mesta river gives way, 40 missing

Thursday, 6 March 2025, 09:12
Dam on the Mesta river gives way, 40 missing
Rescuers search the flooded village of Orlovo. Photo: Ivan Petrov / AFP

The regional emergency service said at least 40 people were missing after the Kelmora dam gave way early on Thursday.

Source: regional emergency service, citing its duty officer

Quote: "We are searching house by house, but the water is still rising."

Advertisement:

Details: The service said the reservoir held about 12 million cubic metres of water, while the operator put the fig
ure at 9 million.

Officials said the spillway had been inspected last year and "no defects were found".

Background:

  \u2022 On 2 March, the operator reported cracks in the spillway.
  \u2022 On 4 March, the regional governor ordered an inspection.

Support The-Daily by becoming our patron! Your help keeps us going. Thank you!

To leave a comment, please log in.

Popular news
Last news
View all news"""

CAPTURED_PROSE = [
    "The regional emergency service said at least 40 people were missing after the Kelmora dam gave way early on "
    "Thursday.",
    "Source: regional emergency service, citing its duty officer",
    'Quote: "We are searching house by house, but the water is still rising."',
    "while the operator put the figure at 9 million.",
    '"no defects were found".',
    "\u2022 On 2 March, the operator reported cracks in the spillway.",
    "\u2022 On 4 March, the regional governor ordered an inspection.",
]

CAPTURED_FURNITURE = [
    "Main / News",
    "Support Us",
    "Follow us on Telegram",
    "Thursday, 6 March 2025",
    "Photo: Ivan Petrov",
    "Advertisement",
    "patron",
    "To leave a comment",
    "Popular news",
    "Last news",
    "View all news",
]

SECOND_PAGE = """\
spot_imgspot_img

Floodwaters reach Orlovo as dam operator disputes reservoir figure


ORLOVO: The operator of the Kelmora dam said on Friday that the reservoir held 9 million cubic metres, not the 12
million the emergency service reported. The company added that its engineers had found no cracks in the main wall.

The regional governor, speaking to reporters, said the figure of 40 missing was "provisional" and could rise.

Get in Touch

Latest Posts"""


def write(folder: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


def by_id(articles):
    return {a.id: a for a in articles}


# ------------------------------------------------------------------------------------------ clean-up


def test_captured_page_furniture_dropped_and_prose_kept(tmp_path):
    write(tmp_path, "dam.txt", CAPTURED_PAGE)
    (article,) = read_articles([tmp_path])
    assert article.ok
    for prose in CAPTURED_PROSE:
        assert prose in article.text
    for furniture in CAPTURED_FURNITURE:
        assert furniture not in article.text
    assert article.text.count("Dam on the Mesta river gives way, 40 missing") == 1
    assert article.text.startswith("Dam on the Mesta river gives way, 40 missing\n\n")
    assert article.title == "Dam on the Mesta river gives way, 40 missing"
    assert article.published == date(2025, 3, 6)  # from the dateline, no metadata given
    assert article.removed_lines >= 12
    assert article.source_text == CAPTURED_PAGE
    assert article.encoding == "utf-8"
    assert article.format == "txt"
    assert "\n\n\u2022 On 2 March" in article.text
    assert "\n\n\u2022 On 4 March" in article.text


def test_second_page_furniture(tmp_path):
    write(tmp_path, "operator.txt", SECOND_PAGE)
    (article,) = read_articles([tmp_path])
    assert article.text.split("\n\n") == [
        "Floodwaters reach Orlovo as dam operator disputes reservoir figure",
        "ORLOVO: The operator of the Kelmora dam said on Friday that the reservoir held 9 million cubic metres, "
        "not the 12 million the emergency service reported. The company added that its engineers had found no "
        "cracks in the main wall.",
        'The regional governor, speaking to reporters, said the figure of 40 missing was "provisional" and could '
        "rise.",
    ]
    assert article.removed_lines == 3


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement:",
        "Advertisement",
        "Support Us",
        "Support UP or become our patron!",
        "Support The-News by becoming our patron! Your help keeps us thriving. Thank you!",
        "Follow us on Instagram!",
        "To leave a comment, please log in.",
        "PREV Referendum: the reasons for a YES vote",
        "NEXT [Trailer] A new film by two brothers",
        "To watch on video",
        "-",
        "\u2014",
        "Popular news",
        "Last news",
        "View all news",
        "Latest Posts",
        "Get in Touch",
        "spot_imgspot_img",
        "Main / News / Dam on the Mesta river gives way",
        "Home | World | Europe | Politics",
        "Rescuers search the flooded village. Photo: Ivan Petrov / AFP",
        "Photo: Reuters",
        "The governor (left) and the dam operator. Stock photo: Getty Images",
        "Credit: Maria Ivanova",
        "Flooded streets in Orlovo on Thursday (Photo: EPA)",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Share this article",
        "Read more: Dam operator fined over spillway repairs",
        "Related: Floods hit three villages",
        "Tags: floods, dams, Kelmora",
        "\u00a9 2025 The Daily. All rights reserved.",
        "Friday, 18 October 2024, 13:35",
        "Updated: Oct 18, 2024 1:35 PM EDT",
        "2024-10-18 13:35",
        "By Ivan Petrov",
        "By Ivan Petrov and Maria Ivanova, Reuters",
        "By Jonas Berg in Orlovo",
        "By Ana Lind, Europe correspondent",
        "By Courier staff",
        "Subscribe | Log in | e-Edition",
        "Share  \u2934   Save  \u2606",
        "Share this article: Facebook | X | WhatsApp",
        "\u2630  NEWS  POLITICS  WORLD  SPORT    Sign in    Subscribe",
        "Menu  Search  Subscribe from 1 \u20ac a month",
        "News \u203a Politics",
        "Follow the Daily Courier on X, Facebook and Instagram",
        "Sign up for our Science newsletter",
        "Get the week\u2019s top stories in your inbox every Friday. Subscribe",
        "Subscribe to The Daily Courier",
        "Unlimited access from $1 a week. Cancel anytime.",
        "Newsletter: Get the Morning Briefing. Sign up",
        "(Reporting by Ana Lind; additional reporting by Tom Berg; editing by Eva Holm)",
        "Our Standards: The Courier Trust Principles.",
        "[Image: Rescuers at the dam. Photo: Civil Protection / Handout via Reuters]",
        "ORLOVO, March 6 (Courier) \u2013",
        "Tuesday, 4 March 2025, 11:52 | Updated 14:05",
        "Published March 5, 2025 | 6 min read",
        "12 June 2025 | By Ana Lind",
        "Wednesday, March 5, 2025 \u2013 09:40",
        "Updated 3 hours ago",
        "The Courier \u00a9 2025 | Imprint | Privacy | Cookie settings",
        "This site uses cookies. Find out more in our cookie policy. [OK]",
        "Comments (214)",
        "Live: Follow our coverage of the flood",
        "YOU MAY ALSO LIKE \u203a Dam repairs delayed \u203a Storm warning for the coast",
        "Staff reporter",
    ],
)
def test_furniture_line_dropped(line):
    page = (
        f"Officials said 40 people were missing after the dam broke.\n\n{line}\n\nThe search goes on tonight."
    )
    cleaned = clean_text(page)
    assert cleaned.text == (
        "Officials said 40 people were missing after the dam broke.\n\nThe search goes on tonight."
    )
    assert cleaned.removed_lines == 1


@pytest.mark.parametrize(
    "line",
    [
        "Next week, the ministers will meet in Brussels to discuss the aid package.",
        "Support for the measure fell to 40 percent, the poll showed.",
        "Follow-up inspections found 12 more cracks in the dam wall.",
        "The photo showed at least 30 boats in the harbour.",
        "Related talks are expected to resume on Monday.",
        "Advertisement revenue fell by 12% last year, the company said.",
        "Home Office officials declined to comment on the figure.",
        "Share prices of the operator fell 8% on Friday.",
        "Source: Reuters",
        "13,000 weapons containers",
        "Credit ratings agencies downgraded the operator on Friday.",
        "The governor said the photo: a fake, circulated by bots.",
        "Latest figures show 40 people missing and 12 injured.",
        "PREVIOUSLY the operator had denied any cracks in the wall.",
        "By Friday the toll had risen to 40 and rescuers had reached Orlovo.",
        "By Monday, officials said",
        "By Sunday",
        "Live coverage of the rescue will continue on Friday, the broadcaster said.",
        "Subscribers to the alert service were warned on Thursday.",
        "The governor said 40 people were missing. Rescuers were searching.",
        "Reporting by local media suggested the toll was higher.",
        "Most read newspapers carried the figure on Friday.",
        "In other news, the governor resigned on Friday.",
        "12 June 2025 was the day the dam broke, officials said.",
        "Share of homes damaged: 40%",
        "Home to 9,000 people, the valley was evacuated.",
    ],
)
def test_prose_line_kept(line):
    page = f"Officials said 40 people were missing.\n\n{line}\n\nThe search goes on."
    assert line in clean_text(page).text


@pytest.mark.parametrize(
    ("block", "removed"),
    [
        ("Related:\nDam repairs delayed again\nStorm warning for the southern coast", 3),
        ("Most read\n1. Dam repairs delayed again\n2. Storm warning for the coast", 3),
        ("Read more:\n  \u2022 Where to donate blood this week\n  \u2022 Road closures: the full list", 3),
        ("More from the Courier\nDam repairs delayed again\nCable cuts: how vulnerable are we?", 3),
        ("Recommended\n   Dam repairs delayed again\n   The economics of rebuilding", 3),
    ],
)
def test_list_of_links_dropped_with_its_header(block, removed):
    page = f"Officials said 40 people were missing after the dam broke.\n\n{block}\n\nThe search goes on."
    cleaned = clean_text(page)
    assert cleaned.text == (
        "Officials said 40 people were missing after the dam broke.\n\nThe search goes on."
    )
    assert cleaned.removed_lines == removed


def test_prose_under_a_list_header_kept():
    page = "Latest\nThe death toll rose to 84 on Thursday, officials said in a statement.\n"
    assert clean_text(page).text == "The death toll rose to 84 on Thursday, officials said in a statement."


MASTHEAD_PAGE = """\
DAILY COURIER
Your region. Your news.

Home | World | Sport | Weather

NATION

Flood reaches Orlovo as dam operator disputes figure

Flood reaches Orlovo as dam operator disputes figure

By Ana Lind
Friday, 7 March 2025, 10:15 | Updated 12:40

The operator of the Kelmora dam said on Friday that the reservoir held 9 million cubic metres of water.

Advertisement

Related:
Dam repairs delayed again
Storm warning for the southern coast

\u00a9 2025 Daily Courier. All rights reserved."""


@pytest.mark.parametrize(
    ("meta", "drop"),
    [
        ({"outlet": "Daily Courier", "title": "Flood reaches Orlovo as dam operator disputes figure"}, 0),
        ({}, 0),
        ({}, 1),  # the headline appears once only
    ],
)
def test_masthead_menus_and_labels_above_headline_dropped(tmp_path, meta, drop):
    page = MASTHEAD_PAGE.replace("Flood reaches Orlovo as dam operator disputes figure\n\n", "", drop)
    write(tmp_path, "a.txt", page)
    if meta:
        write(tmp_path, "meta.json", json.dumps({"articles": [{"file": "a.txt", **meta}]}))
    (article,) = read_articles([tmp_path])
    assert article.text.split("\n\n") == [
        "Flood reaches Orlovo as dam operator disputes figure",
        "The operator of the Kelmora dam said on Friday that the reservoir held 9 million cubic metres of water.",
    ]
    assert article.title == "Flood reaches Orlovo as dam operator disputes figure"
    assert article.published == date(2025, 3, 7)


def test_masthead_line_matching_outlet_dropped_anywhere():
    page = "Officials said 40 people were missing.\n\nTHE DAILY COURIER\n\nThe search goes on."
    assert clean_text(page, outlet="The Daily Courier").text == (
        "Officials said 40 people were missing.\n\nThe search goes on."
    )
    kept = "Officials said 40 people were missing.\n\nSource: Daily Courier\n\nThe search goes on."
    assert clean_text(kept, outlet="Daily Courier").text == kept


def test_page_starting_with_prose_has_no_headline():
    page = "Officials said 40 people were missing after the dam broke.\n\nWhat we know so far\n\nThe search goes on."
    cleaned = clean_text(page)
    assert cleaned.title is None
    assert cleaned.text == page


def test_repeated_line_kept_once_short_lines_kept_twice():
    page = (
        "Dam gives way in Kelmora region\n\nDam gives way in Kelmora region\nDam gives way in Kelmora region\n\n"
        "Water rose fast.\n\nWater rose fast.\n\nOfficials said 40 people were missing after the dam broke.\n\n"
        "Officials said 40 people were missing after the dam broke."
    )
    cleaned = clean_text(page)
    assert cleaned.text.count("Dam gives way in Kelmora region") == 1
    assert cleaned.text.count("Water rose fast.") == 2
    assert cleaned.text.count("Officials said 40 people") == 1
    assert cleaned.removed_lines == 3


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("the defense capabilities of the In\ndo-Pacific partners.", "of the Indo-Pacific partners."),
        ("expanding beyond mere arms tr\nade to include troops.", "beyond mere arms trade to include"),
        ("The relationship has notably\nstrengthened recently.", "has notably strengthened recently."),
        ("will be determined once more is known,\u201d he\nstated.", "\u201d he stated."),
        ("The talks began a\nround of consultations.", "began a round of consultations."),
        ("Nobody could say whether any\none had left.", "whether any one had left."),
        ("an inter-\nnational appeal for help.", "an international appeal for help."),
        ("a well-\nknown engineer said.", "a well-known engineer said."),
        ("the pro-\nRussian militia said.", "the pro-Russian militia said."),
        ("the operator put the fig\nure at 9 million.", "put the figure at 9 million."),
        ("President Zelen\nskyy said.", "President Zelen skyy said."),  # not a known word: left apart
        ("about 1,5\n00 people", "about 1,5 00 people"),
        ("the U.S.\nsaid on Friday.", "the U.S. said on Friday."),
        ("He said\n\u201cno\u201d to the plan.", "He said \u201cno\u201d to the plan."),
    ],
)
def test_line_break_rejoin(page, expected):
    assert expected in clean_text(page).text


def test_bullets_and_headline_are_own_paragraphs():
    page = (
        "Dam gives way in Kelmora region\nOfficials said 40 people were missing.\nThe search goes on.\n"
        "Background:\n  \u2022 On 2 March, cracks were reported.\n  \u2022 On 4 March, an inspection was ordered\n"
        "    by the governor.\n"
    )
    cleaned = clean_text(page, title="Dam gives way in Kelmora region")
    assert cleaned.text.split("\n\n") == [
        "Dam gives way in Kelmora region",
        "Officials said 40 people were missing. The search goes on. Background:",
        "\u2022 On 2 March, cracks were reported.",
        "\u2022 On 4 March, an inspection was ordered by the governor.",
    ]


@pytest.mark.parametrize(
    ("page", "paragraphs"),
    [
        (
            "Dam gives way in Kelmora region\nOfficials said 40 people were missing.\nThe search goes on.",
            ["Dam gives way in Kelmora region", "Officials said 40 people were missing. The search goes on."],
        ),
        (
            "Officials in the Kelmora region said on Friday that\nForty people were missing.",
            ["Officials in the Kelmora region said on Friday that Forty people were missing."],
        ),
        (
            "Officials said on Friday that forty people\nwere missing after the dam broke.",
            ["Officials said on Friday that forty people were missing after the dam broke."],
        ),
    ],
)
def test_headline_without_blank_line(page, paragraphs):
    assert clean_text(page).text.split("\n\n") == paragraphs


def test_curly_quotes_kept():
    page = "\u201cWe are searching,\u201d the officer said. It\u2019s \u2018grim\u2019."
    assert clean_text(page).text == page


def test_offset_runs_map_exactly(tmp_path):
    for name, page in (("a.txt", CAPTURED_PAGE), ("b.txt", SECOND_PAGE)):
        write(tmp_path, name, page)
    for article in read_articles([tmp_path]):
        mapped = [False] * len(article.text)
        for clean_start, original_start, length in article.offset_map.segments:
            assert (
                article.text[clean_start : clean_start + length]
                == (article.source_text[original_start : original_start + length])
            )
            mapped[clean_start : clean_start + length] = [True] * length
        # what is not mapped was inserted: a space for a line break, a paragraph break
        assert all(article.text[i].isspace() for i, m in enumerate(mapped) if not m)


def test_paragraph_offsets_map_back_to_source(tmp_path):
    write(tmp_path, "a.txt", CAPTURED_PAGE)
    (article,) = read_articles([tmp_path])
    to_source = article.offset_map.to_source
    pos = 0
    for para in article.text.split("\n\n"):
        start, end = pos, pos + len(para)
        pos = end + 2
        original = article.source_text[to_source(start) : to_source(end)]
        assert re.sub(r"\s", "", original) == re.sub(r"\s", "", para)


# ------------------------------------------------------------------------------------------- formats

HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Dam operator disputes reservoir figure | The Daily</title>
<meta property="og:site_name" content="The Daily">
<meta property="og:title" content="Dam operator disputes reservoir figure">
<meta property="article:published_time" content="2025-03-07T10:15:00+02:00">
<link rel="canonical" href="https://daily.example/news/dam-operator">
<script>var tracking = {"a": 1};</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/world">World</a></nav>
<article><h1>Dam operator disputes reservoir figure</h1>
<p>The operator of the Kelmora dam said on Friday that the reservoir held 9 million cubic metres of water, not
the 12 million cubic metres that the regional emergency service had reported a day earlier.</p>
<p>The regional governor said the figure of 40 missing people was provisional and could still rise as rescuers
reached villages further down the valley.</p>
<ul><li>On 2 March, the operator reported cracks in the spillway.</li>
<li>On 4 March, the governor ordered an inspection of the dam.</li></ul>
</article><footer>Copyright 2025 The Daily</footer></body></html>
"""


def test_html_page_main_text_and_metadata(tmp_path):
    write(tmp_path, "operator.html", HTML_PAGE)
    (article,) = read_articles([tmp_path])
    assert article.ok and article.format == "html"
    assert article.title == "Dam operator disputes reservoir figure"
    assert article.outlet == "The Daily"
    assert article.published == date(2025, 3, 7)
    assert article.url == "https://daily.example/news/dam-operator"
    assert "not the 12 million cubic metres" in article.text
    assert "Home" not in article.text and "tracking" not in article.text
    assert article.text.startswith("Dam operator disputes reservoir figure\n\n")
    assert "On 2 March, the operator reported cracks in the spillway." in article.text
    assert article.source_text != HTML_PAGE  # the original is the extracted main text, not the markup
    assert "The operator of the Kelmora dam" in article.source_text


def test_txt_that_is_html_is_read_as_html(tmp_path):
    write(tmp_path, "saved-page.txt", HTML_PAGE)
    (article,) = read_articles([tmp_path])
    assert article.format == "html"
    assert "<p>" not in article.text
    assert article.outlet == "The Daily"


def test_meta_overrides_html_metadata_and_html_fills_gaps(tmp_path):
    write(tmp_path, "operator.htm", HTML_PAGE)
    write(
        tmp_path, "meta.json", json.dumps({"articles": [{"file": "operator.htm", "outlet": "Daily (print)"}]})
    )
    (article,) = read_articles([tmp_path])
    assert article.outlet == "Daily (print)"
    assert article.published == date(2025, 3, 7)
    assert article.title == "Dam operator disputes reservoir figure"


def test_markdown(tmp_path):
    md = (
        "# Dam gives way in Kelmora region\n\n"
        "The **regional emergency service** said at least [40 people](https://x.example/a) were missing.\n\n"
        "![A flooded street](img.png)\n\n"
        "- On 2 March, cracks were reported.\n"
        "- On 4 March, an inspection was ordered.\n\n"
        "---\n\n"
        "## What we know\n\n"
        "The operator put the figure at 9 million cubic metres.\n"
    )
    write(tmp_path, "dam.md", md)
    (article,) = read_articles([tmp_path])
    assert article.format == "md"
    assert article.title == "Dam gives way in Kelmora region"
    assert article.text.split("\n\n") == [
        "Dam gives way in Kelmora region",
        "The regional emergency service said at least 40 people were missing.",
        "- On 2 March, cracks were reported.",
        "- On 4 March, an inspection was ordered.",
        "What we know",
        "The operator put the figure at 9 million cubic metres.",
    ]
    for start, original, length in article.offset_map.segments:
        assert article.text[start : start + length] == md[original : original + length]


RECORDS = [
    {
        "id": "r1",
        "outlet": "Wire A",
        "url": "https://a.example/1",
        "published": "2025-03-06",
        "title": "Dam gives way",
        "text": "At least 40 people were missing, the emergency service said.",
    },
    {
        "id": "r2",
        "outlet": "Wire B",
        "published": "Mar 7, 2025",
        "title": "Operator disputes figure",
        "text": "The operator said the reservoir held 9 million cubic metres.\nAdvertisement\n\nNo cracks found.",
    },
]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("wire.jsonl", "\n".join(json.dumps(r) for r in RECORDS) + "\n"),
        ("wire.json", json.dumps(RECORDS)),
        ("wire.json", json.dumps({"articles": RECORDS})),
        (
            "wire.csv",
            "id,outlet,url,published,title,text\n"
            'r1,Wire A,https://a.example/1,2025-03-06,Dam gives way,"At least 40 people were missing, the '
            'emergency service said."\n'
            'r2,Wire B,,"Mar 7, 2025",Operator disputes figure,"The operator said the reservoir held 9 million '
            'cubic metres.\nAdvertisement\n\nNo cracks found."\n',
        ),
    ],
)
def test_record_formats(tmp_path, name, content):
    path = write(tmp_path, name, content)
    articles = read_articles([path])
    assert [a.id for a in articles] == ["r1", "r2"]
    r1, r2 = articles
    assert r1.path == f"{path}#r1" and os.path.basename(r1.path).startswith("wire.")
    assert (r1.outlet, r1.published, r1.title, r1.url) == (
        "Wire A",
        date(2025, 3, 6),
        "Dam gives way",
        "https://a.example/1",
    )
    assert r1.text == "At least 40 people were missing, the emergency service said."
    assert r2.published == date(2025, 3, 7)
    assert r2.url is None
    assert r2.text == "The operator said the reservoir held 9 million cubic metres.\n\nNo cracks found."
    assert r2.format == name.rsplit(".", 1)[1]


def test_record_without_id_gets_stem_and_line(tmp_path):
    lines = [json.dumps({"text": "At least 40 people were missing."}), "", json.dumps({"text": "Two more."})]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines))
    assert [a.id for a in read_articles([path])] == ["feed-1", "feed-3"]


def test_file_ids_disambiguated_and_paths_kept_relative(tmp_path, monkeypatch):
    write(tmp_path, "a/report.txt", "Officials said 40 people were missing.")
    write(tmp_path, "b/report.txt", "The operator said 9 million cubic metres.")
    write(tmp_path, "b/report.md", "The governor said the figure was provisional.")
    monkeypatch.chdir(tmp_path)
    articles = read_articles(["a", "b"])
    assert [(a.id, a.path) for a in articles] == [
        ("report", os.path.join("a", "report.txt")),
        ("report-2", os.path.join("b", "report.md")),
        ("report-3", os.path.join("b", "report.txt")),
    ]


def test_folder_walk_sorted_hidden_and_meta_ignored_unsupported_listed(tmp_path):
    write(tmp_path, "b.txt", "Officials said 40 people were missing.")
    write(tmp_path, "a.txt", "The operator said 9 million cubic metres.")
    write(tmp_path, "sub/c.txt", "The governor said the figure was provisional.")
    write(tmp_path, ".hidden.txt", "Secret draft.")
    write(tmp_path, ".git/x.txt", "Not an article.")
    write(tmp_path, "meta.json", json.dumps({"articles": []}))
    write(tmp_path, "scan.pdf", b"%PDF-1.4 ...")
    write(tmp_path, "README", "Notes for the team.")
    articles = read_articles([tmp_path])
    assert [Path(a.path).name for a in articles] == ["README", "a.txt", "b.txt", "scan.pdf", "c.txt"]
    skipped = {Path(a.path).name: a.reason for a in articles if not a.ok}
    assert skipped["scan.pdf"].startswith("unsupported file type .pdf")
    assert skipped["README"].startswith("unsupported file type (no extension)")


def test_explicit_file_without_extension_is_read(tmp_path):
    path = write(tmp_path, "draft", "Officials said 40 people were missing.")
    (article,) = read_articles([path])
    assert article.ok and article.format == "txt"


def test_single_path_string_accepted(tmp_path):
    path = write(tmp_path, "a.txt", "Officials said 40 people were missing.")
    assert len(read_articles(str(path))) == 1  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------ metadata


def test_meta_json_in_folder(tmp_path):
    write(tmp_path, "000_a.txt", CAPTURED_PAGE)
    write(tmp_path, "001_b.txt", SECOND_PAGE)
    meta = {
        "story": "Kelmora dam",
        "articles": [
            {"file": "000_a.txt", "outlet": "The Daily", "published": "2025-03-06", "title": "Dam gives way"},
            {"file": "001_b.txt", "outlet": "Wire B", "published": "inferred: the day after", "title": None},
        ],
    }
    write(tmp_path, "meta.json", json.dumps(meta))
    a, b = read_articles([tmp_path])
    assert (a.outlet, a.published, a.title) == ("The Daily", date(2025, 3, 6), "Dam gives way")
    assert (b.outlet, b.published) == ("Wire B", None)
    assert b.title == "Floodwaters reach Orlovo as dam operator disputes reservoir figure"


def test_meta_json_beside_explicit_files(tmp_path):
    path = write(tmp_path, "000_a.txt", SECOND_PAGE)
    write(tmp_path, "meta.json", json.dumps({"articles": [{"file": "000_a.txt", "outlet": "The Daily"}]}))
    (article,) = read_articles([path, tmp_path / "meta.json"])
    assert article.outlet == "The Daily"


def test_meta_csv_option(tmp_path):
    write(tmp_path, "news/a.txt", SECOND_PAGE)
    meta = write(
        tmp_path,
        "meta.csv",
        'file,outlet,published,title\na.txt,Wire B,"Friday, 7 March 2025, 10:15",Operator disputes figure\n',
    )
    (article,) = read_articles([tmp_path / "news"], meta=meta)
    assert (article.outlet, article.published, article.title) == (
        "Wire B",
        date(2025, 3, 7),
        "Operator disputes figure",
    )


def test_meta_option_overrides_folder_meta(tmp_path):
    write(tmp_path, "news/a.txt", SECOND_PAGE)
    write(
        tmp_path,
        "news/meta.json",
        json.dumps([{"file": "a.txt", "outlet": "Old", "published": "2025-03-01"}]),
    )
    meta = write(tmp_path, "fix.json", json.dumps({"articles": [{"file": "news/a.txt", "outlet": "New"}]}))
    (article,) = read_articles([tmp_path / "news"], meta=meta)
    assert (article.outlet, article.published) == ("New", date(2025, 3, 1))


@pytest.mark.parametrize(
    ("name", "content", "message", "line"),
    [
        ("meta.json", '{"articles": [\n{"file": "a.txt",}\n]}', "not valid JSON", 2),
        ("meta.json", '{"articles": {"file": "a.txt"}}', "must be", None),
        ("meta.json", '{"articles": [{"outlet": "X"}]}', "entry 1", None),
        ("meta.csv", "name,outlet\na.txt,X\n", "'file' column", 1),
        ("meta.csv", "file,outlet\na.txt,X\n,Y\n", "no file name", 3),
        ("meta.json", b"\x00\x01\x02binary", "not text", None),
    ],
)
def test_malformed_meta_is_input_error(tmp_path, name, content, message, line):
    write(tmp_path, "news/a.txt", SECOND_PAGE)
    meta = write(tmp_path, name, content)
    with pytest.raises(InputError) as err:
        read_articles([tmp_path / "news"], meta=meta)
    assert message in str(err.value)
    assert err.value.path == str(meta)
    assert err.value.line == line


def test_malformed_folder_meta_json_is_input_error(tmp_path):
    write(tmp_path, "a.txt", SECOND_PAGE)
    write(tmp_path, "meta.json", "{oops")
    with pytest.raises(InputError, match="meta.json:1: metadata file is not valid JSON"):
        read_articles([tmp_path])


def test_read_meta_seeds():
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "meta.json"
    if not seeds.exists():
        pytest.skip("../shared/seeds is not available")
    entries = read_meta(seeds)
    assert all(e.outlet and e.published for e in entries.values())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-10-18", date(2024, 10, 18)),
        ("Friday, 18 October 2024, 13:35", date(2024, 10, 18)),
        ("Oct 18, 2024", date(2024, 10, 18)),
        ("2024-10-18T13:35:00Z", date(2024, 10, 18)),
        ("2024-10-18T13:35:00+03:00", date(2024, 10, 18)),
        ("18.10.2024", date(2024, 10, 18)),
        ("inferred: the day after", None),
        ("2024-13-45", None),
        ("", None),
        (None, None),
        (20241018, None),
        ("x" * 500, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


# ----------------------------------------------------------------------------------------- encodings

FRENCH = (
    "L\u2019op\u00e9rateur du barrage a d\u00e9clar\u00e9 vendredi que le r\u00e9servoir contenait 9 millions de "
    "m\u00e8tres cubes, et non 12 millions comme l\u2019a affirm\u00e9 le service r\u00e9gional. \u00c9vacuation "
    "en cours \u00e0 Orlovo, o\u00f9 la d\u00e9cision a \u00e9t\u00e9 prise t\u00f4t le matin."
)


@pytest.mark.parametrize(
    ("content", "expected_text", "encodings"),
    [
        (FRENCH.encode("utf-8"), FRENCH, {"utf-8"}),
        (b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), FRENCH, {"utf-8-sig"}),
        (FRENCH.encode("utf-16"), FRENCH, {"utf-16"}),
        (FRENCH.encode("utf-16-le"), FRENCH, {"utf-16-le"}),
        (FRENCH.encode("cp1252"), FRENCH, {"cp1252", "windows-1252"}),
        (
            FRENCH.replace("\u2019", "'").encode("latin-1"),
            FRENCH.replace("\u2019", "'"),
            {"latin_1", "iso8859-1", "cp1252", "iso8859_15", "cp1250", "iso8859_2"},
        ),
    ],
)
def test_encodings_detected(tmp_path, content, expected_text, encodings):
    write(tmp_path, "fr.txt", content)
    (article,) = read_articles([tmp_path])
    assert article.ok
    assert article.text == expected_text
    assert article.encoding in encodings


def test_html_declared_charset(tmp_path):
    html = HTML_PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace(
        "The regional governor", "Le pr\u00e9fet r\u00e9gional, \u2018prudent\u2019,"
    )
    write(tmp_path, "page.html", html, encoding="cp1252")
    (article,) = read_articles([tmp_path])
    assert "Le pr\u00e9fet r\u00e9gional, \u2018prudent\u2019," in article.text
    assert article.encoding == "cp1252"


# --------------------------------------------------------------------------------------- bad input

NESTED = "<html><body>" + "<div>" * 10_000 + "<p>Officials said 40 were missing.</p>" + "</div>" * 10_000
SCRIPT_ONLY = "<html><head><script>" + "var a = 1;" * 20_000 + "</script></head><body></body></html>"
HUGE_ATTRIBUTE = (
    "<html><body><article class='"
    + "x" * 3_000_000
    + "'><p>"
    + "The operator said the reservoir held 9 million cubic metres of water on Friday. " * 5
    + "</p></article></body></html>"
)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", re.escape("empty file (0 bytes)")),
        ("blank.txt", b"  \n\n\t \r\n", re.escape("empty file (only white space)")),
        (
            "photo.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x04",
            re.escape("binary file (contains NUL bytes)"),
        ),
        ("ctrl.txt", bytes(range(1, 9)) * 50, re.escape("binary file (control characters)")),
        (
            "furniture.txt",
            b"Advertisement:\n\nSupport Us\n\nLatest Posts\n",
            re.escape("no article text left"),
        ),
        ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no (main|article) text"),
        ("nested.html", NESTED.encode(), re.escape("HTML page is nested too deeply (over 255 levels)")),
        ("script.html", SCRIPT_ONLY.encode(), re.escape("no main text found")),
        ("data.csv", b"id,body2\n1,x\n", re.escape("line 1: CSV has no 'text' column")),
        ("data.json", b'{"articles": [\n{"id": 1,}\n]}', re.escape("line 2: malformed JSON")),
        ("data2.json", b'{"items": 3}', re.escape("expected a list of records")),
        ("feed.jsonl", b"\n\n", re.escape("empty file (only white space)")),
        ("bad.xyz", b"Officials said 40 were missing.", re.escape("unsupported file type .xyz")),
    ],
)
def test_bad_file_skipped_with_reason(tmp_path, name, content, reason):
    write(tmp_path, "good.txt", "Officials said 40 people were missing.")
    write(tmp_path, name, content)
    articles = read_articles([tmp_path])
    assert {Path(a.path.split("#")[0]).name for a in articles} == {"good.txt", name}
    (bad,) = [a for a in articles if not a.ok]
    assert bad.status is ArticleStatus.SKIPPED
    assert re.search(reason, bad.reason)
    assert "\n" not in bad.reason
    assert bad.text == ""
    with pytest.raises(SkippedInput) as err:
        read_articles([tmp_path], strict=True)
    assert re.search(reason, str(err.value))
    assert err.value.path == bad.path


def test_huge_attribute_html_is_read_quickly(tmp_path):
    write(tmp_path, "big.html", HUGE_ATTRIBUTE)
    started = time.perf_counter()
    (article,) = read_articles([tmp_path])
    assert time.perf_counter() - started < 5
    assert "9 million cubic metres" in article.text


def test_jsonl_bad_lines_are_their_own_entries(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "At least 40 people were missing."}),
        '{"id": "b", "text": "broken" "x"}',
        json.dumps({"id": "c", "title": "No text here"}),
        json.dumps({"id": "a", "text": "A second record with the first one's id."}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "d", "text": "   "}),
        json.dumps({"id": "e", "text": "The operator said 9 million cubic metres."}),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    articles = read_articles([path])
    assert [(a.id, a.ok) for a in articles] == [
        ("a", True),
        ("feed-2", False),
        ("c", False),
        ("a-2", False),
        ("feed-5", False),
        ("d", False),
        ("e", True),
    ]
    reasons = {a.id: a.reason for a in articles if not a.ok}
    assert reasons["feed-2"] == "line 2: malformed JSON (Expecting ',' delimiter)"
    assert reasons["c"] == "line 3: record has no text"
    assert reasons["a-2"] == "line 4: duplicate id 'a' (first used on line 1)"
    assert reasons["feed-5"] == "line 5: record is not a JSON object"
    assert reasons["d"] == "line 6: record has an empty or non-string text field"
    assert all(a.path == f"{path}#{a.id}" for a in articles)
    with pytest.raises(SkippedInput) as err:
        read_articles([path], strict=True)
    assert (err.value.path, err.value.line) == (f"{path}#feed-2", 2)


def test_csv_row_errors(tmp_path):
    content = "id,text\n1,At least 40 people were missing.\n2,\n1,Again the first id.\n3,a,b\n"
    articles = read_articles([write(tmp_path, "rows.csv", content)])
    assert [(a.id, a.reason) for a in articles] == [
        ("1", None),
        ("2", "line 3: record has no text"),
        ("1-2", "line 4: duplicate id '1' (first used on line 2)"),
        ("3", "line 5: row has more fields than the header"),
    ]


def test_oversize_file_skipped_before_reading(tmp_path, monkeypatch):
    big = write(tmp_path, "big.txt", "Officials said 40 people were missing. " * 100)
    write(tmp_path, "small.txt", "The operator said 9 million.")
    real_open = open

    def guarded_open(file, *args, **kwargs):
        assert Path(file) != big, "the oversize file was opened"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(ingest, "open", guarded_open, raising=False)
    articles = read_articles([tmp_path], config=Config(max_file_bytes=1000))
    (bad,) = [a for a in articles if not a.ok]
    assert bad.path == str(big)
    assert "3900 bytes" in bad.reason and "limit of 1000 bytes" in bad.reason
    assert "max_file_bytes in a --config TOML file" in bad.reason


def test_unreadable_file(tmp_path, monkeypatch):
    locked = write(tmp_path, "locked.txt", "Officials said 40 people were missing.")
    write(tmp_path, "ok.txt", "The operator said 9 million.")
    real_open = open

    def deny(file, *args, **kwargs):
        if Path(file) == locked:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(ingest, "open", deny, raising=False)
    articles = read_articles([tmp_path])
    (bad,) = [a for a in articles if not a.ok]
    assert bad.reason == "cannot read file (permission denied); check its permissions"


def test_vanished_file_and_broken_link(tmp_path, monkeypatch):
    write(tmp_path, "ok.txt", "The operator said 9 million.")
    gone = write(tmp_path, "gone.txt", "Officials said 40 people were missing.")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "link.txt")
    real_stat = os.stat

    def vanish(path, *args, **kwargs):
        if Path(path) == gone:
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(ingest.os, "stat", vanish)
    articles = read_articles([tmp_path])
    reasons = {Path(a.path).name: a.reason for a in articles if not a.ok}
    assert set(reasons) == {"gone.txt", "link.txt"}
    assert all(r.startswith("file vanished before it could be read") for r in reasons.values())


def test_missing_path_is_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder") as err:
        read_articles([tmp_path / "nope"])
    assert err.value.path == str(tmp_path / "nope")


@pytest.mark.parametrize("strict", [False, True])
def test_empty_folder_is_input_error(tmp_path, strict):
    write(tmp_path, ".hidden.txt", "x")
    write(tmp_path, "meta.json", "{}")
    with pytest.raises(InputError, match="no input files found"):
        read_articles([tmp_path], strict=strict)


def test_all_skipped_is_input_error(tmp_path):
    write(tmp_path, "a.txt", b"")
    write(tmp_path, "b.txt", b"\x00\x01")
    with pytest.raises(InputError, match=r"no article could be read: all 2 inputs were skipped"):
        read_articles([tmp_path])


def test_no_paths_is_input_error():
    with pytest.raises(InputError, match="no input given"):
        read_articles([])


# ------------------------------------------------------------------------------------------- drafts


def test_read_text_input():
    article = read_text_input(
        "Dam gives way\n\nAt least 40 people\nwere missing.\n\nAdvertisement", published="2025-03-06"
    )
    assert (article.id, article.path, article.ok) == ("draft", "<draft>", True)
    assert article.text == "Dam gives way\n\nAt least 40 people were missing."
    assert article.published == date(2025, 3, 6)
    assert article.title == "Dam gives way"


def test_read_text_input_html_and_empty():
    assert "9 million cubic metres" in read_text_input(HTML_PAGE).text
    with pytest.raises(InputError, match="no article text left"):
        read_text_input("Advertisement:\n\nSupport Us\n")


def test_detect_format(tmp_path):
    assert detect_format("a.TXT") == "txt"
    assert detect_format("a.txt", HTML_PAGE) == "html"
    assert detect_format("a.txt", "Plain <b>text</b> with a tag.") == "txt"
    assert detect_format("a.txt", "<p>One.</p><p>Two.</p><p>Three.</p>") == "html"
    assert detect_format("a.txt", "Officials said:\n<p>One.</p><p>Two.</p><p>Three.</p>") == "txt"
    assert detect_format("a.ndjson") == "jsonl"
    assert detect_format("a.pdf") is None


# ---------------------------------------------------------------------------------------- lexicon


def test_user_lexicon_extends_furniture(tmp_path):
    extra = write(tmp_path, "lex.toml", "[furniture]\nexact = ['Editors picks']\nlines = ['watch live:.*']\n")
    lexicon = load_lexicon([extra])
    page = "Officials said 40 were missing.\n\nEditors picks\n\nWatch live: the dam\n\nThe search goes on."
    assert clean_text(page, lexicon=lexicon).text == "Officials said 40 were missing.\n\nThe search goes on."
    assert "Editors picks" in clean_text(page).text


# -------------------------------------------------------------------------------------- performance


def test_many_tiny_files_ingest_quickly(tmp_path):
    for i in range(1000):
        write(tmp_path, f"n{i:04d}.txt", f"Advertisement:\n\nOfficials said {i} people were missing.\n")
    started = time.perf_counter()
    articles = read_articles([tmp_path])
    elapsed = time.perf_counter() - started
    assert len(articles) == 1000 and all(a.ok for a in articles)
    assert elapsed < 10, f"1,000 tiny files took {elapsed:.1f}s"


# --------------------------------------------------------------------------------------- properties

EXTENSIONS = [".txt", ".html", ".md", ".jsonl", ".json", ".csv", ""]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), ext=st.sampled_from(EXTENSIONS))
def test_arbitrary_bytes_raise_only_checker_errors(tmp_path, data, ext):
    path = tmp_path / f"input{ext}"
    path.write_bytes(data)
    try:
        articles = read_articles([path])
    except CheckerError:
        return
    assert all(a.ok or a.reason for a in articles)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=2000), ext=st.sampled_from(EXTENSIONS))
def test_arbitrary_text_raise_only_checker_errors(tmp_path, text, ext):
    path = tmp_path / f"input{ext}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        articles = read_articles([path])
    except CheckerError:
        return
    for article in articles:
        for start, original, length in article.offset_map.segments:
            assert article.text[start : start + length] == article.source_text[original : original + length]
