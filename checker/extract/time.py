"""Time extractor: date expressions in a news sentence, resolved against the article's publication date.

``find_times`` locates candidate expressions with small regexes (absolute dates, month and year names,
weekdays, relative phrases such as "last week") and hands each one to dateparser to resolve, with
``RELATIVE_BASE`` set from the publication date, so nothing depends on today's date. Results are cached
by (expression, anchor), and sentences without any date word are rejected by one cheap regex search.

How expressions resolve (published = the article's publication date):

* A full date ("18 October 2024, 13:35", "2024-10-18") resolves on its own, with or without ``published``.
* A day and month without a year ("on 8 October") takes the year that puts it nearest on or before
  ``published`` (news reports the past), unless a future cue asks for the nearest on or after: a
  preposition ("by", "until") or, nearest the mention in its sentence, a future word ("will",
  "expected", "scheduled") rather than a past one ("said", "was").
* A month alone ("since August", "in June") resolves to the first day of the most recent such month not
  after ``published``; with a future cue ("by December") to the first such month not before it.
* A year alone ("since 2019") resolves to 1 January of that year.
* A weekday ("Friday", "on Wednesday") resolves to the most recent such day on or before ``published``
  (``published`` itself when it is that weekday); with a future cue to the next on or after it.
* Relative phrases: "yesterday"; "today", "tonight", "overnight" -> ``published``; "last week" ->
  ``published`` minus 7 days; "N days ago" exactly; "last month", "this month", "earlier this month"
  -> the first day of that month, "this week", "earlier this week" -> that week's Monday, and "last
  year", "this year" -> 1 January of that year (approximate: the phrase names a period, its first day
  stands for it); "a year ago" -> ``published`` minus a year; "the weekend" -> its Saturday.
* A range ("from October 8 to 13", "8-13 October") resolves to its start.
* Without ``published``, only expressions that carry their own year resolve; the rest get ``None``.

A mention's text spans the expression and the temporal preposition that governs it ("since August",
"on Friday"), so a report can quote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from dateparser.date import DateDataParser

from checker.models import TimeMention

__all__ = ["find_times", "event_date"]


class _Kind(StrEnum):
    """Which locator found an expression; it decides how the expression is anchored."""

    ISO = "iso"
    NUMERIC = "numeric"
    DAY_MONTH = "day_month"
    MONTH_DAY = "month_day"
    MONTH_YEAR = "month_year"
    MONTH = "month"
    WEEKDAY = "weekday"
    RELATIVE = "relative"
    YEAR = "year"


class _Direction(StrEnum):
    PAST = "past"
    FUTURE = "future"


# Prepositions that point a year-less date at the future ("by December", "until Monday").
FUTURE_PREPOSITIONS: frozenset[str] = frozenset({"by", "until", "till"})
# Prepositions that make a mention a bound of a period rather than the time something happened.
BOUND_PREPOSITIONS: frozenset[str] = frozenset({"since", "by", "until", "till", "before", "after"})
# Words that, nearest a year-less date in its sentence, say it lies ahead of the publication date.
FUTURE_CUES: tuple[str, ...] = (
    "will",
    "shall",
    "'ll",
    "’ll",
    "expected",
    "expects",
    "scheduled",
    "due to be",
    "is due",
    "are due",
    "set to",
    "plans to",
    "planned to",
    "plan to",
    "intends to",
    "upcoming",
    "forthcoming",
    "is to",
    "are to",
)
# Words that, nearest a year-less date, say it lies in the past (the default when neither appears).
PAST_CUES: tuple[str, ...] = (
    "said",
    "told",
    "announced",
    "reported",
    "confirmed",
    "added",
    "stated",
    "claimed",
    "wrote",
    "according",
    "was",
    "were",
    "had",
    "has",
    "have",
    "did",
    "ago",
    "since",
    "last",
    "earlier",
    # past-tense reporting and event verbs: "On 17 October, X stressed that Y intends to ..." is past
    "stressed",
    "specified",
    "emphasized",
    "emphasised",
    "noted",
    "explained",
    "warned",
    "insisted",
    "revealed",
    "urged",
    "assured",
    "charged",
    "denied",
    "dismissed",
    "rejected",
    "suggested",
    "highlighted",
    "remarked",
    "accused",
    "estimated",
    "admitted",
    "acknowledged",
    "declared",
    "signed",
    "visited",
    "launched",
    "arrived",
    "killed",
    "struck",
    "detained",
    "seized",
)

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Month names that are not also everyday English words or common first names: these may stand alone.
_STANDALONE_MONTHS = ("January", "February", "July", "September", "October", "November", "December")
_MONTH_ABBREVIATIONS = ("Sept", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = "a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"


def _names(words: tuple[str, ...]) -> str:
    """Capitalised or upper-case forms only: "may" and "march" in lower case are a verb and a noun."""
    return "|".join(f"{w}|{w.upper()}" for w in words)


_MONTH = rf"(?:(?:{_names(_MONTHS)})\b|(?:{'|'.join(_MONTH_ABBREVIATIONS)})(?:\.|\b))"
# Month names that are also first names or words: alone, they are not a month when a capitalised word
# follows ("By April Reyes", "said May Chen").
_AMBIGUOUS_MONTHS = ("March", "April", "May", "June", "August")
# A month alone is written out in full: "by Jan" is more likely a name than January.
_MONTH_NAME = rf"(?:(?:{_names(_STANDALONE_MONTHS)})\b|(?:{_names(_AMBIGUOUS_MONTHS)})\b(?!\s+[A-Z][a-z]))"
_STANDALONE_MONTH = rf"(?:{_names(_STANDALONE_MONTHS)})\b"
_WEEKDAY = rf"(?:{_names(_WEEKDAYS)})\b"
# A day of the month: not part of a larger figure ("3,000", "1.5") and not followed by more digits.
_DAY = r"(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d]|[.,:]\d)"
_YEAR = r"(?<![\d.,])(?:1[89]\d\d|20\d\d)(?![\d]|[.,:]\d|s\b|\s*(?:%|per\s?cent))"
_CLOCK = r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+(?:GMT|UTC|[A-Z]{2,4}T))?)?"
_RANGE = r"(?:\s*(?:-|–|—|to|through|and)\s*(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d]|[.,:]\d))"
_PREP = (
    r"(?:(?P<prep>(?i:on|in|since|by|until|till|from|during|through|throughout|before|after|between"
    r"|as\s+of|as\s+early\s+as|at))\s+)"
)
_QUALIFIERS = r"(?i:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of|last|this|next)[\s-]+"


def _qualifier(name: str) -> str:
    return rf"(?P<{name}>{_QUALIFIERS})"


# One locator per kind, in priority order: at one position the first that matches wins.
_LOCATORS: dict[_Kind, str] = {
    _Kind.ISO: (
        rf"{_PREP}?\b(?P<core>(?:1[89]|20)\d\d-\d{{2}}-\d{{2}})(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?)?\b"
    ),
    _Kind.NUMERIC: (
        rf"{_PREP}?(?<![\d/.])(?P<core>(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}}))(?![\d/])"
    ),
    _Kind.DAY_MONTH: (
        rf"{_PREP}?(?:{_WEEKDAY},?\s+)?(?:the\s+)?\b(?P<day>{_DAY}){_RANGE}?\s+(?:of\s+)?(?P<month>{_MONTH})"
        rf"(?:,?\s+(?P<year>{_YEAR}))?{_CLOCK}"
    ),
    _Kind.MONTH_DAY: (
        rf"{_PREP}?(?:(?i:last|this|next)\s+)?(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY}){_RANGE}?"
        rf"(?:,?\s+(?P<year>{_YEAR}))?{_CLOCK}"
    ),
    _Kind.MONTH_YEAR: rf"{_PREP}?{_qualifier('qual')}?(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})",
    _Kind.MONTH: (
        rf"(?:{_PREP}{_qualifier('qual')}?(?P<month>{_MONTH_NAME})|{_qualifier('qual2')}(?P<month2>{_MONTH_NAME})"
        rf"|(?<=\bof\s)(?P<month3>{_MONTH_NAME})|(?P<month4>{_STANDALONE_MONTH}))"
    ),
    _Kind.WEEKDAY: (
        rf"{_PREP}?(?:(?P<rel>(?i:last|next|this))\s+)?(?P<weekday>{_WEEKDAY})"
        r"(?:\s+(?i:morning|afternoon|evening|night))?"
    ),
    _Kind.RELATIVE: (
        rf"{_PREP}?\b(?P<phrase>(?i:(?:the\s+)?day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|overnight"
        r"|last\s+night|this\s+(?:morning|afternoon|evening)"
        r"|(?:(?:earlier|later|early|late|mid)[\s-]+)?(?:last|this|next)\s+(?:week|month|year)"
        r"|(?:earlier|later)\s+in\s+the\s+(?:week|month|year)"
        r"|(?:a|one)\s+fortnight\s+ago|(?:over|at)\s+the\s+weekend|(?:last|this|next)\s+weekend"
        rf"|(?:\d{{1,2}}|{_NUMBER_WORDS})\s+(?:days?|weeks?|months?|years?)\s+ago))\b"
    ),
    _Kind.YEAR: (
        rf"(?:{_PREP}(?:{_QUALIFIERS})?|{_QUALIFIERS}|(?<=\bof\s))(?P<year>{_YEAR})"
        rf"(?:\s*(?:-|–|to)\s*{_YEAR})?"
    ),
}
_PATTERNS: dict[_Kind, re.Pattern[str]] = {kind: re.compile(p) for kind, p in _LOCATORS.items()}
# The master locator: every kind's pattern as one alternation, named groups stripped except the kind.
# Every expression starts a word, so positions inside words are skipped at once.
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_MASTER = re.compile(
    r"\b(?=\w)(?:"
    + "|".join(f"(?P<{kind.value}>{_NAMED_GROUP.sub('(?:', p)})" for kind, p in _LOCATORS.items())
    + ")"
)
# The pre-filter: a sentence with none of these words cannot hold a date expression.
_HINT = re.compile(
    rf"\b(?:{_names(_MONTHS + _WEEKDAYS + _MONTH_ABBREVIATIONS)}"
    r"|(?i:yesterday|today|tonight|tomorrow|overnight|fortnight|night|morning|afternoon|evening"
    r"|week|weekend|month|year|ago))\b|(?:1[89]|20)\d\d|\d/\d"
)


def _cue_pattern(cues: tuple[str, ...]) -> str:
    """Whole-word alternation; a cue that starts with an apostrophe ("'ll") attaches to the word before."""
    words = (re.escape(c).replace(r"\ ", r"\s+") for c in cues)
    return "|".join(w if w[0] in "'’" else rf"(?<![\w'’]){w}" for w in words)


_CUE = re.compile(
    rf"(?:\b|(?=['’]))(?i:(?:(?P<future>{_cue_pattern(FUTURE_CUES)})|(?P<past>{_cue_pattern(PAST_CUES)}))\b)"
)
# A leading clause that dates something other than the main event ("After the strike on 3 October, ...").
_LEADING_SUBORDINATE = re.compile(
    r"^\W*(?i:after|before|since|following|until|despite|ahead\s+of|in\s+the\s+wake\s+of)\b[^,;:]*[,;:]"
)
_SENTENCE_BREAK = re.compile(r"[.;!?](?:\s|$)")
_CLAUSE_END = re.compile(r"[,;:.!?]|\s(?:and|but|while|whereas)\s")
_GAP = re.compile(r"[\s,]*")
_LEADING_PUNCTUATION = " \t\n\"'“‘«(-–—"
# Any fixed date serves as dateparser's base when the expression carries its own year.
_FIXED_BASE = date(2000, 1, 1)


@dataclass(frozen=True, slots=True)
class _Found:
    mention: TimeMention
    preposition: str | None


def _clean(expression: str) -> str:
    return " ".join(expression.lower().replace("–", "-").replace("—", "-").split())


@lru_cache(maxsize=1024)
def _parser(base: date, direction: _Direction, date_order: str | None) -> DateDataParser:
    settings: dict[str, object] = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": direction.value,
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if date_order is not None:
        settings["DATE_ORDER"] = date_order
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=65536)
def _parse(
    expression: str, base: date, direction: _Direction, date_order: str | None = None
) -> tuple[date, str] | None:
    """dateparser's reading of ``expression`` against ``base``: the date and its period ("day", "month")."""
    try:
        data = _parser(base, direction, date_order).get_date_data(expression)
    except (ValueError, OverflowError):
        return None
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _shift(day: date, days: int) -> date | None:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _direction(text: str, start: int, end: int, preposition: str | None) -> _Direction:
    """Past, unless a future preposition governs the mention or the nearest cue in its clause is a future one.

    The nearest cue is the last one before the mention in its sentence; for a mention that fronts its
    sentence ("On 25 October, talks will be held"), the first one in the clause that follows it.
    """
    if preposition is not None:
        if preposition in FUTURE_PREPOSITIONS:
            return _Direction.FUTURE
        if preposition == "since":
            return _Direction.PAST
    sentence_start = 0
    for brk in _SENTENCE_BREAK.finditer(text, 0, start):
        sentence_start = brk.end()
    before = list(_CUE.finditer(text, sentence_start, start))
    if before:
        return _Direction.FUTURE if before[-1].group("future") else _Direction.PAST
    if text[sentence_start:start].strip(_LEADING_PUNCTUATION):
        return _Direction.PAST
    main = _GAP.match(text, end).end()
    stop = _CLAUSE_END.search(text, main)
    after = _CUE.search(text, main, stop.start() if stop else len(text))
    if after is not None and after.group("future"):
        return _Direction.FUTURE
    return _Direction.PAST


