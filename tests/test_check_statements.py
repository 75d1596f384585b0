"""The statement-based judgement of the pre-publication check, as tables of real-looking sentences (no
model: each prior sentence comes with the similarity retrieval would give it).

What an editor would catch at once, and the check now catches too: a headline fragment is not a
statement; a holder's own denial outranks its earlier words; a figure revised down by its holder makes
the earlier, larger one out of date (not the other way round); a figure is its holder's, not the
dateline's, the weekday's or a stray word's.
"""

from __future__ import annotations

import json

import pytest
from test_check import LEXICON, _result, claim_of

from checker.check import PriorClaim, Relation, Verdict, VerdictType, judge_draft
from checker.judge import HolderNames, read_figure_statements
from checker.report.check import check_to_dict, render_check

# (prior text, outlet, published, similarity to the draft sentence)
Prior = tuple[str, str, str, float]


def judge(draft: str, published: str, priors: list[Prior]):
    """The verdict (or the reason it was not checked) of the one draft sentence ``draft``."""
    claim = claim_of(draft, published=published, article="draft")
    found = [
        PriorClaim(claim_of(text, outlet=outlet, published=when, article=f"p{n}"), similarity)
        for n, (text, outlet, when, similarity) in enumerate(priors)
    ]
    verdicts, skipped = judge_draft([claim], [found], lexicon=LEXICON)
    return verdicts[0] if verdicts else skipped[0]


# ---- what is not a statement ------------------------------------------------------------------------

DENIAL = (
    "Police deny that anyone in the town was hurt as mourners gather a week on.",
    "Courier",
    "2025-03-07",
    0.8,
)


@pytest.mark.parametrize(
    ("draft", "reason"),
    [
        ("A town mourns, a week on", "headline fragment"),
        ("Will the toll rise further?", "question"),
        ('"We are still waiting for news of my brother," said a neighbour.', "colour"),
    ],
)
def test_sentences_with_nothing_to_check_are_listed_not_judged(draft, reason):
    result = judge(draft, "2025-03-08", [DENIAL])
    assert not hasattr(result, "verdict"), result  # no verdict, not even "contradicted" by the denial
    assert reason in result.reason


def test_a_headline_with_a_figure_is_a_statement():
    result = judge(
        "Quake toll climbs to 97",
        "2025-03-08",
        [("The death toll has climbed to 97, the Interior Ministry said.", "Observer", "2025-03-07", 0.8)],
    )
    # Checked: the headline gives in its own voice a figure only the ministry gives.
    assert result.verdict is Verdict.UNATTRIBUTED, result


# ---- denials: the holder's own word, and its latest ------------------------------------------------

SAID = ("The Interior Ministry put the death toll at 500.", "Herald", "2025-03-05", 0.9)
DENIED = (
    "The Interior Ministry denied that it had ever given a death toll of 500.",
    "Observer",
    "2025-03-07",
    0.75,
)


def test_a_figure_its_holder_has_since_denied_is_contradicted_quoting_the_denial():
    result = judge("The Interior Ministry confirmed a death toll of 500.", "2025-03-08", [SAID, DENIED])
    assert (result.verdict, result.type) == (Verdict.CONTRADICTED, VerdictType.NEGATION), result.explanation
    assert "The draft quotes Interior Ministry" in result.explanation
    assert "denied that it had ever given a death toll of 500" in result.explanation
    assert result.matches[0].relation is Relation.CONTRADICTS
    assert result.matches[0].prior.claim.text == DENIED[0]


def test_a_holder_that_denied_then_said_it_again_is_supported_with_a_note():
    again = ("The Interior Ministry put the death toll at 500 after all.", "Daily", "2025-03-09", 0.9)
    early_denial = (DENIED[0], DENIED[1], "2025-03-06", DENIED[3])
    result = judge("The Interior Ministry put the death toll at 500.", "2025-03-10", [early_denial, again])
    assert result.verdict is Verdict.SUPPORTED, result.explanation
    assert "said it again later" in result.explanation


def test_asserting_what_a_holder_denies_in_the_draft_s_own_voice_is_contradicted():
    result = judge(
        "Shops in the market district were looted overnight.",
        "2025-03-08",
        [
            (
                "Police chief Ivo Dessen denied that there had been any looting in the market district.",
                "Observer",
                "2025-03-07",
                0.7,
            )
        ],
    )
    assert (result.verdict, result.type) == (Verdict.CONTRADICTED, VerdictType.NEGATION), result.explanation
    assert "Police chief Ivo Dessen (Observer, 2025-03-07) denies" in result.explanation


