"""The contract every renderer keeps: pure, deterministic, total on the empty report; and the dispatch."""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle

import pytest
from sample_report import empty_report, sample_report

from checker.models import Finding, FindingKind, FindingType, Subject
from checker.report import FORMATS, RENDERERS, format_from_extension, render
from checker.report.csv import COLUMNS, render_csv
from checker.report.html import render_html
from checker.report.json import render_json
from checker.report.markdown import render_markdown
from checker.report.terminal import render_table


@pytest.fixture(scope="module")
def sample():
    return sample_report()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("verbose", [False, True])
def test_renderer_is_pure_and_deterministic(fmt, verbose, sample):
    before = pickle.dumps(sample)
    first = render(sample, fmt, verbose=verbose)
    second = render(copy.deepcopy(sample), fmt, verbose=verbose)
    assert first == second
    assert render(sample_report(), fmt, verbose=verbose) == first  # a report built afresh: same bytes
    assert pickle.dumps(sample) == before  # the report was not touched
    assert isinstance(first, str) and first.endswith("\n") and not first.endswith("\n\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_renderer_handles_the_empty_report(fmt):
    out = render(empty_report(), fmt)
    assert "Ferrow" not in out
    if fmt == "csv":  # rows are sides of disputes: none, only the header
        assert out == ",".join(COLUMNS) + "\n"
        return
    assert "articles/scan-1017.pdf" in out  # the skipped input is named
    assert "unsupported format .pdf" in out  # with its reason


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_empty_report_says_no_claims_were_found(fmt):
    assert "No claims were found" in render(empty_report(), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_names_every_conflict_quote_and_outlet(fmt, sample):
    out = render(sample, fmt)
    if fmt == "json":
        out = json.dumps(json.loads(out), ensure_ascii=False)
    for text in (
        "Twelve people were killed when the Ferrow dam gave way on Wednesday, regional police said.",
        "Investigators said sabotage could not be ruled out.",
        "Some 4,000 people have been displaced by the flooding, the Red Crescent said.",
        "Northern Ledger",
        "Coastal Wire",
        "Daily Meridian",
        "2024-10-16",
        "2024-10-17",
        "hospital officials",
    ):
        assert text in out, (fmt, text)


def test_formats_and_renderers_line_up():
    assert FORMATS == ("table", "markdown", "json", "html", "csv")
    assert RENDERERS == {
        "table": render_table,
        "markdown": render_markdown,
        "json": render_json,
        "html": render_html,
        "csv": render_csv,
    }


def test_render_rejects_an_unknown_format(sample):
    with pytest.raises(ValueError, match=r"unknown report format 'pdf'; choose one of: table, markdown"):
        render(sample, "pdf")


@pytest.mark.parametrize(
    "path, fmt",
    [
        ("out/report.md", "markdown"),
        ("REPORT.MARKDOWN", "markdown"),
        ("r.json", "json"),
        ("r.html", "html"),
        ("r.HTM", "html"),
        ("notes.txt", "table"),
        ("report", None),
        ("report.csv", "csv"),
        ("REPORT.CSV", "csv"),
        ("archive.html.gz", None),
        (".md", None),  # a dot file has no extension
    ],
)
def test_format_from_extension(path, fmt):
    assert format_from_extension(path) == fmt


def messy_report():
    """What a partial or buggy run could hand a renderer: no dates, no outlets, a NaN figure, a claim of
    an article that is not in the report, findings naming missing claims or no subject, an empty subject."""
    report = sample_report()
    articles = tuple(dataclasses.replace(a, published=None, outlet=None, title=None) for a in report.articles)
    claims = [dataclasses.replace(c, published=None, event_date=None, outlet=None) for c in report.claims]
    claims[0] = dataclasses.replace(claims[0], article="gone", start=-5, end=3)
    entries = tuple(
        (sid, tuple(dataclasses.replace(e, value=float("nan"), published=None, event_date=None) for e in es))
        for sid, es in report.timelines
    )
    findings = (
        *report.findings,
        Finding("f-orphan", FindingKind.CONFLICT, FindingType.NUMBER, None, ("missing/1",), "No subject."),
        Finding(
            "f-lost", FindingKind.ECHO, FindingType.ECHO, "s-nowhere", ("ledger-1016/1",), "Lost subject."
        ),
    )
    subjects = (*report.subjects, Subject("s-empty", "An empty subject", ()))
    return dataclasses.replace(
        report,
        articles=articles,
        claims=tuple(claims),
        timelines=entries,
        findings=findings,
        subjects=subjects,
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("verbose", [False, True])
def test_renderer_survives_a_messy_report(fmt, verbose):
    out = render(messy_report(), fmt, verbose=verbose)
    assert out == render(messy_report(), fmt, verbose=verbose)
    if fmt == "csv":
        # the orphan conflict is a dispute whose one side names a claim the report lacks
        assert "f-orphan" in out and "missing/1" in out
    elif fmt != "json":
        assert "No subject." in out  # a dispute without a subject is still shown
        assert ("Lost subject." in out) is verbose  # an echo: counted, shown in full with --verbose
        assert "missing/1 is not in the report" in out
    if fmt == "table":
        assert max(len(line) for line in out.splitlines()) <= 100
        assert "undated" in out and "unknown outlet" in out


def test_csv_is_an_analyze_format_and_a_check_says_so():
    """cli.py offers one --format list to analyze and check; a check asked for csv gets a usage error (exit
    2, one line) naming its formats, never a traceback."""
    from checker.errors import CheckerError
    from checker.report.check import CHECK_FORMATS, render_check

    assert "csv" in FORMATS and "csv" not in CHECK_FORMATS
    with pytest.raises(CheckerError, match=r"'checker check' writes table, markdown, json, html") as caught:
        render_check(None, "csv")  # type: ignore[arg-type]  # refused before the result is read
    assert caught.value.exit_code == 2
