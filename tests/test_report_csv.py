"""The CSV report: one row per side of each dispute, ranked, read back with the csv module."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest
from sample_report import HOSTILE, PAYLOADS, hostile_report, sample_report

from checker.models import Finding, FindingKind, FindingType, Side
from checker.report import render
from checker.report.csv import COLUMNS, number_cell, render_csv, text_cell


def rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


@pytest.fixture(scope="module")
def sample_rows():
    return rows(render_csv(sample_report()))


def test_one_row_per_side_in_rank_order(sample_rows):
    assert [(r["rank"], r["dispute_id"], r["side"]) for r in sample_rows] == [
        ("1", "f-toll-number", "A"),
        ("1", "f-toll-number", "B"),
        ("1", "f-toll-number", "C"),
        ("2", "f-evac-category", "A"),
        ("2", "f-evac-category", "B"),
        ("3", "f-cause-modality", "A"),
        ("3", "f-cause-modality", "B"),
        ("4", "f-cause-negation", "A"),
        ("4", "f-cause-negation", "B"),
    ]


def test_a_side_row_holds_what_a_fact_checker_needs(sample_rows):
    open_range = sample_rows[2]
    assert open_range == {
        "rank": "1",
        "dispute_id": "f-toll-number",
        "title": "Death toll, Ferrow, 2024-10-16",
        "type": "number",
        "side": "C",
        "value": "more than 20",
        "low": "20",
        "high": "",  # open above
        "certainty": "possible",
        "holders": "a local volunteer group",
        "outlets": "Daily Meridian",
        "first": "2024-10-17",
        "last": "2024-10-17",
        "claims": "meridian-1017/5",
        "quotes": "“A local volunteer group said more than 20 people may have died.” — Daily Meridian, 2024-10-17",
    }
    nineteen = sample_rows[1]
    assert (nineteen["low"], nineteen["high"], nineteen["first"], nineteen["last"]) == (
        "19",
        "19",
        "2024-10-16",
        "2024-10-17",
    )
    assert nineteen["quotes"].split("\n") == [
        "“FERROW (Coastal Wire) - Nineteen people died after the Ferrow dam collapsed on Wednesday, hospital "
        "officials said.” — Coastal Wire, 2024-10-16",
        "“Nineteen people died after the Ferrow dam collapsed on Wednesday, hospital officials said.” — "
        "Daily Meridian, 2024-10-17",
    ]
    assert sample_rows[0]["holders"] == "regional police; Northern Ledger (own voice)"


def test_a_pairwise_conflict_gives_its_two_claims_as_two_sides(sample_rows):
    category = [r for r in sample_rows if r["dispute_id"] == "f-evac-category"]
    assert [(r["value"], r["holders"], r["outlets"], r["first"]) for r in category] == [
        ("evacuated", "the regional governor", "Northern Ledger", "2024-10-16"),
        ("displaced", "the Red Crescent", "Daily Meridian", "2024-10-17"),
    ]
    assert (
        category[0]["title"] == "Some 4,000 people have been displaced by the flooding, the Red Crescent said"
    )
    denial = [r for r in sample_rows if r["dispute_id"] == "f-cause-negation"][1]
    assert denial["certainty"] == "certain, denial"


def test_formula_cells_from_the_input_are_defused():
    report = sample_report()
    findings = tuple(
        dataclasses.replace(
            f,
            title='=HYPERLINK("http://example.invalid", "click")',
            sides=(dataclasses.replace(f.sides[0], value="+1 (555) 0100", holders=("@admin", "-2+3")),)
            + f.sides[1:],
        )
        if f.id == "f-toll-number"
        else f
        for f in report.findings
    )
    first = rows(render_csv(dataclasses.replace(report, findings=findings)))[0]
    assert first["title"] == '\'=HYPERLINK("http://example.invalid", "click")'
    assert first["value"] == "'+1 (555) 0100"
    assert first["holders"] == "'@admin; -2+3"
    assert first["low"] == "12"  # figures stay numbers


def test_hostile_text_stays_whole_inside_its_cells():
    parsed = rows(render_csv(hostile_report()))
    assert len(parsed) == 9 and all(set(r) == set(COLUMNS) for r in parsed)
    assert (
        f"Twelve people died {HOSTILE}, police said." in parsed[0]["quotes"]
    )  # commas, quotes, newlines kept
    assert parsed[0]["value"] == f"Twelve / 12 {PAYLOADS[0]}"


@pytest.mark.parametrize(
    "value, cell",
    [(12.0, "12"), (6.8, "6.8"), (1_280_000.0, "1280000"), (3_300_000.0000000005, "3300000"), (None, "")],
)
def test_number_cells(value, cell):
    assert number_cell(value) == cell


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_text_cells_defuse_formulas(text):
    assert text_cell(text) == "'" + text
    assert text_cell("plain " + text) == "plain " + text


def test_a_dispute_with_a_claim_not_in_the_report_still_gets_its_row():
    report = sample_report()
    orphan = Finding(
        "f-orphan",
        FindingKind.CONFLICT,
        FindingType.NUMBER,
        None,
        ("gone/1", "gone/2"),
        "Two lost claims.",
        ("5", "7"),
        sides=(Side("5", ("gone/1",), low=5, high=5), Side("7", ("gone/2",), low=7, high=7)),
    )
    parsed = rows(render(dataclasses.replace(report, findings=(*report.findings, orphan)), "csv"))
    lost = [r for r in parsed if r["dispute_id"] == "f-orphan"]
    assert [(r["value"], r["claims"], r["quotes"]) for r in lost] == [
        ("5", "gone/1", ""),
        ("7", "gone/2", ""),
    ]
