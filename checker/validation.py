"""Config and lexicon files checked against their declared JSON Schemas (``checker/schema/``).

The schemas say which keys exist and what each holds; jsonschema does the checking, and this module turns
its first error into one line for the user: the file, the key as a TOML dotted key, what was expected
and what was found::

    extra.toml: quantities.vague."x": expected a list of 1 to 2 numbers of at least 0, got 'y'

TOML values reach the validator as Python values: a whole number must be an ``int`` (TOML ``3``, not
``3.0``), and a number must be finite (TOML allows ``nan`` and ``inf``, which no setting means).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

from checker.errors import ConfigError, printable

__all__ = ["validate_config", "validate_lexicon"]


def _is_integer(checker: object, value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(checker: object, value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return math.isfinite(value)


@cache
def _validator(name: str) -> Any:
    import jsonschema

    schema = json.loads(
        resources.files("checker").joinpath("schema", f"{name}.schema.json").read_text("utf-8")
    )
    base = jsonschema.Draft202012Validator
    base.check_schema(schema)
    types = base.TYPE_CHECKER.redefine_many({"integer": _is_integer, "number": _is_number})
    strict = jsonschema.validators.extend(base, type_checker=types)
    return strict(schema, format_checker=base.FORMAT_CHECKER)


def validate_config(data: Mapping[str, Any], *, path: str) -> None:
    """Raise :class:`ConfigError` (one line) unless ``data`` is a valid ``--config`` file."""
    _validate("config", data, path=path, what="setting")


def validate_lexicon(data: Mapping[str, Any], *, path: str) -> None:
    """Raise :class:`ConfigError` (one line) unless ``data`` is a valid ``--lexicon`` file."""
    _validate("lexicon", data, path=path, what="lexicon section")


def _validate(name: str, data: Mapping[str, Any], *, path: str, what: str) -> None:
    validator = _validator(name)
    errors = list(validator.iter_errors(data))
    if errors:  # the first in the file, as a reader meets them
        error = min(errors, key=lambda e: _position(data, e))
        raise ConfigError(_message(error, what, validator.schema), path=path)


def _position(data: Any, error: Any) -> tuple[int, ...]:
    """Where ``error`` sits in the file: the order of each key or item on the way to it."""
    out: list[int] = []
    node = data
    for part in error.absolute_path:
        out.append(list(node).index(part) if isinstance(node, Mapping) else int(part))
        node = node[part]
    if error.validator == "additionalProperties" and isinstance(node, Mapping):
        known = error.schema.get("properties", {})
        out.append(min(n for n, key in enumerate(node) if key not in known))
    return tuple(out)


# ---- messages ------------------------------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _key(parts: Iterable[object]) -> str:
    """A TOML dotted key (``quantities.units."military personnel"``), list positions as ``[n]``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        text = str(part)
        shown = text if _BARE_KEY.fullmatch(text) else json.dumps(text, ensure_ascii=False)
        out += f".{shown}" if out else shown
    return out


def _shown(value: object) -> str:
    text = repr(value)
    return printable(text if len(text) <= 80 else text[:77] + "...")


def _message(error: Any, what: str, root: Mapping[str, Any]) -> str:
    parts = list(error.absolute_path)
    key = _key(parts)
    if error.validator == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        extra = next(k for k in error.instance if k not in known)
        choices = ", ".join(known) if known else "none"
        if not parts:  # a top-level key: a setting, or a lexicon section
            return f"unknown {what} {_key([extra])!r}; expected one of: {choices}"
        return f"unknown key {_key([*parts, extra])!r}; expected one of: {choices}"
    expected = _describe(error.schema, root)
    if error.validator == "format" and error.schema.get("format") == "regex":
        try:
            re.compile(error.instance)
        except re.error as exc:
            expected += f" ({exc})"
    where = f"{what} {key!r}" if len(parts) == 1 else key or "the file"
    return f"{where}: expected {expected}, got {_shown(error.instance)}"


def _describe(schema: Mapping[str, Any], root: Mapping[str, Any], *, plural: bool = False) -> str:
    """What ``schema`` accepts, in words: "a list of non-blank strings", "a number from 0 to 1"."""
    if "$ref" in schema:
        schema = _resolve(schema["$ref"], root)
    kind = schema.get("type")
    if kind == "array":
        if "prefixItems" in schema:
            items = ", ".join(_describe(item, root) for item in schema["prefixItems"])
            text = f"a list [{items}]"
            return f"lists [{items}]" if plural else text
        low, high = schema.get("minItems"), schema.get("maxItems")
        count = f"{low} to {high} " if low is not None and high is not None else ""
        items = _describe(schema.get("items", {}), root, plural=True)
        return f"lists of {count}{items}" if plural else f"a list of {count}{items}"
    if kind == "object":
        values = schema.get("additionalProperties")
        inner = (
            f" of {_describe(values, root, plural=True)}" if isinstance(values, Mapping) and values else ""
        )
        return ("tables" if plural else "a table") + inner
    if kind == "string":
        text = "strings" if plural else "a string"
        if schema.get("maxLength") == 1:
            text = "single characters" if plural else "a single character"
        elif "pattern" in schema:
            text = "non-blank strings" if plural else "a non-blank string"
        if schema.get("format") == "regex":
            text += " that are regular expressions" if plural else " that is a regular expression"
        return text
    if kind in ("integer", "number"):
        noun = (
            ("whole numbers" if plural else "a whole number")
            if kind == "integer"
            else ("numbers" if plural else "a number")
        )
        low, high = schema.get("minimum"), schema.get("maximum")
        if "exclusiveMinimum" in schema:
            return f"{noun} above {schema['exclusiveMinimum']:g}"
        if low is not None and high is not None:
            return f"{noun} from {low:g} to {high:g}"
        if low is not None:
            return f"{noun} of at least {low:g}"
        if high is not None:
            return f"{noun} of at most {high:g}"
        return noun
    return "values" if plural else "a value"


def _resolve(ref: str, root: Mapping[str, Any]) -> Mapping[str, Any]:
    node: Any = root
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node
