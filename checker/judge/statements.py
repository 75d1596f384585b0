"""Sentence -> statements: one holder giving one figure for one measure of one event.

A sentence can hold several statements ("police counted 12,000 and the union 45,000, against 9,000 and
30,000 a week earlier"). Each figure of a claim becomes a :class:`FigureStatement` with:

* its **measure**: what the figure counts (unit class and frame), taken from the figure itself or, when
  the figure has no unit of its own ("Police put it at 12,300"), from the nearest figure before it in the
  sentence or in the two sentences before it in the same article;
* its **holder**: the source named in the figure's own stretch of the sentence ("the union 45,000",
  "(according to police)", "by the organisers"), else the sentence's holder;
* its **event**: the date in its own stretch ("on March 3", "for last Tuesday"), a figure brought in for
  comparison ("up from 9,000", "higher than the 30,000 of ...") marked as a reference to another
  moment, and an ordinal tag for a second event of the same kind ("a second quake", "an aftershock");
* its **place**: "in CITY" in its own stretch, a stated total ("nationwide", "in all"), or none;
* its **scope**: a part ("including 40 in ...", "so far") or not.

The stretch of a figure is the text from the end of the figure before it to the start of the one after
it, so what sits between two figures is read for both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from checker.extract.attribution import find_attribution
from checker.lexicons import Lexicon, alternation
from checker.models import (
    OUTCOME_FRAMES,
    AttributionKind,
    Certainty,
    Claim,
    Quantity,
    Role,
    Scope,
    TimeMention,
)

__all__ = ["FigureStatement", "MeasureKind", "read_figure_statements", "measure_kind"]

# Unit classes whose figures are a fixed property of one event, whenever they are reported.
FIXED_CLASSES = frozenset({"magnitude", "distance"})
# Unit classes that never count what a story disputes (clock times, ages, shares of a whole).
_SKIPPED_CLASSES = frozenset({"time", "age", "year", "years", "thirds", "percent", "places"})

_MONTHS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday"
).split()
_NOT_PLACES = frozenset(_MONTHS) | frozenset(
    "The A An This That These Those Its His Her Their Our All Total According".split()
)
_PLACE = re.compile(
    r"\b(?i:in|across|throughout|outside|around|near|(?:streets|pavements?|boulevards|avenues|squares?|city|"
    r"town|region|province|centre|center|capital|district)\s+of)\s+(?:the\s+)?"
    r"([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
)
_TOTAL = re.compile(
    r"\b(?:nationwide|nationally|countrywide|across the country|throughout the country|in all|in total|"
    r"overall|altogether|combined|all told|across both countries|in both countries|the whole country|"
    r"across\s+the\s+nation|national)\b",
    re.IGNORECASE,
)
_CONTAINS = re.compile(r"\b(?:including|of whom|of which|among them|of them|of those)\b", re.IGNORECASE)
_ALONE = re.compile(r"^\W*(?:\w+\s+){0,4}?\w+\s+alone\b|\balone\b", re.IGNORECASE)
# A figure brought in for comparison with another moment: "up from 9,800", "higher than the 30,000
# of ...", "compared with 2.5 million on ...", ", against 1.27 million".
_REFERENCE = re.compile(
    r"(?:\bcompared\s+(?:to|with)|\bup\s+from|\bdown\s+from|\bfrom(?=\s+(?:about\s+|around\s+|some\s+)?$)|"
    r"\bagainst|\bversus|\bvs\.?|"
    r"\b(?:higher|lower|bigger|smaller|larger|greater|fewer|less|more|above|below|up|down)\s+(?:\w+\s+)?than"
    r"(?=\s+(?:the|that|those|on|in|at|during|for|last|its|their)\b)|"
    r"\b(?:previous|prior|earlier|last)\b)[^\d.;]{0,40}$",
    re.IGNORECASE,
)
_SECOND_EVENT = re.compile(
    r"\b(?:second|another|aftershock|subsequent|follow-up|fresh|new\s+(?:quake|earthquake|tremor|blast|"
    r"attack|strike)|later\s+(?:quake|blast|attack|strike|march))\b",
    re.IGNORECASE,
)
# "a strong quake", "an earthquake": a new mention of an event, not the one the paragraph is about.
_NEW_MENTION = re.compile(
    r"\b(?:a|an)\s+(?:[\w.-]+\s+){0,3}?(?:quake|earthquake|tremor|blast|explosion|attack|strike)\b",
    re.IGNORECASE,
)
_FIRST_EVENT = re.compile(
    r"\b(?:first|initial|main|original|earlier)\s+(?:\w+\s+)?(?:quake|earthquake|"
    r"tremor|shock|blast|attack|strike|march)",
    re.IGNORECASE,
)
_COMPARISON_CUT = re.compile(
    r"\b(?:than|compared|up\s+from|down\s+from|against|versus)\b|[;–—]", re.IGNORECASE
)
_INCREMENT = re.compile(r"\b(?:another|more|additional|further)\s*$", re.IGNORECASE)
# "initially put it at N, but ...", "had first said N", "rose from N to M": an earlier figure.
_EARLIER = re.compile(
    r"(?:\b(?:initially|originally|at\s+first|first|earlier|previously|initial)\b|\bwithin\s+(?:just\s+)?"
    r"(?:over\s+|under\s+)?(?:an?|\w+)\s+(?:hours?|minutes?)\b)[^.;\d]{0,70}$",
    re.IGNORECASE,
)
# "police said on Monday", "On Monday, the ministry said": the day a figure was given.
_REPORTED_ON = re.compile(
    r"\b(?:said|told|reported|announced|confirmed|added|stated|put|gave|updated|revised|raised|lowered)"
    r"\s+(?:\w+\s+){0,2}?(?:on|late on|early on|last|this)\s+\w+|"
    r"\b(?:on|late on|early on)\s+\w+(?:\s+\w+)?,?\s+(?:[\w’'-]+\s+){0,3}?(?:said|told|reported|announced)\b",
    re.IGNORECASE,
)
_COORDINATED = re.compile(r"^[\s,]*(?:\w+\s+){0,2}?(?:and|or)\s*$", re.IGNORECASE)
_DAYISH = re.compile(r"(?<!\d)\d{1,2}(?!\d)|day\b|yesterday|tonight|overnight|today", re.IGNORECASE)
_YEARLIKE = re.compile(r"^(?:19|20)\d\d$")
_DATE_WORD = re.compile(r"\d|\b(?:" + "|".join(_MONTHS) + r")\b|\b(?:day|week|month|year)s?\b", re.IGNORECASE)


class MeasureKind:
    """How time bears on a measure's figures."""

    RUNNING = "running"  # a running count (dead, arrested): later figures update earlier ones
    FIXED = "fixed"  # a fixed property of the event (magnitude, depth): time does not matter
    EVENT = "event"  # a count of one dated event (turnout of one march day): other days are other events


