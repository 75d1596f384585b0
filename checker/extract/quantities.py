"""Figures in a sentence, read as intervals with what they count and the predicate they belong to.

``find_quantities("North Korea has sent 3,000 troops to Russia", lexicon=lex)`` gives one Quantity:
value 3000, interval [3000, 3000], unit "troops" (class "military personnel"), frame "send".

Reading rules, in order:

* Locate figures: digits with separators and decimals, scale words ("1.5 million", "3k", "1.3 mn",
  "2bn"), number words (via text2num; "a million" keeps its article), fractions and multiples of a
  scale ("half a million", "a quarter of a million", "one and a half million", "two dozen"), "M7.8" in
  a sentence about an earthquake, and vague amounts from the lexicon ("several thousand", "dozens of").
  ``Quantity.text`` is the figure's own wording, so its precision can be read from it.
* Drop what is not a count: years (a four-digit year-like number stays only before a counted noun:
  "1900 officers"), dates ("8 October", "October 8 to 13"), clock times ("04:17", "4.17 am", "0417
  GMT"), ages ("aged 45", "aged over 65", "45-year-old"), ordinals, identifiers glued to letters
  ("F-16", "IP4"), phone numbers, numbered references ("Resolution 2231", "No. 3").
* Ranges ("between A and B", "A to B", "A-B") become one interval, sharing a scale word ("1.5 to 2
  million"); after a change verb ("rose from A to B", ``[readings] change``) they are two figures. A
  qualifier before the figure sets its bounds (``[qualifiers]`` in quantities.toml), also for a
  one-figure vague amount ("more than two dozen" is (24, open)); "about N" is N +/- ``approximate_tolerance``;
  "up to N" is a ceiling whose figure is N itself, read as [N*(1-tolerance/2), N].
* What is counted: the head noun of the phrase after the figure, grouped into a unit class. Readings
  that are not counts get their own class (``[readings]``): magnitudes ("magnitude-6.1", "a 7.8
  magnitude quake", "a 6.1 quake", "measuring 7.5"), ages ("raise the retirement age from 62 to 64",
  "retire at 64": class "age"), lengths with a glued unit ("10km"; "2m deep" is metres, not million)
  and shares ("45%", "45pc").
* The frame: the nearest predicate from ``[frames]`` in the figure's clause (left of the figure
  first, then right), with ``planned`` set by promise/expectation words, and the scope (total or
  part) from ``[scope]`` words next to the figure. A distance next to a depth word is framed "depth",
  and so is its converted restatement in brackets ("17.9 kilometres (11 miles)").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from text_to_num import text2num

from checker.config import Config
from checker.lexicons import Lexicon
from checker.models import Quantity, Scope

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_NUMBER_WORDS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundred|thousand|million|billion"
)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9}

_DIGITS = re.compile(
    r"(?:(?<=magnitude-)|(?<![\w.,/:#])(?<![A-Za-z]-))(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?:\s*(?:thousand|million|billion)\b|\s?(?:mn|bn)\b|(?:k|m)\b)?"
    # A unit glued to the figure ("10km", "45pc") ends it; other letters make an identifier ("IP4").
    r"(?!(?!(?:km|kms|kg|cm|ft|pc)\b)[\w:/]|-(?!year|magnitude)[a-z]|\.\d|,\d{3})",
    re.IGNORECASE,
)
_SCALE_END = re.compile(r"(?:\s*(thousand|million|billion)|\s?(mn|bn)|(k|m))$", re.IGNORECASE)
_WORD_NUMBER = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|\d+"
)
_FRACTIONS = {"half": 0.5, "halves": 0.5, "quarter": 0.25, "quarters": 0.25, "third": 1 / 3, "thirds": 1 / 3}
_SCALES = {"dozen": 12.0, "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}
# "half a million", "a quarter of a million", "three-quarters of a billion", "a half-million".
_FRACTION_OF_SCALE = re.compile(
    rf"\b(?:(?P<num>a|an|one|{_WORD_NUMBER})[\s-]+)?(?P<frac>half|halves|quarters?|thirds?)"
    r"(?:[\s-]+of)?(?:[\s-]+(?:a|an|one))?[\s-]+(?P<scale>hundred|thousand|million|billion)\b",
    re.IGNORECASE,
)
# "one and a half million", "2 and a half thousand", "a million and a half".
_AND_A_FRACTION = re.compile(
    rf"\b(?P<num>a|an|{_WORD_NUMBER})\s+and\s+(?:a|one)[\s-]+(?P<frac>half|quarter)[\s-]+"
    r"(?P<scale>hundred|thousand|million|billion)\b"
    rf"|\b(?P<num2>a|an|{_WORD_NUMBER})\s+(?P<scale2>hundred|thousand|million|billion)\s+and\s+a\s+"
    r"(?P<frac2>half|quarter)\b",
    re.IGNORECASE,
)
# "two dozen", "3 dozen": a count of dozens (vague like "a dozen", but one figure).
_DOZENS = re.compile(rf"\b(?P<num>{_WORD_NUMBER})\s+dozen\b(?!\s+(?:or|to)\b)", re.IGNORECASE)
# "M7.8", "Mw 6.1": a magnitude, read only in a sentence about an earthquake.
_M_MAGNITUDE = re.compile(r"(?<![\w.-])M(?:w|L|s|b)?\s?(?P<value>\d\.\d{1,2})(?![\w.]|,\d)")
_WORDS = re.compile(
    rf"\b(?:{_NUMBER_WORDS})(?:(?:\s+and\s+|[\s-]+)(?:{_NUMBER_WORDS}))*\b",
    re.IGNORECASE,
)
_DATE_SPANS = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b\.?(?:,?\s+\d{{4}})?"
    rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:\s*(?:-|–|to|and|through)\s*\d{{1,2}}\b)?(?:,?\s+\d{{4}})?"
    rf"|\b(?:{_MONTHS})\s+\d{{4}}\b"
    r"|\b\d{1,2}:\d{2}\b(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?\b"
    # "4.17 am", "04.17 GMT", "at 4.17 on Tuesday": a dotted clock time, not a decimal ("12.50 dollars").
    r"|\b(?:[01]?\d|2[0-3])\.[0-5]\d\b(?=\s*(?:[ap]\.?m\b|gmt|utc|bst|cet|local\b|hrs\b|h\b|o'clock))"
    r"|(?<=\bat\s)(?:[01]?\d|2[0-3])\.[0-5]\d\b(?=\s*(?:on|this|that|today|yesterday|tonight|in the)\b)"
    # "0417 GMT", "at 1300 hours"
    r"|\b[0-2]\d[0-5]\d\s*(?:gmt|utc|z\b|hrs\b)|(?<=\bat\s)[0-2]\d[0-5]\d(?=\s*(?:hours|h)\b)"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)
_AGE = re.compile(
    r"\baged\s+(?:(?:over|under|between|about|around|from|at least|more than|less than|up to)\s+)?\d+"
    r"(?:\s*(?:and|to|-|–)\s*\d+)?\b|\b\d+[-\s]year[-\s]old\b|\b\d+\s+years\s+old\b",
    re.IGNORECASE,
)
_AGE_AFTER_NAME = re.compile(r"\b[A-Z][a-z]+,\s*(\d{1,3})\s*,")
_PHONE = re.compile(r"\+?\d[\d\s().-]{7,}\d")
_REFERENCE_BEFORE = re.compile(
    r"\b(?:no|nos|number|resolution|article|section|chapter|flight|route|highway|room|page|pp|p|"
    r"version|v|level|grade|category|phase|stage|unit|line|platform|gate|district|ward|zone|"
    r"sector|block|lot|case|item|point|paragraph|rule|act|bill|law|decree)\.?\s*$",
    re.IGNORECASE,
)
_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|of|year|until|till|by|from|during|before|after|early|late|mid|the|summer|winter|"
    r"spring|autumn|fall|and|or|to|between|than|–|-)\s*$",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and)\s*$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]]|,\s+(?:while|whereas|but|and|although|though|as|which|who|whose|where)\b|\s+but\s+|"
    r"\s+while\s+|\s+whereas\s+|[—–]\s|\s[—–]",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*|\$|€|£|%")
_STOP_AFTER = frozenset(
    "of in on at to for from by with into onto as that who which whose whom had have has were are is was "
    "be been being will would could can may might should must and or but while when where than after "
    "before since during including include includes including, said say says told according who's "
    "remain remains remained stay stays stayed".split()
)


@dataclass(frozen=True, slots=True)
class _Atom:
    start: int
    end: int
    value: float
    vague_high: float | None = None  # set for vague amounts: [value, vague_high]
    vague: bool = False
    is_word: bool = False
    hint: str | None = None  # a unit read off the figure itself: "magnitude" ("M7.8"), "metres" ("2m")


@dataclass(frozen=True, slots=True)
class _Tables:
    units: Mapping[str, str]  # noun (lower) -> class
    multiword_units: tuple[tuple[str, str], ...]  # (phrase, class), longest first
    prefix_units: Mapping[str, str]
    frames: tuple[tuple[str, str], ...]  # (cue, frame), longest first
    planned: re.Pattern[str]
    qualifiers: tuple[tuple[str, str], ...]  # (phrase, kind), longest first
    total: tuple[str, ...]
    part: tuple[str, ...]
    vague: tuple[tuple[str, float, float | None], ...]
    vague_pattern: re.Pattern[str] | None
    unit_frames: Mapping[str, str]
    cumulative: frozenset[str]
    quake_nouns: frozenset[str]
    seismic: re.Pattern[str]
    measure_cue: re.Pattern[str]
    age_before: re.Pattern[str]
    change_before: re.Pattern[str]
    depth: re.Pattern[str]
    metre_after: re.Pattern[str]
    metre_before: re.Pattern[str]


_UNIT_DEFAULT_FRAMES = {
    "dead": "kill",
    "injured": "injure",
    "missing": "missing",
    "arrested": "arrest",
    "displaced": "evacuate",
    "magnitude": "measure",
}


@lru_cache(maxsize=8)
def _tables(lexicon: Lexicon) -> _Tables:
    section = lexicon.section("quantities")
    units: dict[str, str] = {}
    multi: list[tuple[str, str]] = []
    for cls, nouns in section.get("units", {}).items():
        for noun in nouns:
            noun_l = noun.lower()
            if " " in noun_l:
                multi.append((noun_l, cls))
            else:
                units.setdefault(noun_l, cls)
    multi.sort(key=lambda item: -len(item[0]))
    frames: list[tuple[str, str]] = []
    for frame, cues in section.get("frames", {}).items():
        for cue in cues:
            frames.append((cue.lower(), frame))
    frames.sort(key=lambda item: -len(item[0]))
    kinds = section.get("frame_kinds", {})
    planned_words = sorted(kinds.get("planned", ()), key=len, reverse=True) or ["(?!x)x"]
    planned = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in planned_words) + r")\b", re.IGNORECASE)
    cumulative = frozenset(kinds.get("cumulative", ()))
    quals: list[tuple[str, str]] = []
    for kind, phrases in section.get("qualifiers", {}).items():
        for phrase in phrases:
            quals.append((phrase.lower(), kind))
    quals.sort(key=lambda item: -len(item[0]))
    scope = section.get("scope", {})
    vague: list[tuple[str, float, float | None]] = []
    for phrase, bounds in section.get("vague", {}).items():
        low = float(bounds[0])
        high = float(bounds[1]) if len(bounds) > 1 else None
        vague.append((phrase.lower(), low, high))
    vague.sort(key=lambda item: -len(item[0]))
    vague_pattern = (
        re.compile(r"\b(?:" + "|".join(re.escape(p) for p, _, _ in vague) + r")\b", re.IGNORECASE)
        if vague
        else None
    )
    readings = section.get("readings", {})
    age_nouns = _alternation(readings.get("age_nouns", ()))
    age_cues = _alternation(readings.get("age_cues", ()))
    change = _alternation(readings.get("change", ()))
    return _Tables(
        units=units,
        multiword_units=tuple(multi),
        prefix_units={k.lower(): v for k, v in section.get("prefix_units", {}).items()},
        frames=tuple(frames),
        planned=planned,
        qualifiers=tuple(quals),
        total=tuple(p.lower() for p in scope.get("total", ())),
        part=tuple(p.lower() for p in scope.get("part", ())),
        vague=tuple(vague),
        vague_pattern=vague_pattern,
        unit_frames=_UNIT_DEFAULT_FRAMES,
        cumulative=cumulative,
        quake_nouns=frozenset(w.lower() for w in readings.get("quake_nouns", ())),
        seismic=re.compile(r"\b(?:" + _alternation(readings.get("seismic", ())) + ")", re.IGNORECASE),
        measure_cue=re.compile(
            r"\b(?:" + _alternation(readings.get("measure_cues", ())) + r")\s*$", re.IGNORECASE
        ),
        # "the retirement age from 62 to", "the age of", "retire at": the figure that follows is an age.
        age_before=re.compile(
            rf"\b(?:{age_nouns})\b[^.;:!?()]{{0,32}}?\b(?:of|from|to|at|is|was|be|until|till|between|and)\s*$"
            rf"|\b(?:{age_cues})\s*$",
            re.IGNORECASE,
        ),
        # "rose from", "raise the retirement age from": a change verb at most five words before "from".
        change_before=re.compile(
            rf"\b(?:{change})\b(?:\s+(?!rang|vary|varie|anywhere)[\w'’-]+){{0,5}}?\s+from\s*$", re.IGNORECASE
        ),
        depth=re.compile(r"\b(?:" + _alternation(readings.get("depth", ())) + r")\b", re.IGNORECASE),
        metre_after=re.compile(
            r"^\s*(?:" + _alternation(readings.get("metre_after", ())) + r")\b", re.IGNORECASE
        ),
        metre_before=re.compile(
            r"\b(?:" + _alternation(readings.get("metre_before", ())) + r")\s+(?:\w+\s+){0,2}$",
            re.IGNORECASE,
        ),
    )


def _alternation(words: Sequence[str]) -> str:
    """A regex alternation of ``words``, longest first; one that never matches when empty."""
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered) or "(?!x)x"


def _parse_digits(token: str) -> float | None:
    match = re.match(r"([\d,]+(?:\.\d+)?)\s*([a-z]*)", token.strip(), re.IGNORECASE)
    if not match:
        return None
    try:
        number = float(match.group(1).replace(",", ""))
    except ValueError:
        return None
    scale = match.group(2).lower()
    if scale:
        number *= _SCALE.get(scale, 1.0)
    return number


def _parse_words(token: str) -> float | None:
    cleaned = re.sub(r"[\s-]+", " ", token.lower()).strip()
    try:
        return float(text2num(cleaned, "en"))
    except ValueError:
        return None


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _DATE_SPANS.finditer(text)]
    spans += [m.span() for m in _AGE.finditer(text)]
    spans += [m.span(1) for m in _AGE_AFTER_NAME.finditer(text)]
    spans += [m.span() for m in _PHONE.finditer(text) if sum(ch.isdigit() for ch in m.group()) >= 9]
    return spans


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _number(token: str) -> float | None:
    """A small number in digits or words, or "a"/"an" for one."""
    token = token.lower()
    if token in ("a", "an"):
        return 1.0
    if token.isdigit():
        return float(token)
    return _parse_words(token)


def _compound_atoms(text: str) -> list[_Atom]:
    """Figures built of several words: fractions of a scale ("half a million", "a quarter of a million",
    "one and a half million", "a million and a half") and counts of dozens ("two dozen")."""
    atoms: list[_Atom] = []
    for match in _AND_A_FRACTION.finditer(text):
        num = match.group("num") or match.group("num2")
        frac = match.group("frac") or match.group("frac2")
        scale = match.group("scale") or match.group("scale2")
        count = _number(num)
        if count is None:
            continue
        atoms.append(
            _Atom(match.start(), match.end(), (count + _FRACTIONS[frac.lower()]) * _SCALES[scale.lower()])
        )
    for match in _FRACTION_OF_SCALE.finditer(text):
        count = _number(match.group("num")) if match.group("num") else 1.0
        frac = _FRACTIONS[match.group("frac").lower()]
        if count is None or (match.group("frac").lower().endswith("s") and count < 2):
            continue
        if not match.group("frac").lower().endswith("s") and count > 1:
            continue  # "two half million" is not a figure
        atoms.append(_Atom(match.start(), match.end(), count * frac * _SCALES[match.group("scale").lower()]))
    for match in _DOZENS.finditer(text):
        count = _number(match.group("num"))
        if count is None or count < 1:
            continue
        value = count * 12
        atoms.append(_Atom(match.start(), match.end(), value, value, vague=True))
    for match in _M_MAGNITUDE.finditer(text):
        atoms.append(_Atom(match.start(), match.end(), float(match.group("value")), hint="magnitude"))
    return atoms


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _atoms(text: str, tables: _Tables) -> list[_Atom]:
    excluded = _excluded_spans(text)
    atoms: list[_Atom] = []
    taken: list[tuple[int, int]] = []
    for atom in _compound_atoms(text):
        if atom.hint == "magnitude" and not tables.seismic.search(text):
            continue
        if _inside(excluded, atom.start, atom.end) or _overlaps(taken, atom.start, atom.end):
            continue
        atoms.append(atom)
        taken.append((atom.start, atom.end))
    if tables.vague_pattern is not None:
        for match in tables.vague_pattern.finditer(text):
            if _overlaps(taken, *match.span()):
                continue
            phrase = match.group().lower()
            for vague_phrase, low, high in tables.vague:
                if vague_phrase == phrase:
                    atoms.append(_Atom(match.start(), match.end(), low, high, vague=True))
                    taken.append(match.span())
                    break
    for match in _DIGITS.finditer(text):
        start, end = match.span()
        if _inside(excluded, start, end) or _overlaps(taken, start, end):
            continue
        raw = match.group()
        value = _parse_digits(raw)
        if value is None:
            continue
        before = text[max(0, start - 24) : start]
        if _REFERENCE_BEFORE.search(before):
            continue
        plain = raw.replace(",", "")
        if re.fullmatch(r"\d{4}", plain) and 1800 <= value <= 2100 and "," not in raw:
            after = text[end : end + 20].lower()
            if (
                _YEAR_BEFORE.search(before)
                or not re.match(r"\s+[a-z]", after)
                or re.match(r"\s*[,.;)]", after)
                or _match_unit(text[end:], tables)[0] is None  # "2023 saw 40 quakes": a year, not a count
            ):
                continue
        if start == 0 and re.match(r"\d+[.)]\s", text):
            continue  # list marker
        hint = None
        if re.search(r"\dm$", raw) and not re.search(r"[$€£]\s*$", text[max(0, start - 4) : start]):
            # A glued "m" is million ("1.3m people") unless the words around it measure a length.
            if tables.metre_after.match(text[end:]) or tables.metre_before.search(
                text[max(0, start - 40) : start]
            ):
                value = _parse_digits(raw[:-1]) or value
                hint = "metres"
        atoms.append(_Atom(start, end, value, hint=hint))
        taken.append((start, end))
    for match in _WORDS.finditer(text):
        for start, end in _word_pieces(text, *match.span()):
            if _inside(excluded, start, end) or _overlaps(taken, start, end):
                continue
            value = _parse_words(text[start:end])
            if value is None:
                continue
            # "a million", "a hundred and fifty": the article is the figure's "one".
            article = re.search(r"\b(?:a|an)\s+$", text[max(0, start - 4) : start], re.IGNORECASE)
            if article and re.match(
                r"(?:hundred|thousand|million|billion)\b", text[start:end], re.IGNORECASE
            ):
                start = max(0, start - 4) + article.start()
            atoms.append(_Atom(start, end, value, is_word=True))
            taken.append((start, end))
    atoms.sort(key=lambda a: a.start)
    return atoms


def _word_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run of number words as one figure, or, when it does not read as one ("two and three million"),
    as the pieces between its "and"s."""
    if _parse_words(text[start:end]) is not None:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    at = start
    for joiner in re.finditer(r"\s+and\s+", text[start:end], re.IGNORECASE):
        pieces.append((at, start + joiner.start()))
        at = start + joiner.end()
    pieces.append((at, end))
    return [(a, b) for a, b in pieces if _parse_words(text[a:b]) is not None]


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    right = len(text)
    for match in _CLAUSE_BREAK.finditer(text):
        if match.end() <= start:
            left = match.end()
        elif match.start() >= end:
            right = match.start()
            break
    return left, right


