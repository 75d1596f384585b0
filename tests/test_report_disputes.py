"""What every format shows of a dispute, computed once (checker/report/view.py): ranking, readable
titles, sides of pairwise findings, the timeline's statements and scale, who said what first and who
moved, and the steps of an update."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sample_report import sample_report

from checker.models import Certainty, Finding, FindingKind, FindingType, Side
from checker.report.view import (
    build_view,
    dispute_view,
    range_label,
    rank_disputes,
    short_name,
    subject_title,
    trim,
    update_view,
)

D16, D17, D18 = date(2024, 10, 16), date(2024, 10, 17), date(2024, 10, 18)


@pytest.fixture(scope="module")
def sample():
    return sample_report()


@pytest.fixture(scope="module")
def view(sample):
    return build_view(sample)


def number_dispute(fid: str, sides: tuple[Side, ...]) -> Finding:
    claims = tuple(c for s in sides for c in s.claims)
    return Finding(fid, FindingKind.CONFLICT, FindingType.NUMBER, None, claims, fid, sides=sides, title=fid)


def side(value: float, holders: tuple[str, ...], last: date, claim: str = "ledger-1016/1") -> Side:
    return Side(str(value), (claim,), holders=holders, low=value, high=value, first=last, last=last)


def test_rank_by_independent_holders_then_recency_then_gap(view):
    claims = view.claims
    many = number_dispute("many", (side(1, ("a", "b"), D16), side(2, ("c",), D16)))
    recent = number_dispute("recent", (side(1, ("a",), D18), side(1.1, ("b",), D18)))
    wide = number_dispute("wide", (side(1, ("a",), D17), side(100, ("b",), D17)))
    narrow = number_dispute("narrow", (side(1, ("a",), D17), side(1.5, ("b",), D17)))
    echoed = number_dispute("echoed", (side(1, ("a", "A", "The a"), D18), side(3, ("b",), D18)))
    ranked = rank_disputes([dispute_view(f, claims) for f in (narrow, wide, echoed, recent, many)])
    # 3 holders first; then 2 holders (one holder spelt three ways counts once): the latest first (10-18
    # before 10-17, whatever the gap), and of one date, the widest gap first
    assert [d.finding.id for d in ranked] == ["many", "echoed", "recent", "wide", "narrow"]
    assert [d.number for d in ranked] == [1, 2, 3, 4, 5]
    assert ranked[0].holders == 3 and ranked[1].holders == 2
    assert ranked[3].gap == pytest.approx(0.99) and ranked[4].gap == pytest.approx(1 / 3)


def test_titles_come_from_the_finding_else_its_shortest_claim(view):
    toll, category = view.disputes[0], view.disputes[1]
    assert toll.title == "Death toll, Ferrow, 2024-10-16"  # the judgement's title
    # no title: the shortest claim that says something, not the clustering's keyword label
    assert category.title == "Some 4,000 people have been displaced by the flooding, the Red Crescent said"
    subjects = {s.subject.id: subject_title(s) for s in view.subjects}
    assert subjects == {
        "s-cause": "Investigators said sabotage could not be ruled out",
        "s-toll": "Dam breach at Ferrow kills 12",
        "s-evacuations": "Some 4,000 people have been displaced by the flooding, the Red Crescent said",
    }


def test_a_finding_without_sides_gets_one_side_per_position(view):
    modality = next(d for d in view.disputes if d.finding.id == "f-cause-modality")
    assert [(s.letter, s.value, s.side.holders, s.side.certainty) for s in modality.sides] == [
        ("A", "states it as possible", ("investigators",), Certainty.POSSIBLE),
        ("B", "states it as certain", ("the interior ministry",), Certainty.CERTAIN),
    ]
    # three claims of a negation found pairwise: the two that assert it are one side
    negation = Finding(
        "f-neg",
        FindingKind.CONFLICT,
        FindingType.NEGATION,
        None,
        ("ledger-1016/4", "wire-1016/3", "ledger-1016/2"),
        "x",
    )
    d = dispute_view(negation, view.claims)
    assert [(s.value, [c.claim.id for c in s.claims], s.denial) for s in d.sides] == [
        ("asserts it", ["ledger-1016/4", "ledger-1016/2"], False),
        ("denies or negates it", ["wire-1016/3"], True),
    ]


def test_statements_are_dated_rows_with_their_own_figures(view):
    toll = view.disputes[0]
    rows = [(s.when, s.outlet, s.holder, s.side.letter, s.says) for s in toll.statements]
    assert rows == [
        (D16, "Coastal Wire", "hospital officials", "B", "Nineteen"),
        (D16, "Northern Ledger", "Northern Ledger (own voice)", "A", "12"),  # the unattributed headline
        (D16, "Northern Ledger", "regional police", "A", "Twelve"),
        (D17, "Daily Meridian", "hospital officials", "B", "Nineteen"),
        (D17, "Daily Meridian", "a local volunteer group", "C", "more than 20"),
    ]
    volunteers = toll.statements[-1]
    assert (volunteers.low, volunteers.high, volunteers.open_high, volunteers.glyph) == (20, None, True, "○")
    span = toll.span(volunteers)
    assert span.open_high and span.end == 1.0 and span.start == span.mark < 1.0  # a bar to the open end
    assert toll.scale is not None and not toll.scale.log
    assert toll.scale.labels == ("12", "20") and toll.scale.high > 20  # room beyond 20 for the open end


def test_one_sentence_giving_two_sides_speaks_for_each_holder(view):
    """'Police counted 12; hospital officials said 19': one claim on two sides, each row its holder."""
    claim = "ledger-1016/1"
    both = number_dispute(
        "both",
        (
            side(12, ("regional police",), D16, claim),
            side(19, ("hospital officials",), D16, claim),
        ),
    )
    d = dispute_view(both, view.claims)
    assert [(s.holder, s.side.letter) for s in d.statements] == [
        ("regional police", "A"),
        ("hospital officials", "B"),
    ]


def test_scale_is_logarithmic_when_figures_span_orders_of_magnitude(view):
    d = dispute_view(
        number_dispute("log", (side(40, ("a",), D16), side(3_500_000, ("b",), D16))), view.claims
    )
    assert d.scale is not None and d.scale.log
    assert d.scale.at(40) == 0.0 and d.scale.at(3_500_000) == 1.0
    assert 0.4 < d.scale.at(12_000) < 0.6  # the middle of the orders of magnitude, not near 0


def test_first_said_and_who_moved(view):
    toll = view.disputes[0]
    assert toll.first_said == (
        "First, on 2024-10-16: Twelve / 12 (regional police, Northern Ledger (own voice)); Nineteen "
        "(hospital officials); then, on 2024-10-17: more than 20 (a local volunteer group)."
    )
    assert toll.moved.startswith("No one changed position; latest, on 2024-10-17: Nineteen")
    moved = number_dispute(
        "moved",
        (
            side(12, ("regional police",), D16, "ledger-1016/1"),
            side(23, ("regional police",), D18, "ledger-1018/1"),
        ),
    )
    assert (
        dispute_view(moved, view.claims).moved
        == "Moved: regional police moved from 12 (2024-10-16) to 23 (2024-10-18)."
    )
    both = number_dispute(
        "both",
        (side(12, ("CGT",), D16, "ledger-1016/1"), side(19, ("CGT",), D16, "ledger-1016/1")),
    )
    assert dispute_view(both, view.claims).moved == "Moved: CGT gave both 12 and 19."


def test_update_steps_are_listed_per_place(view):
    explanation = (
        "People (send) as the story developed: overall: 87,000 (prefecture, 2023-01-31) → 93,000 (prefecture, "
        "2023-02-11); Brest: 22,000 participants (police, 2023-03-07) → 30,000 (unions, 2023-03-07)."
    )
    finding = Finding(
        "u", FindingKind.UPDATE, FindingType.NUMBER, None, (), explanation, title="People (send)"
    )
    update = update_view(finding, view.claims)
    assert update.title == "People (send)"
    assert update.lines == (
        "overall: 87,000 (prefecture, 2023-01-31) → 93,000 (prefecture, 2023-02-11)",
        "Brest: 22,000 participants (police, 2023-03-07) → 30,000 (unions, 2023-03-07)",
    )
    plain = dataclasses.replace(finding, explanation="Police raised their figure.", title=None)
    assert update_view(plain, view.claims).lines == ("Police raised their figure.",)


@pytest.mark.parametrize(
    "low, high, label",
    [
        (12.0, 12.0, "12"),
        (3600.0, 4400.0, "3,600–4,400"),
        (None, 12000.0, "up to 12,000"),
        (13000.0, None, "13,000 or more"),
        (1350.0, 1650.0000000000002, "1,350–1,650"),
        (None, None, ""),
    ],
)
def test_range_label(low, high, label):
    assert range_label(low, high) == label


def test_trim_and_short_names():
    assert trim("Short title.") == "Short title"
    long = "word " * 40
    assert len(trim(long)) <= 80 and trim(long).endswith("…") and not trim(long).endswith(" …")
    assert short_name("News in France (newsinfrance.com), English rendering of AFP-based French copy") == (
        "News in France"
    )
    assert short_name("News in France (newsinfrance.com), English rendering (own voice)") == (
        "News in France (own voice)"
    )
    assert short_name("Coastal Wire") == "Coastal Wire"
