"""How firmly a sentence's source commits to what it reports, and whether it asserts or denies it.

Two readers share one cue lexicon (``lexicons/certainty.toml``, extendable with ``--lexicon``):

``read_certainty(text, lexicon=lex)`` reads a news sentence's main proposition relative to its source
(FactBank-style). "The ministry believes X has likely sent workers, not troops." gives PROBABLE,
POSITIVE, cues ("believes", "likely"), no denial.

``score_factuality(tokens, target, lexicon=lex)`` scores one event of a tokenised sentence on the
-3..+3 scale of the event-factuality corpora (+3: the author commits that it happened, -3: that it did
not, 0: no commitment). ``benchmarks/factuality.py`` measures it.

Sentence reading, in order:

* Cues are looked up as word sequences (longest first, so "not able to confirm" is one cue and its "not"
  is not also a negator); the tables are compiled once per lexicon. "May" the month is not a modal;
  "rejected"/"dismissed"/"disputed" deny only a claim ("rejected the claims", "dismissed as fake"), not
  a bill; "was denied bail" is no denial.
* Category contrasts are masked: in "civilian personnel, not troops", "rather than troops", "instead of
  soldiers", "not soldiers but workers" no word sets polarity or certainty ("not only", "if not" are no
  negation either). So are non-restrictive relative clauses (", whose terms have not been published,").
* Conditionals: cues inside an "if"/"unless" clause are dropped and the main clause is capped at
  POSSIBLE ("if it is confirmed, it could ..." is POSSIBLE; that "confirmed" does not count). An "if"
  clause holding a past reporting verb ("If the alliance said it was not able to confirm ..., an
  official told ...") is the concessive "while" of translated copy and is read as asserted. "Even if" and
  contingencies ("in the event of an attack") drop their own clause but cap nothing.
* The main clause runs to the first clause break (";", ", and", ", but", ", while", ", adding", ...)
  after any leading conditional. Its cues set level and polarity; cues in later clauses do not.
* Reporting verbs (said, told, stressed, ...) pass the source's certainty through: "X said Y" reads Y.
* Level: "cannot/not able to confirm", doubt ("skeptical", "lack of evidence"; also "no evidence",
  read as the source declining to commit rather than as a counter-claim) and open questions
  ("whether", a closing "?") give UNKNOWN. Otherwise the weakest hedge of the main clause governs
  ("believes ... likely" is PROBABLE, "confirmed that ... could" is POSSIBLE): "likely, probably,
  believes, expected to, suspected, reportedly, should" are PROBABLE; "may, might, could, possible,
  possibility, suggested, potential, allegedly, alleged, speculation" are POSSIBLE. Boosters
  ("confirmed", "confirming", "has decided", "assured", "high confidence") and plain assertions are
  CERTAIN; a booster is kept as a cue but never outranks a hedge of the same clause.
* Polarity: a denial ("denied", "dismissed as fake news", "categorically false", "never gave that
  figure") gives NEGATIVE with ``denial=True`` (a denial outside the main clause sets only the flag);
  a negator in the main clause ("not", "n't", "never", "no one") gives NEGATIVE; "unlikely" is
  PROBABLE and NEGATIVE. An UNKNOWN reading is POSITIVE unless it holds a denial: the source leaves
  the question open either way, and its negators are not shown as cues.

Event scoring walks from the target to what governs it:

* its verb group: negation ("did n't", "never"), modals and future (``[modal_scores]``, negated ones in
  ``[negated_modal_scores]``; "would" under a reporting verb is the future of the past and scores as
  "will"), hedging adverbs ("probably"), a negative subject ("No weapon was recovered"), and an
  infinitive "to";
* for an infinitive, the predicate that takes it: implicatives ("managed/began to" pass the governor's
  score on, "failed/refused to" negate it), commitments ("agreed/decided to"), intentions
  ("plans/expected to"), desires and attempts ("wants/tried to"), each capped at its class score and
  scaled by the governor's own score, so "did n't want to X" is negative; "decided not to X" flips it;
* words right after "without"/"against", after "the possibility of", "plans for", "any", or the object
  of "blocked"/"prevent" (preventive verbs);
* the nearest embedding predicate in its clause: reporting verbs pass through, belief and hedge
  predicates cap the score (a negated belief, "do n't think X", leans to not-X), denials leave it near
  0, factives ("know that") keep it, "whether" and "if"/"unless" clauses (and the clause a leading one
  conditions) cap it near 0, as does a question. A parenthetical "he said" and a reduced relative
  ("the threat posed by") are asserted whatever surrounds them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from checker.errors import ConfigError
from checker.lexicons import Lexicon
from checker.models import Certainty, CertaintyReading, Polarity

__all__ = ["read_certainty", "score_factuality"]


class _Kind(StrEnum):
    BOOSTER = "boosters"
    IGNORE = "ignore"
    CANNOT_CONFIRM = "cannot_confirm"
    UNLIKELY = "hedges_unlikely"
    DOUBT = "doubt"
    OPEN = "open_questions"
    DENIAL = "denials"
    PROBABLE = "hedges_probable"
    POSSIBLE = "hedges_possible"
    DENIAL_VERB = "denial_verbs"
    CONCESSIVE = "concessive_conditionals"
    CONDITIONAL = "conditionals"
    NEGATOR = "negators"


# A phrase listed under two kinds takes the first in this order.
_PRIORITY: tuple[_Kind, ...] = tuple(_Kind)
_UNKNOWN_KINDS = frozenset({_Kind.CANNOT_CONFIRM, _Kind.DOUBT, _Kind.OPEN})
_HEDGE_LEVEL = {
    _Kind.PROBABLE: Certainty.PROBABLE,
    _Kind.UNLIKELY: Certainty.PROBABLE,
    _Kind.POSSIBLE: Certainty.POSSIBLE,
}

# Grammar, not cues: these words never change certainty themselves.
_BE = frozenset("be been being is was are were am 's 're 'm".split())
_HAVE = frozenset("have has had having 've 'd".split())
_DO = frozenset("do does did".split())
_AUX = _BE | _HAVE | _DO
_CONNECTIVES = frozenset("and but so yet however still now then also thus therefore meanwhile".split())
_QUOTES = "\"'`\u201c\u201d\u2018\u2019"
_MONTH_CONTEXT = frozenset(
    "in on since until till by from last next early late mid of this during before after between through "
    "end beginning".split()
)
_DO_AUX_BEFORE_NOT = frozenset(
    "do does did has have had will would could can should may might must shall".split()
)


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    text: str
    kind: _Kind


@dataclass(frozen=True, slots=True, eq=False)
class _Compiled:
    """Everything read_certainty and score_factuality need from one lexicon, compiled once (hashed by
    identity, so per-sentence caches can key on it)."""

    kinds: Mapping[tuple[str, ...], _Kind]  # cue phrase (as words) -> kind
    lengths: Mapping[str, tuple[int, ...]]  # first word -> lengths of the phrases it starts, longest first
    contrast: re.Pattern[str]
    clause_break: re.Pattern[str]
    claim_nouns: frozenset[str]
    reporting: frozenset[str]
    factive: frozenset[str]
    implicative_positive: frozenset[str]
    implicative_negative: frozenset[str]
    commitment: frozenset[str]
    intention: frozenset[str]
    desire: frozenset[str]
    preventive: frozenset[str]
    negating_prepositions: Mapping[str, float]
    reported_future: frozenset[str]
    noun_governors: Mapping[str, float]
    group_adverbs: frozenset[str]
    modal_scores: Mapping[str, float]
    negated_modal_scores: Mapping[str, float]
    scores: Mapping[str, float]


# Words for cue matching: "didn't" and the tokenised "did n't" both give ("did", "n't").
_WORD = re.compile(r"[^\W\d_]+(?=n't\b)|n't|[\w'-]+|[^\w\s]")


def _key(phrase: str) -> str:
    """The form a cue phrase or a matched surface is shown and looked up by."""
    text = re.sub(r"\s+", " ", phrase.strip().lower())
    return text.replace(" n't", "n't")


def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(_normalize(phrase)))


def _phrase_pattern(phrase: str) -> str:
    words = _key(phrase).split(" ")
    parts = []
    for word in words:
        part = re.escape(word)
        # "didn't" also matches the tokenised "did n't"
        part = part.replace(re.escape("n't"), r"\s?n't") if "n't" in word and word != "n't" else part
        parts.append(part)
    body = r"\s+".join(parts)
    head = r"(?<![\w'])" if words[0][0].isalnum() else ""
    tail = r"(?![\w])" if words[-1][-1].isalnum() else ""
    return head + body + tail


def _strings(section: Mapping[str, object], name: str) -> tuple[str, ...]:
    value = section.get(name, ())
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(
            f"lexicon section 'certainty': {name!r} must be a list of phrases, got {value!r}; "
            f'write it as {name} = ["phrase", ...]'
        )
    return tuple(value)


def _words(section: Mapping[str, object], name: str) -> frozenset[str]:
    return frozenset(_key(v) for v in _strings(section, name))


def _numbers(section: Mapping[str, object], name: str) -> dict[str, float]:
    table = section.get(name, {})
    if not isinstance(table, Mapping) or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in table.values()
    ):
        raise ConfigError(
            f"lexicon section 'certainty': [{name}] must be a table of numbers, got {table!r}; "
            f'write it as [certainty.{name}] with lines like "word" = 1.5'
        )
    return {_key(k): float(v) for k, v in table.items()}


@lru_cache(maxsize=16)
def _compile(lexicon: Lexicon) -> _Compiled:
    section = lexicon.section("certainty")
    kinds: dict[tuple[str, ...], _Kind] = {}
    for kind in _PRIORITY:
        for phrase in _strings(section, kind.value):
            words = _phrase_words(phrase)
            if words:
                kinds.setdefault(words, kind)
    lengths: dict[str, set[int]] = {}
    for words in kinds:
        lengths.setdefault(words[0], set()).add(len(words))
    markers = "|".join(_phrase_pattern(p) for p in _strings(section, "contrast_markers")) or r"(?!x)x"
    tail = r"[^\s,.;:!?()\"\u201c\u201d]+"
    contrast = re.compile(
        rf"(?:{markers})(?:\s+{tail}){{1,4}}"
        rf"|(?<=,)\s*not\s+{tail}(?:\s+{tail}){{0,3}}?(?=\s*[,.;:!?)\"\u201c\u201d]|\s*$)"
        rf"|(?<=,)\s*not\s+{tail}(?:\s+{tail})?"
        rf"|(?<![\w'])not\s+{tail}(?:\s+{tail}){{0,2}},?\s+but(?:\s+also)?(?![\w])"
    )
    breaks = "|".join(_phrase_pattern(p) for p in _strings(section, "clause_breaks") if p.strip())
    clause_break = re.compile(rf";|,\s*(?:{breaks})" if breaks else ";")
    return _Compiled(
        kinds=kinds,
        lengths={w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()},
        contrast=contrast,
        clause_break=clause_break,
        claim_nouns=_words(section, "claim_nouns"),
        reporting=_words(section, "reporting_verbs"),
        factive=_words(section, "factive_verbs"),
        implicative_positive=_words(section, "implicative_positive"),
        implicative_negative=_words(section, "implicative_negative"),
        commitment=_words(section, "commitment_predicates"),
        intention=_words(section, "intention_predicates"),
        desire=_words(section, "desire_predicates"),
        preventive=_words(section, "preventive_verbs"),
        negating_prepositions=_numbers(section, "negating_prepositions"),
        reported_future=_words(section, "reported_future"),
        noun_governors=_numbers(section, "noun_governors"),
        group_adverbs=_words(section, "verb_group_adverbs"),
        modal_scores=_numbers(section, "modal_scores"),
        negated_modal_scores=_numbers(section, "negated_modal_scores"),
        scores=_numbers(section, "scores"),
    )


_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def _normalize(text: str) -> str:
    """Lower-case with one apostrophe and one double quote, keeping every offset."""
    out = text.translate(_FOLD).lower()
    if len(out) != len(text):  # a few characters grow when lower-cased; keep offsets aligned
        out = "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_FOLD))
    return out


def _previous_word(text: str, at: int) -> str:
    match = re.search(r"([\w']+)[^\w']*$", text[:at])
    return match.group(1) if match else ""


def _find_cues(original: str, norm: str, compiled: _Compiled) -> list[_Cue]:
    """Cue phrases in ``norm`` (the normalized ``original``), longest first where they overlap."""
    matches = list(_WORD.finditer(norm))
    words = [m.group(0) for m in matches]
    found: list[_Cue] = []
    i = 0
    while i < len(words):
        kind = None
        for n in compiled.lengths.get(words[i], ()):
            kind = compiled.kinds.get(tuple(words[i : i + n])) if i + n <= len(words) else None
            if kind is not None:
                break
        if kind is None:
            i += 1
            continue
        start, end = matches[i].start(), matches[i + n - 1].end()
        following = words[i + n : i + n + 4]
        i += n
        surface = _key(norm[start:end])
        if kind is _Kind.IGNORE:
            continue
        if surface == "may" and original[start] == "M" and start > 0:
            if _previous_word(norm, start) in _MONTH_CONTEXT or (following and following[0].isdigit()):
                continue
        if surface == "no" and following[:1] == ["."]:
            continue  # "No. 3"
        if kind is _Kind.DENIAL_VERB:
            if not set(following) & compiled.claim_nouns:
                continue
            kind = _Kind.DENIAL
        if kind is _Kind.DENIAL and _previous_word(norm, start) in _BE and surface.endswith("ed"):
            continue  # "was denied entry" is not a denial
        found.append(_Cue(start, end, surface, kind))
    return found


def _contrast_spans(norm: str, compiled: _Compiled) -> list[tuple[int, int]]:
    spans = []
    for match in compiled.contrast.finditer(norm):
        text = match.group(0)
        if text.lstrip().startswith("not") and not text.startswith(","):
            before = _previous_word(norm, match.start())
            if before in _DO_AUX_BEFORE_NOT or before.endswith("n't"):
                continue  # "did not respond but ..." negates a verb
        spans.append(match.span())
    return spans


# A non-restrictive relative clause (", which ...,", ", whose details have not been released,") is an aside:
# its cues do not set the main proposition's reading.
_ASIDE = re.compile(
    r",\s*(?:which|who|whose|whom|where|(?:during|in|of|under|by|after|before) which)\b[^,;:]*"
)


def _inside(cue: _Cue, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= cue.start and cue.end <= end for start, end in spans)


_CONDITION_END = re.compile(r"[,;:]|\s[-\u2013\u2014]\s|\bthen\b")


def _clause_end(norm: str, at: int) -> int:
    """End of the clause an "if" opens: the next comma, semicolon, colon or dash, else the text's end."""
    match = _CONDITION_END.search(norm, at)
    return match.start() if match else len(norm)