def _resolve(match: re.Match[str], kind: _Kind, published: date | None, direction: _Direction) -> date | None:
    groups = match.groupdict()
    if kind is _Kind.ISO:
        found = _parse(groups["core"], _FIXED_BASE, _Direction.PAST, "YMD")
        return found[0] if found else None
    if kind is _Kind.NUMERIC:
        return _resolve_numeric(groups["a"], groups["b"], groups["y"])
    if kind in (_Kind.DAY_MONTH, _Kind.MONTH_DAY):
        expression = _clean(f"{groups['day']} {groups['month']} {groups['year'] or ''}")
        if groups["year"]:
            found = _parse(expression, _FIXED_BASE, _Direction.PAST)
        elif published is None:
            return None
        elif direction is _Direction.FUTURE:
            base = _shift(published, -1)
            found = _parse(expression, base, direction) if base else None
        else:
            found = _parse(expression, published, direction)
        return found[0] if found else None
    if kind is _Kind.MONTH_YEAR:
        found = _parse(_clean(f"{groups['month']} {groups['year']}"), _FIXED_BASE, _Direction.PAST)
        return _month_start(found[0]) if found else None
    if kind is _Kind.MONTH:
        month = groups["month"] or groups["month2"] or groups["month3"] or groups["month4"]
        qualifier = _clean(groups["qual"] or groups["qual2"] or "").rstrip("-")
        return _resolve_month(_clean(month), qualifier, published, direction)
    if kind is _Kind.WEEKDAY:
        return _resolve_weekday(_clean(groups["weekday"]), _clean(groups["rel"] or ""), published, direction)
    if kind is _Kind.RELATIVE:
        return _resolve_relative(_clean(groups["phrase"]), published, direction)
    found = _parse(groups["year"], _FIXED_BASE, _Direction.PAST)
    return found[0].replace(month=1, day=1) if found else None


