"""Categories a claim puts its actors and counted things in, with contrasts stated in the sentence.

``find_categories("X likely sent civilian personnel, not troops", lexicon=lex)`` asserts "civilian
personnel" and rejects "military personnel". The taxonomy lives in ``lexicons/categories.toml``:
contrast sets whose members exclude each other, and the surface terms of each category.

* "A rather than B", "A instead of B", "A, not B", "not B but A": A asserted, B rejected.
* "personnel rather than military forces": when only the rejected side names a category of a
  two-member set, the other member is asserted.
* "A or B": an open alternative; neither is asserted.
* Weak terms ("civilian", "military") count only inside such a contrast or alternative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.lexicons import Lexicon


@dataclass(frozen=True, slots=True)
class CategoryReading:
    categories: tuple[str, ...]  # asserted
    contrasts: tuple[tuple[str, str], ...]  # (asserted, rejected)
    alternatives: tuple[str, ...]  # "A or B": undecided between these


@dataclass(frozen=True, slots=True)
class _Tables:
    pattern: re.Pattern[str]
    term_category: dict[str, str]
    set_of: dict[str, str]
    members: dict[str, tuple[str, ...]]
    weak: frozenset[str]
    reject: re.Pattern[str]
    not_but: re.Pattern[str]
    alternative: re.Pattern[str]
    identity: frozenset[str]


@lru_cache(maxsize=8)
def _tables(lexicon: Lexicon) -> _Tables:
    section = lexicon.section("categories")
    term_category: dict[str, str] = {}
    for category, terms in section.get("terms", {}).items():
        for term in terms:
            term_category.setdefault(term.lower(), category)
    set_of: dict[str, str] = {}
    members: dict[str, tuple[str, ...]] = {}
    for name, cats in section.get("sets", {}).items():
        members[name] = tuple(cats)
        for cat in cats:
            set_of.setdefault(cat, name)
    terms = sorted(term_category, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b", re.IGNORECASE)
    markers = section.get("contrast_markers", {})
    reject_words = sorted(markers.get("reject_after", ()), key=len, reverse=True)
    reject = re.compile(
        r"^[\s,]*(?:" + "|".join(re.escape(w.strip()) for w in reject_words) + r")[\s,]+(?:\w+\s+){0,3}$",
        re.IGNORECASE,
    )
    alt_words = sorted(markers.get("alternative", ()), key=len, reverse=True)
    alternative = re.compile(
        r"^[\s,]*(?:" + "|".join(re.escape(w) for w in alt_words) + r")[\s,]+(?:\w+\s+){0,2}$", re.IGNORECASE
    )
    return _Tables(
        pattern=pattern,
        term_category=term_category,
        set_of=set_of,
        members=members,
        weak=frozenset(w.lower() for w in section.get("weak", {}).get("terms", ())),
        reject=reject,
        not_but=re.compile(r"^[\s,]*but\s+(?:\w+\s+){0,3}$", re.IGNORECASE),
        alternative=alternative,
        identity=frozenset(section.get("identity", {}).get("sets", ())),
    )


_PREDICATE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|remains?|described\s+\w+\s+as|called\s+\w+|as)\s+"
    r"(?:(?:a|an|the|all|mostly|only|just|merely|simply|clearly|in\s+fact|actually|really|not)\s+)*"
    r"(?:[\w’'-]+\s+){0,2}$",
    re.IGNORECASE,
)


def find_categories(text: str, *, lexicon: Lexicon) -> CategoryReading:
    """The categories ``text`` asserts, the contrasts it states, and open alternatives."""
    tables = _tables(lexicon)
    matches = [
        (m.start(), m.end(), m.group().lower(), tables.term_category[m.group().lower()])
        for m in tables.pattern.finditer(text)
    ]
    asserted: list[str] = []
    contrasts: list[tuple[str, str]] = []
    alternatives: list[str] = []
    rejected: set[int] = set()
    involved: set[int] = set()
    for i, (_, end_i, _, cat_i) in enumerate(matches):
        for j in range(i + 1, len(matches)):
            start_j, _, _, cat_j = matches[j]
            if (
                cat_i == cat_j
                or tables.set_of.get(cat_i) != tables.set_of.get(cat_j)
                or cat_i not in tables.set_of
            ):
                continue
            between = text[end_i:start_j]
            if len(between) > 40:
                break
            before = text[max(0, matches[i][0] - 12) : matches[i][0]].lower()
            if tables.reject.match(between):
                contrasts.append((cat_i, cat_j))
                rejected.add(j)
                involved.update((i, j))
            elif re.search(r"\bnot\s+$", before) and tables.not_but.match(between):
                contrasts.append((cat_j, cat_i))
                rejected.add(i)
                involved.update((i, j))
            elif tables.alternative.match(between):
                alternatives.extend((cat_i, cat_j))
                involved.update((i, j))
            break
    # "personnel rather than military forces": only the rejected side is a category.
    for j, (start_j, _, _, cat_j) in enumerate(matches):
        if j in involved or cat_j not in tables.set_of:
            continue
        before = text[max(0, start_j - 40) : start_j]
        marker = re.search(
            r"(?:rather than|instead of|,\s*not|\bnot|as opposed to)\s+(?:\w+\s+){0,2}$", before, re.I
        )
        if marker and not re.search(
            r"\b(?:do|does|did|is|are|was|were|has|have|had|could|would|will)\s+not\s",
            before[marker.start() - 6 : marker.end()],
            re.I,
        ):
            others = [c for c in tables.members[tables.set_of[cat_j]] if c != cat_j]
            if len(others) == 1:
                contrasts.append((others[0], cat_j))
                rejected.add(j)
                involved.add(j)
    # "The ship is a research vessel", "the people aboard were naval personnel": a category stated as
    # what the thing *is* excludes the other member of a two-member set.
    for index, (start, _, term, cat) in enumerate(matches):
        if index in involved or term in tables.weak or cat not in tables.set_of:
            continue
        if tables.set_of[cat] not in tables.identity:
            continue
        if _PREDICATE.search(text[max(0, start - 40) : start]):
            others = [c for c in tables.members[tables.set_of[cat]] if c != cat]
            if len(others) == 1:
                contrasts.append((cat, others[0]))
    alt_set = set(alternatives)
    for index, (_, _, term, cat) in enumerate(matches):
        if index in rejected or cat in alt_set:
            continue
        if term in tables.weak and index not in involved:
            continue
        if cat not in asserted:
            asserted.append(cat)
    for kept, _ in contrasts:
        if kept not in asserted:
            asserted.append(kept)
    return CategoryReading(
        tuple(asserted), tuple(dict.fromkeys(contrasts)), tuple(dict.fromkeys(alternatives))
    )


def category_set(category: str, *, lexicon: Lexicon) -> str | None:
    """The contrast set a category belongs to, or None."""
    return _tables(lexicon).set_of.get(category)