def _opens_sentence(norm: str, at: int, compiled: _Compiled) -> bool:
    """Whether a conditional at ``at`` comes before the clause it conditions."""
    prefix = norm[:at].rstrip(" " + _QUOTES + "(").rstrip()
    if not prefix or prefix[-1] in ":;\u2022*":
        return True
    words = re.findall(r"[\w']+", prefix)
    if prefix.endswith(","):
        return all(w in _CONNECTIVES for w in words[-2:]) and len(words) <= 2
    last = words[-1] if words else ""
    return last == "that" or last in compiled.reporting or (len(words) <= 2 and last in _CONNECTIVES)


def _is_concessive(norm: str, cue: _Cue, end: int, compiled: _Compiled) -> bool:
    """'If the alliance said it could not confirm ..., an official said ...': the "if" means "while"."""
    words = re.findall(r"[\w']+", norm[cue.end : end])[:5]
    return any(w in compiled.reporting and w.endswith(("ed", "id", "ld", "ote")) for w in words)


def read_certainty(text: str, *, lexicon: Lexicon) -> CertaintyReading:
    """Certainty level, polarity and cues of a sentence's main proposition, relative to its source."""
    compiled = _compile(lexicon)
    norm = _normalize(text)
    contrasts = _contrast_spans(norm, compiled)
    cues = [c for c in _find_cues(text, norm, compiled) if not _inside(c, contrasts)]

    dropped: list[tuple[int, int]] = []
    capping: list[_Cue] = []
    search_from = 0
    for cue in cues:
        if cue.kind not in (_Kind.CONDITIONAL, _Kind.CONCESSIVE) or _inside(cue, dropped):
            continue
        end = _clause_end(norm, cue.end)
        leading = _opens_sentence(norm, cue.start, compiled)
        if cue.kind is _Kind.CONDITIONAL and leading and _is_concessive(norm, cue, end, compiled):
            continue
        dropped.append((cue.start, end))
        if cue.kind is _Kind.CONDITIONAL:
            capping.append(cue)
        if leading:
            search_from = max(search_from, end + 1)
    conditional = (_Kind.CONDITIONAL, _Kind.CONCESSIVE)
    cues = [c for c in cues if c in capping or (c.kind not in conditional and not _inside(c, dropped))]

    main_end = len(norm)
    for match in compiled.clause_break.finditer(norm, search_from):
        if not any(s <= match.start() < e for s, e in contrasts):
            main_end = match.start()
            break
    asides = [m.span() for m in _ASIDE.finditer(norm)]
    main = [c for c in cues if c.start < main_end and (c in capping or not _inside(c, asides))]
    denied_elsewhere = [c for c in cues if c.kind is _Kind.DENIAL and c not in main]

    kinds = {c.kind for c in main}
    if norm.rstrip(" " + _QUOTES).endswith("?") and main_end == len(norm):
        kinds.add(_Kind.OPEN)
    denial = _Kind.DENIAL in kinds or bool(denied_elsewhere)
    if kinds & _UNKNOWN_KINDS and _Kind.DENIAL not in kinds:
        level = Certainty.UNKNOWN
    else:
        ranks = [_HEDGE_LEVEL[c.kind] for c in main if c.kind in _HEDGE_LEVEL]
        if any(c.kind is _Kind.CONDITIONAL for c in main):
            ranks.append(Certainty.POSSIBLE)
        level = min(ranks, key=lambda lv: lv.rank, default=Certainty.CERTAIN)
    negative = level is not Certainty.UNKNOWN and bool(kinds & {_Kind.DENIAL, _Kind.NEGATOR, _Kind.UNLIKELY})
    shown = [c for c in main if negative or c.kind is not _Kind.NEGATOR] + denied_elsewhere
    shown.sort(key=lambda c: c.start)
    return CertaintyReading(
        level=level,
        polarity=Polarity.NEGATIVE if negative else Polarity.POSITIVE,
        cues=tuple(c.text for c in shown),
        denial=denial,
    )