# ---- time: the latest figure of each holder counts --------------------------------------------------

FIRST = ("The health ministry said 500 people had been killed in the blast.", "Herald", "2023-10-17", 0.9)
REVISED = (
    "The health ministry said 471 people had been killed in the blast, revising its earlier figure.",
    "Daily",
    "2023-10-18",
    0.85,
)
OTHER = (
    "US intelligence estimated that 100 to 300 people were killed in the blast.",
    "Post",
    "2023-10-19",
    0.6,
)


def test_a_figure_revised_down_makes_the_earlier_larger_one_outdated():
    result = judge(
        "The health ministry said 500 people had been killed in the blast.", "2023-10-20", [FIRST, REVISED]
    )
    assert (result.verdict, result.type) == (Verdict.OUTDATED, VerdictType.NUMBER), result.explanation
    assert "health ministry (Daily, 2023-10-18) gives 471 people" in result.explanation
    assert [m.relation for m in result.matches[:2]] == [Relation.SUPERSEDES, Relation.SUPERSEDED]
    assert result.values[:2] == ("500 people", "471 people")


def test_the_latest_figure_is_supported_though_an_earlier_larger_one_exists():
    result = judge(
        "The health ministry said 471 people had been killed in the blast.",
        "2023-10-20",
        [FIRST, REVISED, OTHER],
    )
    assert result.verdict is Verdict.SUPPORTED, result.explanation
    assert "gives 471" in result.explanation
    # Each coverage sentence is listed once, with the figure it gives.
    listed = [m.prior.claim.id for m in result.matches]
    assert len(listed) == len(set(listed)) and result.matches[0].value == "471 people"


def test_an_earlier_figure_given_as_such_is_supported():
    result = judge(
        "The health ministry initially said 500 people had been killed in the blast.",
        "2023-10-20",
        [FIRST, REVISED],
    )
    assert result.verdict is Verdict.SUPPORTED, result.explanation


def test_a_running_count_in_the_draft_s_voice_is_outdated_once_a_later_count_is_higher():
    result = judge(
        "At least 133 people were killed in the attack.",
        "2024-03-28",
        [
            ("At least 133 people died in the attack, Putin said.", "Agency", "2024-03-23", 0.8),
            ("The official toll now stands at 140 dead.", "Wire", "2024-03-27", 0.5),
        ],
    )
    assert result.verdict is Verdict.OUTDATED, result.explanation
    assert "a later count is higher" in result.explanation and "gives 140 dead" in result.explanation


def test_an_undated_turnout_is_read_as_the_holder_s_latest_day():
    priors = [
        ("The interior ministry counted 1.28 million marchers on March 7.", "Herald", "2023-03-07", 0.85),
        ("The interior ministry counted 480,000 marchers on March 15.", "Daily", "2023-03-15", 0.8),
    ]
    stale = judge("The interior ministry's latest count of marchers was 1.28 million.", "2023-03-16", priors)
    assert stale.verdict is Verdict.OUTDATED, stale.explanation
    assert "a count for a later day has followed" in stale.explanation
    dated = judge("The interior ministry counted 1.28 million marchers on March 7.", "2023-03-16", priors)
    assert dated.verdict is Verdict.SUPPORTED, dated.explanation


def test_an_open_bound_backs_only_figures_near_it():
    result = judge(
        "The health ministry said 4,710 people had been killed.",
        "2023-10-22",
        [("Health ministry officials said at least 471 people had been killed.", "Post", "2023-10-19", 0.85)],
    )
    assert (result.verdict, result.type) == (Verdict.CONTRADICTED, VerdictType.NUMBER), result.explanation


# ---- holders ---------------------------------------------------------------------------------------


def test_a_figure_belongs_to_its_holder_not_to_a_stray_word_or_the_agency_that_relayed_it():
    priors = [
        (
            "Gunmen killed 45 people and wounded more than 140, according to the state news agency, citing the "
            "Federal Security Service.",
            "Wire",
            "2024-03-22",
            0.7,
        ),
        ("The Investigative Committee said 60 people had died.", "Daily", "2024-03-23", 0.75),
    ]
    result = judge("The Federal Security Service put the number of dead at 60.", "2024-03-28", priors)
    assert (result.verdict, result.type) == (Verdict.CONTRADICTED, VerdictType.NUMBER), result.explanation
    assert "Federal Security Service (Wire, 2024-03-22) gives 45 people" in result.explanation
    assert "check that the figure is Federal Security Service's" in result.explanation
    assert "Gunmen" not in result.explanation and "news agency" not in result.explanation


