"""The rule layer: sentence -> Claim, with figures, certainty, attribution, categories and time.

Each extractor is a small function over one sentence's text (``find_quantities``, ``read_certainty``,
``find_attribution``, ``find_categories``, ``find_times``); ``extract_claims`` runs them over an
article's sentences, carrying the last named speaker so that "He also said" resolves.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from checker.config import Config
from checker.extract.attribution import find_attribution
from checker.extract.categories import find_categories
from checker.extract.certainty import read_certainty
from checker.extract.quantities import find_quantities
from checker.extract.time import event_date, find_times
from checker.lexicons import Lexicon
from checker.models import Article, AttributionKind, Claim, Quantity, Role, Sentence

__all__ = ["extract_claims", "is_checkable"]

_VERBISH = re.compile(
    r"\b(?:\w+ed|is|are|was|were|has|have|had|will|would|could|can|may|might|says|said|sent|"
    r"\w+s|told|made|left|took|gave|built|held|brought|met|struck|hit|fled|found|began|remain|remains)\b",
    re.IGNORECASE,
)
_LEADING_NAME = re.compile(
    r"^\s*(?:the\s+)?((?:[A-Z][\w’'.-]*(?:\s+(?:of|for|and|the|de)\s+|\s+|’s\s+|'s\s+))+)(?=[a-z])"
)
_CLAUSE_SPLIT = re.compile(r",\s+(?:while|whereas|but)\s+|;\s+|\s+whereas\s+|\s+while\s+", re.IGNORECASE)


def is_checkable(sentence: Sentence, quantities: Sequence[Quantity]) -> bool:
    """A sentence asserts something checkable: a figure, or a clause with a verb, of some length."""
    words = sentence.text.split()
    if re.match(r"^\s*source\s*:", sentence.text, re.IGNORECASE):
        return False  # an attribution line: it sets the speaker of what follows
    if quantities and len(words) >= 3:
        return True
    if len(words) < 5:
        return False
    return bool(_VERBISH.search(sentence.text))


def _per_figure_sources(
    text: str, quantities: tuple[Quantity, ...], lexicon: Lexicon
) -> tuple[Quantity, ...]:
    """Two sources' figures side by side ("N according to A, while B put it at M"): one source each."""
    if len(quantities) < 2 or not _CLAUSE_SPLIT.search(text):
        return quantities
    bounds = [0] + [m.end() for m in _CLAUSE_SPLIT.finditer(text)] + [len(text) + 1]
    out = []
    for quantity in quantities:
        clause = next(
            (
                text[bounds[i] : bounds[i + 1]]
                for i in range(len(bounds) - 1)
                if bounds[i] <= quantity.start < bounds[i + 1]
            ),
            text,
        )
        found = find_attribution(clause, lexicon=lexicon)
        if found.kind in (AttributionKind.NAMED, AttributionKind.ROLE) and found.source:
            quantity = dataclasses.replace(quantity, source=found.source)
        else:
            # "..., while the National Institute has stuck to its reading of 6.8": the clause's subject.
            lead = _LEADING_NAME.match(clause)
            if lead and len(lead.group(1).split()) >= 2:
                quantity = dataclasses.replace(quantity, source=lead.group(1).strip())
        out.append(quantity)
    sources = {q.source for q in out if q.source}
    return tuple(out) if len(sources) >= 2 else quantities


_FOCUS_SPLIT = re.compile(r",?\s+but\s+|;\s+|,\s+while\s+|\s+whereas\s+|,\s+although\s+", re.IGNORECASE)


_COMPLEMENT = re.compile(
    r"^\W*(?:[\w’'-]+\W+){0,5}?(?:that|claims?\s+that|reports?\s+that|reports?\s+of|allegations?\s+that|"
    r"accounts?\s+of)\s+",
    re.IGNORECASE,
)


# "claims that the ship was spying were categorically false": the complement before the cue.
_COMPLEMENT_BEFORE = re.compile(
    r"\b(?:claims?|reports?|allegations?|suggestions?|accusations?)\s+that\s+(.+?)\s+(?:were|was|are|is|had\s+been)\s+"
    r"(?:\W*\w+\W*){0,2}?(?:false|untrue|baseless|groundless|fake|lies|nonsense|fabricat)",
    re.IGNORECASE,
)


def _focus(text: str, cues: Sequence[str]) -> str | None:
    """The clause holding the first denial or doubt cue, when the sentence has more than one clause."""
    if not cues:
        return None
    lowered = text.lower()
    # "denied that there had been any looting", "dismissed as fake news X's claim that Y": the
    # complement after the cue is what is denied.
    for cue in cues:
        at = lowered.find(cue)
        if at < 0:
            continue
        after = text[at + len(cue) :]
        complement = _COMPLEMENT.search(after[:120])
        if complement:
            target = re.split(r"[,;:()]|\s+(?:calling|saying|adding|but)\s", after[complement.end() :])[
                0
            ].strip()
            if len(target.split()) >= 3:
                return target
    before = _COMPLEMENT_BEFORE.search(text)
    if before and len(before.group(1).split()) >= 3:
        return before.group(1).strip()
    bounds = [0] + [m.end() for m in _FOCUS_SPLIT.finditer(text)] + [len(text)]
    if len(bounds) <= 2:
        return None
    at = min((lowered.find(c) for c in cues if lowered.find(c) >= 0), default=-1)
    if at < 0:
        return None
    for left, right in zip(bounds, bounds[1:], strict=False):
        if left <= at < right:
            clause = _FOCUS_SPLIT.sub(" ", text[left:right]).strip(" ,;")
            return clause if len(clause.split()) >= 3 else None
    return None


def extract_claims(
    sentences: Sequence[Sentence], article: Article, *, lexicon: Lexicon, config: Config | None = None
) -> tuple[Claim, ...]:
    """The checkable sentences of one article as Claims, with every rule-layer feature filled in."""
    config = config or Config()
    claims: list[Claim] = []
    previous: str | None = None
    for sentence in sentences:
        text = sentence.text
        attribution = find_attribution(text, lexicon=lexicon, previous=previous)
        if attribution.kind is not AttributionKind.UNATTRIBUTED and attribution.source:
            previous = attribution.source
        quantities = find_quantities(text, lexicon=lexicon, config=config)
        if not is_checkable(sentence, quantities):
            continue
        quantities = _per_figure_sources(text, quantities, lexicon)
        categories = find_categories(text, lexicon=lexicon)
        certainty = read_certainty(text, lexicon=lexicon)
        focus = (
            _focus(text, certainty.cues) if certainty.denial or certainty.level.value == "unknown" else None
        )
        times = find_times(text, published=article.published)
        claims.append(
            Claim(
                id=f"{article.id}#s{sentence.index}",
                article=article.id,
                sentence=sentence.index,
                text=text,
                start=sentence.start,
                end=sentence.end,
                source_start=article.offset_map.to_source(sentence.start),
                source_end=article.offset_map.to_source(sentence.end),
                role=sentence.role,
                quantities=quantities,
                certainty=certainty,
                focus=focus,
                attribution=attribution,
                categories=categories.categories,
                contrasts=categories.contrasts,
                alternatives=categories.alternatives,
                times=times,
                event_date=event_date(text, published=article.published),
                published=article.published,
                outlet=article.outlet,
            )
        )
    return tuple(claims)


def headline_like(claim: Claim) -> bool:
    return claim.role is Role.HEADLINE
