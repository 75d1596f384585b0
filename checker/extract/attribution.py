"""Who asserts a claim: the source, the cue that names it, and the chain of sources behind it.

``find_attribution("The Kremlin has dismissed as fake news the claim.", lexicon=lex)`` names the
Kremlin (cue "dismissed"). Cases read, in order:

* ``Source: X, citing Y``: a chain, outermost first; the last link is the original source.
* ``according to X`` (and "the same source", resolved to the previous speaker).
* ``X said/told/stated/confirmed/...`` with the subject before the verb (appositions such as
  "Kim, Head of Intelligence, confirmed" and fronted dates such as "On 8 October, X said" handled),
  or after it ("..., said the presidency in a statement").
* ``X remain sceptical``: a source with a stance adjective.
* Pronouns ("He also said") and definite roles ("the vice minister added") resolve to the last
  named speaker of the article when one is given; a bare quotation does too.
* Otherwise: unattributed (the outlet's own voice), which a draft check reports.
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
    )


def _clean(np: str) -> str:
    np = np.strip().strip(_QUOTES).strip(" ,.;:-–—")
    np = _AUXILIARIES.sub("", np)
    np = re.sub(r"\s+", " ", np)
    return np.strip(" ,")


def _is_named(np: str) -> bool:
    body = _DETERMINERS.sub("", np)
    return any(word[:1].isupper() for word in body.split())


def _is_role(word: str, tables: _Tables) -> bool:
    return word in tables.roles or _singular(word) in tables.roles


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _classify(np: str, tables: _Tables, previous: str | None, cue: str | None) -> Attribution | None:
    np = _clean(np)
    if not np:
        return None
    words = np.split()
    if len(words) > 10:
        return None
    lower = np.lower()
    if lower in tables.pronouns or lower in ("he also", "she also", "they also"):
        if previous:
            return Attribution(previous, AttributionKind.RESOLVED, cue, (previous,))
        return Attribution(np, AttributionKind.ROLE, cue, (np,))
    if "same source" in lower or "same official" in lower:
        if previous:
            return Attribution(previous, AttributionKind.RESOLVED, cue, (previous,))
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
        if not _is_role(head_noun, tables) and not any(_is_role(w, tables) for w in head.split()):
            return None
        role = _DETERMINERS.sub("", np)
        return Attribution(role, AttributionKind.ROLE, cue, (role,))
    name = _DETERMINERS.sub("", np)
    return Attribution(name, AttributionKind.NAMED, cue, (name,))


def _chain(text: str, tables: _Tables, previous: str | None, cue: str) -> Attribution | None:
    """'X, citing a statement by Y, ...' -> chain (X, Y)."""
    parts = tables.citing.split(text, maxsplit=3)
    links: list[str] = []
    for part in parts:
        part = re.sub(
            r"^(?:a|an|the)\s+(?:statement|report|release|post)\s+(?:by|from)\s+",
            "",
            part.strip(),
            flags=re.I,
        )
        part = re.split(r",|\s+at\s+a\b|\s+in\s+a\b|\s+during\b|\s+on\s+\d", part)[0]
        found = _classify(part, tables, previous, cue)
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
    # Split on punctuation and quote marks, but not on an apostrophe inside a word ("Marisca’s").
    segments = [s.strip() for s in re.split(r"[,;:\"“”«»]|(?<![A-Za-z])[‘’]|[‘’](?![A-Za-z])|\s[—–]\s", left)]
    if not segments:
        return ""
    if segments[-1]:
        candidate = segments[-1]
        # "In addition the minister", "On Tuesday the ministry": drop leading adverbials.
        words = candidate.split()
        while len(words) > 1 and words[0].lower() in tables.adverbials and not words[0][:1].isupper():
            words = words[1:]
        if re.match(r"^(?:that|which|who|and|but)\b", candidate, re.I):
            return ""
        candidate = re.sub(
            r"^(?:if|as|because|when|while|although|though|even if)\s+", "", " ".join(words), flags=re.I
        )
        candidate = _LEADING_TIME.sub("", candidate)
        # "The latest figures came after the agency said": the subject follows the subordinator.
        tail = re.split(r"\s(?:after|before|when|because|since|while|that|as|once|until|if)\s", candidate)[-1]
        if re.search(r"\b(?:has|have|had|was|were)\s+\w+ed\b", tail):
            return ""  # a clause with its own verb, not a speaker
        return tail
    # Left ends with a comma: "Name, Head of X, confirmed" -> walk back over the apposition chain.
    chain = [s for s in segments[:-1]]
    picked = ""
    for segment in reversed(chain):
        if not segment:
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
        inner_np = re.sub(
            r"^(?:a|an|the)\s+(?:statement|report|release|post)\s+(?:by|from)\s+", "", inner_np, flags=re.I
        )
        inner = _classify(inner_np, tables, previous, citing.group().strip(" ,"))
        if inner is not None and inner.source and inner.source != speaker.source:
            return Attribution(inner.source, inner.kind, speaker.cue, (*speaker.chain, inner.source))
    trailing = _TRAILING_REPORTER.search(text)
    if trailing and speaker.source:
        outer = _classify(trailing.group(1), tables, previous, None)
        if (
            outer is not None
            and outer.source
            and outer.source != speaker.source
            and outer.source not in speaker.chain
        ):
            return Attribution(speaker.source, speaker.kind, speaker.cue, (outer.source, *speaker.chain))
    return speaker


def find_attribution(text: str, *, lexicon: Lexicon, previous: str | None = None) -> Attribution:
    """The source of the claim in ``text``; ``previous`` is the last named speaker of the article."""
    tables = _tables(lexicon)
    stripped = text.strip()
    source_line = re.match(r"^source\s*:\s*(.+)$", stripped, re.IGNORECASE | re.DOTALL)
    if source_line:
        found = _chain(source_line.group(1), tables, previous, "Source:")
        if found is not None:
            return found
    according: Attribution | None = None
    match = tables.according.search(text)
    if match:
        rest = text[match.end() :]
        np = re.split(r"[,;.:()]|\s+(?:that|who|which|is|are|was|were|has|have|had)\s", rest)[0]
        according = _chain(np, tables, previous, match.group().strip())
        if according is None and ("same source" in np.lower()) and previous:
            according = Attribution(previous, AttributionKind.RESOLVED, match.group().strip(), (previous,))
    speaker: Attribution | None = None
    quoted = [m.span() for m in _QUOTATION.finditer(text)]
    all_verbs = list(tables.verbs.finditer(text))
    outside = [v for v in all_verbs if not any(s < v.start() < e for s, e in quoted)]
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
        subject = _subject_before(left, tables)
        found = _classify(subject, tables, previous, verb.group().lower()) if subject else None
        if found is None and re.search(r"[,”\"]\s*$", left):
            after = re.split(r"[,;.:]|\s+(?:in|on|at|during|after|before|that)\s", text[verb.end() :])[0]
            found = _classify(after, tables, previous, verb.group().lower())
        if found is not None:
            speaker = found
            break
    if speaker is None:
        stance = tables.stance.search(text)
        if stance:
            subject = _subject_before(text[: stance.start()], tables)
            speaker = _classify(subject, tables, previous, stance.group().split()[-1].lower())
    if according is not None and speaker is not None and speaker.source != according.source:
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
    if previous and stripped[:1] in _QUOTES and stripped[-1:] in _QUOTES + ".":
        return Attribution(previous, AttributionKind.RESOLVED, "quote", (previous,))
    return Attribution(None, AttributionKind.UNATTRIBUTED)