# ----------------------------------------------------------------------------------------------------
# Event factuality of one target in a tokenised sentence.

_NEGATION_WORDS = frozenset({"not", "n't", "never"})
_NP_NEGATORS = frozenset({"no", "nobody", "none", "nothing", "neither", "nor", "never"})
_SCAN_STOP = frozenset({";", ":", "--", "(", ")", "but", "who", "which", "whose", "whom", "where"})
_TRANSPARENT = frozenset({"{", "}", "_", "``", "''", '"', "'"})
_NOT_ADVERBS = frozenset(
    "only family supply apply reply italy july rally assembly anomaly monopoly ally bully belly holly "
    "folly jelly reply multiply comply imply rely fly sly ugly silly daily weekly monthly yearly "
    "friendly elderly costly likely unlikely early".split()
)
_CLAUSE_WINDOW = 12
_NEGATION_REACH = 4


@dataclass(frozen=True, slots=True)
class _Tokens:
    low: tuple[str, ...]
    kinds: tuple[_Kind | None, ...]  # the kind of the cue a token belongs to
    heads: tuple[int, ...]  # index of the first token of that cue, or -1
    question: bool


@lru_cache(maxsize=256)
def _token_view(tokens: tuple[str, ...], compiled: _Compiled) -> _Tokens:
    original = " ".join(tokens)
    norm = _normalize(original)
    split = norm.split(" ")
    low = tuple(split) if len(split) == len(tokens) else tuple(_normalize(t) for t in tokens)
    starts = []
    offset = 0
    for token in tokens:
        starts.append(offset)
        offset += len(token) + 1
    kinds: list[_Kind | None] = [None] * len(tokens)
    heads = [-1] * len(tokens)
    for cue in _find_cues(original, norm, compiled):
        first = max(bisect.bisect_right(starts, cue.start) - 1, 0)
        last = min(bisect.bisect_left(starts, cue.end), len(tokens))
        for i in range(first, last):
            if kinds[i] is None:
                kinds[i] = cue.kind
                heads[i] = first
    question = any(t == "?" for t in low[-3:])
    return _Tokens(low=low, kinds=tuple(kinds), heads=tuple(heads), question=question)


