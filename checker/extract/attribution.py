"""Who asserts a claim: the source, the cue that names it, and the chain of sources behind it.

``find_attribution("The Kremlin has dismissed as fake news the claim.", lexicon=lex)`` names the
Kremlin (cue "dismissed"). Cases read, in order:

* ``Source: X, citing Y``: a chain, outermost first; the last link is the original source.
* ``according to X`` (and "the same source" or "the same official", resolved to the previous speaker).
* ``X said/told/stated/confirmed/...`` with the subject before the verb (appositions such as
  "Kim, Head of Intelligence, confirmed" and fronted dates such as "On 8 October, X said" handled),
  or after it ("..., said the presidency in a statement").
* ``X remain sceptical``: a source with a stance adjective.
* Pronouns ("He also said") and definite roles ("the vice minister added") resolve to the last
  named speaker of the article when one is given; a bare quotation does too. A pronoun with nothing to
  resolve to is nobody: the claim is unattributed, never held by "they".
* Shapes without a reporting verb: "For the union, ...", "as counted by X", "X's tally/count",
  "the figure reported by X".
* Otherwise: unattributed (the outlet's own voice), which a draft check reports.

What is not the sentence proper never holds a claim: a dateline ("CITY, Jan. 5 (Agency) --"), a byline
("By Jane Doe, Staff Writer") or a capture stamp ("date 2023-01-05") at the start is cut first; time
adverbials and manner adverbs ("the governor on Sunday said", "the spokesman angrily denied") are cut
from the holder; and words for a text or a figure ("the statement", "the figure") are not holders but
point to their owner ("the ministry's tally", "a statement from the ministry") or to the last speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.lexicons import Lexicon
from checker.models import Attribution, AttributionKind

_AUXILIARIES = re.compile(
    r"(?:\s+(?:has|have|had|was|were|is|are|would|will|also|then|now|further|later|previously|again|"
    r"had\s+been|has\s+been|have\s+been|just|already|earlier|recently|publicly|officially|reportedly|"
    r"repeatedly|once|not|did|does|do|may|might|could|had\s+also|has\s+also))+$",
    re.IGNORECASE,
)
_DETERMINERS = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.IGNORECASE)
_QUOTES = '"“”‘’«»'


@dataclass(frozen=True, slots=True)
class _Tables:
    verbs: re.Pattern[str]
    stance: re.Pattern[str]
    according: re.Pattern[str]
    citing: re.Pattern[str]
    pronouns: frozenset[str]
    roles: frozenset[str]
    adverbials: frozenset[str]
    documents: frozenset[str]  # texts: "the statement said" is the last speaker's
    document_words: str  # an alternation of the document and figure nouns, for patterns
    figure_words: str  # an alternation of the figure nouns ("tally", "count")
    manner_adverb: re.Pattern[str]


@lru_cache(maxsize=8)
def _tables(lexicon: Lexicon) -> _Tables:
    section = lexicon.section("attribution")

    def alternation(words: object) -> str:
        items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[union-attr]
        return "|".join(re.escape(w) for w in items)

    verbs = set(section.get("reporting_verbs", ())) | {"deny"}
    return _Tables(
        verbs=re.compile(rf"\b(?:{alternation(verbs)})\b", re.IGNORECASE),
        stance=re.compile(
            rf"\b(?:remain|remains|remained|are|is|were|was|appear|appears|seem|seems|stay|stays)\s+"
            rf"(?:{alternation(section.get('stance_adjectives', ()))})\b",
            re.IGNORECASE,
        ),
        according=re.compile(rf"\b(?:{alternation(section.get('according', ()))})\s+", re.IGNORECASE),
        citing=re.compile(rf",?\s+\b(?:{alternation(section.get('citing', ()))})\s+", re.IGNORECASE),
        pronouns=frozenset(w.lower() for w in section.get("pronouns", ())),
        roles=frozenset(w.lower() for w in section.get("role_nouns", ())),
        adverbials=frozenset(w.lower() for w in section.get("leading_adverbials", ())),
        documents=frozenset(w.lower() for w in section.get("document_nouns", ())),
        document_words=alternation([*section.get("document_nouns", ()), *section.get("figure_nouns", ())])
        or "(?!)",
        figure_words=alternation(section.get("figure_nouns", ())) or "(?!)",
        manner_adverb=re.compile(
            rf"\s+(?!(?:{alternation(section.get('ly_nouns', ())) or '(?!)'})\b)[a-z]{{2,}}ly$"
        ),
    )


_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY_PART = r"(?:morning|afternoon|evening|night|overnight)"
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
)
_DOC_VERBS = (
    r"(?:released|issued|published|given|provided|compiled|put\s+out|reported|cited|announced|quoted)"
)

# A time or setting phrase at the end of a holder: "the governor on Sunday", "police on Tuesday evening",
# "the army earlier this week", "the ministry in a statement", "officials at a news conference".
_TRAILING_TIME = re.compile(
    r"\s+(?:"
    rf"(?:(?:late|early|earlier|later)\s+)?(?:on|by|during|over|until|since)\s+(?:the\s+)?"
    rf"(?:{_WEEKDAY}|{_DATE}|weekend)(?:\s+{_DAY_PART})?"
    rf"|(?:(?:late|early|earlier|later)\s+)?(?:this|last|that|the\s+previous|the\s+following|the\s+same)\s+"
    rf"(?:{_DAY_PART}|week|weekend|month|year|day|{_WEEKDAY})(?:\s+{_DAY_PART})?"
    rf"|(?:earlier|later)\s+(?:this|that|in\s+the|on\s+the)\s+(?:{_DAY_PART}|week|weekend|month|year|day)"
    rf"|(?:(?:late|early)\s+)?{_WEEKDAY}(?:\s+{_DAY_PART})?"
    rf"|overnight|today|yesterday|tonight|in\s+the\s+{_DAY_PART}|in\s+(?:{_MONTH}|\d{{4}})"
    r"|in\s+(?:a|an|its|their|his|her|the)\s+(?:[\w-]+\s+){0,2}(?:statement|interview|tweet|post|briefing|"
    r"report|release|communiqu[eé]|update|address|speech|message|video|letter|filing)(?:\s+on\s+[\w ]{1,24}?)?"
    r"|at\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:conference|briefing|meeting|summit|hearing|session)"
    r")$",
    re.IGNORECASE,
)


def _clean(np: str, tables: _Tables | None = None) -> str:
    np = re.sub(r"\s+", " ", np.strip().strip(_QUOTES).strip(" ,.;:-–—"))
    # A heading glued to the sentence ("Staff Writer The governor", "(Agency) -- The ministry"): the
    # sentence proper starts at a capitalised article after a word that is not lowercase ("at The Hague" stays).
    for glued in reversed(list(re.finditer(r"(\S+) (?=(?:The|A|An) \S)", np))):
        if not glued.group(1).islower():
            np = np[glued.end() :]
            break
    before = None
    while before != np:
        before = np
        np = _AUXILIARIES.sub("", np)
        np = _TRAILING_TIME.sub("", np)
        if tables is not None:
            np = tables.manner_adverb.sub("", np)  # "the spokesman angrily", "the ministry subsequently"
        np = np.strip(" ,")
    return np


def _is_named(np: str) -> bool:
    body = _DETERMINERS.sub("", np)
    return any(word[:1].isupper() for word in body.split())


def _is_role(word: str, tables: _Tables) -> bool:
    return word in tables.roles or _singular(word) in tables.roles


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"  # "agencies", "ministries"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


# A role noun that is also an adjective before a document noun: "the official count" is nobody's count.
_ADJECTIVE_ROLES = frozenset({"official", "general", "chief", "head", "same", "final", "deputy", "wire"})
_OWNER_DETERMINERS = r"(?:the|a|an|its|their|his|her|our|this|these|those|latest|new|own|initial|first)"


def _owner(np: str, tables: _Tables) -> str | None:
    """The holder a document or figure phrase names ("the ministry's tally", "a statement from the
    ministry", "the police count" -> the ministry, the police); "" for nobody's ("the statement", "the
    official count", "videos posted online"); None when ``np`` is not such a phrase."""
    found = re.match(
        rf"^(?:{_OWNER_DETERMINERS}\s+)*(?P<before>.*?)\s*\b(?P<doc>{tables.document_words})(?P<after>\s.*)?$",
        np,
        re.IGNORECASE,
    )
    # "The Washington Post" names an outlet: the noun is a document only in lower case (or opening the phrase).
    if not found or not (found.group("doc").islower() or found.start("doc") == 0):
        return None
    after = found.group("after") or ""
    source = re.match(rf"^\s+(?:{_DOC_VERBS}\s+)?(?:from|by)\s+(.+)$", after, re.IGNORECASE)
    if after and not source and not re.match(r"^\s+(?:[a-z]+ed|shown|seen|taken|shared|made)\b", after):
        return None  # "the data protection office": the noun only modifies another
    before = found.group("before").strip()
    possessive = re.match(r"^(.+?)(?:['’]s|(?<=s)['’])(?:\s+[a-z-]+){0,2}$", before)
    if possessive:
        return possessive.group(1)  # "the ministry's tally", "organisers’ own count"
    words = before.split()
    if words:
        if words[-1].lower() not in _ADJECTIVE_ROLES and _is_role(words[-1].lower(), tables):
            return before  # "the police count"
        determined = found.start("before") > 0
        if any(w.isupper() and len(w) > 1 for w in words) or any(
            w[:1].isupper() for w in words[0 if determined else 1 :]
        ):
            return before  # "a UN report", "the Kelderan Weather Office figures"
    if source:
        return source.group(1)  # "a statement from the ministry", "figures released by the ministry"
    return ""


_VERBISH = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|said|says|say)\b", re.IGNORECASE)


