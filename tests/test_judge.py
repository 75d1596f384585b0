"""checker.judge: statements, disputes with sides, update chains and who-did-it disputes.

One table per failure class seen on real stories, each in several phrasings. Every sentence is made up
(places, parties and figures are invented). Articles are built from plain sentences and read by the
real rule layer (segment + extract); the judgement needs no embeddings.
"""

from __future__ import annotations

from datetime import date

import pytest

from checker.extract import extract_claims
from checker.judge import (
    compatible,
    judge_agency,
    judge_figures,
    read_agency_statements,
    read_figure_statements,
    same_holder,
)
from checker.lexicons import load_lexicon
from checker.models import Article, ArticleStatus, Claim, FindingKind, FindingType
from checker.segment import split_sentences

LEX = load_lexicon()


def _article(n: int, outlet: str, published: str, text: str) -> list[Claim]:
    article = Article(
        id=f"a{n}",
        path=f"a{n}.txt",
        status=ArticleStatus.OK,
        text=text,
        source_text=text,
        outlet=outlet,
        published=date.fromisoformat(published),
    )
    return list(extract_claims(split_sentences(article, lexicon=LEX), article, lexicon=LEX))


def story(*articles: tuple[str, str, str]) -> list[Claim]:
    """articles: (outlet, published, text)."""
    claims: list[Claim] = []
    for n, (outlet, published, text) in enumerate(articles):
        claims += _article(n, outlet, published, text)
    return claims


def _ids(claims: list[Claim], passage: str) -> set[str]:
    found = {c.id for c in claims if passage in c.text}
    assert found, f"no claim holds {passage!r}: {[c.text for c in claims]}"
    return found


def opposed(findings, claims, a: str, b: str, ftype: FindingType | None = None) -> bool:
    """A conflict finding sets a claim holding ``a`` and one holding ``b`` on different sides."""
    a_ids, b_ids = _ids(claims, a), _ids(claims, b)
    for f in findings:
        if f.kind is not FindingKind.CONFLICT or (ftype and f.type is not ftype):
            continue
        sides = [set(side.claims) for side in f.sides]
        if any(x & a_ids and y & b_ids for i, x in enumerate(sides) for j, y in enumerate(sides) if i != j):
            return True
    return False


def updated(findings, claims, a: str, b: str) -> bool:
    a_ids, b_ids = _ids(claims, a), _ids(claims, b)
    return any(
        f.kind is FindingKind.UPDATE and set(f.claims) & a_ids and set(f.claims) & b_ids for f in findings
    )


def figures(claims):
    return judge_figures(claims, lexicon=LEX)


# ---- 1. the measure comes from context --------------------------------------------------------------
CONTEXT = [
    (
        "Police counted 12,000 marchers in Dunmore on Saturday. Organisers later put it at 45,000.",
        "12,000",
        "45,000",
    ),
    (
        "The march in Dunmore drew 12,000 people, police said. The union's figure was 45,000.",
        "12,000",
        "45,000",
    ),
    (
        "Police said 12,000 protesters took part in Dunmore. Organisers said the turnout was 45,000.",
        "12,000",
        "45,000",
    ),
]


@pytest.mark.parametrize(("text", "a", "b"), CONTEXT)
def test_a_unitless_figure_measures_what_its_context_counts(text, a, b):
    claims = story(("Courier", "2025-05-04", text))
    assert opposed(figures(claims), claims, a, b, FindingType.NUMBER)


def test_a_unit_of_its_own_is_not_overridden_by_context():
    claims = story(("Courier", "2025-05-04", "Police counted 12,000 marchers. The march lasted 3 hours."))
    assert not [f for f in figures(claims) if f.kind is FindingKind.CONFLICT]