@pytest.mark.parametrize(
    ("name", "credible"),
    [
        ("Gunmen", False),  # the subject of the event, not a source
        ("The", False),
        ("It", False),
        ("Following", False),
        ("countering Hamas", False),  # a comparison
        ("Another 500", False),  # a figure
        ("the governor on Sunday", False),  # a weekday
        ("official tally", False),  # a text, not a holder
        ("health officials", True),
        ("AFAD", True),
        ("Hamas", True),  # named as a source elsewhere in the story
        ("Investigative Committee spokeswoman Svetlana Petrenko", True),
    ],
)
def test_credible_holder_names(name, credible):
    names = HolderNames(LEXICON, sources=["Hamas", "Kyiv"])
    assert names.credible(name) is credible


def test_in_a_sentence_with_one_source_that_source_holds_every_figure():
    claim = claim_of(
        "North Korea has sent 3,000 troops to Russia and thousands more are expected to follow, lawmakers said.",
        published="2024-10-23",
    )
    statements = read_figure_statements([claim], lexicon=LEXICON)
    names = HolderNames(LEXICON, sources=[claim.attribution.original])
    names.register(statements)
    figure = next(s for s in statements if s.quantity.text.startswith("3,000"))
    assert names.holder_of(figure, claim) == "lawmakers"


def test_side_by_side_figures_keep_their_own_holders():
    claim = claim_of(
        "Police counted 45,000 marchers while the organisers counted 120,000, the daily reported.",
        published="2025-11-16",
    )
    statements = read_figure_statements([claim], lexicon=LEXICON)
    names = HolderNames(LEXICON)
    names.register(statements)
    holders = {s.quantity.text: names.holder_of(s, claim) for s in statements}
    assert holders.get("45,000 marchers", "").lower().startswith("police")
    assert "organisers" in (holders.get("120,000") or "")


# ---- output: the statements each verdict rests on, and the sentences not checked --------------------


def test_outputs_show_the_statements_with_outlet_holder_figure_and_date():
    claim = claim_of(
        "The health ministry said 500 people had been killed in the blast.",
        published="2023-10-20",
        article="draft",
    )
    found = [
        PriorClaim(claim_of(t, outlet=o, published=w, article=f"p{n}"), s)
        for n, (t, o, w, s) in enumerate([FIRST, REVISED])
    ]
    fragment = claim_of("A town mourns, a week on", published="2023-10-20", article="draft2")
    verdicts, skipped = judge_draft([claim, fragment], [found, []], lexicon=LEXICON)
    result = _result(verdicts)
    result = result.__class__(
        **{**{f: getattr(result, f) for f in result.__dataclass_fields__}, "not_checked": skipped}
    )
    data = check_to_dict(result)
    match = data["claims"][0]["matches"][0]
    assert (match["relation"], match["holder"], match["value"], match["date"], match["outlet"]) == (
        "supersedes",
        "health ministry",
        "471 people",
        "2023-10-18",
        "Daily",
    )
    assert data["summary"]["verdicts"]["outdated"] == 1 and data["summary"]["not_checked"] == 1
    assert data["not_checked"][0]["text"] == "A town mourns, a week on"
    table = render_check(result, "table")
    assert "1. OUTDATED (number)" in table
    assert "[supersedes, 0.85] Daily, 2023-10-18, health ministry: 471 people" in table
    assert "Not checked (nothing to check):" in table and "headline fragment" in table
    markdown = render_check(result, "markdown")
    assert "| Relation | Similarity | Outlet | Date | Holder | Figure | Coverage statement |" in markdown
    assert "| supersedes | 0.85 | Daily | 2023-10-18 | health ministry | 471 people |" in markdown
    assert "## Not checked" in markdown
    html = render_check(result, "html")
    assert "<th>Holder</th><th>Figure</th>" in html and "v-outdated" in html
    assert json.loads(render_check(result, "json"))["not_checked"][0]["reason"].startswith(
        "a headline fragment"
    )