def _plausible_holder(np: str) -> bool:
    """Any noun phrase can hold a claim where the grammar says so ("citing a local aid group"), if it is one."""
    words = np.split()
    return (
        0 < len(words) <= 8
        and not _DETERMINERS.fullmatch(np + " ")  # "according to the 2020 census" cut to "the"
        and not re.search(rf"\d|\b(?:{_WEEKDAY}|{_MONTH})(?!\w)", np)
        and not _VERBISH.search(np)
        and not re.match(r"^(?:and|but|or|that|which|who|if|as|so|to|of|in|on|at|for)\b", np, re.IGNORECASE)
    )


_PREPOSITION = re.compile(
    r"\b(?:of|from|at|in|on|with|for|to|by|above|below|than|about|over|under|near|after|before|like)\b"
)


def _role_before_modifier(head: str, tables: _Tables) -> bool:
    """A role noun heads the phrase before its modifiers: "organisers of the march", "police source
    close to the inquiry" ; not "went with the terror organisation", "above the figure of the prefecture"."""
    if re.search(r"\b(?:which|who|whom|whose|where|when|that|if|because)\b", head) or _VERBISH.search(head):
        return False
    first = _PREPOSITION.search(head)
    return any(_is_role(w, tables) for w in head[: first.start() if first else len(head)].split())


