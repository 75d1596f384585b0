"""Who did it: statements that tie a named party to the story's event, and the disputes between them.

A sentence such as "an X airstrike hit the hospital", "X bears sole responsibility", "there was no Y
involvement", "a rocket misfired by Z" or "W denied responsibility" is read as an *agency statement*:
a party (X, Y, Z, W), its part (the cause, or taking part), whether the sentence asserts or denies it,
whether the claim leaves room for other parties (a physical cause such as a rocket, "sole", "a
provocation by"), and whether the holder says it does not know ("could not verify who was
responsible").

Three disputes come out of them, over the whole story:

* **negation** — one party's part asserted and denied. A claim that leaves no room for others (an X
  airstrike; X alone responsible) denies every other party's part, so "a rocket misfired by Z" stands
  against "an X airstrike" as well as against X's own denial;
* **category** — two parties each named as the cause where one claim excludes the other;
* **modality** — a party's part stated as fact and, by another holder, as not known.

Parties are compared by their folded names: the first five letters of each capitalised word
("Israeli" and "Israel" fold alike), and an acronym stands for a name whose initials it starts with
("IS", "ISIS" for a two-word name with those initials).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from checker.judge.holders import holder_key
from checker.judge.sides import Taker, build_side
from checker.lexicons import Lexicon, alternation, english_words
from checker.models import Certainty, Claim, Finding, FindingKind, FindingType, Side

__all__ = ["AgencyStatement", "read_agency_statements", "judge_agency"]


@dataclass(frozen=True, slots=True)
class AgencyStatement:
    claim: str
    party: str  # as written
    key: frozenset[str]
    cause: bool  # named as the cause (else as taking part)
    exclusive: bool  # says so in words ("sole responsibility", "a provocation by X")
    physical: bool  # names the party's weapon as the cause ("an X airstrike", "a rocket fired by X")
    negative: bool  # the sentence denies the party's part
    doubt: bool  # the holder does not know
    certainty: Certainty
    holder: str | None
    outlet: str | None
    published: date | None
    echo_of: str | None


_NAME = r"((?:[A-Z][\w’'-]*)(?:\s+(?:of\s+)?[A-Z][\w’'-]*){0,3}(?:['’]s(?:\s+[a-z]+){1,2}(?=\s+(?:special|services|forces|regime|army|military)\b|\b))?)"


@dataclass(frozen=True, slots=True)
class _Tables:
    patterns: tuple[tuple[re.Pattern[str], bool], ...]  # (pattern, names the cause)
    negators: re.Pattern[str]
    doubts: re.Pattern[str]
    exclusive_words: re.Pattern[str]
    exclusive_mechanisms: re.Pattern[str]
    not_parties: frozenset[str]


def _words(section: Mapping[str, object], name: str) -> str:
    return alternation(section.get(name, ()))  # type: ignore[arg-type]


def _tables(lexicon: Lexicon) -> _Tables:
    section = lexicon.section("agency")
    involved = _words(section, "involved")
    cue = lambda name: r"(?i:\b(?:" + _words(section, name) + r")\b)"  # noqa: E731
    return _Tables(
        patterns=(
            # "an X airstrike", "an X-made rocket"
            (
                re.compile(
                    _NAME
                    + r"\s+(?:(?:[a-z]+-?)+\s+)?(?i:"
                    + _words(section, "weapons")
                    + r")\b(?!\s+(?:and\s+\w+\s+)?(?:programs?|programmes?|tests?|arsenals?|stockpiles?|industry))"
                ),
                True,
            ),
            # "a rocket fired by X", "prepared by X", "a provocation by X's services"
            (
                re.compile(
                    r"(?i:" + _words(section, "mechanisms") + "|" + _words(section, "passive") + r")"
                    r"\s+(?:[a-z]+\s+){0,2}(?i:by|from)\s+(?:the\s+|a\s+|an\s+|another\s+)?"
                    r"(?:(?![a-z]+ing\b)[a-z]+,?\s+){0,2}?" + _NAME
                ),
                True,
            ),
            # "X bears sole responsibility", "X was behind", "X did not bomb"
            (
                re.compile(
                    _NAME
                    + r"(?:\s+\(?[\w’'-]+\)?){0,4}?\s+(?i:"
                    + _words(section, "responsible")
                    + r"|did\s+not\s+bomb|bomb(?:ed)?)\b"
                ),
                True,
            ),
            # "blamed X", "accused X of"
            (re.compile(r"(?i:" + _words(section, "blame") + r")\s+(?:the\s+|an?\s+)?" + _NAME), True),
            # "X was involved", "no X involvement"
            (re.compile(_NAME + r"(?:\s+[\w’'-]+){0,3}?\s+(?i:" + involved + r")\b"), False),
            # "involvement of X"
            (re.compile(r"(?i:" + involved + r")\s+(?i:of|by|from)\s+(?:the\s+)?" + _NAME), False),
        ),
        negators=re.compile(cue("negators")),
        doubts=re.compile(cue("doubts")),
        exclusive_words=re.compile(cue("exclusive")),
        exclusive_mechanisms=re.compile(cue("exclusive_mechanisms")),
        not_parties=frozenset(section.get("not_parties", ())),
    )


def _fold(word: str) -> str:
    return word.lower().replace("’", "'").split("'")[0][:5]


def _key(name: str, not_parties: frozenset[str]) -> frozenset[str]:
    words = [re.sub(r"['’]s?$", "", w) for w in re.findall(r"[\w’'-]+", name)]
    out = set()
    for word in words:
        if not word or word in not_parties or not word[:1].isupper():
            continue
        if word.isupper() and 2 <= len(word.split("-")[0]) <= 6:
            out.add("#" + word.split("-")[0])  # an acronym, resolved against the story's names later
        else:
            out.add(_fold(word))
    return frozenset(out)


def _common_word(word: str) -> bool:
    """An everyday English word (in pyspellchecker's list, reasonably frequent)."""
    return english_words().get(word.lower(), 0) >= 5000


def _openings(text: str) -> set[int]:
    """Where the sentence's first word starts, and where a quotation or a clause after a colon does."""
    starts = {len(text) - len(text.lstrip(" \t\"'“‘«(-–—"))}
    starts |= {m.end() for m in re.finditer(r"[:;]\s*[\"“‘']?\s*|[\"“‘]\s*", text)}
    return starts


def _clause_before(text: str, at: int) -> str:
    start = max(text.rfind(mark, 0, at) for mark in (";", ":", ". ", " but ", " while ", " whereas "))
    comma = text.rfind(",", 0, at)
    # "... and not an X airstrike": a comma right before a negated alternative stays in the clause.
    if comma > start and not re.match(r",\s*(?:and\s+|but\s+)?not\b", text[comma:at]):
        start = max(start, comma)
    return text[max(start, 0) : at][-80:]


def read_agency_statements(claims: Sequence[Claim], *, lexicon: Lexicon) -> list[AgencyStatement]:
    tables = _tables(lexicon)
    found: list[AgencyStatement] = []
    # Words written capitalised inside a sentence somewhere in the story: names, not sentence openers.
    proper_words = {
        m.group(0) for claim in claims for m in re.finditer(r"(?<=[a-z,;] )[A-Z][\w’'-]*", claim.text)
    }
    for claim in claims:
        text = claim.text
        doubt = bool(tables.doubts.search(text))
        seen: set[frozenset[str]] = set()
        hits: list[tuple[re.Match[str], bool]] = []
        for pattern, cause in tables.patterns:
            hits += [(m, cause) for m in pattern.finditer(text)]
        for match, cause in hits:
            name = match.group(1)
            key = _key(name, tables.not_parties)
            if not key or key in seen:
                continue
            seen.add(key)
            span = match.group(0)
            before = _clause_before(text, match.start(1))
            between = text[match.end(1) : match.end()]
            negative = bool(tables.negators.search(before) or tables.negators.search(between))
            if (
                " " not in name.strip()
                and match.start(1) in _openings(text)
                and name not in proper_words
                and _common_word(name)
            ):
                continue  # a common word opening the sentence ("Signs of ... involvement")
            exclusive = cause and bool(tables.exclusive_words.search(span + " " + before[-30:]))
            physical = cause and bool(tables.exclusive_mechanisms.search(span))
            found.append(
                AgencyStatement(
                    claim=claim.id,
                    party=name,
                    key=key,
                    cause=cause,
                    exclusive=exclusive and not negative,
                    physical=physical and not negative,
                    negative=negative and not doubt,
                    doubt=doubt,
                    certainty=claim.certainty.level,
                    holder=claim.attribution.original,
                    outlet=claim.outlet,
                    published=claim.published,
                    echo_of=claim.echo_of,
                )
            )
    names = {
        m.group(0)
        for claim in claims
        for m in re.finditer(r"(?:[A-Z][a-z][\w’'-]*\s+){1,3}[A-Z][a-z][\w’'-]*", claim.text)
    }
    return _resolve_acronyms(found, names, tables.not_parties)


def _resolve_acronyms(
    statements: list[AgencyStatement], names: set[str], not_parties: frozenset[str]
) -> list[AgencyStatement]:
    """An acronym ("#IS") takes the key of a name in the story whose initials start it."""
    initials: dict[frozenset[str], str] = {}
    for name in sorted(names):
        words = [re.sub(r"['’]s?$", "", w) for w in name.split()]
        words = [w for w in words if w and w not in not_parties]
        if len(words) >= 2:
            initials.setdefault(_key(" ".join(words), not_parties), "".join(w[0] for w in words).upper())
    out = []
    for s in statements:
        acronyms = [w for w in s.key if w.startswith("#")]
        if not acronyms:
            out.append(s)
            continue
        key = set(s.key)
        for acronym in acronyms:
            letters = acronym[1:]
            match = next(
                (
                    k
                    for k, ini in sorted(initials.items(), key=lambda kv: -len(kv[1]))
                    if letters.startswith(ini) and len(letters) <= len(ini) + 2
                ),
                None,
            )
            if match is not None:
                key.discard(acronym)
                key |= match
        out.append(
            AgencyStatement(**{**{f: getattr(s, f) for f in s.__dataclass_fields__}, "key": frozenset(key)})
        )
    return out


def _same_party(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a) and bool(b) and (a <= b or b <= a)


def _parties(statements: Sequence[AgencyStatement]) -> list[list[AgencyStatement]]:
    """Statements grouped by party (names that fold alike or contain one another)."""
    groups: list[tuple[frozenset[str], list[AgencyStatement]]] = []
    for s in sorted(statements, key=lambda s: (len(s.key), sorted(s.key))):
        for i, (key, members) in enumerate(groups):
            if _same_party(key, s.key):
                members.append(s)
                groups[i] = (key | s.key if len(s.key) < 4 else key, members)
                break
        else:
            groups.append((s.key, [s]))
    return [members for _, members in groups]


def _side(statements: Sequence[AgencyStatement], value: str) -> Side:
    takers = (
        Taker(
            s.claim,
            s.holder,
            s.outlet or s.claim.split("#")[0],
            s.published,
            s.echo_of is not None,
            s.certainty,
        )
        for s in statements
    )
    unsure = Certainty.UNKNOWN if all(s.doubt for s in statements) else None
    return build_side(value, takers, certainty=unsure)


def _finding(kind: FindingKind, ftype: FindingType, title: str, sides: list[Side], why: str) -> Finding:
    claims: list[str] = []
    for side in sides:
        claims += [c for c in side.claims if c not in claims]
    positions = "; ".join(f"{side.value} ({', '.join(side.holders[:3])})" for side in sides)
    return Finding(
        id="",
        kind=kind,
        type=ftype,
        subject=None,
        claims=tuple(claims),
        explanation=f"{title}: {why}: {positions}.",
        values=tuple(side.value for side in sides),
        sides=tuple(sides),
        title=title,
    )


def judge_agency(claims: Sequence[Claim], *, lexicon: Lexicon) -> list[Finding]:
    """Negation, category and modality disputes over who caused or took part in the story's event."""
    statements = read_agency_statements(claims, lexicon=lexicon)
    groups = _parties(statements)
    named = {id(g): g[0].party for g in groups}
    for group in groups:
        # The most common spelling names the party in the report.
        counts: dict[str, int] = defaultdict(int)
        for s in group:
            counts[s.party] += 1
        named[id(group)] = max(sorted(counts), key=lambda p: counts[p])
    findings: list[Finding] = []
    armed = [g for g in groups if any(s.physical for s in g)]
    rival_weapons = len(armed) >= 2
    for group in groups:
        party = named[id(group)]
        asserted = [s for s in group if not s.negative and not s.doubt]
        if not asserted:
            continue
        denied = [s for s in group if s.negative]
        # Another party's exclusive claim denies this party's part, unless one sentence names both: a
        # claim that says so ("sole responsibility", "a provocation by"), or a weapon named as the cause
        # when the story names rival weapons (one blast has one cause).
        mine = {s.claim for s in asserted}
        implied = [
            s
            for other in groups
            if other is not group
            for s in other
            if (s.exclusive or (s.physical and rival_weapons))
            and not s.negative
            and not s.doubt
            and s.claim not in mine
        ]
        against = denied + [s for s in implied if s.claim not in {d.claim for d in denied}]
        if against:
            findings.append(
                _finding(
                    FindingKind.CONFLICT,
                    FindingType.NEGATION,
                    f"Part of {party} in the event",
                    [_side(asserted, f"{party} took part"), _side(against, f"{party} did not")],
                    "asserted by some, denied or excluded by others",
                )
            )
        firm = [s for s in asserted if s.certainty is Certainty.CERTAIN]
        unsure = [
            s for s in group if s.doubt and holder_key(s.holder) not in {holder_key(f.holder) for f in firm}
        ]
        if firm and unsure:
            findings.append(
                _finding(
                    FindingKind.CONFLICT,
                    FindingType.MODALITY,
                    f"Part of {party} in the event",
                    [_side(firm, "stated as fact"), _side(unsure, "not known")],
                    "stated as fact by some, as unverified by others",
                )
            )
    # Competing causes: parties each named as the cause, where one claim leaves no room for the other.
    causes = []
    for group in groups:
        positive = [s for s in group if s.cause and not s.negative and not s.doubt]
        if positive:
            causes.append((named[id(group)], group, positive))
    if len(causes) >= 2:
        rivals = [
            (party, positive)
            for party, group, positive in causes
            if any(s.exclusive or (s.physical and rival_weapons) for s in positive)
            or any(
                s.exclusive or (s.physical and rival_weapons)
                for other_party, _, other in causes
                if other_party != party
                for s in other
            )
        ]
        claims_of = [{s.claim for s in positive} for _, positive in rivals]
        sides = []
        for (party, positive), own in zip(rivals, claims_of, strict=True):
            shared = set().union(*(c for c in claims_of if c is not own)) if len(claims_of) > 1 else set()
            kept = [s for s in positive if s.claim not in shared]
            if kept:
                sides.append(_side(kept, f"caused by {party}"))
        if len(sides) >= 2:
            findings.append(
                _finding(
                    FindingKind.CONFLICT,
                    FindingType.CATEGORY,
                    "Who caused the event",
                    sides,
                    "different parties named as the cause",
                )
            )
    return findings