def _cap(value: float, limit: float) -> float:
    """Weaken ``value`` to at most ``limit`` in strength, keeping its sign."""
    limit = max(limit, 0.0)
    return max(-limit, min(limit, value))


def _is_adverb(word: str, compiled: _Compiled) -> bool:
    if word in compiled.group_adverbs or word in _TRANSPARENT:
        return True
    return len(word) > 4 and word.endswith("ly") and word not in _NOT_ADVERBS


@dataclass(frozen=True, slots=True)
class _Group:
    """The auxiliaries, modals, negation and adverbs right before a predicate."""

    start: int  # first token of the group (the target itself when the group is empty)
    negated: bool
    modal: str | None
    hedge: _Kind | None
    infinitive: int  # index of the "to" that opens an infinitive, or -1


def _verb_group(view: _Tokens, compiled: _Compiled, start: int) -> _Group:
    low, kinds = view.low, view.kinds
    negated, modal, hedge, infinitive = False, None, None, -1
    j = start - 1
    while j >= 0:
        word = low[j]
        if word == "to":
            infinitive = j
            break
        if word in _NEGATION_WORDS and kinds[j] is not _Kind.IGNORE:
            negated = True
        elif word == "cannot":
            negated, modal = True, modal or "can"
        elif word in compiled.modal_scores:
            modal = modal or word
        elif kinds[j] in _HEDGE_LEVEL and word in compiled.group_adverbs:
            hedge = hedge if hedge is _Kind.POSSIBLE else kinds[j]
        elif not (word in _AUX or _is_adverb(word, compiled)):
            break
        j -= 1
    return _Group(
        start=j + 1 if infinitive < 0 else infinitive,
        negated=negated,
        modal=modal,
        hedge=hedge,
        infinitive=infinitive,
    )