# Not a holder, and no one to resolve to: the claim is unattributed, and no later verb in the
# sentence's complement ("They said the ministry had ...") takes its place.
_NOBODY = Attribution(None, AttributionKind.UNATTRIBUTED)


def _classify(
    np: str, tables: _Tables, previous: str | None, cue: str | None, *, lenient: bool = False
) -> Attribution | None:
    """The holder ``np`` names, ``_NOBODY`` for a pronoun or a bare document with nothing to resolve to,
    or None when ``np`` is not a holder. ``lenient``: the position makes ``np`` a holder ("citing Y")."""
    np = _clean(np, tables)
    if not np:
        return None
    words = np.split()
    if len(words) > 10:
        return None
    lower = np.lower()
    if lower in tables.pronouns:
        if previous:
            return Attribution(previous, AttributionKind.RESOLVED, cue, (previous,))
        return _NOBODY
    if _SAME_ONE.search(lower):
        if previous:
            return Attribution(previous, AttributionKind.RESOLVED, cue, (previous,))
    owner = _owner(np, tables)
    if owner == "":
        # "The statement said": the last speaker's statement, when there is one ("the figure suggests" is
        # the outlet's own reading of a figure).
        if (
            previous
            and re.match(r"^(?:the|its|their|this|these)\s", lower)
            and words[-1].lower() in tables.documents
        ):
            return Attribution(previous, AttributionKind.RESOLVED, cue, (previous,))
        return _NOBODY
    if owner is not None:
        return _classify(owner, tables, previous, cue)  # "the ship's logs": a ship holds no claim
    definite = lower.startswith("the ")
    indefinite = bool(re.match(r"^(?:a|an|one|some|two|several)\s", lower))
    head = _DETERMINERS.sub("", lower)
    head_noun = head.split()[-1] if head.split() else ""
    plain_role = (
        _is_role(head_noun, tables)
        and not any(w[:1].isupper() for w in np.split()[1:])
        and not re.search(r"['’]s\b", np)  # "Tavoria's foreign ministry" names its owner
    )
    if (
        not _is_named(np)
        or plain_role
        or (indefinite and (head_noun in tables.roles or " of " in head or " from " in head))
    ):
        if definite and previous and head_noun in tables.roles and head_noun in previous.lower():
            return Attribution(previous, AttributionKind.RESOLVED, cue, (previous,))
        if not _is_role(head_noun, tables) and not _role_before_modifier(head, tables):
            if not (lenient and _plausible_holder(np)):
                return None
        role = _DETERMINERS.sub("", np)
        return Attribution(role, AttributionKind.ROLE, cue, (role,))
    if lenient and not _plausible_holder(np):
        return None
    name = _DETERMINERS.sub("", np)
    return Attribution(name, AttributionKind.NAMED, cue, (name,))


