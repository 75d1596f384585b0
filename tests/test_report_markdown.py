"""The Markdown report: pasteable quotes with outlet and date, tables, and text that stays text."""

from __future__ import annotations

import pytest
from sample_report import sample_report

from checker.report.markdown import escape, render_markdown


@pytest.fixture(scope="module")
def sample():
    return sample_report()


def test_quotes_are_blockquotes_with_outlet_and_date(sample):
    lines = render_markdown(sample).splitlines()
    assert (
        "> “Investigators said sabotage could not be ruled out.” — Coastal Wire, 2024-10-16 "
        "(investigators; possible)"
    ) in lines
    assert (
        "> “Twelve people were killed when the Ferrow dam gave way on Wednesday, regional police said.” — "
        "Northern Ledger, 2024-10-16 (Twelve (12); regional police; certain)"
    ) in lines


def test_summary_then_ranked_disputes_with_sides_and_timeline(sample):
    out = render_markdown(sample)
    lines = out.splitlines()
    assert lines[:7] == [
        "# Claim-consistency report",
        "",
        "**4 articles read, 1 skipped · 15 claims · 3 subjects · 4 disputes**",
        "",
        "Findings: 4 disputes (1 number, 1 modality, 1 category, 1 negation) · 1 update · 1 shift.",
        "",
        "Agreements and echoes: 1 agreement, 1 echo (details with `--verbose`).",
    ]
    assert (
        "- articles/scan-1017.pdf: unsupported format .pdf; save the page as text or HTML and run again"
        in lines
    )
    headings = [line for line in lines if line.startswith("#")]
    assert headings == [
        "# Claim-consistency report",
        "## Skipped inputs (1)",
        "## Disputes",
        "### 1. Death toll, Ferrow, 2024-10-16",
        "### 2. Some 4,000 people have been displaced by the flooding, the Red Crescent said",
        "### 3. Investigators said sabotage could not be ruled out",
        "### 4. Spillway maintenance skipped",
        "## Updates",
        "### 1. Death toll",
        "## Certainty shifts",
        "### 1. Engineers now say heavy rain probably weakened the eastern wall",
        "## Articles read (4)",
    ]
    assert "| Side | Says | Range | Certainty | Holders | Outlets | First | Last |" in lines
    assert (
        "| C | more than 20 | 20 or more | possible | a local volunteer group | Daily Meridian | 2024-10-17 "
        "| 2024-10-17 |"
    ) in lines
    assert "| Date | Outlet | Holder | Side | Says | Range | Certainty |" in lines
    assert (
        "| 2024-10-17 | Daily Meridian | a local volunteer group | C | more than 20 | 20 or more | ○ possible |"
        in lines
    )
    assert "| 2024-10-16 | Coastal Wire | Ferrow Hydro | B | denies it | ✕ certain, denial |" in lines
    assert "- overall: Twelve (regional police, 2024-10-16) → 23 (regional police, 2024-10-18)" in lines
    assert "**C · more than 20** (20 or more; possible) — a local volunteer group" in lines
    assert "**A · states it as possible** — investigators" in lines  # the certainty is said once
    assert (
        "No one changed position; latest, on 2024-10-17: Nineteen (hospital officials); more than 20" in out
    )
    # every table row has as many cells as its header
    for block in out.split("\n\n"):
        rows = [r for r in block.splitlines() if r.startswith("| ")]
        if rows:
            assert len({r.replace("\\|", "").count("|") for r in rows}) == 1, block