def _resolve_numeric(a: str, b: str, year: str) -> date | None:
    """Slashed dates: day-first or month-first only when one part cannot be a month; otherwise unknown."""
    first, second = int(a), int(b)
    if first > 12 and second <= 12:
        order = "DMY"
    elif second > 12 and first <= 12:
        order = "MDY"
    elif first == second:
        order = "DMY"
    else:
        return None
    found = _parse(f"{a}/{b}/{year}", _FIXED_BASE, _Direction.PAST, order)
    return found[0] if found else None


def _resolve_month(month: str, qualifier: str, published: date | None, direction: _Direction) -> date | None:
    if published is None:
        return None
    first = _month_start(published)
    if qualifier == "this":
        found = _parse(f"{month} {published.year}", _FIXED_BASE, _Direction.PAST)
        return _month_start(found[0]) if found else None
    if qualifier == "last":
        # "last October" in an October article is a year back: strictly before the published month.
        base, direction = _shift(first, -1), _Direction.PAST
    elif qualifier == "next":
        base, direction = _shift(first, 31), _Direction.FUTURE
        base = _shift(_month_start(base), -1) if base else None
    elif direction is _Direction.FUTURE:
        base = _shift(first, -1)  # the published month itself counts as "by October"
    else:
        base = published
    found = _parse(month, base, direction) if base else None
    return _month_start(found[0]) if found else None