def _found(attribution: Attribution | None) -> Attribution | None:
    return None if attribution is None or attribution is _NOBODY else attribution


def _chain(
    text: str, tables: _Tables, previous: str | None, cue: str, *, lenient: bool = True
) -> Attribution | None:
    """'X, citing a statement by Y, ...' -> chain (X, Y). ``lenient`` applies to X: "citing" may give a
    reason ("citing a lack of evidence") rather than a source, so Y must name one."""
    parts = tables.citing.split(text, maxsplit=3)
    links: list[str] = []
    for index, part in enumerate(parts):
        part = re.split(r",|\s+at\s+a\b|\s+in\s+a\b|\s+during\b|\s+on\s+\d", part.strip())[0]
        found = _found(_classify(part, tables, previous, cue, lenient=lenient and index == 0))
        if found is not None and found.source:
            links.append(found.source)
            kind = found.kind
    if not links:
        return None
    return Attribution(links[-1], kind, cue, tuple(links))


_LEADING_TIME = re.compile(
    r"^(?:(?:late|early|later|earlier|also)\s+)?(?:on|in|at|by|during|last|this|on\s+the)\s+"
    r"(?:[A-Z][a-z]+|\d{1,2}(?:st|nd|rd|th)?|morning|evening|night|week|month|year)(?:\s+\d{1,4})?\s+",
    re.IGNORECASE,
)


def _subject_before(left: str, tables: _Tables) -> str:
    """The subject phrase ending at a verb: the apposition chain or last segment before it."""
    left = left.rstrip()
    # Split on punctuation, quote marks and dashes, but not on an apostrophe inside a word ("Marisca’s").
    segments = [
        s.strip() for s in re.split(r"[,;:\"“”«»]|(?<![A-Za-z])[‘’]|[‘’](?![A-Za-z])|\s(?:[—–]|--?)\s", left)
    ]
    if not segments:
        return ""
    if segments[-1]:
        candidate = segments[-1]
        # "In addition the minister", "On Tuesday the ministry": drop leading adverbials.
        words = candidate.split()
        while len(words) > 1 and words[0].lower() in tables.adverbials and not words[0][:1].isupper():
            words = words[1:]
        if re.match(r"^(?:that|which|who|and|but)\b", candidate, re.I) or re.search(
            r"\b(?:which|who|that)$", candidate, re.I
        ):
            return ""  # "..., the figure of the prefecture which announced": a relative clause's verb
        if re.match(r"^(?:according\s+to|as\s+\w+\s+by)\b", candidate, re.I):
            return ""  # "According to videos posted online": the according-to phrase is read on its own
        candidate = re.sub(
            r"^(?:if|as|because|when|while|whereas|where|although|though|even if)\s+",
            "",
            " ".join(words),
            flags=re.I,
        )
        candidate = _LEADING_TIME.sub("", candidate)
        # "The latest figures came after the agency said": the subject follows the subordinator.
        tail = re.split(
            r"\s(?:after|before|when|because|since|while|whereas|where|that|as|once|until|if)\s", candidate
        )[-1]
        if re.search(r"\b(?:has|have|had|was|were)\s+\w+ed\b", tail):
            return ""  # a clause with its own verb, not a speaker
        return tail
    # Left ends with a comma: "Name, Head of X, confirmed" -> walk back over the apposition chain,
    # past a time or setting phrase ("The ministry, in a statement, said"), but not into a quotation.
    unquoted = re.split(r"[\"“”«»]|(?<![A-Za-z])[‘’]|[‘’](?![A-Za-z])", left)[-1]
    chain = [s.strip() for s in re.split(r"[,;:]|\s(?:[—–]|--?)\s", unquoted)][:-1]
    picked = ""
    for segment in reversed(chain):
        if not segment:
            continue
        if _TRAILING_TIME.fullmatch(" " + segment):
            continue
        first = segment.split()[0].lower()
        if first in tables.adverbials or len(segment.split()) > 9 or re.search(r"\d", segment):
            break
        picked = segment
    return picked