def test_agreements_echoes_subjects_and_settings_with_verbose(sample):
    out = render_markdown(sample)
    assert "**AGREEMENT**" not in out and "## Subjects" not in out
    assert "3 subjects; run with `--verbose` to show each in full." in out
    verbose = render_markdown(sample, verbose=True)
    assert "## Agreements and echoes" in verbose
    assert "**AGREEMENT**: About 4,000 and 4,100 evacuated agree" in verbose
    assert "### 2. Dam breach at Ferrow kills 12" in verbose  # a subject by its shortest claim
    assert "Death toll from the Ferrow dam breach" not in verbose  # never the clustering's label
    assert "6 claims; 1 dispute, 1 update, 1 echo (see dispute 1, update 1, echo f-toll-echo)" in verbose
    assert (
        "| Northern Ledger | 12 · certain · unattributed (headline); Twelve (12) · certain · regional police "
        "|   | 23 · certain · regional police |"
    ) in verbose.splitlines()
    assert "## Settings" in verbose


def parse(markdown: str):
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark").enable("table").parse(markdown)


def structure(markdown: str) -> dict:
    """What a Markdown reader sees: headings by level, tables as rows of cell counts, blockquotes, raw
    HTML blocks."""
    tokens = parse(markdown)
    headings, tables, quotes, html = [], [], 0, 0
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            headings.append((tok.tag, tokens[i + 1].content))
        elif tok.type == "table_open":
            tables.append([])
        elif tok.type == "tr_open":
            tables[-1].append(0)
        elif tok.type in ("th_open", "td_open"):
            tables[-1][-1] += 1
        elif tok.type == "blockquote_open":
            quotes += 1
        elif tok.type in ("html_block", "html_inline"):
            html += 1
    return {"headings": headings, "tables": tables, "quotes": quotes, "html": html}


@pytest.mark.parametrize("verbose", [False, True])
def test_markdown_parses_back_into_the_report(sample, verbose):
    """Parsed by a CommonMark implementation with tables, the report keeps its shape: a heading per
    dispute in rank order, whole tables, one blockquote per quote, no raw HTML."""
    found = structure(render_markdown(sample, verbose=verbose))
    h3 = [text for tag, text in found["headings"] if tag == "h3"]
    assert h3[:4] == [
        "1. Death toll, Ferrow, 2024-10-16",
        "2. Some 4,000 people have been displaced by the flooding, the Red Crescent said",
        "3. Investigators said sabotage could not be ruled out",
        "4. Spillway maintenance skipped",
    ]
    # per dispute, a sides table and a timeline table; then the articles (and, verbose, subject grids and
    # settings); every row of a table has as many cells as its header
    assert len(found["tables"]) == (4 * 2 + 1 + (3 + 1 if verbose else 0))
    for rows in found["tables"]:
        assert len(set(rows)) == 1, rows
    sides = found["tables"][0]
    assert sides == [8, 8, 8, 8]  # header and three sides: 12, 19, more than 20
    disputes = (2 + 2 + 1) + 2 + 2 + 2  # the toll's three sides quote 2, 2 and 1 claims; the others 1 + 1
    verbose_only = 2 + 2 + 4 + 15  # the update's and the shift's claims, agreement and echo, every claim
    assert found["quotes"] == disputes + (verbose_only if verbose else 0)
    assert found["html"] == 0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("plain words, 4,000 people", "plain words, 4,000 people"),
        ("*bold* and _it_", r"\*bold\* and \_it\_"),
        ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("![img](x.png)", r"\!\[img\](x.png)"),
        ("<b>tag</b> & co", "&lt;b&gt;tag&lt;/b&gt; &amp; co"),
        ("a | b", r"a \| b"),
        ("`code`", r"\`code\`"),
        ("~~gone~~", r"\~\~gone\~\~"),
        ("back\\slash", r"back\\slash"),
        ("# not a heading", r"\# not a heading"),
        ("- not a list", r"\- not a list"),
        ("> not a quote", r"&gt; not a quote"),
        ("12. not a list", r"12\. not a list"),
        ("3) not a list", r"3\) not a list"),
        ("see https://example.invalid/x", r"see https\:\/\/example.invalid/x"),
        ("see www.example.invalid", r"see www\.example.invalid"),
        ("two\nlines\tand  spaces", "two lines and spaces"),
    ],
)
def test_escape(text, expected):
    assert escape(text) == expected