def _kind_level(kind: _Kind | None, scores: Mapping[str, float]) -> float | None:
    if kind in (_Kind.PROBABLE, _Kind.UNLIKELY):
        return scores.get("probable", 2.0)
    if kind is _Kind.POSSIBLE:
        return scores.get("possible", 1.0)
    return None


def _infinitive_class(word: str, kind: _Kind | None, compiled: _Compiled) -> float | None:
    """The score a governor of "to X" allows X, or None when ``word`` does not govern infinitives.
    Implicatives are handled by the caller and answer 3 here."""
    scores = compiled.scores
    if word in compiled.implicative_positive or word in compiled.implicative_negative:
        return scores["certain"]
    level = _kind_level(kind, scores)
    if level is not None:
        return level
    for words, name in (
        (compiled.commitment, "commitment"),
        (compiled.intention, "intention"),
        (compiled.desire, "desire"),
    ):
        if word in words:
            return scores.get(name, 1.6)
    return compiled.noun_governors.get(word)


def _infinitive_score(view: _Tokens, compiled: _Compiled, to: int, depth: int) -> float:
    """Score of X in "<governor> to X": implicative, hedged or merely intended."""
    low, scores = view.low, compiled.scores
    negated = False
    governor = -1
    for k in range(to - 1, max(-1, to - 6), -1):
        word = low[k]
        if word in _NEGATION_WORDS:
            negated = True  # "decided not to go"
        elif word in _SCAN_STOP or word == ",":
            break
        elif _infinitive_class(word, view.kinds[k], compiled) is not None:
            governor = k
            break
    if governor < 0:  # a purpose or relative infinitive: "rose 2% to end the day at ..."
        value = scores.get("purpose", 2.0)
        return -value if negated else value
    word = low[governor]
    outer = _score(view, compiled, governor, governor + 1, depth + 1) if depth < 4 else scores["certain"]
    if word in compiled.implicative_negative and not negated:
        return -outer * abs(scores.get("implicative_negative", -2.8)) / 3
    if word in compiled.implicative_positive and not negated:
        return outer
    level = _infinitive_class(word, view.kinds[governor], compiled) or scores.get("intention", 1.6)
    if outer < 0:
        value = scores.get("negated_intention", -1.8) * min(1.0, -outer / 2)
    else:
        value = level * outer / 3
    return -value if negated else value