def _match_unit(after: str, tables: _Tables) -> tuple[str | None, str | None, int]:
    """Head noun of the phrase after a figure: (unit, unit class, chars consumed)."""
    lowered = after.lower()
    words = list(_WORD.finditer(after))
    best: tuple[str | None, str | None, int] = (None, None, 0)
    for index, word in enumerate(words[:6]):
        gap = after[words[index - 1].end() if index else 0 : word.start()]
        if re.search(r"[,;:.!?\"“”()]", gap) or (index == 0 and gap.strip() not in ("", "-")):
            break
        if re.search(r"\d", gap) and words[index - 1].group().lower() != "of":
            break  # "2023 saw 40 quakes": a noun past another figure is that one's ("4 of 11 suspects" is not)
        token = word.group()
        token_l = token.lower().strip(".'’")
        if token_l in _STOP_AFTER and not (token_l == "of" and index == 0):
            break
        if token_l in ("the", "a", "an") and index and words[index - 1].group().lower() != "of":
            break  # "5.1 shook the port town": a new noun phrase after a verb
        if best[0] is not None and token_l.endswith("ed") and not token[:1].isupper():
            break  # "1,500 soldiers arrived": the verb ends the phrase
        if token_l == "of" and index == 0:
            continue
        if best[0] is not None and " " in best[0] and word.start() < best[2]:
            continue  # inside a multi-word unit already matched ("special forces", "nautical miles")
        for phrase, cls in tables.multiword_units:
            if lowered.startswith(phrase, word.start()) and (
                word.start() + len(phrase) == len(lowered)
                or not lowered[word.start() + len(phrase)].isalpha()
            ):
                best = (phrase, cls, word.start() + len(phrase))
                break
        else:
            cls = _unit_class(token_l, tables)
            if cls is not None:
                best = (token_l, cls, word.start() + len(token.rstrip(".")))
            elif (
                best[0] is None
                and index <= 3
                and token[:1].isupper()
                and token_l.endswith("s")
                and len(token_l) > 3
            ):
                # Capitalised plural demonyms ("North Koreans", "Ukrainians") count people.
                best = (token_l, "people", word.start() + len(token.rstrip(".")))
            elif best[0] is not None and not token[:1].isupper():
                break
            elif (
                best[0] is None
                and index <= 2
                and token_l.endswith("s")
                and len(token_l) > 3
                and token.islower()
            ):
                # An unlisted plural head noun ("12 miners") is still what the figure counts.
                nxt = words[index + 1].group().lower() if index + 1 < len(words) else ""
                if nxt in _STOP_AFTER or nxt.endswith("ed") or not nxt or nxt in ("remain", "were"):
                    best = (token_l, None, word.start() + len(token.rstrip(".")))
    return best