def _resolve_weekday(
    weekday: str, qualifier: str, published: date | None, direction: _Direction
) -> date | None:
    if published is None:
        return None
    if qualifier in ("last", "next"):
        found = _parse(f"{qualifier} {weekday}", published, _Direction.PAST)
        return found[0] if found else None
    # dateparser skips the base day itself; moving the base one day lets "Friday" on a Friday be that day.
    base = _shift(published, 1 if direction is _Direction.PAST else -1)
    found = _parse(weekday, base, direction) if base else None
    return found[0] if found else None


def _resolve_relative(phrase: str, published: date | None, direction: _Direction) -> date | None:
    if published is None:
        return None
    if "weekend" in phrase:
        if phrase.startswith(("last", "over")):  # a weekend already over
            found = _parse("saturday", published, _Direction.PAST)
            return found[0] if found else None
        if phrase.startswith("next"):
            direction = _Direction.FUTURE
        return _resolve_weekday("saturday", "", published, direction)
    if (
        phrase in ("overnight", "tonight")
        or phrase.startswith("this ")
        and phrase.endswith(("morning", "afternoon", "evening"))
    ):
        phrase = "today"
    phrase = re.sub(r"^(?:earlier|later|early|late|mid)[\s-]+", "", phrase)
    phrase = re.sub(r"^(?:a|one) fortnight", "2 weeks", phrase)
    phrase = re.sub(r"^in the ", "this ", phrase)
    found = _parse(phrase, published, _Direction.PAST)
    if found is None:
        return None
    day, period = found
    if phrase.endswith("ago"):
        return day
    if period == "year":
        return day.replace(month=1, day=1)
    if period == "month":
        return _month_start(day)
    if period == "week" and phrase.startswith("this"):
        return day - timedelta(days=day.weekday())  # "earlier this week": the week's Monday stands for it
    return day


