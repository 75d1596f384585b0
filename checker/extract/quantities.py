"""Figures in a sentence, read as intervals with what they count and the predicate they belong to.

``find_quantities("North Korea has sent 3,000 troops to Russia", lexicon=lex)`` gives one Quantity:
value 3000, interval [3000, 3000], unit "troops" (class "military personnel"), frame "send".

Reading rules, in order:

* Locate figures: digits with separators and decimals, scale words ("1.5 million", "3k"), number
  words (via text2num), and vague amounts from the lexicon ("several thousand", "dozens of").
* Drop what is not a count: years, dates ("8 October", "October 8 to 13"), clock times, ages
  ("aged 45", "45-year-old"), ordinals, identifiers glued to letters ("F-16", "IP4"), phone numbers,
  numbered references ("Resolution 2231", "No. 3").
* Ranges ("between A and B", "A to B", "A-B") become one interval; a qualifier before the figure sets
  its bounds (``[qualifiers]`` in quantities.toml); "about N" is N +/- ``approximate_tolerance``;
  "up to N" is a ceiling whose figure is N itself, read as [N*(1-tolerance/2), N].
* What is counted: the head noun of the phrase after the figure, grouped into a unit class.
* The frame: the nearest predicate from ``[frames]`` in the figure's clause (left of the figure
  first, then right), with ``planned`` set by promise/expectation words, and the scope (total or
  part) from ``[scope]`` words next to the figure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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
    r"(?<![\w.,/:#])(?<![A-Za-z]-)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?:\s*(?:thousand|million|billion)\b|(?:k|m|mn|bn)\b)?"
    r"(?![\w:/]|-(?!year|magnitude)[a-z]|\.\d|,\d{3})",
    re.IGNORECASE,
)
_WORDS = re.compile(
    rf"\b(?:{_NUMBER_WORDS})(?:(?:\s+and\s+|[\s-]+)(?:{_NUMBER_WORDS}))*\b",
    re.IGNORECASE,
)
_DATE_SPANS = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b\.?(?:,?\s+\d{{4}})?"
    rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:\s*(?:-|–|to|and|through)\s*\d{{1,2}}\b)?(?:,?\s+\d{{4}})?"
    rf"|\b(?:{_MONTHS})\s+\d{{4}}\b"
    r"|\b\d{1,2}[:.]\d{2}\b(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)
_AGE = re.compile(r"\baged\s+\d+\b|\b\d+[-\s]year[-\s]old\b|\b\d+\s+years\s+old\b", re.IGNORECASE)
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
    )


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


def _atoms(text: str, tables: _Tables) -> list[_Atom]:
    excluded = _excluded_spans(text)
    atoms: list[_Atom] = []
    taken: list[tuple[int, int]] = []
    if tables.vague_pattern is not None:
        for match in tables.vague_pattern.finditer(text):
            phrase = match.group().lower()
            for vague_phrase, low, high in tables.vague:
                if vague_phrase == phrase:
                    atoms.append(_Atom(match.start(), match.end(), low, high, vague=True))
                    taken.append(match.span())
                    break
    for match in _DIGITS.finditer(text):
        start, end = match.span()
        if _inside(excluded, start, end) or any(s < end and start < e for s, e in taken):
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
            ):
                continue
        if start == 0 and re.match(r"\d+[.)]\s", text):
            continue  # list marker
        atoms.append(_Atom(start, end, value))
        taken.append((start, end))
    for match in _WORDS.finditer(text):
        start, end = match.span()
        if _inside(excluded, start, end) or any(s < end and start < e for s, e in taken):
            continue
        value = _parse_words(match.group())
        if value is None:
            continue
        atoms.append(_Atom(start, end, value, is_word=True))
        taken.append((start, end))
    atoms.sort(key=lambda a: a.start)
    return atoms


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
        token = word.group()
        token_l = token.lower().strip(".'’")
        if token_l in _STOP_AFTER and not (token_l == "of" and index == 0):
            break
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


def find_quantities(text: str, *, lexicon: Lexicon, config: Config | None = None) -> tuple[Quantity, ...]:
    """Every figure in ``text`` (one sentence), in order of appearance."""
    config = config or Config()
    tables = _tables(lexicon)
    atoms = _atoms(text, tables)
    results: list[Quantity] = []
    used: set[int] = set()
    for i, atom in enumerate(atoms):
        if i in used:
            continue
        start, end = atom.start, atom.end
        low: float | None
        high: float | None
        value = atom.value
        qualifier, kind = _qualifier(text[:start], tables)
        # A range "between A and B", "A to B", "A-B", "from A to B".
        range_high: float | None = None
        if i + 1 < len(atoms) and not atom.vague:
            nxt = atoms[i + 1]
            joiner = text[end : nxt.start]
            if _RANGE_JOIN.match(joiner) and not nxt.vague:
                before_word = text[max(0, start - 9) : start].lower()
                is_and = joiner.strip().lower() == "and"
                if (not is_and or "between" in before_word) and nxt.value >= value:
                    range_high = nxt.value
                    end = nxt.end
                    used.add(i + 1)
                    if "between" in before_word or "from" in before_word:
                        qualifier = qualifier or before_word.strip().split()[-1]
        if range_high is not None:
            low, high, low_open, high_open = value, range_high, False, False
            approximate = False
        elif atom.vague:
            low, high, low_open, high_open = atom.value, atom.vague_high, False, False
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
        if re.search(r"\bmagnitude\s*(?:of\s+)?$", text[max(0, atom.start - 16) : atom.start], re.IGNORECASE):
            unit, unit_class, consumed = "magnitude", "magnitude", 0
        elif re.match(r"-magnitude\b", after, re.IGNORECASE):
            unit, unit_class, consumed = "magnitude", "magnitude", len("-magnitude")
        else:
            unit, unit_class, consumed = _match_unit(after, tables)
        if unit is None:
            prefix = text[max(0, atom.start - 12) : atom.start].lower().rstrip(" -")
            for word, cls in tables.prefix_units.items():
                if prefix.endswith(word):
                    unit, unit_class = re.sub(r"^(?:a|an|the)\s+|\s+of$", "", word), cls
                    break
            else:
                follow = after[:14].lower()
                if re.match(r"[\s-]*magnitude", follow):
                    unit, unit_class = "magnitude", "magnitude"
                elif re.match(r"\s*(?:%|per\s?cent)", follow):
                    unit, unit_class = "percent", "share"
        clause_left, clause_right = _clause_bounds(text, atom.start, atom.end)
        if unit is None:
            unit, unit_class = _unit_before(text[clause_left : atom.start], tables)
        if unit is None and results and results[-1].unit is not None:
            # "police put the figure at 35,000", "the US agency said it was a 7.1", "thousands more":
            # a bare figure after a counted one counts the same thing.
            unit, unit_class = results[-1].unit, results[-1].unit_class
        if atom.is_word and unit is None:
            continue  # a bare number word ("one of them") is not a figure
        if unit is None and not atom.vague and not re.search(r"\d", text[atom.start : atom.end]):
            continue
        next_start = next((a.start for a in atoms[i + 1 :] if a.start >= end), len(text))
        clause = text[clause_left:clause_right]
        frame, _ = _find_frame(clause, atom.start - clause_left, end + consumed - clause_left, tables)
        if unit_class in tables.unit_frames:
            frame = tables.unit_frames[unit_class]
        elif frame is None and results and _FIGURE_ANAPHOR.search(text[max(0, atom.start - 30) : atom.start]):
            frame = results[-1].frame
        planned = bool(tables.planned.search(text[clause_left:start])) or bool(
            re.search(
                r"\b(?:to be|will be|(?:are|is|were|was) expected|expected to|to follow|planned|promised)\b",
                text[end : min(clause_right, next_start)].lower(),
            )
        )
        scope = _scope(text[clause_left:start], text[end:clause_right], clause, tables)
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
    return tuple(results)