_QUOTATION = re.compile(r"“[^”]{12,}”|\"[^\"]{12,}\"")
# "..., the state news agency reported." / "quoting the ministry": an outer reporter or an inner source.
_TRAILING_REPORTER = re.compile(
    r",\s*((?:the\s+)?[^,;“”\"]{3,60}?)\s+(?:said|reported|added|wrote|told\s+\w+)\.?\s*$", re.IGNORECASE
)


def _with_chain(speaker: Attribution, text: str, tables: _Tables, previous: str | None) -> Attribution:
    """Add an inner source ("..., citing Y" / "quoting Y") or an outer reporter ("..., the agency reported")."""
    citing = tables.citing.search(text)
    if citing and speaker.source:
        inner_np = re.split(r"[,;.:]|\s+(?:said|that|as|who|which)\s", text[citing.end() :])[0]
        inner = _found(_classify(inner_np, tables, previous, citing.group().strip(" ,")))
        if inner is not None and inner.source and inner.source != speaker.source:
            return Attribution(inner.source, inner.kind, speaker.cue, (*speaker.chain, inner.source))
    trailing = _TRAILING_REPORTER.search(text)
    if trailing and speaker.source:
        outer = _found(_classify(trailing.group(1), tables, previous, None))
        if (
            outer is not None
            and outer.source
            and outer.source != speaker.source
            and outer.source not in speaker.chain
        ):
            return Attribution(speaker.source, speaker.kind, speaker.cue, (outer.source, *speaker.chain))
    return speaker


# What opens a capture or a wire story before its first sentence: never a holder.
_CAPS_WORD = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]+"
_TITLE_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]*"
_DASH = r"(?:\s*(?:--|—|–)\s*|\s+-\s+)"
_STAMP = re.compile(
    rf"^(?:date|published|updated|posted|captured|retrieved|accessed|last\s+modified)\s*:?\s*"
    rf"(?:{_WEEKDAY},?\s+)?{_DATE}(?:T\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?)?\s*(?:[|·•-]\s*)?",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    # "PORTVALE, Jan. 5 (Agency) --", "PORTVALE -", "PORTVALE (AP) —", "OSTERBY, Region, March 3 --"
    rf"^(?:{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}(?:,\s*{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}})?"
    rf"(?:,\s*(?:{_WEEKDAY},?\s+)?{_DATE})?\s*(?:\([^()]{{1,40}}\))?"
    # "Portvale, Jan. 5 (Agency) -", "Portvale (Agency) -": a title-case place needs a date or an agency
    rf"|{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,3}}(?:,\s*{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}})?"
    rf"(?:,\s*(?:{_WEEKDAY},?\s+)?{_DATE}\s*(?:\([^()]{{1,40}}\))?|\s*\([^()]{{1,40}}\)))"
    rf"{_DASH}"
)
_NOT_A_NAME = rf"(?!(?:The|A|An|In|On|At|This|That|Then|Late|Early|{_WEEKDAY}|{_MONTH})\b)"
_BYLINE_NAME = rf"{_NOT_A_NAME}{_TITLE_WORD}(?:\s+{_NOT_A_NAME}(?:{_TITLE_WORD}|de|van|von|da|al|bin)){{0,3}}"
_BYLINE = re.compile(
    # "By Jane Doe, Staff Writer", "By Jane Doe and Tom Roe (Agency)": a title or an agency ends the byline;
    # without one, a comma, a line break or a capitalised article does.
    rf"^By\s+{_BYLINE_NAME}(?:\s*(?:,|and|&)\s+{_BYLINE_NAME})*"
    rf"(?:\s*[,|/–—-]?\s*(?:\([^()]{{1,40}}\)|(?i:(?:[a-z][\w'’.\-]*\s+){{0,3}}(?:writer|reporter|"
    rf"correspondent|editor|staff|desk|bureau|contributor|columnist|journalist|producer)s?)\b)\s*(?:[,|:–—-]\s*)?"
    rf"|\s*[,|:–—-]\s*|\s*\n\s*|\s+(?=(?:The|A|An)\s))"
)