def _anchor(published: date | None) -> date | None:
    return published.date() if isinstance(published, datetime) else published


@lru_cache(maxsize=4096)  # find_times and event_date on one sentence share one scan
def _scan(text: str, published: date | None) -> tuple[_Found, ...]:
    if not _HINT.search(text):
        return ()
    found: list[_Found] = []
    for outer in _MASTER.finditer(text):
        kind = _Kind(outer.lastgroup)
        # The kind's own pattern matches the same span and names the parts the resolver needs.
        match = _PATTERNS[kind].match(text, outer.start())
        if match is None:
            continue
        preposition = _clean(match.group("prep")) if match.groupdict().get("prep") else None
        direction = _direction(text, match.start(), match.end(), preposition)
        resolved = _resolve(match, kind, published, direction)
        mention = TimeMention(text=match.group(0), start=match.start(), end=match.end(), resolved=resolved)
        found.append(_Found(mention=mention, preposition=preposition))
    return tuple(found)


def find_times(text: str, *, published: date | None) -> tuple[TimeMention, ...]:
    """Date expressions in ``text``, in order, each resolved against ``published`` (see the module doc).

    >>> find_times("Officials said on Friday that 3,000 troops had arrived.", published=date(2024, 10, 23))
    (TimeMention(text='on Friday', start=15, end=24, resolved=datetime.date(2024, 10, 18)),)
    """
    return tuple(found.mention for found in _scan(text, _anchor(published)))


# "Tuesday's earthquake": a date used as a modifier names another event, not the report's own date.
_POSSESSIVE = re.compile(r"['’]s\b")


def event_date(text: str, *, published: date | None) -> date | None:
    """The date when the reported thing happened or was said, or None.

    Rule: the first resolved mention that names a point in time, so a sentence-initial "On 8 October,"
    governs the main clause and wins over later dates. Bounds of a period ("since August", "by
    December", "until", "before", "after") are skipped: they limit a period, they do not date the
    report. A leading clause that dates another event ("After the strike on 3 October, officials said
    on Friday ...") is skipped when the main clause has a date of its own. A sentence with no such
    mention gives None, so the caller can fall back on the publication date.

    >>> event_date("On 8 October, officials said 12 people had died.", published=date(2024, 10, 18))
    datetime.date(2024, 10, 8)
    """
    points = [
        found.mention
        for found in _scan(text, _anchor(published))
        if found.mention.resolved is not None
        and found.preposition not in BOUND_PREPOSITIONS
        and not _POSSESSIVE.match(text, found.mention.end)
    ]
    if not points:
        return None
    lead = _LEADING_SUBORDINATE.match(text)
    if lead is not None:
        for mention in points:
            if mention.start >= lead.end():
                return mention.resolved
    return points[0].resolved