_FIGURE_ANAPHOR = re.compile(
    r"\b(?:figure|number|estimate|tally|count|total|toll)\s+(?:at|to|as|of)\s*$|\b(?:put|puts|estimated|"
    r"estimates|gave)\s+it\s+at\s*$",
    re.IGNORECASE,
)


def _unit_before(before: str, tables: _Tables) -> tuple[str | None, str | None]:
    """A unit named shortly before the figure: "a crowd of 120,000", "the death toll rose to 84"."""
    window = before[-48:].lower()
    for phrase, cls in tables.prefix_units.items():
        if window.rstrip().endswith(phrase):
            return re.sub(r"^(?:a|an|the)\s+|\s+of$", "", phrase), cls
    best: tuple[int, str, str] | None = None
    words = list(re.finditer(r"[a-z][a-z'-]*", window))
    spans = [(w.start(), w.group()) for w in words]
    spans += [(a.start(), a.group() + " " + b.group()) for a, b in zip(words, words[1:], strict=False)]
    for start_at, phrase in spans:
        for candidate in (phrase,):
            cls = None
            for phrase, pcls in tables.multiword_units:
                if candidate == phrase:
                    cls = pcls
            if cls is None and " " not in candidate:
                cls = _unit_class(candidate, tables)
            if cls is not None and cls in _BACKWARD_CLASSES:
                if best is None or start_at >= best[0]:
                    best = (start_at, candidate, cls)
    if best is None:
        return None, None
    return best[1], best[2]


