"""The Markdown report: pasteable quotes with outlet and date, tables, and text that stays text."""

from __future__ import annotations

import dataclasses

import pytest
from sample_report import sample_report

from checker.models import FindingKind
from checker.report.markdown import escape, render_markdown


@pytest.fixture(scope="module")
def sample():
    return sample_report()


def test_conflict_quotes_are_blockquotes_with_outlet_and_date(sample):
    lines = render_markdown(sample).splitlines()
    assert (
        "> “Investigators said sabotage could not be ruled out.” — Coastal Wire, 2024-10-16 "
        "(investigators; possible)"
    ) in lines
    assert (
        "> “Twelve people were killed when the Ferrow dam gave way on Wednesday, regional police said.” — "
        "Northern Ledger, 2024-10-16 (Twelve (12); regional police; certain)"
    ) in lines


def test_summary_tables_and_sections(sample):
    out = render_markdown(sample)
    lines = out.splitlines()
    assert lines[0] == "# Claim-consistency report"
    assert "**4 articles read, 1 skipped · 14 claims · 3 subjects · 4 conflicts**" in lines
    assert "| number | 1 |" in lines and "| negation | 1 |" in lines
    assert "| 1 | Cause of the breach | 6 | **2 conflicts, 1 shift** |" in lines
    assert (
        "- articles/scan-1017.pdf: unsupported format .pdf; save the page as text or HTML and run again"
        in lines
    )
    assert "**⚠ CONFLICT · category**: The same people are called evacuated" in out
    assert "| Outlet | 2024-10-16 | 2024-10-17 | 2024-10-18 |" in lines
    assert (
        "| Northern Ledger | 12 · certain · unattributed (headline); Twelve (12) · certain · regional police "
        "|   | 23 · certain · regional police |"
    ) in lines
    # every table row has as many cells as its header
    for block in out.split("\n\n"):
        rows = [r for r in block.splitlines() if r.startswith("| ")]
        if rows:
            assert len({r.replace("\\|", "").count("|") for r in rows}) == 1, block


def test_subjects_without_conflicts_are_listed_then_shown_in_verbose(sample):
    calm = dataclasses.replace(
        sample,
        findings=tuple(
            f for f in sample.findings if f.subject != "s-toll" or f.kind is not FindingKind.CONFLICT
        ),
    )
    out = render_markdown(calm)
    assert "## Subjects without conflicts" in out
    assert "- Death toll from the Ferrow dam breach: 5 claims; 1 update, 1 echo" in out
    assert "**UPDATE · number**" not in out
    verbose = render_markdown(calm, verbose=True)
    assert "## Subjects without conflicts" not in verbose
    assert "**UPDATE · number**: Regional police raised their figure" in verbose
    assert "### All claims" in verbose and "## Settings" in verbose


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
