"""Who holds a statement, and when two holder names are one party.

One rule for ``analyze`` and ``check``: a holder's key is the set of its content words, folded (case,
possessive, a plural "s" on long words; titles such as "minister" or "spokesman" dropped); two names are
one party when one key's words are a subset of the other's ("the Defence Ministry" and "Marisca's
Defence Ministry"; "police" and "the police headquarters").
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["GENERIC_WORDS", "holder_key", "same_holder", "same_side"]

# Words that say what office someone holds or are grammatical glue, not which party they speak for.
_DROP = frozenset(
    """the of s a an and its their his her for in on at to by from with
    president minister vice deputy chief head spokesman spokeswoman spokesperson official officials
    source sources senior top""".split()
)


def _fold(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def holder_key(name: str | None) -> frozenset[str]:
    """The content words of a holder name, folded; empty for no holder.

    >>> sorted(holder_key("The Interior Ministry's spokesman"))
    ['ministry']
    """
    if not name:
        return frozenset()
    words = re.findall(r"[a-z0-9]+", name.lower().replace("’", "'").replace("'s", " "))
    kept = {_fold(w) for w in words if w not in _DROP}
    if not kept:  # "the minister", "officials": the office is all there is
        kept = {_fold(w) for w in words if w not in ("the", "a", "an", "of", "s")}
    return frozenset(kept)


# Words that name a kind of holder, not which one: "the ministry" is not "the foreign ministry".
GENERIC_WORDS = frozenset(
    """ministry government official authority spokesman spokeswoman spokesperson statement agency source
    office department people resident witness senior two three several some local national state
    international regional provincial city district director officer group union leader member reporter
    spokesmen""".split()
)


def same_holder(a: str | None, b: str | None) -> bool:
    """True when two holder names are one party: one's content words within the other's ("the Defence
    Ministry", "Marisca's Defence Ministry"), unless the shorter says only what kind of holder it is
    ("the ministry" is not "the foreign ministry")."""
    key_a, key_b = holder_key(a), holder_key(b)
    if not key_a or not key_b:
        return False
    small = key_a if len(key_a) <= len(key_b) else key_b
    if small <= GENERIC_WORDS:
        return key_a == key_b
    return key_a <= key_b or key_b <= key_a


def same_side(a: str | None, b: str | None) -> bool:
    """True when two holder names speak for one side: they share a distinctive word ("coastguard
    spokesman X" and "a coastguard official"; "Y's government" and "Y's Defence Ministry")."""
    key_a, key_b = holder_key(a), holder_key(b)
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    # A country and its adjective speak for one side ("Russian officials", "Russia's committee").
    stems_a = {w[:5] for w in key_a - GENERIC_WORDS}
    stems_b = {w[:5] for w in key_b - GENERIC_WORDS}
    return bool(stems_a & stems_b)