# Classes whose noun may stand before its figure ("the death toll rose to 84", "a magnitude of 6.8").
_BACKWARD_CLASSES = frozenset({"dead", "injured", "missing", "arrested", "displaced", "magnitude", "people"})


def _unit_class(token: str, tables: _Tables) -> str | None:
    if token in tables.units:
        return tables.units[token]
    for suffix in ("es", "s"):
        if token.endswith(suffix) and token[: -len(suffix)] in tables.units:
            return tables.units[token[: -len(suffix)]]
    if token + "s" in tables.units:
        return tables.units[token + "s"]
    return None


def _qualifier(before: str, tables: _Tables) -> tuple[str | None, str | None]:
    lowered = before.lower().rstrip()
    for phrase, kind in tables.qualifiers:
        if lowered.endswith(phrase) and (
            len(lowered) == len(phrase) or not lowered[-len(phrase) - 1].isalnum()
        ):
            return phrase, kind
    return None, None


# The figure opens a reported clause: "X said (that) about 150 people had been injured".
_SUBJECT_BEFORE = re.compile(
    r"(?:\bthat|\bsaid|\breported|\bsays|\bestimated|\bwith|[,:;])\s*(?:about|some|around|nearly|almost|more than|"
    r"at least|over|up to|an estimated|approximately|roughly|another|a further)?\s*$"
)