# A one-word label that opens a paragraph of a capture ("Background: ...", "Update: ..."): not a holder.
_LABEL = re.compile(r"^(?!Sources?:)[A-Z][a-z]{2,14}:\s+(?=\S)")


def _strip_heading(text: str) -> str:
    """``text`` without a capture stamp, byline, dateline or one-word label at its start."""
    text = text.strip()
    for _ in range(3):
        before = text
        for pattern in (_STAMP, _BYLINE, _DATELINE, _LABEL):
            match = pattern.match(text)
            if match and match.end() < len(text):
                text = text[match.end() :].lstrip()
        if text == before:
            break
    return text


# "the same source", "the same official", "that same spokesman": the speaker named before.
_SAME_ONE = re.compile(r"\b(?:the|that|this)\s+same\s+[a-z]+")

_FRONTED_FOR = re.compile(r"^for\s+([^,;:()]{2,60}?),\s+", re.IGNORECASE)
_NOT_FOR_A_HOLDER = re.compile(
    rf"\d|\b(?:{_WEEKDAY}|{_MONTH})(?!\w)|\b(?:its|their|his|her|our|my|your|part|example|instance|now|"
    r"time|times|years?|months?|weeks?|days?|decades?|hours?|once|moment|while|sure|good|ever|first|second|"
    r"third|last|latest|most|many|some|all|both|each|others?|now|more|less|starters|reasons?)\b",
    re.IGNORECASE,
)


def _shape_without_verb(text: str, tables: _Tables, previous: str | None) -> Attribution | None:
    """Holders named without a reporting verb: "For the union, ...", "X's tally", "the figure reported by X"."""
    fronted = _FRONTED_FOR.match(text)
    if fronted and not _NOT_FOR_A_HOLDER.search(fronted.group(1)):
        found = _found(_classify(fronted.group(1), tables, previous, "for"))
        if found is not None:
            return found
    docs = tables.document_words
    # "the figure reported by police", "a count by the prefecture"
    by = re.search(rf"\b(?:{docs})\s+(?:{_DOC_VERBS}\s+)?by\s+", text)
    if by:
        np = re.split(
            r"[,;.:()]|\s+(?:was|were|is|are|has|had|shows?|showed|stood|stands|puts?|on|at|in|of|for)\s",
            text[by.end() :],
        )[0]
        found = _found(_classify(np, tables, previous, "by", lenient=True))
        if found is not None:
            return found
    # "The union's tally was 80,000", "By the ministry's count, ..."
    for owned in re.finditer(
        rf"(?:['’]s|(?<=s)['’])\s+(?:[a-z-]+\s+){{0,2}}(?P<doc>{tables.figure_words})\b", text
    ):
        left = re.split(r"[,;:()\"“”«»]|\s[—–]\s", text[: owned.start()])[-1].strip()
        left = re.sub(r"^(?:according\s+to|by|to|from|in|under|on|with|per|for)\s+", "", left, flags=re.I)
        left = re.split(
            r"\s(?:after|before|when|because|since|while|whereas|where|that|which|who|as|once|until|if|"
            r"and|but)\s",
            left,
        )[-1]
        if not re.match(r"^(?:the|a|an|[A-Z])", left) or len(left.split()) > 5:
            continue  # "outlets that went with the group's figure": not a holder's own figure
        found = _found(_classify(left, tables, previous, owned.group("doc").lower()))
        if found is not None:
            return found
    return None


def _trailing_speaker(left: str, after: str) -> bool:
    """'..., a union official said.': a speaker named at the end of the sentence, after a comma or a quote."""
    return (
        bool(re.search(r"[,”\"]", left))
        and len(re.findall(r"\w+", after)) <= 8
        and not re.search(r"\bthat\b", after)
    )