# ---- 2. figure shapes -------------------------------------------------------------------------------
SHAPES = [
    (
        "The agency put the magnitude at 6.1.",
        "A rival institute measured the magnitude as 6.4.",
        "6.1",
        "6.4",
    ),
    (
        "A magnitude 6.1 quake struck the coast.",
        "The observatory recorded a 6.4-magnitude tremor.",
        "6.1",
        "6.4",
    ),
    ("The quake measured 6.1, the agency said.", "The institute said the quake measured 6.4.", "6.1", "6.4"),
    (
        "Police said 1.3m people marched.",
        "Organisers said 3.5 million people marched.",
        "1.3m",
        "3.5 million",
    ),
    (
        "Police said twelve thousand people marched.",
        "Organisers said 45,000 people marched.",
        "twelve",
        "45,000",
    ),
]


@pytest.mark.parametrize(("first", "second", "a", "b"), SHAPES)
def test_figure_shapes_meet_their_rivals(first, second, a, b):
    claims = story(("Courier", "2025-05-04", first), ("Herald", "2025-05-04", second))
    assert opposed(figures(claims), claims, a, b, FindingType.NUMBER)


def test_exact_figures_one_last_digit_apart_do_not_meet():
    def quantity(text):
        (claim,) = story(("Courier", "2025-05-04", text))
        return claim.quantities[0]

    assert not compatible(
        quantity("The quake measured 7.5 magnitude."), quantity("It measured 7.6 magnitude.")
    )
    assert compatible(
        quantity("The quake measured 7.5 magnitude."), quantity("It measured about 7.6 magnitude.")
    )


def test_a_rounded_restatement_agrees():
    claims = story(
        ("Courier", "2025-05-04", "The ministry said 1.28 million people marched on Tuesday."),
        (
            "Herald",
            "2025-05-05",
            "The ministry's count of almost 1.3 million marchers on Tuesday was a record.",
        ),
    )
    assert not [f for f in figures(claims) if f.kind is FindingKind.CONFLICT]


# ---- 3. several holders in one sentence -------------------------------------------------------------
HOLDERS = [
    ("The ministry counted 0.9 million marchers and the union 2.1 million.", "ministry", "union"),
    ("Organisers spoke of 45,000 marchers; police estimated 12,000.", "Organisers", "police"),
    ("Police put the crowd at 8,000 marchers, while organisers claimed 30,000.", "Police", "organisers"),
]


@pytest.mark.parametrize(("text", "holder_a", "holder_b"), HOLDERS)
def test_each_figure_of_a_sentence_has_its_own_holder(text, holder_a, holder_b):
    claims = story(("Courier", "2025-05-04", text))
    (dispute,) = [f for f in figures(claims) if f.kind is FindingKind.CONFLICT]
    assert len(dispute.sides) == 2
    holders = [" ".join(side.holders).lower() for side in dispute.sides]
    assert any(holder_a.lower() in h for h in holders) and any(holder_b.lower() in h for h in holders)


# ---- 4. event and scope anchors inside a sentence ---------------------------------------------------
ANCHORS = [
    "Turnout was 12,300 marchers, police said, up from 9,800 at last year's rally.",
    "Police said 12,300 marchers took part, compared with 9,800 the previous week.",
    "The union counted 12,300 marchers, higher than the 9,800 of the previous march.",
    "Officials said 40 people died in the capital, and 52 nationwide.",
    "The first quake measured 6.1 magnitude and a second one 5.4 magnitude.",
    "Police counted 300,000 marchers in the country, including 40,000 in Dunmore.",
]


@pytest.mark.parametrize("text", ANCHORS)
def test_figures_of_other_events_or_scopes_do_not_conflict(text):
    claims = story(("Courier", "2025-05-04", text))
    assert not [f for f in figures(claims) if f.kind is FindingKind.CONFLICT]


def test_the_earlier_event_figure_still_meets_figures_of_its_own_date():
    claims = story(
        (
            "Courier",
            "2025-05-10",
            "Police counted 9,800 marchers on May 3. This week they counted 12,300 marchers.",
        ),
        ("Herald", "2025-05-03", "Organisers said 30,000 marchers took part on Saturday."),
    )
    assert opposed(figures(claims), claims, "9,800", "30,000", FindingType.NUMBER)
    assert not opposed(figures(claims), claims, "12,300", "30,000")