def _find_frame(clause: str, number_at: int, number_end: int, tables: _Tables) -> tuple[str | None, int]:
    """Nearest frame cue in ``clause``: left of the figure first (object position), then right."""
    lowered = clause.lower()
    best_left: tuple[int, str] | None = None
    best_right: tuple[int, str] | None = None
    for cue, frame in tables.frames:
        for match in re.finditer(r"\b" + re.escape(cue), lowered):
            if match.end() <= number_at:
                distance = number_at - match.end()
                if best_left is None or distance < best_left[0]:
                    best_left = (distance, frame)
            elif match.start() >= number_end:
                distance = match.start() - number_end
                if best_right is None or distance < best_right[0]:
                    best_right = (distance, frame)
    # A figure at the head of its clause ("1,500 soldiers arrived") takes the verb after it.
    subject_position = not re.search(
        r"[a-z]{3,}", lowered[:number_at].replace("that", "").replace("about", "")
    ) or bool(_SUBJECT_BEFORE.search(lowered[:number_at]))
    if best_left is not None and not (subject_position and best_right is not None):
        if best_right is None or best_left[0] <= 60 or best_left[0] <= best_right[0]:
            return best_left[1], best_left[0]
    if best_right is not None:
        return best_right[1], best_right[0]
    return None, -1