@dataclass(frozen=True, slots=True)
class FigureStatement:
    claim: str
    article: str
    index: int  # which figure of the claim
    quantity: Quantity
    measure: str
    inherited: bool
    holder: str | None
    place: str | None  # "*" for a stated total
    event: str  # "main" or "second"
    when: date | None  # the figure's own date, when its stretch gives one
    as_of: date | None  # when the figure held: its own date, else the article's
    reference: bool  # brought in for comparison with another moment
    part: bool
    earlier: bool  # given as an earlier figure than another of its sentence ("initially ..., then")
    revised: bool  # worded as a revision of an earlier figure ("has risen to", "revised it to")
    certainty: Certainty
    polarity_negative: bool
    outlet: str | None
    published: date | None
    echo_of: str | None
    role: Role

    @property
    def key(self) -> tuple[str, int]:
        return (self.claim, self.index)


# Frames of a count that belongs to one dated gathering (a march day's turnout); see measures.toml.
DATED_FRAMES = frozenset({"gather", "?"})


def measure_kind(measure: str, cumulative: frozenset[str], dated: frozenset[str] = DATED_FRAMES) -> str:
    """How time bears on a measure: a running count (cumulative frames and outcomes), a count of one
    dated gathering (dated frames), else a fixed property of the event (magnitude, people aboard,
    goods seized, a plan)."""
    head, _, frame = measure.partition("/")
    if head in FIXED_CLASSES or measure.endswith("/planned"):
        return MeasureKind.FIXED  # a plan is one figure however often it is reported
    if head == "outcome" or frame.split("/")[0] in cumulative:
        return MeasureKind.RUNNING
    if frame.split("/")[0] in dated:
        return MeasureKind.EVENT
    return MeasureKind.FIXED