def test_one_sentence_with_two_events_meets_each_event_elsewhere():
    claims = story(
        ("Courier", "2025-02-01", "The first quake measured 6.1 magnitude and a second one 5.4 magnitude."),
        ("Herald", "2025-02-01", "The main quake measured 6.5 magnitude, the institute said."),
    )
    found = figures(claims)
    assert opposed(found, claims, "6.5", "6.1", FindingType.NUMBER)
    (dispute,) = [f for f in found if f.kind is FindingKind.CONFLICT]
    assert "5.4 magnitude" not in dispute.values


def test_a_second_event_of_a_kind_stays_apart_and_its_figures_meet_each_other():
    claims = story(
        (
            "Courier",
            "2025-02-01",
            "A magnitude 7.1 quake hit the valley. A second quake of magnitude 6.2 followed.",
        ),
        ("Herald", "2025-02-01", "The first quake measured 6.9 magnitude, the institute said."),
        ("Post", "2025-02-01", "Another quake, of magnitude 6.5, struck in the afternoon."),
    )
    found = figures(claims)
    assert opposed(found, claims, "7.1", "6.9", FindingType.NUMBER)
    assert opposed(found, claims, "6.2", "6.5", FindingType.NUMBER)
    assert not opposed(found, claims, "6.9", "6.5")


def test_a_city_count_is_not_the_national_one():
    claims = story(
        ("Courier", "2025-03-07", "The ministry counted 1.2 million marchers nationwide."),
        ("Herald", "2025-03-07", "In Dunmore, police counted 81,000 marchers."),
        ("Post", "2025-03-07", "The union said 700,000 people marched in Dunmore."),
    )
    found = figures(claims)
    assert opposed(found, claims, "81,000", "700,000", FindingType.NUMBER)
    assert not opposed(found, claims, "1.2 million", "81,000")


def test_a_compatible_open_bound_takes_neither_side():
    claims = story(
        ("Courier", "2025-03-07", "The union said 3.5 million people marched."),
        ("Herald", "2025-03-07", "About three million people marched, the paper estimated."),
        ("Post", "2025-03-07", "The union alliance said more than 3 million people marched."),
    )
    found = figures(claims)
    assert opposed(found, claims, "3.5 million", "About three million", FindingType.NUMBER)
    assert not opposed(found, claims, "more than 3 million", "3.5 million")
    assert not opposed(found, claims, "more than 3 million", "About three million")


# ---- 5. holder spans --------------------------------------------------------------------------------
def test_statement_holders_are_the_sources_not_the_outlet_or_a_date():
    claims = story(
        ("Courier", "2025-05-04", "The ministry counted 0.9 million marchers and the union 2.1 million.")
    )
    holders = {s.quantity.text: s.holder for s in read_figure_statements(claims, lexicon=LEX)}
    assert "ministry" in (holders["0.9 million marchers"] or "").lower()
    assert "union" in (holders["2.1 million"] or "").lower()


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("the Defence Ministry", "Kelda's Defence Ministry", True),
        ("police", "the police headquarters", True),
        ("the ministry", "the foreign ministry", False),
        ("European Commission", "the Commission", True),
        ("the union", "the interior ministry", False),
    ],
)
def test_same_holder(a, b, same):
    assert same_holder(a, b) is same


# ---- 6. and 7. denials and who did it ---------------------------------------------------------------
DENIALS = [
    ("Officials blamed a Vostrian airstrike for the blast.", "Vostria denied any involvement in the blast."),
    (
        "The attack was carried out by the Ardent Front, police said.",
        "The Ardent Front denied responsibility.",
    ),
    (
        "Investigators said the Ardent Front was involved in the attack.",
        "There was no Ardent Front involvement whatsoever, the spokesman said.",
    ),
]


