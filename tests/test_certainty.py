"""Certainty and polarity of news sentences (read_certainty) and of single events (score_factuality).

Sentences are made up, in the shapes news copy uses; the seed test reads the real articles in
../shared/seeds at run time.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import ConfigError
from checker.extract.certainty import read_certainty, score_factuality
from checker.lexicons import load_lexicon
from checker.models import Certainty, CertaintyReading, Polarity

CT, PR, PS, UU = Certainty.CERTAIN, Certainty.PROBABLE, Certainty.POSSIBLE, Certainty.UNKNOWN
POS, NEG = Polarity.POSITIVE, Polarity.NEGATIVE
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


CT_POS = (CT, POS, False)
CT_NEG = (CT, NEG, False)
CT_DENIED = (CT, NEG, True)
CT_POS_DENIAL_ELSEWHERE = (CT, POS, True)  # the main clause stands; a later clause reports a denial
PR_POS = (PR, POS, False)
PR_NEG = (PR, NEG, False)
PS_POS = (PS, POS, False)
UU_POS = (UU, POS, False)

# (sentence, (level, polarity, denial))
READINGS = [
    # hedged reports of a deployment, each with a category contrast that must not read as negation
    (
        "The defence ministry believes that Northland has likely sent civilian workers to Eastmark "
        "rather than troops to join the fighting.",
        PR_POS,
    ),
    (
        '"We consider it significant because it is possible that Northland has provided labourers rather '
        'than combat units," the deputy minister said.',
        PS_POS,
    ),
    (
        "Northland might be helping Eastmark with civilian staff instead of soldiers, according to a "
        "senior defence official.",
        PS_POS,
    ),
    (
        "According to the state news agency, the deputy minister suggested the possibility that Northland "
        "is contributing engineers rather than soldiers.",
        PS_POS,
    ),
    ("The capital believes Northland likely sent workers, not troops, to Eastmark", PR_POS),
    ("Northland May Be Sending Civilian, Not Military, Help to Eastmark, Says Official", PS_POS),
    ("The rescuers pulled survivors, not bodies, from the rubble on Sunday.", CT_POS),
    ("The navy said the vessel was a research ship rather than a spy ship.", CT_POS),
    (
        "The minister said Northland was supplying Eastmark not only with shells but also with engineers.",
        CT_POS,
    ),
    # denials
    (
        "The presidential office has dismissed as fake news the claim that Eastmark was receiving foreign "
        "troops.",
        CT_DENIED,
    ),
    ("Officials in both capitals denied any arms transfers.", CT_DENIED),
    ("Both governments deny any weapons deliveries but have pledged to deepen military ties.", CT_DENIED),
    ("The governor's office said the casualty figure was categorically false.", CT_DENIED),
    ("The mayor never gave that figure, his spokeswoman said.", CT_DENIED),
    ("The ministry rejected the claims as baseless.", CT_DENIED),
    ("Reports that the army had opened fire were untrue, a spokesman said.", CT_DENIED),
    ("Police arrested three men, but a spokesman denied that any had been charged.", CT_POS_DENIAL_ELSEWHERE),
    ("Officials disputed the figures.", CT_DENIED),
    ("Parliament rejected the budget bill on Tuesday.", CT_POS),
    ("The disputed territory was shelled overnight.", CT_POS),
    ("The former minister was denied bail.", CT_POS),
    # the source cannot tell, or doubts
    (
        "If the alliance said it was not able to confirm at this stage this alleged deployment, a "
        "presidential adviser told reporters it showed the neighbour's wish for a longer war.",
        UU_POS,
    ),
    # the concessive "if" of translated copy: "if X said ..., Y said ..." asserts both sayings
    (
        "If the ministry stated it could not confirm the casualty count, the governor told reporters "
        "that the figure was rising.",
        UU_POS,
    ),
    (
        "If the regulator said it was unable to verify the leak, the company insisted it was contained.",
        UU_POS,
    ),
    ("Western governments remain skeptical of the claims, noting a lack of evidence.", UU_POS),
    ("Officials said they could not confirm the casualty figures.", UU_POS),
    ("The footage could not be independently verified.", UU_POS),
    ("The company declined to confirm the figure.", UU_POS),
    ("Analysts say there is no evidence that the drones were launched from the island.", UU_POS),
    ("It is unclear whether the ship was carrying weapons.", UU_POS),
    ("Was the ship carrying weapons?", UU_POS),
    # boosters and plain assertions
    (
        "The spy agency explained that it detected convoys crossing the border, confirming the start of "
        "the operation.",
        CT_POS,
    ),
    ("The intelligence chief confirmed that about 9,000 soldiers were being trained in the east.", CT_POS),
    ("Northland has decided to send up to 8,000 troops, the agency said.", CT_POS),
    ("Intelligence officials assess with high confidence that the launch took place.", CT_POS),
    ("The death toll has risen to 84, the health ministry said.", CT_POS),
    ("The vote will take place in May 2025.", CT_POS),
    ("Police questioned the suspects for hours before they were released.", CT_POS),
    # hedges in a later clause do not govern the main one
    ("The ministry said 12 people died, and the toll could rise.", CT_POS),
    ("Three people were killed, police said, adding that dozens may be missing.", CT_POS),
    ("The treaty obliges both sides to help each other in the event of an attack.", CT_POS),
    # hedges
    ("The ministry said Northland was likely to send some of its regular forces.", PR_POS),
    ("The blast was probably caused by a gas leak, officials said.", PR_POS),
    ("The agency reportedly moved its staff out of the capital overnight.", PR_POS),
    ("Rescuers fear that dozens of people are trapped under the rubble.", PR_POS),
    ("The ministry said the figures were very likely accurate.", PR_POS),
    ("Troops may be deployed as early as next week.", PS_POS),
    ("Officials could not rule out further aftershocks.", PS_POS),
    ("Kim also speculated that the cooperation might be a strategic move.", PS_POS),
    ("Casualties are unlikely to exceed 100, the governor said.", PR_NEG),
    # conditionals: the main clause is not asserted
    ("He stressed that if the reports are confirmed, it could signal a major escalation.", PS_POS),
    ('"If they really sent soldiers, it would be a sign of desperation," she said.', PS_POS),
    ("Even if the talks fail, the ceasefire has held for a week.", CT_POS),
    # negation of the main predicate
    ("Police said no one was killed in the blast.", CT_NEG),
    ("The company did not respond to requests for comment.", CT_NEG),
    ("The army has not sent troops to the region.", CT_NEG),
    ("The crowd numbered hundreds if not thousands.", CT_POS),
    ("The treaty, whose terms have not been published, was signed in June.", CT_POS),
]


@pytest.mark.parametrize(("sentence", "expected"), READINGS)
def test_read_certainty(lex, sentence, expected):
    reading = read_certainty(sentence, lexicon=lex)
    assert (reading.level, reading.polarity, reading.denial) == expected, reading.cues


def test_two_hedges_in_one_sentence_read_probable_or_possible(lex):
    sentence = "More soldiers are expected to be sent soon and Northland could send a total of 8,000."
    assert read_certainty(sentence, lexicon=lex).level in (PR, PS)


@pytest.mark.parametrize(
    ("sentence", "cues"),
    [
        (
            "The defence ministry believes that Northland has likely sent civilian workers.",
            ("believes", "likely"),
        ),
        (
            "Western governments remain sceptical, noting a lack of evidence.",
            ("sceptical", "lack of evidence"),
        ),
        ("The agency said it detected the convoy, confirming the start of the operation.", ("confirming",)),
        ("Officials said they were not able to confirm the report.", ("not able to confirm",)),
        ("The Kremlin dismissed as fake news the claim.", ("dismissed as", "fake news")),
        ("Officials said the man didn't deny the charges.", ("didn't deny",)),
        ("Officials did n't confirm the figure .", ("didn't confirm",)),
        ("If the deployment is confirmed, it could mean escalation.", ("if", "could")),
        ("North Korea's Potential Troop Support", ("potential",)),
    ],
)
def test_cues_are_lower_case_surface_forms_in_text_order(lex, sentence, cues):
    assert read_certainty(sentence, lexicon=lex).cues == cues


def test_plain_assertion_has_no_cues(lex):
    assert read_certainty("The toll has risen to 84.", lexicon=lex) == CertaintyReading(CT, POS, (), False)


def test_curly_apostrophes_match(lex):
    reading = read_certainty("Officials couldn\u2019t confirm the figure.", lexicon=lex)
    assert reading.level is UU and reading.cues == ("couldn't confirm",)


def test_user_lexicon_extends_the_cue_lists(lex, tmp_path):
    text = "The minister floated the idea that troops are massing."
    assert read_certainty(text, lexicon=lex).level is CT
    extra = tmp_path / "extra.toml"
    extra.write_text('[certainty]\nhedges_possible = ["floated the idea"]\n', encoding="utf-8")
    reading = read_certainty(text, lexicon=load_lexicon([extra]))
    assert reading.level is PS and reading.cues == ("floated the idea",)


@pytest.mark.parametrize(
    "toml",
    ["[certainty]\nhedges_possible = [1, 2]\n", '[certainty.modal_scores]\nwill = "often"\n'],
)
def test_malformed_user_lexicon_is_a_config_error(tmp_path, toml):
    extra = tmp_path / "bad.toml"
    extra.write_text(toml, encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"bad\.toml: certainty\.(hedges_possible\[0\]|modal_scores\.will): "
    ):
        read_certainty("It rained.", lexicon=load_lexicon([extra]))


def test_fast_enough_for_large_folders(lex):
    sentences = [s for s, _ in READINGS] * 200  # ~12,000 sentences
    started = time.perf_counter()
    for sentence in sentences:
        read_certainty(sentence, lexicon=lex)
    # 100k sentences must take well under a minute (about 7 s here); allow a slow, busy runner 4x that
    assert time.perf_counter() - started < 12


@pytest.mark.xfail(reason="a hedge in a trailing participial clause still sets the level", strict=True)
def test_hedge_in_participial_clause_does_not_govern(lex):
    sentence = "The leaders signed a treaty in June, fueling speculation about arms transfers."
    assert read_certainty(sentence, lexicon=lex).level is CT


@pytest.mark.xfail(
    reason="negation inside a restrictive relative clause is read as the main one", strict=True
)
def test_negation_in_restrictive_relative_clause(lex):
    reading = read_certainty("Soldiers who had not been paid were sent home.", lexicon=lex)
    assert reading.polarity is POS


@pytest.mark.xfail(reason="a negated denial is not read as a double negative", strict=True)
def test_negated_denial(lex):
    reading = read_certainty("No one denied that the shipment arrived.", lexicon=lex)
    assert reading.polarity is POS and not reading.denial


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_reading_whose_cues_come_from_the_text(text):
    lexicon = load_lexicon()
    reading = read_certainty(text, lexicon=lexicon)
    folded = " ".join(text.lower().replace("\u2019", "'").split())
    for cue in reading.cues:
        assert cue in folded.replace(" n't", "n't") or cue == "?"


# ---------------------------------------------------------------------------------------------------
# Seed articles: the passages that matter most, read in their real sentences.

SEED_PASSAGES = [
    ("has likely sent civilian personnel", PR_POS),
    ("it is possible that North Korea has provided personnel", PS_POS),
    ("might be supporting Russia with civilian personnel", PS_POS),
    ("dismissed as fake news", CT_DENIED),
    ("not able to confirm", UU_POS),
    ("confirming the start of the military participation", CT_POS),
    ("remain skeptical", UU_POS),
    ("confirmed that approximately 11,000", CT_POS),
    ("was likely to send some of its regular armed forces", PR_POS),
]


def _seed_sentence(passage: str) -> str:
    """The sentence holding ``passage`` in a seed article, by a plain split on '. ' and line breaks."""
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        at = text.find(passage)
        if at < 0:
            continue
        start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1)
        ends = [e for e in (text.find(". ", at), text.find("\n", at)) if e >= 0]
        return text[start : min(ends) + 1 if ends else len(text)].strip()
    raise AssertionError(f"passage {passage!r} is in no seed article")


@pytest.mark.parametrize(("passage", "expected"), SEED_PASSAGES)
def test_seed_sentences(lex, passage, expected):
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    sentence = _seed_sentence(passage)
    reading = read_certainty(sentence, lexicon=lex)
    assert (reading.level, reading.polarity, reading.denial) == expected, sentence


# ---------------------------------------------------------------------------------------------------
# score_factuality: one event, -3..+3. The target is marked [[like this]]; tokens split on spaces.

# (tokenised sentence with [[target]], lowest and highest acceptable score)
FACTUALITY = [
    ("Police [[arrested]] three men on Tuesday .", 2.5, 3.0),
    ("The toll has [[risen]] to 84 .", 2.5, 3.0),
    ("Police did n't [[arrest]] anyone .", -3.0, -1.5),
    ("Police have not [[arrested]] anyone .", -3.0, -1.5),
    ("No weapon was [[recovered]] at the scene .", -3.0, -0.5),
    ("The agency will not [[renew]] the contract .", -3.0, -1.5),
    ("The company will [[resume]] shipments next week .", 1.5, 3.0),
    ("The ministry may [[send]] more troops .", 0.0, 1.5),
    ("Officials said the army might [[withdraw]] .", 0.0, 1.5),
    ("Troops could be [[deployed]] within weeks .", 0.0, 1.5),
    ("The rebels failed to [[capture]] the town .", -3.0, -2.0),
    ("The rebels refused to [[surrender]] .", -3.0, -2.0),
    ("The rebels managed to [[capture]] the town .", 2.0, 3.0),
    ("The government plans to [[raise]] taxes .", 0.5, 2.0),
    ("He wants to [[run]] for office .", 0.0, 1.5),
    ("They tried to [[smuggle]] the boy out .", 0.0, 1.5),
    ("The two sides agreed to [[resume]] talks .", 1.5, 2.8),
    ("The company did n't want to [[take]] the orders .", -3.0, -1.0),
    ("The board decided not to [[sell]] the unit .", -3.0, -0.5),
    ("If the talks [[fail]] , the strike will continue .", 0.0, 1.5),
    ("If the talks fail , the strike will [[continue]] .", 0.0, 1.5),
    ("If the talks fail , the union [[said]] , the strike will continue .", 2.5, 3.0),
    ("She said the bridge [[collapsed]] at dawn .", 2.5, 3.0),
    ("She knew that the bridge had [[collapsed]] .", 2.5, 3.0),
    ("Officials believe the fire was [[started]] deliberately .", 1.0, 2.2),
    ("Officials do n't think the fire was [[started]] deliberately .", -2.0, 0.0),
    ("Officials denied that the army had [[fired]] on protesters .", -1.0, 1.0),
    ("It is unclear whether the ship [[carried]] weapons .", 0.0, 1.2),
    ("Did the army [[fire]] first ?", -0.5, 1.2),
    ("The embargo was lifted , he [[said]] .", 2.5, 3.0),
    ("He said the company would [[investigate]] the claims .", 1.5, 3.0),
    ("The court blocked the [[deportation]] of the family .", -2.0, 0.0),
    ("Analysts discussed the possibility of a [[strike]] .", 0.0, 1.5),
    ("The bank raised rates without [[consulting]] the government .", -2.0, 0.0),
    ("The ministry said it was likely to [[send]] troops .", 1.0, 2.5),
    ("The report cited the threat [[posed]] by the militia .", 2.5, 3.0),
]


def _marked(sentence: str) -> tuple[list[str], tuple[int, int]]:
    tokens = sentence.split(" ")
    at = next(i for i, t in enumerate(tokens) if t.startswith("[["))
    tokens[at] = tokens[at].strip("[]")
    return tokens, (at, at + 1)


@pytest.mark.parametrize(("sentence", "low", "high"), FACTUALITY)
def test_score_factuality(lex, sentence, low, high):
    tokens, target = _marked(sentence)
    assert low <= score_factuality(tokens, target, lexicon=lex) <= high


@pytest.mark.xfail(reason="'decided against X-ing' is read as only weakly negative", strict=True)
def test_decided_against(lex):
    tokens, target = _marked("He has decided against [[seeking]] a buyer .")
    assert score_factuality(tokens, target, lexicon=lex) <= -1.5


@pytest.mark.xfail(
    reason="a noun's factuality from its own meaning ('the cancelled deal') is not read", strict=True
)
def test_noun_with_negative_modifier(lex):
    tokens, target = _marked("He spoke against the now-cancelled [[deal]] .")
    assert score_factuality(tokens, target, lexicon=lex) < 0


def test_score_factuality_rejects_a_span_outside_the_sentence(lex):
    with pytest.raises(ValueError, match="not a token span"):
        score_factuality(["It", "rained"], (2, 3), lexicon=lex)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["not", "to", "if", "said", "may", "the", ",", "n't", "will", "x", "?"]),
        min_size=1,
        max_size=20,
    ),
    st.data(),
)
def test_score_is_always_in_range(tokens, data):
    start = data.draw(st.integers(0, len(tokens) - 1))
    value = score_factuality(tokens, (start, start + 1), lexicon=load_lexicon())
    assert -3.0 <= value <= 3.0