def _np_negated(view: _Tokens, start: int) -> bool:
    """'No weapon was recovered', 'no [[confirmation]]': a negative determiner on the subject or noun."""
    for k in range(start - 1, max(-1, start - 4), -1):
        word = view.low[k]
        if word in _NP_NEGATORS and view.kinds[k] is not _Kind.IGNORE:
            return True
        if word in _SCAN_STOP or word in {",", "that", "and", "or"}:
            return False
    return False


def _negated_nearby(view: _Tokens, start: int) -> bool:
    """A negation a few words before the target's own group: "did n't sign a document [[agreeing]]",
    "do n't dare [[jeopardize]]" (the target is an object or complement of a negated verb)."""
    for k in range(start - 1, max(-1, start - 1 - _NEGATION_REACH), -1):
        word = view.low[k]
        if word in _SCAN_STOP or word in {",", "that", "and", "if", "when", "because"}:
            return False
        if view.kinds[k] is _Kind.NEGATOR and word in _NEGATION_WORDS:
            return True
    return False


def _leading_condition(view: _Tokens, comma: int) -> bool:
    """Whether the clause ending at ``comma`` is a sentence-opening "if"/"unless" clause."""
    for k in range(comma - 1, -1, -1):
        if view.kinds[k] is _Kind.CONDITIONAL and view.heads[k] == k:
            before = [w for w in view.low[:k] if w not in _TRANSPARENT]
            return not before or before[-1] in _CONNECTIVES or before[-1] in {",", "that"}
        if view.low[k] in _SCAN_STOP:
            return False
    return False