def dated_frames(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(lexicon.section("measures").get("kinds", {}).get("dated", DATED_FRAMES))


@dataclass(frozen=True, slots=True)
class _Tables:
    context: tuple[tuple[str, re.Pattern[str]], ...]
    quake: re.Pattern[str]
    revision: re.Pattern[str]
    role_tail: re.Pattern[str]  # "..., and the union" before a figure: that figure's holder
    clause_subject: re.Pattern[str]  # "Organisers spoke of" opening a figure's clause
    generic_groups: frozenset[str]
    depth: re.Pattern[str]
    location: re.Pattern[str]


def _alternation(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + alternation(words) + r")\b", re.IGNORECASE)


def _tables(lexicon: Lexicon) -> _Tables:
    section = lexicon.section("measures")
    context = tuple((measure, _alternation(words)) for measure, words in section.get("context", {}).items())
    distance = section.get("distance", {})
    # A holder named by its role ("the union", "police"): the attribution lexicon's role nouns.
    roles = "(?:" + alternation(lexicon.section("attribution").get("role_nouns", ())) + ")s?"
    return _Tables(
        context=context,
        quake=_alternation(section.get("magnitude", {}).get("events", ())),
        role_tail=re.compile(
            r"(?:\band|\bwhile|\bwhereas|\bbut|,|;)\s+(?:the\s+|a\s+|an\s+)?"
            r"((?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*|(?:[a-z-]+\s+)?(?:" + roles + r"))\s*$"
        ),
        clause_subject=re.compile(
            r"^\W*((?:the\s+)?(?:(?!(?:The|A|An|This|That|It|In|On|At|But|And)\b)[A-Z][\w’'-]*"
            r"(?:\s+[A-Z][\w’'-]*){0,3}|(?:[a-z-]+\s+)?(?:" + roles + r")))\s+[a-z]+(?:ed|s)?\b"
        ),
        generic_groups=frozenset(w.lower() for w in section.get("subgroups", {}).get("generic", ())),
        revision=_alternation(
            lexicon.section("quantities").get("frame_kinds", {}).get("revision", ()) + ("revised", "lowered")
        ),
        depth=_alternation(distance.get("depth", ())),
        location=_alternation(distance.get("location", ())),
    )


def _context_measure(text: str, q: Quantity, tables: _Tables) -> str | None:
    """The measure the words around a unit-less figure name ("the toll rose to 84")."""
    if re.search(r"\d\.\d", q.text) and q.value < 10 and tables.quake.search(text):
        return "magnitude"
    found = [(m.start(), measure) for measure, pattern in tables.context for m in pattern.finditer(text)]
    if not found:
        return None
    return min(found, key=lambda item: abs(item[0] - len(text) // 2))[1]


def _own_measure(q: Quantity) -> str | None:
    measure = _bare_measure(q)
    if measure is not None and q.planned:
        return measure + ("/planned" if "/" in measure else "/-/planned")
    return measure


def _bare_measure(q: Quantity) -> str | None:
    if q.unit_class in _SKIPPED_CLASSES:
        return None
    if q.frame in OUTCOME_FRAMES and q.unit_class not in ("buildings", "places", "vessels", "time"):
        return f"outcome/{q.frame}"
    if q.unit_class == "magnitude" and (q.value >= 10 or "," in q.text):
        return None  # a count that took a magnitude's unit from the figure before it
    if q.unit_class in FIXED_CLASSES:
        return q.unit_class
    if q.unit_class:
        return f"{q.unit_class}/{q.frame or '?'}"
    if q.unit and re.fullmatch(r"[A-Za-z][A-Za-z -]*", q.unit):
        # A noun outside the unit lexicon ("49 hard drives seized", "some 280 demonstrations"): the noun
        # itself is what is counted, never what the sentence around it counts.
        return f"{q.unit.lower().rstrip('s')}/{q.frame or '?'}"
    return None


def _subgroup(draft: _Draft, tables: _Tables) -> str | None:
    """The group an outcome count names when it is not everyone ("miners", "children"), else None."""
    if not (draft.measure or "").startswith("outcome/") or not draft.q.unit or draft.inherited:
        return None
    noun = draft.q.unit.lower()
    if noun in tables.generic_groups or noun.rstrip("s") in tables.generic_groups:
        return None
    return noun


def _plausible(measure: str | None, q: Quantity) -> str | None:
    """A measure a figure may take from context: a magnitude is a small decimal-range figure."""
    if measure == "magnitude" and (q.value >= 10 or "," in q.text):
        return None
    return measure


def _countable(q: Quantity) -> bool:
    """Figures that are not counts: bare years ("in 2023"), clock times, a pronoun "one"."""
    if q.unit_class in _SKIPPED_CLASSES or q.text.strip().lower() in ("one", "a", "an"):
        return False
    literal = re.sub(r"[^\d]", "", q.text)
    if q.unit is None and _YEARLIKE.match(literal) and q.value == int(literal):
        return False
    return not re.search(r"\d:\d\d|^\(?\d{4}\)?$", q.text) or q.unit is not None


def _place(stretch: str, within: int | None = None) -> str | None:
    """The place a stretch names ("in CITY", "across the country"); only mentions that start within the
    first ``within`` characters count, read whole."""
    total = _TOTAL.search(stretch)
    if total and (within is None or total.start() < within):
        return "*"
    for match in _PLACE.finditer(stretch):
        if within is not None and match.start() >= within:
            break
        name = [re.sub(r"['’]s$", "", word) for word in match.group(1).split()]
        while name and name[0] in _NOT_PLACES:
            name = name[1:]
        if name and name[0] not in _NOT_PLACES:
            if re.match(r"\s*(?:and|&)\s+(?:the\s+)?[A-Z]", stretch[match.end() :]):
                return "*"  # "in X and Y": the places together
            return re.sub(r"['’]s?$", "", " ".join(name))
    return None


_BY_HOLDER = re.compile(
    r"^\W*(?:\w+\s+){0,3}?(?:according\s+to|as\s+counted\s+by|counted\s+by|identified\s+by|by|per|for)\s+"
    r"(?:the\s+)?([\w’'-]+(?:\s+[\w’'-]+){0,3}?)\s*(?=[,;.)–—-]|\band\b|$)",
    re.IGNORECASE,
)
_FOR_HOLDER = re.compile(r"\b(?:for|according\s+to)\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+[\w’'-]+){0,3}),\s*$")


def _stretch_holder(before: str, after: str, lexicon: Lexicon, tables: _Tables) -> str | None:
    """A holder named in the figure's own stretch, or None."""
    match = _BY_HOLDER.match(after[:80])
    if match and not _DATE_WORD.search(match.group(1)):
        return match.group(1).strip()
    match = _FOR_HOLDER.search(before[-80:])
    if match:
        return match.group(1).strip()
    match = tables.role_tail.search(before[-60:])
    if match:
        return match.group(1).strip()
    cut = re.search(r"[;–—]|,\s+(?:while|whereas|but)\b", after)
    own_after = after[: cut.start()] if cut else after
    found = find_attribution(before + " N " + own_after, lexicon=lexicon)
    if found.kind in (AttributionKind.NAMED, AttributionKind.ROLE) and found.source:
        return found.original
    # "Organisers spoke of N ...": the subject that opens the figure's clause.
    match = tables.clause_subject.match(before)
    if match:
        return match.group(1).strip()
    return None


def _day_mentions(claim: Claim) -> list[TimeMention]:
    return [t for t in claim.times if t.resolved is not None and _DAYISH.search(t.text)]


@dataclass(slots=True)
class _Draft:
    q: Quantity
    index: int
    measure: str | None
    inherited: bool
    holder: str | None
    place: str | None
    event: str
    when: date | None
    reference: bool
    part: bool
    before: str
    after: str
    own_place: bool = False  # the place was named in the figure's own sentence
    earlier: bool = False
    past: int | None = None  # the year of an earlier event the figure's stretch names ("in 2009")
    reported: date | None = None  # the day the sentence says the figure was given
    revised: bool = False  # worded as a revision ("has risen to", "revised it to")


def _drafts(claim: Claim, lexicon: Lexicon, tables: _Tables) -> list[_Draft]:
    text = claim.text
    qs = [(i, q) for i, q in enumerate(claim.quantities) if _countable(q)]
    times = _day_mentions(claim)
    reference_spans: set[int] = set()
    drafts: list[_Draft] = []
    for n, (i, q) in enumerate(qs):
        left = qs[n - 1][1].end if n > 0 else 0
        right = qs[n + 1][1].start if n + 1 < len(qs) else len(text)
        before, after = text[left : q.start], text[q.end : right]
        # What follows a comparison cue after the figure belongs to the figure it introduces.
        cut = _COMPARISON_CUT.search(after)
        own_after = after[: cut.start()] if cut else after
        near = before[-48:] + " " + q.text + " " + own_after[:48]
        # The figure's own noun phrase: what comes before it, and the word or two right after it.
        head = before[-40:] + " " + q.text + " " + " ".join(own_after.split()[:2])
        own = [t for t in times if left <= t.start and t.end <= q.end + len(own_after)]
        when = None
        if own:
            when = min(own, key=lambda t: abs(t.start - q.start)).resolved
        else:
            # "On March 3, police counted N and the union M": a date before the figures dates them,
            # unless it belongs to a figure brought in for comparison.
            opening = [t for t in times if t.end <= q.start and t.start not in reference_spans]
            when = opening[-1].resolved if opening else None
        # A running count holds as of when it was given ("officials said on Sunday"), not as of the
        # day of the event it counts ("killed on Friday").
        spans = [m.span() for m in _REPORTED_ON.finditer(text)]
        reported = next(
            (t.resolved for t in times if any(lo <= t.start + 3 and t.end - 3 <= hi for lo, hi in spans)),
            None,
        )
        # "a magnitude 6.1 quake in 2009 killed 212": a figure of an event in an earlier year.
        past_years = {
            t.resolved.year
            for t in claim.times
            if t.resolved is not None
            and claim.published is not None
            and t.resolved.year < claim.published.year
            and left <= t.start < right
        }
        reference = bool(_REFERENCE.search(before[-60:]))
        earlier = bool(_EARLIER.search(before[-80:])) or bool(re.search(r"\bfrom\s*$", before))
        revised = bool(tables.revision.search(before[-48:]))
        if reference:
            reference_spans.update(t.start for t in own)
        place = _place(own_after, within=50) or _place(before[-40:])
        part = q.scope is Scope.PART
        if _CONTAINS.search(before[-30:]) or _ALONE.search(own_after[:40]):
            part = part or place is None
        measure = _own_measure(q)
        if measure == "distance":
            # "40 miles north of X, at a depth of 2 km": the words right after a distance say what it
            # is; a distance in brackets after another is that one converted.
            if tables.location.search(own_after[:25]):
                measure = "distance/location"
            elif tables.depth.search(near):
                measure = "distance/depth"
            elif tables.location.search(near):
                measure = "distance/location"
            elif drafts and re.fullmatch(r"\s*\(\s*", before) and drafts[-1].measure:
                measure = drafts[-1].measure
        elif measure is None:
            measure = _context_measure(before[-60:] + " " + own_after[:60], q, tables)
        drafts.append(
            _Draft(
                q=q,
                index=i,
                measure=measure,
                inherited=False,
                holder=_stretch_holder(before, after, lexicon, tables) if len(qs) > 1 else None,
                place=place,
                event="second" if _SECOND_EVENT.search(head) else "main",
                when=when,
                reference=reference,
                part=part,
                before=before,
                after=after,
                own_place=place is not None,
                earlier=earlier,
                past=max(past_years)
                if past_years
                else (when.year if when and claim.published and when.year < claim.published.year else None),
                reported=reported,
                revised=revised,
            )
        )
    # A figure whose stretch ends in "and"/"or" shares the next one's date and reference ("1.2 million
    # and 2.4 million respectively for last Tuesday"); a figure that contains the next ("N in the
    # country, including M in the capital") is the total.
    for n in range(len(drafts) - 2, -1, -1):
        cur, nxt = drafts[n], drafts[n + 1]
        if _COORDINATED.match(cur.after):
            if cur.when is None:
                cur.when = nxt.when
            cur.reference = cur.reference or nxt.reference
        if _CONTAINS.search(cur.after) and cur.place is not None:
            cur.place = "*"
    # Within the sentence, a figure of a known class but no frame counts what the figure of its class
    # before it counts ("200 people died, but the figure has risen to 500"); a figure without a unit
    # measures what the figure before it measures, else what the sentence's words name.
    for n, draft in enumerate(drafts):
        if draft.measure and draft.measure.endswith("/?"):
            donor = next(
                (d for d in reversed(drafts[:n]) if d.measure and d.q.unit_class == draft.q.unit_class), None
            )
            if donor is not None and donor.measure and donor.measure.startswith("outcome/"):
                draft.measure, draft.inherited = donor.measure, True
        if draft.measure is None:
            donor = next((d for d in reversed(drafts[:n]) if d.measure), None) or next(
                (d for d in drafts[n + 1 :] if d.measure), None
            )
            if donor is not None and _plausible(donor.measure, draft.q):
                draft.measure, draft.inherited = donor.measure, True
            else:
                draft.measure = _context_measure(text, draft.q, tables)
                draft.inherited = draft.measure is not None
    # One place named in the sentence ("In the capital, police counted N and the union M"; "N by
    # police and M by the unions marched in the port city") is the place of every figure of it.
    places = {d.place for d in drafts if d.place is not None}
    if not places:
        found = _place(text)
        places = {found} if found else set()
    if len(places) == 1:
        only = next(iter(places))
        for draft in drafts:
            if draft.place is None and not draft.part:
                draft.place, draft.own_place = only, True
    return drafts


@dataclass(slots=True)
class _Context:
    """What a paragraph is about, carried from one sentence to the next two."""

    sentence: int = -10
    place: str | None = None
    when: date | None = None
    when_sentence: int = -10
    second: bool = False
    second_sentence: int = -10


def read_figure_statements(claims: Sequence[Claim], *, lexicon: Lexicon) -> list[FigureStatement]:
    """Every figure statement of ``claims`` (in article and sentence order)."""
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article, []).append(claim)
    tables = _tables(lexicon)
    cumulative = frozenset(lexicon.section("quantities").get("frame_kinds", {}).get("cumulative", ()))
    dated = dated_frames(lexicon)
    drafted: list[tuple[Claim, list[_Draft]]] = []
    for article_claims in by_article.values():
        article_claims.sort(key=lambda c: c.sentence)
        recent: list[tuple[int, _Draft]] = []  # (sentence, draft) of the last figures with a measure
        context = _Context()
        for claim in article_claims:
            drafts = _drafts(claim, lexicon, tables)
            follows = claim.sentence - context.sentence == 1
            for draft in drafts:
                if draft.measure is None:
                    # The measure comes from context: the last figure of the two sentences before.
                    donor = next((d for s, d in reversed(recent) if claim.sentence - s <= 2), None)
                    if donor is not None and _plausible(donor.measure, draft.q):
                        draft.measure, draft.inherited = donor.measure, True
                elif draft.measure.endswith("/?"):
                    head = draft.measure[:-2]
                    donor = next(
                        (
                            d
                            for s, d in reversed(recent)
                            if claim.sentence - s <= 2 and d.measure and d.measure.startswith(head + "/")
                        ),
                        None,
                    )
                    if donor is not None and donor.measure:
                        draft.measure = donor.measure
                # A paragraph goes on about the place, day and event of the sentence before it: "In
                # CITY, police counted N. The union counted M." / "On May 3, ... The union said M."
                if follows and draft.place is None and not draft.part and context.place:
                    draft.place = context.place
                fixed = (
                    draft.measure is not None
                    and measure_kind(draft.measure, cumulative, dated) == MeasureKind.FIXED
                )
                event_kind = (
                    draft.measure is not None
                    and measure_kind(draft.measure, cumulative, dated) == MeasureKind.EVENT
                )
                if (
                    draft.when is None
                    and event_kind
                    and not claim.times
                    and claim.sentence - context.when_sentence <= 2
                ):
                    draft.when = context.when
                if draft.past is not None:
                    draft.event = f"in {draft.past}"  # another event, whatever its kind
                    continue
                if fixed:
                    draft.part = False  # "another quake of magnitude 7": a second event, not a share
                if not fixed:
                    draft.event = "main"  # only fixed properties tell a second event of one kind apart
                    if _INCREMENT.search(draft.before[-12:]):
                        draft.part = True  # "another 500 dead": an increment, not a total
                elif (
                    claim.sentence - context.second_sentence <= 2
                    and context.second
                    and not _NEW_MENTION.search(claim.text)
                    and draft.event == "main"
                    and not _FIRST_EVENT.search(claim.text)
                ):
                    draft.event = "second"
            # What this sentence tells the next one.
            places = {d.place for d in drafts if d.own_place}
            if not drafts:
                named = _place(claim.text)
                places = {named} if named else set()
            context.place = next(iter(places)) if len(places) == 1 and "*" not in places else None
            days = {t.resolved for t in _day_mentions(claim)}
            # Only a sentence that sets the scene ("On May 3, ..." with no figure of its own) dates the
            # figures of the next ones.
            if len(days) == 1 and not drafts:
                context.when, context.when_sentence = next(iter(days)), claim.sentence
            elif days:
                context.when, context.when_sentence = None, -10
            fixed_second = any(
                d.event == "second"
                and d.measure
                and measure_kind(d.measure, cumulative, dated) == MeasureKind.FIXED
                for d in drafts
            )
            if _FIRST_EVENT.search(claim.text):
                context.second, context.second_sentence = False, claim.sentence
            elif _SECOND_EVENT.search(claim.text) or fixed_second:
                context.second, context.second_sentence = True, claim.sentence
            context.sentence = claim.sentence
            drafted.append((claim, drafts))
            recent += [(claim.sentence, d) for d in drafts if d.measure]
            recent = recent[-6:]
    # A place that contains others ("N in the country, including M in the capital") is the whole.
    containers = {
        d.place
        for _, drafts in drafted
        for d in drafts
        if d.place and d.place != "*" and _CONTAINS.search(d.after)
    }
    out: list[FigureStatement] = []
    for claim, drafts in drafted:
        for draft in drafts:
            if draft.measure is None:
                continue
            if draft.place in containers:
                draft.place = "*"
            group = _subgroup(draft, tables)
            if group:
                # "12 miners were killed": a part of the toll, compared only with counts of miners.
                draft.place = f"{draft.place or '*'} ({group})"
            out.append(
                FigureStatement(
                    claim=claim.id,
                    article=claim.article,
                    index=draft.index,
                    quantity=draft.q,
                    measure=draft.measure,
                    inherited=draft.inherited,
                    holder=draft.holder or draft.q.source or claim.attribution.original,
                    place=draft.place,
                    event=draft.event,
                    when=draft.when,
                    as_of=(
                        (draft.reported or claim.published)
                        if measure_kind(draft.measure, cumulative, dated) == MeasureKind.RUNNING
                        else draft.when or claim.published
                    ),
                    reference=draft.reference,
                    part=draft.part,
                    earlier=draft.earlier,
                    revised=draft.revised,
                    certainty=claim.certainty.level,
                    polarity_negative=claim.certainty.polarity.value == "negative",
                    outlet=claim.outlet,
                    published=claim.published,
                    echo_of=claim.echo_of,
                    role=claim.role,
                )
            )
    return out
