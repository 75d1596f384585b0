"""Which name holds a figure statement: the figure's own holder when it is a credible name, else the
sentence's original source.

:func:`checker.judge.read_figure_statements` takes a figure's holder from the words around the figure
when a sentence holds several figures. Those words are sometimes not a holder at all: a sentence's
first word ("The official toll ..."), the subject of the event ("Gunmen burst in ... killing 45"), a
comparison ("countering Hamas claims"), a date, or a figure ("Another 500"). A verdict that tells an
editor "check that the figure is X's" must name a party, so a holder counts only when it is credible:

* it has no digit and names no weekday or month;
* it does not open with a function word, a pronoun or a verb ("The", "It", "But", "Following",
  "countering ...");
* a phrase opening in lower case names a role ("health officials", "the police headquarters");
* it does not end in a word for a text or a figure ("the official tally", "the statement");
* a single capitalised word is a role ("Authorities"), an acronym ("AFAD", "CGT") or a name the story
  itself gives as a source of some sentence ("Hamas", "Kiev").

A figure's own holder counts only in a sentence that sets several holders' figures side by side; in a
sentence with one source, that source holds every figure ("North Korea has sent 3,000 troops ...,
lawmakers said" is the lawmakers' figure, not North Korea's).

Otherwise the figure belongs to its sentence's holder: the per-figure source, then the original source
of the attribution chain (so a news agency that relayed a statement is never its holder when the
sentence names whom it cites).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from checker.judge.holders import holder_key
from checker.judge.statements import FigureStatement
from checker.lexicons import Lexicon
from checker.models import Claim

__all__ = ["HolderNames"]

_NOT_OPENING = frozenset(
    """the a an it its we they he she i you this that these those there here but and or so yet if as
    while whereas when after before following another other more some many several most all both each
    amid despite according at in on by for from with to of than like up down out over""".split()
)
_CALENDAR = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)\b|\b(?:today|yesterday|tonight|overnight)\b",
    re.IGNORECASE,
)


class HolderNames:
    """Credible holder names, read against the lexicon's role nouns and the names of the story's sources.

    >>> names = HolderNames(lexicon, sources=["Hamas"])  # doctest: +SKIP
    >>> names.credible("countering Hamas"), names.credible("Hamas")  # doctest: +SKIP
    (False, True)
    """

    def __init__(self, lexicon: Lexicon, *, sources: Iterable[str | None] = ()) -> None:
        section = lexicon.section("attribution")
        roles = section.get("role_nouns", ())
        self.roles = frozenset(w.lower() for w in roles if " " not in w)
        # Words for a text or a figure ("the official tally", "the statement"): nobody holds by them.
        self.documents = frozenset(
            w.lower()
            for key in ("document_nouns", "figure_nouns")
            for w in section.get(key, ())
            if " " not in w
        )
        self.known = [holder_key(name) for name in sources if name]
        self.side_by_side: set[str] = set()

    def _role(self, word: str) -> bool:
        word = word.lower().strip("’'")
        return word in self.roles or (word.endswith("s") and word[:-1] in self.roles)

    def credible(self, name: str | None) -> bool:
        """True when ``name`` can hold a statement (see the module docstring)."""
        if not name or not name.strip():
            return False
        words = re.findall(r"[\w’'&.-]+", name)
        if not words or re.search(r"\d", name) or _CALENDAR.search(name):
            return False
        first = words[0].lower().strip("’'")
        if first in _NOT_OPENING:
            rest = words[1:]
            # "the interior ministry", "the CGT": a determiner before a holder is fine.
            if first not in ("the", "a", "an") or not rest:
                return False
            return self.credible(" ".join(rest))
        if words[-1].lower() in self.documents or (
            words[-1].endswith("s") and words[-1][:-1].lower() in self.documents
        ):
            return False  # "official tally", "the ministry's figures": a text names no holder of its own
        if words[0][:1].islower():
            return any(self._role(w) for w in words)
        if len(words) == 1:
            word = words[0].rstrip(".")
            if self._role(word) or (word.isupper() and len(word) >= 2):
                return True
            key = holder_key(word)
            return any(key and key <= known for known in self.known)
        return True

    def register(self, statements: Iterable[FigureStatement]) -> None:
        """Note which sentences set several holders' figures side by side ("police counted 12,000 and
        the union 45,000"): only there does a figure's own holder outrank its sentence's source."""
        holders: dict[str, set[frozenset[str]]] = {}
        for s in statements:
            if not s.quantity.vague and self.credible(s.holder):
                holders.setdefault(s.claim, set()).add(holder_key(s.holder))
        self.side_by_side.update(claim for claim, keys in holders.items() if len(keys) > 1)

    def holder_of(self, statement: FigureStatement, claim: Claim) -> str | None:
        """The statement's holder: its own when credible (and, in a sentence with one source, when it is
        that source), else its figure's source or its sentence's original source when credible, else
        none (the outlet's own voice)."""
        own = statement.holder
        if (
            own is not None
            and claim.id not in self.side_by_side
            and own != statement.quantity.source
            and self.credible(claim.attribution.original)
        ):
            own = None  # "North Korea has sent 3,000 troops ..., lawmakers said": the lawmakers' figure
        for name in (own, statement.quantity.source, claim.attribution.original):
            if self.credible(name):
                return name
        return None

    def claim_holder(self, claim: Claim) -> str | None:
        """The original source of a sentence, when credible."""
        name = claim.attribution.original
        return name if self.credible(name) else None