def _scope(before: str, after: str, clause: str, tables: _Tables) -> Scope:
    # Part markers right after the figure ("41 of them", "thousands more"); "24 aboard, all of them
    # civilians" is not a part.
    near = (before[-40:] + " # " + after[:16]).lower()
    for phrase in tables.total:
        if re.search(r"\b" + re.escape(phrase) + r"\b", near):
            return Scope.TOTAL
    for phrase in tables.part:
        if re.search(r"\b" + re.escape(phrase) + r"\b", near):
            return Scope.PART
    if re.search(r"\b(?:so far|already|to date|thus far)\b", clause.lower()):
        return Scope.PART
    return Scope.UNMARKED


def _interval(
    value: float, kind: str | None, tolerance: float
) -> tuple[float | None, float | None, bool, bool]:
    """(low, high, low_open, high_open) for a figure with a qualifier of ``kind``."""
    if kind == "upper":
        return value * (1 - tolerance / 2), value, False, False
    if kind == "lower_open":
        return value, None, True, False
    if kind == "lower_closed":
        return value, None, False, False
    if kind == "below":
        return value * (1 - tolerance), value, False, True
    if kind == "upper_open":
        return None, value, False, True
    if kind == "approximate":
        return value * (1 - tolerance), value * (1 + tolerance), False, False
    return value, value, False, False


