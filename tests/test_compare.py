"""compare_subjects: conflicts, updates, shifts, echoes and agreements over small claim sets.

Claims come from extract_claims on invented news sentences (an earthquake, a protest, a ship seizure,
a troop deployment), one article per sentence. Embeddings are built from a Gram matrix of chosen
cosine similarities (Cholesky factor), so which pairs the rules see is controlled exactly:
with the default config, 0.55 is where cross-subject comparison starts, 0.8 "the same proposition",
0.93 an echo.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import numpy as np
import pytest

from checker.compare import compare_subjects
from checker.config import Config
from checker.extract import extract_claims
from checker.lexicons import load_lexicon
from checker.models import (
    Article,
    ArticleStatus,
    Finding,
    FindingKind,
    FindingType,
    Sentence,
    Subject,
)

CONFLICT, SHIFT, UPDATE, ECHO, AGREEMENT = (
    FindingKind.CONFLICT,
    FindingKind.SHIFT,
    FindingKind.UPDATE,
    FindingKind.ECHO,
    FindingKind.AGREEMENT,
)
NUMBER, NEGATION, MODALITY, CATEGORY = (
    FindingType.NUMBER,
    FindingType.NEGATION,
    FindingType.MODALITY,
    FindingType.CATEGORY,
)


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def _claim(lex, article_id: str, outlet: str, published: str | None, text: str, index: int = 0):
    article = Article(
        id=article_id,
        path=f"{article_id}.txt",
        status=ArticleStatus.OK,
        text=text,
        source_text=text,
        outlet=outlet,
        published=date.fromisoformat(published) if published else None,
    )
    sentence = Sentence(article=article_id, index=index, text=text, start=0, end=len(text))
    (claim,) = extract_claims([sentence], article, lexicon=lex)
    return claim


def _vectors(n: int, sims: dict[tuple[int, int], float]) -> np.ndarray:
    """Unit rows whose pairwise dot products are exactly ``sims`` (0 for pairs not given)."""
    gram = np.eye(n)
    for (i, j), value in sims.items():
        gram[i, j] = gram[j, i] = value
    return np.linalg.cholesky(gram).astype(np.float32)


def run(lex, rows, sims, subjects=None, config=None):
    """rows: (article id, outlet, published, sentence); subjects: lists of row indexes (default: one).

    Rows sharing an article id become sentences 0, 1, ... of that article."""
    seen: dict[str, int] = {}
    claims = []
    for row in rows:
        index = seen[row[0]] = seen.get(row[0], -1) + 1
        claims.append(_claim(lex, *row, index=index))
    groups = subjects if subjects is not None else [list(range(len(claims)))]
    subject_list = []
    for n, members in enumerate(groups):
        sid = f"S{n + 1}"
        for i in members:
            claims[i] = dataclasses.replace(claims[i], subject=sid)
        subject_list.append(Subject(sid, f"subject {n + 1}", tuple(claims[i].id for i in members)))
    embeddings = _vectors(len(claims), sims)
    return compare_subjects(claims, subject_list, embeddings, config=config or Config(), lexicon=lex) + (
        claims,
    )


def _of(findings, kind=None, ftype=None) -> list[Finding]:
    return [f for f in findings if (kind is None or f.kind is kind) and (ftype is None or f.type is ftype)]


def _pairs(findings, kind=None, ftype=None) -> set[frozenset[str]]:
    return {frozenset(f.claims) for f in _of(findings, kind, ftype)}


SAME = 0.85  # the same proposition, not an echo


# ---- numbers ------------------------------------------------------------------------------------


def test_number_conflict_same_measure_disjoint(lex):
    # One article sets two sources' counts of the same day side by side (across outlets, a toll
    # that differs on one day is a count rising through the day: see test_judge).
    rows = [
        (
            "herald",
            "Kelderan Herald",
            "2025-03-05",
            "The quake injured 320 people, the Interior Ministry said.",
        ),
        (
            "herald",
            "Kelderan Herald",
            "2025-03-05",
            "About 150 people were injured in the quake, the Red Crescent said.",
        ),
    ]
    _, findings, _, claims = run(lex, rows, {(0, 1): SAME})
    assert _pairs(findings, CONFLICT, NUMBER) == {frozenset({claims[0].id, claims[1].id})}
    (finding,) = _of(findings, CONFLICT, NUMBER)
    assert set(finding.values) == {claims[0].quantities[0].text, claims[1].quantities[0].text}
    assert "Interior Ministry" in finding.explanation and "Red Crescent" in finding.explanation


def test_overlapping_figures_do_not_conflict(lex):
    rows = [
        (
            "a",
            "Velmora Times",
            "2025-11-16",
            "Between 200 and 300 people were arrested overnight, police said.",
        ),
        (
            "b",
            "Astrenia Today",
            "2025-11-16",
            "At least 250 people were arrested overnight, a union lawyer said.",
        ),
    ]
    _, findings, _, _ = run(lex, rows, {(0, 1): SAME})
    assert _of(findings, ftype=NUMBER) == []


def test_different_measures_in_one_story_do_not_conflict(lex):
    rows = [
        ("a", "Velmora Times", "2025-11-16", "Police said 46 people were injured during the march."),
        ("b", "Astrenia Today", "2025-11-16", "Police said 73 people were arrested during the march."),
    ]
    _, findings, _, _ = run(lex, rows, {(0, 1): SAME})
    assert _of(findings, ftype=NUMBER) == []


@pytest.mark.parametrize(
    ("part", "conflict"),
    [
        ("Northland has already sent 1,500 troops to Eastmark, Yonhap reported.", False),
        ("Northland has sent 1,500 troops to Eastmark so far, Yonhap reported.", False),
        ("Northland has sent 1,500 troops to Eastmark, Yonhap reported.", True),
    ],
)
def test_part_vs_whole(lex, part, conflict):
    rows = [
        ("a", "Seoul Daily", "2024-10-20", part),
        (
            "b",
            "Kyiv Post",
            "2024-10-20",
            "Northland has sent 12,000 troops to Eastmark in all, the ministry said.",
        ),
    ]
    _, findings, _, claims = run(lex, rows, {(0, 1): SAME})
    expected = {frozenset({claims[0].id, claims[1].id})} if conflict else set()
    assert _pairs(findings, CONFLICT, NUMBER) == expected


def test_cumulative_toll_rising_later_is_an_update(lex):
    rows = [
        ("d1", "Kelderan Herald", "2025-03-04", "The quake killed 23 people, the Interior Ministry said."),
        ("d2", "Halvar Daily", "2025-03-05", "The death toll has risen to 61, the Red Crescent said."),
    ]
    _, findings, _, claims = run(lex, rows, {(0, 1): SAME})
    assert _of(findings, CONFLICT) == []
    (update,) = _of(findings, UPDATE, NUMBER)
    assert update.claims == (claims[0].id, claims[1].id)  # earlier, smaller figure first


def test_event_date_not_publication_date_orders_a_toll(lex):
    rows = [
        (
            "late",
            "Eastbridge Observer",
            "2025-03-07",
            "On Tuesday, the Interior Ministry said 23 people had been killed.",
        ),
        ("d2", "Halvar Daily", "2025-03-05", "The death toll has risen to 61, the Red Crescent said."),
    ]
    _, findings, _, claims = run(lex, rows, {(0, 1): SAME})
    assert claims[0].event_date == date(2025, 3, 4)
    assert _of(findings, CONFLICT) == []
    (update,) = _of(findings, UPDATE, NUMBER)
    assert update.claims == (claims[0].id, claims[1].id)


def test_compatible_lower_bound_then_higher_toll_is_an_update(lex):
    rows = [
        (
            "d1",
            "Kelderan Herald",
            "2025-03-04",
            "At least 23 people were killed, the Interior Ministry said.",
        ),
        ("d2", "Halvar Daily", "2025-03-05", "The death toll has risen to 61, the Red Crescent said."),
    ]
    _, findings, _, claims = run(lex, rows, {(0, 1): SAME})
    assert _of(findings, CONFLICT) == []
    (update,) = _of(findings, UPDATE, NUMBER)
    assert update.claims == (claims[0].id, claims[1].id)


def test_cumulative_toll_falling_later_is_a_conflict(lex):
    rows = [
        ("d1", "Kelderan Herald", "2025-03-04", "The quake killed 61 people, the Interior Ministry said."),
        ("d2", "Halvar Daily", "2025-03-05", "The death toll stands at 23, the Red Crescent said."),
    ]
    _, findings, _, claims = run(lex, rows, {(0, 1): SAME})
    assert _of(findings, UPDATE) == []
    assert _pairs(findings, CONFLICT, NUMBER) == {frozenset({claims[0].id, claims[1].id})}


def test_same_source_changing_its_figure_is_a_shift(lex):
    rows = [
        ("v1", "Velmora Times", "2025-11-15", "Police said 45,000 people took part in the march."),
        ("v2", "Astrenia Today", "2025-11-16", "Police said 60,000 people took part in the march."),
    ]
    _, findings, _, claims = run(lex, rows, {(0, 1): SAME})
    assert _of(findings, CONFLICT) == []
    (shift,) = _of(findings, SHIFT, NUMBER)
    assert set(shift.claims) == {claims[0].id, claims[1].id}


def test_two_sources_same_day_same_measure_is_a_conflict_not_a_shift(lex):
    rows = [
        ("v1", "Velmora Times", "2025-11-15", "Police said 45,000 people took part in the march."),
        ("v2", "Astrenia Today", "2025-11-15", "Organisers said 120,000 people took part in the march."),
    ]
    _, findings, _, _ = run(lex, rows, {(0, 1): SAME})
    assert len(_of(findings, CONFLICT, NUMBER)) == 1
    assert _of(findings, SHIFT) == []


@pytest.mark.parametrize(
    ("restated", "conflict"),
    [
        ("About 50 hard drives were seized from the ship, Tavorian officials said.", False),
        ("Some 50 hard drives were seized from the ship, Tavorian officials said.", False),
        ("About 80 hard drives were seized from the ship, Tavorian officials said.", True),
    ],
)
def test_rounding_agrees(lex, restated, conflict):
    rows = [
        ("c", "Mariscan Post", "2025-06-10", "The coastguard seized 49 hard drives from the ship."),
        ("t", "Tavoria Today", "2025-06-10", restated),
    ]
    _, findings, _, _ = run(lex, rows, {(0, 1): SAME})
    assert bool(_of(findings, CONFLICT, NUMBER)) is conflict


def test_rounded_large_figure_agrees(lex):
    rows = [
        ("a", "Velmora Times", "2025-11-15", "Police counted 49,700 people at the march."),
        ("b", "Astrenia Today", "2025-11-15", "About 50,000 people took part in the march, police said."),
    ]
    _, findings, _, _ = run(lex, rows, {(0, 1): SAME})
    assert _of(findings, CONFLICT, NUMBER) == []


@pytest.mark.parametrize(("other", "conflict"), [("7.1", True), ("6.8", False), ("6.9", True)])
def test_magnitudes(lex, other, conflict):
    rows = [
        (
            "n",
            "Northline News",
            "2025-03-04",
            "The National Seismological Institute measured the quake at magnitude 6.8.",
        ),
        (
            "g",
            "Global Report",
            "2025-03-04",
            f"The US Geological Survey measured the quake at magnitude {other}.",
        ),
    ]
    _, findings, _, _ = run(lex, rows, {(0, 1): SAME})
    assert bool(_of(findings, CONFLICT, NUMBER)) is conflict


def test_km_and_miles_that_agree_after_conversion(lex):
    rows = [
        (
            "n",
            "Northline News",
            "2025-03-04",
            "The epicentre was 35 km north-east of Mirenza, the institute said.",
        ),
        (
            "g",
            "Global Report",
            "2025-03-04",
            "The epicentre was 22 miles north-east of Mirenza, the USGS said.",
        ),
    ]
    _, findings, _, _ = run(lex, rows, {(0, 1): SAME})
    assert _of(findings, ftype=NUMBER) == []


def test_km_and_miles_that_disagree_after_conversion(lex):
    rows = [
        (
            "n",
            "Northline News",
            "2025-03-04",
            "The epicentre was 35 km north-east of Mirenza, the institute said.",
        ),
        (
            "g",
            "Global Report",
            "2025-03-04",
            "The epicentre was 60 miles north-east of Mirenza, the USGS said.",
        ),
    ]
    _, findings, _, _ = run(lex, rows, {(0, 1): SAME})
    assert len(_of(findings, CONFLICT, NUMBER)) == 1


@pytest.mark.parametrize(("police", "conflict"), [("45,000", True), ("115,000", False)])
def test_two_sources_in_one_sentence(lex, police, conflict):
    rows = [
        (
            "p",
            "Velmora Times",
            "2025-11-15",
            f"The march drew a crowd of 120,000 according to the organisers, while police put the figure at {police}.",
        )
    ]
    _, findings, _, claims = run(lex, rows, {})
    found = _of(findings, CONFLICT, NUMBER)
    assert bool(found) is conflict
    if conflict:
        assert found[0].claims == (claims[0].id,)
        assert "organisers" in found[0].explanation and "police" in found[0].explanation


def test_figures_meet_across_subjects_whatever_their_sentences_say(lex):
    # Figures are judged as statements over the whole story: two agencies' magnitudes meet even when
    # one is given in a sentence about the damage and the two sit in different subjects.
    rows = [
        ("a", "Kelderan Herald", "2025-03-05", "The institute put the magnitude of the quake at 6.8."),
        (
            "b",
            "Global Report",
            "2025-03-05",
            "The magnitude 7.1 quake flattened dozens of homes in the valley, the monitoring centre said.",
        ),
    ]
    _, findings, _, claims = run(lex, rows, {(0, 1): 0.1}, subjects=[[0], [1]])
    assert _pairs(findings, CONFLICT, NUMBER) == {frozenset({claims[0].id, claims[1].id})}


# ---- negation, modality, category -----------------------------------------------------------------


def test_denial_against_assertion(lex):
    rows = [
        (
            "e",
            "Eastbridge Observer",
            "2025-03-07",
            "Police chief Darko Milan denied that there had been any looting in Mirenza.",
        ),
        (
            "h",
            "Kelderan Herald",
            "2025-03-06",
            "Shops were looted in central Mirenza overnight, residents said.",
        ),
    ]
    _, findings, _, claims = run(lex, rows, {(0, 1): 0.7})
    (finding,) = _of(findings, CONFLICT, NEGATION)
    assert finding.claims == (claims[0].id, claims[1].id)  # the denial first


def test_denial_about_something_else_is_not_a_conflict(lex):
    rows = [
        (
            "e",
            "Eastbridge Observer",
            "2025-03-07",
            "Police chief Darko Milan denied that there had been any looting in Mirenza.",
        ),
        (
            "h",
            "Kelderan Herald",
            "2025-03-06",
            "The National Seismological Institute measured the quake at magnitude 6.8.",
        ),
    ]
    _, findings, _, _ = run(lex, rows, {(0, 1): 0.1}, subjects=[[0], [1]])
    assert _of(findings, CONFLICT) == []


def test_doubt_against_confirmation(lex):
    rows = [
        (
            "g",
            "Global Report",
            "2025-03-05",
            "The dam operator said it could not confirm that the Varna dam had been breached.",
        ),
        (
            "h",
            "Kelderan Herald",
            "2025-03-06",
            "Governor Ilse Varga confirmed that the Varna dam had been breached.",
        ),
    ]
    _, findings, _, claims = run(lex, rows, {(0, 1): SAME})
    (finding,) = _of(findings, CONFLICT, MODALITY)
    assert finding.claims == (claims[1].id, claims[0].id)  # the firm claim first
    assert _of(findings, CONFLICT, NEGATION) == []


def test_same_source_certainty_moving_over_time_is_a_shift(lex):
    rows = [
        (
            "m1",
            "Mariscan Post",
            "2025-06-09",
            "The Defence Ministry said the Halcyon Star was suspected of gathering intelligence.",
        ),
        (
            "m2",
            "Northern Sentinel",
            "2025-06-12",
            "The Defence Ministry confirmed the Halcyon Star was gathering intelligence.",
        ),
    ]
    _, findings, _, claims = run(lex, rows, {(0, 1): 0.9})
    assert _of(findings, CONFLICT) == []
    (shift,) = _of(findings, SHIFT, MODALITY)
    assert shift.claims == (claims[1].id, claims[0].id)  # the later reading first


def test_lede_firmer_than_the_quote_it_rests_on(lex):
    rows = [
        (
            "mp",
            "Mariscan Post",
            "2025-06-10",
            "The Halcyon Star was likely gathering intelligence, the defence minister said.",
        ),
        (
            "mp",
            "Mariscan Post",
            "2025-06-10",
            '"It is possible that the ship was gathering intelligence," the defence minister said.',
        ),
    ]
    _, findings, _, claims = run(lex, rows, {(0, 1): 0.75})
    (finding,) = _of(findings, CONFLICT, MODALITY)
    assert finding.claims == (claims[0].id, claims[1].id)
    assert finding.values == ("probable", "possible")


def test_one_level_apart_in_different_articles_is_not_a_conflict(lex):
    rows = [
        (
            "mp",
            "Mariscan Post",
            "2025-06-10",
            "The Halcyon Star was likely gathering intelligence, the defence minister said.",
        ),
        (
            "tt",
            "Tavoria Today",
            "2025-06-10",
            "The Halcyon Star may have been gathering intelligence, a navy analyst said.",
        ),
    ]
    _, findings, _, _ = run(lex, rows, {(0, 1): 0.75})
    assert _of(findings, ftype=MODALITY) == []


def test_stated_contrast_against_assertion(lex):
    rows = [
        (
            "s",
            "Seoul Daily",
            "2024-10-20",
            "The spy agency believes Northland has sent civilian personnel, not troops.",
        ),
        ("y", "Kyiv Post", "2024-10-20", "Northland has sent 3,000 troops to Eastmark, Yonhap reported."),
    ]
    _, findings, _, claims = run(lex, rows, {(0, 1): 0.7})
    (finding,) = _of(findings, CONFLICT, CATEGORY)
    assert finding.claims == (claims[0].id, claims[1].id)
    assert finding.values == ("civilian personnel", "military personnel")


def test_two_claims_stating_the_same_contrast_do_not_conflict(lex):
    rows = [
        (
            "s",
            "Seoul Daily",
            "2024-10-20",
            "The spy agency believes Northland has sent civilian personnel, not troops.",
        ),
        (
            "y",
            "Kyiv Post",
            "2024-10-20",
            "Officials said Northland sent workers rather than soldiers to Eastmark.",
        ),
    ]
    _, findings, _, _ = run(lex, rows, {(0, 1): 0.7})
    assert _of(findings, CONFLICT, CATEGORY) == []


@pytest.mark.parametrize(("missing", "conflict"), [("Twelve", True), ("Thirty", False)])
def test_dead_vs_missing(lex, missing, conflict):
    rows = [
        (
            "h",
            "Halvar Daily",
            "2025-03-05",
            "Twelve miners were killed when the Oskova colliery collapsed, the ministry said.",
        ),
        (
            "g",
            "Global Report",
            "2025-03-05",
            f"{missing} miners remain missing at the Oskova colliery, the mine operator said.",
        ),
    ]
    _, findings, _, claims = run(lex, rows, {(0, 1): 0.7})
    found = _of(findings, CONFLICT, CATEGORY)
    assert bool(found) is conflict
    if conflict:
        assert set(found[0].values) == {"dead", "missing"}
        assert set(found[0].claims) == {claims[0].id, claims[1].id}


# ---- echoes and agreements ------------------------------------------------------------------------

WIRE = "Rescue teams pulled 14 survivors from the rubble of a collapsed apartment block in Mirenza, Meridian Press reported."


def test_echo_is_found_and_never_a_conflict(lex):
    rows = [
        ("late", "Eastbridge Observer", "2025-03-06", WIRE),
        ("early", "Kelderan Herald", "2025-03-05", WIRE),
        (
            "other",
            "Global Report",
            "2025-03-05",
            "Rescue teams pulled 40 survivors from the rubble of a collapsed apartment block in Mirenza, the Red Crescent said.",
        ),
    ]
    out_claims, findings, _, claims = run(lex, rows, {(0, 1): 0.99, (0, 2): SAME, (1, 2): SAME})
    (echo,) = _of(findings, ECHO)
    assert echo.claims == (claims[1].id, claims[0].id)  # the earlier article is the original
    by_id = {c.id: c for c in out_claims}
    assert by_id[claims[0].id].echo_of == claims[1].id
    assert by_id[claims[1].id].echo_of is None
    # the copy stands on its original's side, never against it; the original still disagrees with the
    # third source
    (dispute,) = _of(findings, CONFLICT, NUMBER)
    side_of = {c: n for n, side in enumerate(dispute.sides) for c in side.claims}
    assert side_of[claims[0].id] == side_of[claims[1].id] != side_of[claims[2].id]


def test_echo_does_not_double_a_conflict(lex):
    rows = [
        ("late", "Eastbridge Observer", "2025-03-06", WIRE),
        ("early", "Kelderan Herald", "2025-03-05", WIRE),
        (
            "other",
            "Global Report",
            "2025-03-05",
            "Rescue teams pulled 40 survivors from the rubble of a collapsed apartment block in Mirenza, "
            "the Red Crescent said.",
        ),
    ]
    _, findings, _, claims = run(lex, rows, {(0, 1): 0.99, (0, 2): SAME, (1, 2): SAME})
    (dispute,) = _of(findings, CONFLICT, NUMBER)
    # one independent holder per side: the copy adds a quote, not a source
    assert [len(side.holders) for side in dispute.sides] == [1, 1]


def test_sentences_in_one_article_are_not_echoes(lex):
    claims = [
        _claim(lex, "same", "Kelderan Herald", "2025-03-05", WIRE),
        _claim(lex, "same", "Kelderan Herald", "2025-03-05", WIRE),
    ]
    claims[1] = dataclasses.replace(claims[1], id="same#s1", sentence=1, subject="S1")
    claims[0] = dataclasses.replace(claims[0], subject="S1")
    subjects = [Subject("S1", "s", (claims[0].id, claims[1].id))]
    _, findings, _ = compare_subjects(
        claims, subjects, _vectors(2, {(0, 1): 0.99}), config=Config(), lexicon=lex
    )
    assert _of(findings, ECHO) == []


def test_agreement_across_outlets(lex):
    rows = [
        (
            "n",
            "Northline News",
            "2025-03-04",
            "The National Seismological Institute measured the quake at magnitude 6.8.",
        ),
        (
            "h",
            "Kelderan Herald",
            "2025-03-04",
            "The quake had a magnitude of 6.8, the National Seismological Institute said.",
        ),
    ]
    _, findings, _, claims = run(lex, rows, {(0, 1): SAME})
    (agreement,) = _of(findings, AGREEMENT)
    assert set(agreement.claims) == {claims[0].id, claims[1].id}
    assert _of(findings, CONFLICT) == []


def test_an_echo_is_not_an_independent_agreement(lex):
    rows = [
        ("early", "Kelderan Herald", "2025-03-05", WIRE),
        ("late", "Eastbridge Observer", "2025-03-06", WIRE),
    ]
    _, findings, _, _ = run(lex, rows, {(0, 1): 0.99})
    assert len(_of(findings, ECHO)) == 1
    assert _of(findings, AGREEMENT) == []


def test_conflicting_claims_are_not_counted_as_agreeing(lex):
    rows = [
        (
            "n",
            "Northline News",
            "2025-03-04",
            "The National Seismological Institute measured the quake at magnitude 6.8.",
        ),
        ("g", "Global Report", "2025-03-04", "The US Geological Survey measured the quake at magnitude 7.1."),
    ]
    _, findings, _, _ = run(lex, rows, {(0, 1): SAME})
    assert _of(findings, AGREEMENT) == []


# ---- order, ids, determinism, timelines ---------------------------------------------------------

STORY = [
    ("d1", "Kelderan Herald", "2025-03-04", "The quake killed 23 people, the Interior Ministry said."),
    ("d2", "Halvar Daily", "2025-03-05", "The death toll has risen to 61, the Red Crescent said."),
    (
        "n",
        "Northline News",
        "2025-03-04",
        "The National Seismological Institute measured the quake at magnitude 6.8.",
    ),
    ("g", "Global Report", "2025-03-04", "The US Geological Survey measured the quake at magnitude 7.1."),
    ("w1", "Eastbridge Observer", "2025-03-06", WIRE),
    ("w2", "Kelderan Herald", "2025-03-05", WIRE),
    (
        "e",
        "Eastbridge Observer",
        "2025-03-07",
        "Police chief Darko Milan denied that there had been any looting in Mirenza.",
    ),
    ("l", "Kelderan Herald", "2025-03-06", "Shops were looted in central Mirenza overnight, residents said."),
]
STORY_SIMS = {(0, 1): SAME, (2, 3): SAME, (4, 5): 0.99, (6, 7): 0.7}
STORY_SUBJECTS = [[0, 1], [2, 3], [4, 5], [6, 7]]


def test_findings_sorted_with_sequential_ids(lex):
    _, findings, _, _ = run(lex, STORY, STORY_SIMS, STORY_SUBJECTS)
    assert [f.id for f in findings] == [f"F{n}" for n in range(1, len(findings) + 1)]
    order = list(FindingKind)
    assert [order.index(f.kind) for f in findings] == sorted(order.index(f.kind) for f in findings)
    kinds = {(f.kind, f.type) for f in findings}
    assert {(CONFLICT, NUMBER), (CONFLICT, NEGATION), (UPDATE, NUMBER), (ECHO, FindingType.ECHO)} <= kinds


def test_deterministic(lex):
    first = run(lex, STORY, STORY_SIMS, STORY_SUBJECTS)
    second = run(lex, STORY, STORY_SIMS, STORY_SUBJECTS)
    assert first[1] == second[1]
    assert first[2] == second[2]
    assert first[0] == second[0]


def test_input_order_does_not_change_findings(lex):
    _, findings, _, _ = run(lex, STORY, STORY_SIMS, STORY_SUBJECTS)
    reversed_rows = STORY[::-1]
    n = len(STORY)
    sims = {(n - 1 - j, n - 1 - i): v for (i, j), v in STORY_SIMS.items()}
    subjects = [sorted(n - 1 - i for i in group) for group in STORY_SUBJECTS]
    _, findings_rev, _, _ = run(lex, reversed_rows, sims, subjects)

    def key(found):
        return sorted((f.kind.value, f.type.value, tuple(sorted(f.claims))) for f in found)

    assert key(findings) == key(findings_rev)


def test_timeline_entries_sorted_by_date(lex):
    _, _, timelines, claims = run(lex, STORY, STORY_SIMS, STORY_SUBJECTS)
    assert [sid for sid, _ in timelines] == ["S1", "S2", "S3", "S4"]
    for _, entries in timelines:
        dates = [e.event_date or e.published for e in entries]
        assert dates == sorted(dates)
    toll = dict(timelines)["S1"]
    assert [e.value for e in toll] == [23.0, 61.0]
    assert [e.source for e in toll] == ["Interior Ministry", "Red Crescent"]
    wire = dict(timelines)["S3"]
    assert [e.claim for e in wire] == [claims[5].id, claims[4].id]
    assert wire[1].echo_of == claims[5].id


def test_empty_input(lex):
    claims, findings, timelines = compare_subjects(
        [], [], np.zeros((0, 8), dtype=np.float32), config=Config(), lexicon=lex
    )
    assert (claims, findings, timelines) == ((), (), ())