@pytest.mark.parametrize(("asserted", "denied"), DENIALS)
def test_a_denial_meets_what_it_denies(asserted, denied):
    claims = story(("Courier", "2025-06-01", asserted), ("Herald", "2025-06-02", denied))
    assert opposed(
        judge_agency(claims, lexicon=LEX), claims, asserted[:20], denied[:20], FindingType.NEGATION
    )


CAUSES = [
    (
        "Officials said a Vostrian airstrike hit the clinic.",
        "The army said a misfired Ardent Front rocket hit the clinic.",
    ),
    (
        "The blast was caused by a Vostrian missile, officials said.",
        "Experts said the blast was caused by an Ardent Front rocket.",
    ),
    (
        "The Ardent Front claimed responsibility for the attack.",
        "The minister called it a provocation by Vostria's special services.",
    ),
]


@pytest.mark.parametrize(("one", "other"), CAUSES)
def test_rival_causes_are_a_category_dispute(one, other):
    claims = story(("Courier", "2025-06-01", one), ("Herald", "2025-06-02", other))
    assert opposed(judge_agency(claims, lexicon=LEX), claims, one[:20], other[:20], FindingType.CATEGORY)


def test_an_exclusive_claim_denies_other_parties_part():
    claims = story(
        ("Courier", "2025-06-01", "The security chief said Vostria was involved in the attack."),
        (
            "Herald",
            "2025-06-02",
            "The Ardent Front bears sole responsibility for this attack, the spokesman said.",
        ),
    )
    assert opposed(judge_agency(claims, lexicon=LEX), claims, "Vostria was involved", "sole responsibility")


def test_parties_named_alike_are_one():
    claims = story(
        ("Courier", "2025-06-01", "The Ardent Front (AF) claimed responsibility for the attack."),
        ("Herald", "2025-06-02", "AF fighters carried out the attack, the group said."),
    )
    found = read_agency_statements(claims, lexicon=LEX)
    assert len(found) == 2 and len({s.key for s in found}) == 1


# ---- 8. certainty of who did it ---------------------------------------------------------------------
def test_fact_against_unverified_is_a_modality_dispute():
    claims = story(
        ("Courier", "2025-06-01", "Officials said the Ardent Front was behind the attack."),
        (
            "Herald",
            "2025-06-01",
            "The agency could not independently verify whether the Ardent Front was behind the attack.",
        ),
    )
    assert opposed(
        judge_agency(claims, lexicon=LEX), claims, "Officials said", "could not", FindingType.MODALITY
    )


# ---- 9. updates -------------------------------------------------------------------------------------
UPDATES = [
    (
        ("Courier", "2025-02-01", "At least 23 people were killed in the quake, officials said."),
        ("Herald", "2025-02-02", "The death toll has risen to 61, officials said."),
        "23",
        "61",
    ),
    (
        ("Courier", "2025-02-01", "Rescuers said 40 people died."),
        ("Herald", "2025-02-03", "The health ministry said 84 people died."),
        "40",
        "84",
    ),
    (
        ("Courier", "2025-02-01", "The health ministry said 230 people were killed."),
        ("Herald", "2025-02-02", "The health ministry lowered its count of the dead to 210."),
        "230",
        "210",
    ),
]


@pytest.mark.parametrize(("first", "second", "a", "b"), UPDATES)
def test_a_count_over_days_is_an_update_not_a_conflict(first, second, a, b):
    claims = story(first, second)
    found = figures(claims)
    assert updated(found, claims, a, b)
    assert not opposed(found, claims, a, b)


def test_a_count_rising_through_one_day_across_outlets_is_not_a_conflict():
    claims = story(
        ("Courier", "2025-02-01", "At least 40 people were killed, officials said."),
        ("Herald", "2025-02-01", "The toll rose to 72 dead, rescuers said."),
    )
    assert not opposed(figures(claims), claims, "40", "72")


def test_two_holders_one_article_one_moment_is_a_conflict():
    claims = story(
        (
            "Courier",
            "2025-02-01",
            "The civil defence chief said 300 people were killed. A health official said 500 were killed.",
        ),
    )
    assert opposed(figures(claims), claims, "300", "500", FindingType.NUMBER)