def _scale_of(raw: str) -> float | None:
    match = _SCALE_END.search(raw)
    if not match:
        return None
    word = next(g for g in match.groups() if g)
    return _SCALE[word.lower()]


def _range_low(text: str, atom: _Atom, nxt: _Atom) -> float:
    """The low end of "A to B" / "between A and B": "1.5 to 2 million" shares the high end's scale."""
    scale = _scale_of(text[nxt.start : nxt.end])
    if scale is None or _scale_of(text[atom.start : atom.end]) is not None or atom.value >= 1000:
        return atom.value
    scaled = atom.value * scale
    return scaled if scaled <= nxt.value else atom.value


def _magnitude_words(text: str, atom: _Atom, after: str) -> int | None:
    """How many characters after the figure its magnitude wording takes, when the figure is a magnitude
    by its own words: "M7.8", "magnitude 6.8", "magnitude-6.1", "a 7.8 magnitude quake", "6.1-magnitude";
    None otherwise."""
    if atom.hint == "magnitude":
        return 0
    if re.search(r"\bmagnitude[\s-]*(?:of\s+)?$", text[max(0, atom.start - 16) : atom.start], re.IGNORECASE):
        return 0
    glued = re.match(r"[\s-]*magnitude\b", after, re.IGNORECASE)
    return glued.end() if glued else None


def _is_age(text: str, atom: _Atom, clause_left: int, tables: _Tables) -> bool:
    """A bare whole figure after "the retirement age (...) from/to/of" or "retire at" is an age."""
    if atom.vague or atom.value != int(atom.value) or not 1 <= atom.value <= 120:
        return False
    return bool(tables.age_before.search(text[max(clause_left, atom.start - 60) : atom.start]))


def _interval_of_vague(
    atom: _Atom, kind: str | None, tolerance: float
) -> tuple[float | None, float | None, bool, bool]:
    """A vague amount's interval: its own [low, high]; a qualifier reads a one-figure amount ("more than
    two dozen" is (24, open)) and opens the top of a ranged one ("at least hundreds")."""
    if atom.vague_high is not None and atom.vague_high == atom.value and kind is not None:
        return _interval(atom.value, kind, tolerance)
    if kind in ("lower_open", "lower_closed"):
        return atom.value, None, kind == "lower_open", False
    return atom.value, atom.vague_high, False, False


