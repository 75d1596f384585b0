"""Categories a sentence asserts, the contrasts it states and open alternatives (find_categories).

Sentences are made up, about invented stories: a troop deployment, a detained ship, an earthquake, a
protest, a drone strike. Category names are those of checker/lexicons/categories.toml.
"""

from __future__ import annotations

import pytest

from checker.extract.categories import category_set, find_categories
from checker.lexicons import load_lexicon

CIV, MIL = "civilian personnel", "military personnel"
CIV_V, MIL_V = "civilian vessel", "military vessel"


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def gap(reason: str, *values):
    """A table row the extractor gets wrong today: kept with its expected value, marked xfail."""
    return pytest.param(*values, marks=pytest.mark.xfail(reason=reason, strict=False))


# (sentence, asserted categories, contrasts (asserted, rejected), alternatives)
READINGS = [
    # stated contrasts
    (
        "Northland likely sent civilian personnel, not troops, to Eastmark.",
        (CIV,),
        ((CIV, MIL),),
        (),
    ),
    (
        "The ministry believes Northland sent personnel rather than military forces.",
        (CIV,),
        ((CIV, MIL),),
        (),
    ),
    (
        "Northland is helping Eastmark with civilian staff instead of soldiers.",
        (CIV,),
        ((CIV, MIL),),
        (),
    ),
    ("Northland sent not troops but workers to the front.", (CIV,), ((CIV, MIL),), ()),
    (
        "The 24 people aboard were civilian scientists, not naval personnel.",
        (CIV,),
        ((CIV, MIL),),
        (),
    ),
    (
        "The ministry said the men were soldiers, not workers as Northland claims.",
        (MIL,),
        ((MIL, CIV),),
        (),
    ),
    ("The ship is a fishing trawler, not a warship.", (CIV_V,), ((CIV_V, MIL_V),), ()),
    ("Police said the death was an accident, not an attack.", ("accident",), (("accident", "attack"),), ()),
    (
        "The drone struck a residential building, not a military base.",
        ("civilian site",),
        (("civilian site", "military site"),),
        (),
    ),
    (
        "The aircraft was a passenger plane rather than a military aircraft.",
        ("civilian aircraft",),
        (("civilian aircraft", "military aircraft"),),
        (),
    ),
    (
        "Some 9,000 residents were evacuated, not displaced, officials said.",
        ("evacuated",),
        (("evacuated", "displaced"),),
        (),
    ),
    # weak terms count inside a contrast
    ("Tavoria said the mission was civilian, not military.", (CIV,), ((CIV, MIL),), ()),
    # open alternatives: neither side asserted
    ("It is unclear whether the men are troops or civilian personnel.", (), (), (MIL, CIV)),
    ("It is not known whether either soldiers or workers were aboard.", (), (), (MIL, CIV)),
    gap(
        "'a civilian or military aircraft' is read as a predicate asserting 'military aircraft'",
        "It was not clear whether the plane was a civilian or military aircraft.",
        (),
        (),
        ("civilian aircraft", "military aircraft"),
    ),
    # predicates: what the thing *is* excludes the other member of its set
    ("Marisca says the Halcyon Star is a spy ship.", (MIL_V,), ((MIL_V, CIV_V),), ()),
    ("Tavoria insists the Halcyon Star is a research vessel.", (CIV_V,), ((CIV_V, MIL_V),), ()),
    ("The people aboard were naval personnel, the coastguard said.", (MIL,), ((MIL, CIV),), ()),
    ("The march was largely peaceful, organisers said.", ("peaceful",), (("peaceful", "violent"),), ()),
    gap(
        "the term naming the subject ('research vessel') is kept as asserted next to the predicate",
        "Marisca described the research vessel as a spy ship.",
        (MIL_V,),
        ((MIL_V, CIV_V),),
        (),
    ),
    gap(
        "the term naming the subject ('workers') is kept as asserted next to the predicate",
        "Officials said the workers were in fact soldiers.",
        (MIL,),
        ((MIL, CIV),),
        (),
    ),
    # plain assertions: no contrast
    ("Northland sent 3,000 troops to Eastmark.", (MIL,), (), ()),
    (
        "Northland sent construction workers and soldiers to the region.",
        (CIV, MIL),
        (),
        (),
    ),
    ("Police used tear gas and water cannon on the crowd.", ("violent",), (), ()),
    # weak terms alone name nothing
    ("The civilian population fled the town before the shelling.", (), (), ()),
    ("Military trucks were seen on the road to the border.", (), (), ()),
    ("The ship was carrying arms, officials said.", (), (), ()),
    ("Police held 73 people overnight in the central station.", (), (), ()),
    # dead vs missing
    ("Twelve miners are missing after the collapse.", ("missing",), (), ()),
    ("Twelve miners are feared buried under the rubble.", ("missing",), (), ()),
    ("Twelve miners were killed when the shaft collapsed.", ("dead",), (), ()),
    ("Twelve miners were killed and 30 injured in the collapse.", ("dead", "injured"), (), ()),
]


@pytest.mark.parametrize(("sentence", "categories", "contrasts", "alternatives"), READINGS)
def test_categories(lex, sentence, categories, contrasts, alternatives):
    found = find_categories(sentence, lexicon=lex)
    assert found.categories == categories
    assert found.contrasts == contrasts
    assert found.alternatives == alternatives


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        (CIV, "personnel"),
        (MIL, "personnel"),
        ("dead", "casualty"),
        ("missing", "casualty"),
        (MIL_V, "vessel"),
        ("no such category", None),
    ],
)
def test_category_set(lex, category, expected):
    assert category_set(category, lexicon=lex) == expected


def test_user_lexicon_adds_a_contrast_set(tmp_path):
    extra = tmp_path / "uniformed.toml"
    extra.write_text(
        "[categories.sets]\n"
        'uniformed = ["police", "army"]\n'
        "[categories.terms]\n"
        'police = ["gendarmes", "riot police"]\n'
        'army = ["conscripts", "paratroopers"]\n',
        encoding="utf-8",
    )
    sentence = "Witnesses said the men in the square were gendarmes, not conscripts."
    assert find_categories(sentence, lexicon=load_lexicon()).contrasts == ()
    extended = load_lexicon([extra])
    found = find_categories(sentence, lexicon=extended)
    assert found.categories == ("police",)
    assert found.contrasts == (("police", "army"),)
    assert category_set("army", lexicon=extended) == "uniformed"


def test_user_lexicon_extends_an_existing_category(tmp_path):
    extra = tmp_path / "terms.toml"
    extra.write_text('[categories.terms]\n"military personnel" = ["conscripts"]\n', encoding="utf-8")
    sentence = "Northland sent workers rather than conscripts to the border."
    assert find_categories(sentence, lexicon=load_lexicon()).contrasts == ()
    found = find_categories(sentence, lexicon=load_lexicon([extra]))
    assert found.contrasts == ((CIV, MIL),)