def test_an_initial_figure_in_the_same_sentence_is_an_earlier_step():
    claims = story(
        (
            "Courier",
            "2025-02-01",
            "The ministry initially said 200 people died, but the figure has risen to 500.",
        ),
    )
    found = figures(claims)
    (chain,) = [f for f in found if f.kind is FindingKind.UPDATE]
    assert chain.values[:2] == ("200 people", "500")


def test_a_count_put_lower_later_by_another_holder_is_a_conflict():
    claims = story(
        ("Courier", "2025-03-04", "The interior ministry said 61 people died in the quake."),
        ("Herald", "2025-03-05", "The Red Crescent said 23 people died in the quake."),
    )
    assert opposed(figures(claims), claims, "61", "23", FindingType.NUMBER)


def test_a_count_lowered_by_its_own_authority_is_an_update():
    claims = story(
        ("Courier", "2025-03-04", "The interior ministry said 61 people died in the quake."),
        ("Herald", "2025-03-05", "The interior ministry lowered its count of the dead to 23."),
    )
    found = figures(claims)
    assert not opposed(found, claims, "61", "23")
    assert updated(found, claims, "61", "23")


def test_a_slow_count_from_two_outlets_on_one_day_is_a_conflict():
    claims = story(
        ("Courier", "2025-10-18", "Northland has sent 3,000 troops to Eastmark, officials said."),
        ("Herald", "2025-10-18", "Northland sent 1,200 troops to Eastmark, the agency said."),
    )
    assert opposed(figures(claims), claims, "3,000", "1,200", FindingType.NUMBER)


def test_one_holder_moving_its_figure_is_a_shift_not_a_conflict():
    claims = story(
        ("Courier", "2025-11-15", "Police said 45,000 people took part in the march."),
        ("Herald", "2025-11-16", "Police said 60,000 people took part in the march."),
    )
    found = figures(claims)
    assert not [f for f in found if f.kind is FindingKind.CONFLICT]
    (shift,) = [f for f in found if f.kind is FindingKind.SHIFT]
    assert shift.values == ("45,000 people", "60,000 people")


def test_from_names_the_origin_of_a_toll_not_an_earlier_figure():
    claims = story(
        ("Courier", "2025-03-23", "At least 133 people died in the attack, officials said."),
        ("Herald", "2025-03-27", "The official toll from the attack now stands at 140 dead."),
    )
    (statement,) = [s for s in read_figure_statements(claims, lexicon=LEX) if s.quantity.value == 140]
    assert not statement.reference
    assert updated(figures(claims), claims, "133", "140")


def test_a_figure_with_its_own_noun_counts_that_noun_not_the_context():
    claims = story(
        (
            "Courier",
            "2025-03-07",
            "The ministry said 1.2 million people marched. In all, some 280 demonstrations were "
            "organised across the country.",
        ),
    )
    assert not [f for f in figures(claims) if f.kind is FindingKind.CONFLICT]


SUBGROUPS = [
    (
        "At least 23 people were killed in the quake.",
        "At least 12 miners were killed when the shaft collapsed.",
    ),
    ("The ministry said 40 people died in the fire.", "Four children died in the fire, officials said."),
    ("Police said 250 people were arrested.", "Twelve journalists were arrested, their union said."),
]


@pytest.mark.parametrize(("whole", "group"), SUBGROUPS)
def test_a_count_of_one_group_is_a_part_of_the_toll(whole, group):
    claims = story(("Courier", "2025-03-04", whole + " " + group))
    assert not [f for f in figures(claims) if f.kind is FindingKind.CONFLICT]


def test_counts_of_one_group_still_meet():
    claims = story(
        (
            "Courier",
            "2025-03-04",
            "At least 12 miners were killed, the union said. The operator said 3 miners were killed.",
        ),
    )
    assert opposed(figures(claims), claims, "12 miners", "3 miners", FindingType.NUMBER)