def find_quantities(text: str, *, lexicon: Lexicon, config: Config | None = None) -> tuple[Quantity, ...]:
    """Every figure in ``text`` (one sentence), in order of appearance."""
    config = config or Config()
    tables = _tables(lexicon)
    atoms = _atoms(text, tables)
    results: list[Quantity] = []
    used: set[int] = set()
    changes: list[tuple[int, int]] = []  # (old, new) atom indices of "from A to B" after a change verb
    result_of: dict[int, int] = {}
    for i, atom in enumerate(atoms):
        if i in used:
            continue
        start, end = atom.start, atom.end
        low: float | None
        high: float | None
        value = atom.value
        qualifier, kind = _qualifier(text[:start], tables)
        # A range "between A and B", "A to B", "A-B", "from A to B"; not a change ("rose from A to B").
        range_high: float | None = None
        if i + 1 < len(atoms) and not atom.vague:
            nxt = atoms[i + 1]
            joiner = text[end : nxt.start]
            change = tables.change_before.search(text[:start]) is not None
            if change and _RANGE_JOIN.match(joiner) and joiner.strip().lower() == "to":
                changes.append((i, i + 1))
            elif _RANGE_JOIN.match(joiner) and not nxt.vague:
                before_word = text[max(0, start - 9) : start].lower()
                is_and = joiner.strip().lower() == "and"
                range_low = _range_low(text, atom, nxt)
                if (not is_and or "between" in before_word) and nxt.value >= range_low:
                    value = range_low
                    range_high = nxt.value
                    end = nxt.end
                    used.add(i + 1)
                    if "between" in before_word or "from" in before_word:
                        qualifier = qualifier or before_word.strip().split()[-1]
        if range_high is not None:
            low, high, low_open, high_open = value, range_high, False, False
            approximate = False
        elif atom.vague:
            low, high, low_open, high_open = _interval_of_vague(atom, kind, config.approximate_tolerance)
            value = atom.value if atom.vague_high is None else (atom.value + atom.vague_high) / 2
            approximate = True
        else:
            low, high, low_open, high_open = _interval(value, kind, config.approximate_tolerance)
            approximate = kind == "approximate"
        if qualifier is not None:
            qual_start = text.lower().rfind(qualifier, 0, start)
            if qual_start >= 0 and qual_start >= start - len(qualifier) - 3:
                start = qual_start
        after = text[end:]
        clause_left, clause_right = _clause_bounds(text, atom.start, atom.end)
        magnitude = _magnitude_words(text, atom, after)
        unit: str | None
        unit_class: str | None
        if magnitude is not None:
            unit, unit_class, consumed = "magnitude", "magnitude", magnitude
        elif atom.hint == "metres":
            unit, unit_class, consumed = "metres", "distance", 0
        else:
            unit, unit_class, consumed = _match_unit(after, tables)
            if (
                unit in tables.quake_nouns
                and not atom.vague
                and not atom.is_word
                and value != 1
                and range_high is None
            ):
                # "a 6.1 quake", "a 5.2 aftershock": one tremor, so the figure is its magnitude.
                unit, unit_class = "magnitude", "magnitude"
        if unit is None:
            prefix = text[max(0, atom.start - 12) : atom.start].lower().rstrip(" -")
            for word, cls in tables.prefix_units.items():
                if prefix.endswith(word):
                    unit, unit_class = re.sub(r"^(?:a|an|the)\s+|\s+of$", "", word), cls
                    break
            else:
                follow = after[:14].lower()
                if re.match(r"\s*(?:%|per\s?cent)", follow):
                    unit, unit_class = "percent", "share"
        if (unit is None or unit in ("years", "year")) and _is_age(text, atom, clause_left, tables):
            unit, unit_class = "age", "age"  # "the retirement age from 62 to 64 years"
        if unit is None:
            unit, unit_class = _unit_before(text[clause_left : atom.start], tables)
        if unit is None and not atom.vague and value < 10 and tables.seismic.search(text):
            # "the quake, measuring 7.5, ...", "registered 6.8 on the Richter scale", "gave 6.8 for the quake"
            if (
                re.match(r"\s*on\s+the\s+(?:[\w-]+\s+)?(?:richter|magnitude)\s+scale", after, re.IGNORECASE)
                or tables.measure_cue.search(text[max(clause_left, atom.start - 24) : atom.start])
                or re.fullmatch(r"\d\.\d{1,2}", text[atom.start : atom.end])
            ):
                unit, unit_class = "magnitude", "magnitude"
        parenthetical = bool(
            results
            and re.fullmatch(
                r"\s*[(\[]\s*(?:or\s+|about\s+|some\s+|around\s+)?", text[results[-1].end : start]
            )
        )
        if (
            unit is None
            and results
            and results[-1].unit is not None
            and results[-1].unit_class not in ("time", "age")
        ):
            # "police put the figure at 35,000", "the US agency said it was a 7.1", "thousands more":
            # a bare figure after a counted one counts the same thing (not after a duration or an age:
            # "two days after tens of thousands marched", "retire at 64, one of ...").
            unit, unit_class = results[-1].unit, results[-1].unit_class
        if atom.is_word and unit is None:
            continue  # a bare number word ("one of them") is not a figure
        next_start = next((a.start for a in atoms[i + 1 :] if a.start >= end), len(text))
        clause = text[clause_left:clause_right]
        frame, _ = _find_frame(clause, atom.start - clause_left, end + consumed - clause_left, tables)
        if unit_class in tables.unit_frames:
            frame = tables.unit_frames[unit_class]
        elif frame is None and results and _FIGURE_ANAPHOR.search(text[max(0, atom.start - 30) : atom.start]):
            frame = results[-1].frame
        if unit_class == "distance":
            near = text[max(clause_left, atom.start - 40) : min(clause_right, end + consumed + 28)]
            if tables.depth.search(near):
                frame = "depth"  # "at a depth of 10 km", "11 miles deep": not a distance from a place
        if parenthetical and unit_class is not None and unit_class == results[-1].unit_class:
            frame = results[-1].frame  # "17.9 kilometres (11 miles)": the same measure, converted
        planned = bool(tables.planned.search(text[clause_left:start])) or bool(
            re.search(
                r"\b(?:to be|will be|(?:are|is|were|was) expected|expected to|to follow|planned|promised)\b",
                text[end : min(clause_right, next_start)].lower(),
            )
        )
        scope = _scope(text[clause_left:start], text[end:clause_right], clause, tables)
        result_of[i] = len(results)
        results.append(
            Quantity(
                text=text[start : end + consumed].strip(),
                start=start,
                end=end + consumed,
                value=value,
                low=low,
                high=high,
                low_open=low_open,
                high_open=high_open,
                approximate=approximate,
                vague=atom.vague,
                qualifier=qualifier,
                unit=unit,
                unit_class=unit_class,
                frame=frame,
                scope=scope,
                planned=planned,
            )
        )
    for old, new in changes:
        # "cut its estimate from 5,000 to 3,000 people": the old figure counts what the new one does.
        if old in result_of and new in result_of:
            was, now = results[result_of[old]], results[result_of[new]]
            if was.unit is None and now.unit is not None:
                results[result_of[old]] = replace(
                    was, unit=now.unit, unit_class=now.unit_class, frame=was.frame or now.frame
                )
    return tuple(results)