def find_attribution(text: str, *, lexicon: Lexicon, previous: str | None = None) -> Attribution:
    """The source of the claim in ``text``; ``previous`` is the last named speaker of the article."""
    tables = _tables(lexicon)
    text = _strip_heading(text)
    stripped = text
    source_line = re.match(r"^source\s*:\s*(.+)$", stripped, re.IGNORECASE | re.DOTALL)
    if source_line:
        found = _chain(source_line.group(1), tables, previous, "Source:")
        if found is not None:
            return found
    according: Attribution | None = None
    aside = False  # "(93,000, according to the prefecture)": another figure's source, not the speaker's
    # "according to all polls, ... According to the organisers, ...": the first phrase that names a holder.
    for match in tables.according.finditer(text):
        rest = text[match.end() :]
        np = re.split(
            r"[,;.:()]|\s+(?:that|who|which|is|are|was|were|has|have|had)\s|(?<!\bthe)(?<!\ba)\s+(?=\d)", rest
        )[0]
        # "According to X, citing Y, ...": the citing phrase after the comma belongs to the chain.
        citing = tables.citing.match(rest, len(np))
        if citing:
            np += ", citing " + re.split(r"[,;.:()]", rest[citing.end() :])[0]
        cue = match.group().strip()
        aside = text[: match.start()].count("(") > text[: match.start()].count(")")
        according = _chain(np, tables, previous, cue, lenient=cue.lower() != "per")  # "per cent"
        if according is None and _SAME_ONE.search(np.lower()) and previous:
            according = Attribution(previous, AttributionKind.RESOLVED, cue, (previous,))
        if according is not None:
            break
    speaker: Attribution | None = None
    quoted = [m.span() for m in _QUOTATION.finditer(text)]
    all_verbs = list(tables.verbs.finditer(text))
    outside = [v for v in all_verbs if not any(s < v.start() < e for s, e in quoted)]
    blocked = False  # the first speaker was a pronoun or a document with nothing to resolve to
    # Verbs inside a quotation are the quoted speaker's; when the whole sentence is a quotation
    # (a wire quote that carries its own "X said"), its verbs are all there is.
    for verb in outside + [v for v in all_verbs if v not in outside]:
        if verb.group()[:1].isupper() and verb.start() > 0:
            continue  # "United States" is not "states"
        if verb.group().endswith("ed") and re.match(r"\s+(?:of|to be|by)\b", text[verb.end() :]):
            continue  # "a ship suspected of", "accused of", "reported by": a participle, not a speaker's verb
        left = text[: verb.start()]
        if re.search(r"(?:\b(?:the|this|that|a|an|its|their|his|her)|['’]s)\s*$", left, re.IGNORECASE):
            continue  # "this alleged deployment", "the reported figure": an adjective, not a verb
        if blocked and not _trailing_speaker(left, text[verb.end() :]):
            continue  # "They said the ministry had confirmed ...": the ministry is not the holder
        subject = _subject_before(left, tables)
        if re.fullmatch(
            r"it\s+(?:is|was|has\s+been|had\s+been|is\s+being|was\s+being)", subject.strip(), re.I
        ):
            found: Attribution | None = _NOBODY  # "It is estimated that ...": nobody in particular
        else:
            found = _classify(subject, tables, previous, verb.group().lower()) if subject else None
        if found is None and re.search(r"[,”\"]\s*$", left):
            after = re.split(r"[,;.:]|\s+(?:in|on|at|during|after|before|that)\s", text[verb.end() :])[0]
            found = _classify(after, tables, previous, verb.group().lower())
        if found is _NOBODY and re.search(r"[,”\"]\s*$", left):
            # '"...," he said' resolves or not; 'a "false statement," the spokesman said' names the speaker after
            after = re.split(r"[,;.:]|\s+(?:in|on|at|during|after|before|that)\s", text[verb.end() :])[0]
            found = _classify(after, tables, previous, verb.group().lower()) or _NOBODY
        if found is _NOBODY:
            blocked = True
            continue
        if found is not None:
            speaker = found
            break
    if speaker is None and not blocked:
        stance = tables.stance.search(text)
        if stance:
            subject = _subject_before(text[: stance.start()], tables)
            speaker = _found(_classify(subject, tables, previous, stance.group().split()[-1].lower()))
    if according is not None and speaker is not None and speaker.source != according.source and not aside:
        return Attribution(
            speaker.source,
            speaker.kind,
            speaker.cue,
            according.chain + (speaker.source,),  # type: ignore[operator]
        )
    if speaker is not None:
        return _with_chain(speaker, text, tables, previous)
    if according is not None:
        return according
    if not blocked:
        shaped = _shape_without_verb(text, tables, previous)
        if shaped is not None:
            return shaped
    if previous and stripped[:1] in _QUOTES and stripped[-1:] in _QUOTES + ".":
        return Attribution(previous, AttributionKind.RESOLVED, "quote", (previous,))
    return Attribution(None, AttributionKind.UNATTRIBUTED)