class _Embed(StrEnum):
    CONDITION = "condition"
    OPEN = "open"
    DENIAL = "denial"
    UNKNOWN = "unknown"
    FACTIVE = "factive"
    HEDGE = "hedge"
    REPORTING = "reporting"


def _governor(view: _Tokens, compiled: _Compiled, start: int) -> tuple[int, _Embed] | None:
    """The nearest predicate that embeds the clause starting before ``start``, if any in its clause."""
    low, kinds = view.low, view.kinds
    for k in range(start - 1, max(-1, start - 1 - _CLAUSE_WINDOW), -1):
        word, kind = low[k], kinds[k]
        if word in _SCAN_STOP:
            return None
        if word == ",":
            return (k, _Embed.CONDITION) if _leading_condition(view, k) else None
        if kind is _Kind.CONDITIONAL:
            return k, _Embed.CONDITION
        if kind is _Kind.OPEN:
            return k, _Embed.OPEN
        if kind is _Kind.DENIAL:
            return k, _Embed.DENIAL
        if kind in (_Kind.CANNOT_CONFIRM, _Kind.DOUBT):
            return k, _Embed.UNKNOWN
        if word in compiled.factive:
            return k, _Embed.FACTIVE
        if kind in _HEDGE_LEVEL and word not in compiled.group_adverbs:
            return k, _Embed.HEDGE
        if word in compiled.reporting:
            return k, _Embed.REPORTING
    return None


def _embedding(
    view: _Tokens, compiled: _Compiled, found: tuple[int, _Embed] | None, value: float, depth: int
) -> float:
    """Apply the predicate that embeds the target's clause (from ``_governor``) to its score."""
    if found is None:
        return value
    k, embed = found
    scores = compiled.scores
    if embed is _Embed.CONDITION:
        return _cap(value, scores.get("conditional", 0.8))
    if embed is _Embed.OPEN:
        return _cap(value, scores.get("open_question", 0.9))
    if embed is _Embed.DENIAL:
        return scores.get("denied", 0.4) if value > 0 else _cap(value, scores.get("denied", 0.4))
    if embed is _Embed.UNKNOWN:
        return _cap(value, scores.get("unknown", 0.0))
    if embed is _Embed.FACTIVE:
        return value
    level = _kind_level(view.kinds[k], scores) if embed is _Embed.HEDGE else None
    outer = _score(view, compiled, k, k + 1, depth + 1) if depth < 4 else scores["certain"]
    if outer < 0:
        # "did not say that X" leaves X open; "do n't think X" (neg-raising) leans to not-X
        if level is not None:
            return -_cap(abs(value), level) * scores.get("neg_raising", 0.6)
        return _cap(value, scores.get("unknown", 0.0) + 0.5)
    if level is None:  # reporting: the author passes the source's words on, a shade less firmly
        return _cap(value, min(outer, scores.get("reported", 3.0)))
    return _cap(value, min(level, outer))


