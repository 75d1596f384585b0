"""The rule layer on the real seed story (../shared/seeds): each gold claim read as its gold 'why' says.

The seed text is read at test time and never copied here; claims are named by gold id and position
(e.g. the first 'a' passage of conflict C4). Skips with a reason when ../shared is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.evaluate import fold
from checker.extract import extract_claims
from checker.ingest import read_articles
from checker.lexicons import load_lexicon
from checker.models import Certainty, Claim, Polarity
from checker.segment import split_sentences

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="module")
def seeds():
    if not (SHARED / "seeds").is_dir() or not (SHARED / "eval" / "gold" / "seeds.json").exists():
        pytest.skip("../shared/seeds and its gold file are not beside this checkout")
    lexicon = load_lexicon()
    claims: list[tuple[str, Claim]] = []
    for article in read_articles([SHARED / "seeds"]):
        if article.ok:
            sentences = split_sentences(article, lexicon=lexicon)
            claims += [
                (Path(article.path).name, c) for c in extract_claims(sentences, article, lexicon=lexicon)
            ]
    gold = json.loads((SHARED / "eval" / "gold" / "seeds.json").read_text(encoding="utf-8"))
    return claims, gold


def _claim(seeds, ref) -> Claim:
    claims, _ = seeds
    prefix, passage = ref
    found = [c for name, c in claims if name.startswith(prefix) and fold(passage) in fold(c.text)]
    assert len(found) == 1, f"{prefix}: expected one claim holding the passage, found {len(found)}"
    return found[0]


def _ref(seeds, group: str, item: str, side: str, index: int):
    _, gold = seeds
    entry = next(e for e in gold[group] if e["id"] == item)
    return entry[side][index] if side != "claims" else entry["claims"][index]


# (subject, index) -> (low, high, unit class, frame, scope)
INTERVALS = {
    ("S-total", 0): (11400, 12000, "military personnel", "send", None),
    ("S-total", 1): (12000, 12000, "military personnel", "send", "total"),
    ("S-total", 2): (9000, 11000, "military personnel", "send", "total"),
    ("S-training", 0): (9900, 12100, "military personnel", "train", None),
    ("S-training", 1): (9900, 12100, "military personnel", "train", None),
    ("S-training", 2): (9000, 11000, "military personnel", "train", None),
}


@pytest.mark.parametrize(("subject", "index"), sorted(INTERVALS))
def test_interval_and_unit(seeds, subject, index):
    low, high, unit_class, frame, scope = INTERVALS[(subject, index)]
    claim = _claim(seeds, _ref(seeds, "subjects", subject, "claims", index))
    figures = [q for q in claim.quantities if q.unit_class == unit_class]
    assert figures, claim.quantities
    q = figures[0]
    assert q.low == pytest.approx(low) and q.high == pytest.approx(high)
    assert q.frame == frame
    if scope:
        assert q.scope.value == scope


# (conflict, side, index) -> (certainty, polarity, denial)
CERTAINTY = {
    ("C2", "a", 0): (Certainty.PROBABLE, Polarity.POSITIVE, False),
    ("C2", "b", 0): (Certainty.POSSIBLE, Polarity.POSITIVE, False),
    ("C2", "b", 1): (Certainty.POSSIBLE, Polarity.POSITIVE, False),
    ("C2", "b", 2): (Certainty.POSSIBLE, Polarity.POSITIVE, False),
    ("C4", "a", 0): (Certainty.CERTAIN, Polarity.NEGATIVE, True),
    ("C4", "b", 0): (Certainty.CERTAIN, Polarity.POSITIVE, False),
    ("C5", "a", 0): (Certainty.UNKNOWN, Polarity.POSITIVE, False),
    ("C5", "b", 0): (Certainty.CERTAIN, Polarity.POSITIVE, False),
    ("C6", "a", 0): (Certainty.UNKNOWN, Polarity.POSITIVE, False),
    ("C6", "b", 0): (Certainty.CERTAIN, Polarity.POSITIVE, False),
    ("C6", "b", 1): (Certainty.CERTAIN, Polarity.POSITIVE, False),
}


@pytest.mark.parametrize(("item", "side", "index"), sorted(CERTAINTY))
def test_certainty_and_polarity(seeds, item, side, index):
    level, polarity, denial = CERTAINTY[(item, side, index)]
    reading = _claim(seeds, _ref(seeds, "conflicts", item, side, index)).certainty
    assert (reading.level, reading.polarity, reading.denial) == (level, polarity, denial), reading


@pytest.mark.parametrize("index", [0, 1, 2])
def test_civilian_not_troops_is_a_contrast(seeds, index):
    claim = _claim(seeds, _ref(seeds, "conflicts", "C1", "a", index))
    assert ("civilian personnel", "military personnel") in claim.contrasts
    assert claim.certainty.polarity is Polarity.POSITIVE  # the 'not' scopes over the category only


@pytest.mark.parametrize("index", [0, 1, 2, 3, 4])
def test_troops_are_military(seeds, index):
    claim = _claim(seeds, _ref(seeds, "conflicts", "C1", "b", index))
    assert "military personnel" in claim.categories


# (group, item, side, index) -> accepted source names (any, case-insensitive)
SOURCES = {
    ("conflicts", "C1", "a", 0): ("defence ministry",),
    ("conflicts", "C1", "a", 2): ("kim seon-ho",),
    ("conflicts", "C1", "b", 0): ("nis",),
    ("conflicts", "C1", "b", 1): ("nis",),
    ("conflicts", "C1", "b", 2): ("intelligence", "nis"),
    ("conflicts", "C1", "b", 3): ("national intelligence service",),
    ("conflicts", "C1", "b", 4): ("national intelligence service", "nis"),
    ("conflicts", "C2", "b", 0): ("kim seon-ho",),
    ("conflicts", "C3", "a", 1): ("nis",),
    ("conflicts", "C3", "b", 0): ("seoul",),
    ("conflicts", "C4", "a", 0): ("kremlin",),
    ("conflicts", "C5", "a", 0): ("nato",),
    ("conflicts", "C6", "a", 0): ("united states and its allies",),
    ("conflicts", "C6", "b", 0): ("budanov",),
    ("conflicts", "C6", "b", 1): ("budanov",),
    ("conflicts", "C6", "b", 2): ("zelensky",),
    ("conflicts", "C7", "a", 0): ("ministry of defence",),
    ("not_conflicts", "N4", "a", 0): ("zelenskyy",),
    ("not_conflicts", "N11", "a", 0): ("intelligence",),
    ("subjects", "S-training", "claims", 0): ("budanov",),
}


@pytest.mark.parametrize("key", sorted(SOURCES))
def test_attribution_names_the_source(seeds, key):
    group, item, side, index = key
    claim = _claim(seeds, _ref(seeds, group, item, side, index))
    source = (claim.attribution.original or "").lower()
    assert any(name in source for name in SOURCES[key]), claim.attribution
