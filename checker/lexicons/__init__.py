"""Cue lists and category taxonomies as data users can extend.

Each ``*.toml`` file in this folder is one section of the lexicon, named by its file stem
(``certainty.toml`` -> ``lexicon.section("certainty")``). A user lexicon (``--lexicon FILE``) is one TOML
file whose top-level tables name sections, e.g.::

    [quantities.units]
    "military personnel" = ["marines", "conscripts"]

    [categories.terms]
    "military vessel" = ["patrol boat"]

Lists in a user file extend the defaults (duplicates dropped, order kept), except lists holding a
number (a vague amount's bounds, a unit conversion), which replace them; tables merge key by key; plain
values replace. A user file is checked against ``checker/schema/lexicon.schema.json`` first: a section or
key it does not declare, or a value of another shape, is a :class:`~checker.errors.ConfigError`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from checker.errors import ConfigError
from checker.validation import validate_lexicon


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        if any(isinstance(x, (int, float)) and not isinstance(x, bool) for x in extra):
            # bounds such as "several" = [3, 7] and conversions such as miles = ["km", 1.6] replace
            return list(extra)
        out_list = list(base)
        for item in extra:
            if item not in out_list:
                out_list.append(item)
        return out_list
    return extra


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return _FrozenDict({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


class _FrozenDict(dict):
    """A dict that refuses writes, so a shared lexicon cannot be changed by one stage."""

    def _refuse(self, *args: object, **kwargs: object) -> None:
        raise TypeError("lexicons are read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return id(self)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All sections, defaults merged with user files. ``sources`` names the files that went in."""

    sections: Mapping[str, Any]
    sources: tuple[str, ...]

    def section(self, name: str) -> Mapping[str, Any]:
        return self.sections.get(name, _FrozenDict())

    def __hash__(self) -> int:
        return hash(self.sources)


def _read_toml(path: Path | str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"lexicon is not valid TOML ({exc})", path=str(path)) from None
    except RecursionError:
        raise ConfigError("lexicon is not valid TOML (nested too deeply)", path=str(path)) from None


@lru_cache(maxsize=1)
def _defaults() -> dict[str, Any]:
    sections: dict[str, Any] = {}
    folder = resources.files(__package__)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            sections[entry.name[: -len(".toml")]] = _read_toml(entry.name, entry.read_text(encoding="utf-8"))
    return sections


def load_lexicon(extra: Iterable[str | Path] = ()) -> Lexicon:
    """The default lexicon, extended by each user lexicon file in ``extra`` in order."""
    merged: dict[str, Any] = {k: v for k, v in _defaults().items()}
    sources = ["<defaults>"]
    for path in extra:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError("lexicon file not found", path=str(p)) from None
        except UnicodeDecodeError:
            raise ConfigError("lexicon file is not UTF-8 text", path=str(p)) from None
        except OSError as exc:
            raise ConfigError(f"cannot read the lexicon file ({exc.strerror or exc})", path=str(p)) from None
        data = _read_toml(p, text)
        validate_lexicon(data, path=str(p))
        for name, value in data.items():
            merged[name] = _merge(merged.get(name, {}), value)
        sources.append(str(p))
    return Lexicon(sections=_freeze(merged), sources=tuple(sources))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of cue phrases, longest first, case folded, any run of spaces matching a
    space ("(?!x)x", which never matches, for none)."""
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) or "(?!x)x"


@cache
def english_words() -> Mapping[str, int]:
    """pyspellchecker's English word list with each word's frequency, loaded once per process."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en").word_frequency.dictionary