def _noun_context(view: _Tokens, compiled: _Compiled, start: int, value: float) -> float:
    """What a word right after a determiner, adjective or preposition reads as: "the possibility of a
    [[war]]", "any [[decision]]", "the planned [[sale]]", "prevent easy [[access]]", "without [[seeking]]"."""
    low, scores = view.low, compiled.scores
    previous = low[start - 1]
    if previous in compiled.negating_prepositions:
        return min(value, compiled.negating_prepositions[previous])
    if previous in compiled.noun_governors:
        return _cap(value, compiled.noun_governors[previous])
    for k in range(start - 1, max(-1, start - 4), -1):
        word = low[k]
        if word in compiled.preventive:
            return min(value, scores.get("prevented", -1.0))
        if word in {"of", "for", "on", "at"} and k > 0:
            level = compiled.noun_governors.get(low[k - 1], _kind_level(view.kinds[k - 1], scores))
            return value if level is None else _cap(value, level)
        if word in _SCAN_STOP or word in {",", "to", "and", "or", "that"} or word in _AUX:
            break
    return value


def _parenthetical(view: _Tokens, compiled: _Compiled, start: int, end: int) -> bool:
    """'If X, she [[said]], Y' and '"...," [[said]] the minister': the saying itself is asserted."""
    if view.low[end - 1] not in compiled.reporting:
        return False
    after = view.low[end] if end < len(view.low) else "."
    before = view.low[start - 2 : start]
    return after in {",", ".", "''", '"'} or any(w in {"''", '"', ","} for w in before)


def _score(view: _Tokens, compiled: _Compiled, start: int, end: int, depth: int) -> float:
    scores = compiled.scores
    low = view.low
    group = _verb_group(view, compiled, start)
    if group.infinitive >= 0:
        value = _infinitive_score(view, compiled, group.infinitive, depth)
        return -abs(value) if group.negated else value
    if _parenthetical(view, compiled, start, end):
        return -scores["certain"] if group.negated else scores["certain"]
    if not group.negated and group.start == start and low[end - 1].endswith(("ed", "en")):
        if end < len(low) and low[end] == "by":
            return scores["certain"]  # a reduced relative: "the threat [[posed]] by ..."
    found = _governor(view, compiled, group.start)
    np_negated = not group.negated and _np_negated(view, group.start)
    if group.modal is not None:
        modal = group.modal
        if modal in compiled.reported_future and found is not None and found[1] is _Embed.REPORTING:
            modal = "will"  # "said it would investigate": the future of the past
        if group.negated or np_negated:
            value = compiled.negated_modal_scores.get(modal, scores.get("negated_modal", -1.6))
        else:
            value = compiled.modal_scores[modal]
    elif group.negated:
        value = scores.get("negated", -2.6)
    elif np_negated:
        value = scores.get("negated_np", -1.4)
    elif _negated_nearby(view, group.start):
        value = scores.get("negated_nearby", -0.6)
    else:
        value = scores.get("certain", 3.0)
    if group.hedge is not None:
        value = _cap(value, _kind_level(group.hedge, scores) or 3.0)
    if group.start == start and start > 0:
        value = _noun_context(view, compiled, start, value)
    value = _embedding(view, compiled, found, value, depth)
    if view.question and depth == 0:
        value = _cap(value, scores.get("question", 0.8))
    return value


def score_factuality(tokens: Sequence[str], target: tuple[int, int], *, lexicon: Lexicon) -> float:
    """Certainty, in [-3, +3], that the event ``tokens[target[0]:target[1]]`` happened, per the author.

    >>> score_factuality("Officials said the talks may resume".split(), (5, 6), lexicon=lex)
    1.0
    """
    start, end = target
    if not 0 <= start < end <= len(tokens):
        raise ValueError(f"target {target!r} is not a token span of a {len(tokens)}-token sentence")
    compiled = _compile(lexicon)
    view = _token_view(tuple(tokens), compiled)
    value = _score(view, compiled, start, end, 0)
    return float(max(-3.0, min(3.0, value)))
