"""Files -> Article: format detection, decoding, metadata and clean-up of captured page text.

``read_articles`` reads files and folders of ``.txt`` / ``.md`` / ``.html`` pages and ``.jsonl`` /
``.json`` / ``.csv`` records into one :class:`~checker.models.Article` each. Bad input never raises a
traceback: each unreadable file or record becomes a SKIPPED article whose ``reason`` says why (or raises
:class:`~checker.errors.SkippedInput` under ``strict``).

Clean-up drops page furniture (navigation, ads, patron prompts, captions, datelines, bylines, lists of
links to other stories, ... listed in ``lexicons/furniture.toml``) and the masthead, menus and section
labels above the headline, joins wrapped lines into paragraphs (``\\n\\n`` between paragraphs),
re-joins words broken across lines, and keeps an :class:`~checker.models.OffsetMap` from the cleaned
text back to the decoded original. 10,000 small captured pages ingest in about 7 s.

Words broken across lines are re-joined with the English word list of ``pyspellchecker`` (a maintained,
pure-Python package whose list holds real words only, so a fragment such as "tr" is not a word; the
larger ``wordfreq`` lists every fragment seen on the web and is no longer updated).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from checker.config import Config
from checker.errors import CheckerError, ConfigError, InputError, SkippedInput, printable
from checker.lexicons import Lexicon, english_words, load_lexicon
from checker.models import Article, ArticleStatus, OffsetMap

__all__ = [
    "FORMATS",
    "CleanedText",
    "MetaEntry",
    "clean_text",
    "detect_format",
    "parse_date",
    "read_articles",
    "read_meta",
    "read_text_input",
]

FORMATS: Mapping[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
}
_RECORD_FORMATS = frozenset({"jsonl", "json", "csv"})
_META_NAME = "meta.json"
_DEFAULT_CONFIG = Config()

# Record keys, first match wins. ``text`` etc. are the documented names; the others are common in exports.
_TEXT_KEYS = ("text", "content", "body", "article")
_OUTLET_KEYS = ("outlet", "source", "site", "site_name", "sitename", "publisher")
_DATE_KEYS = ("published", "date", "published_at", "publish_date", "datetime")
_TITLE_KEYS = ("title", "headline")
_URL_KEYS = ("url", "link")

_HTML_ERRORS: tuple[type[BaseException], ...]
try:  # lxml comes with trafilatura; its errors are what hostile HTML raises
    from lxml.etree import LxmlError

    _HTML_ERRORS = (LxmlError, RecursionError, ValueError, UnicodeError)
except ImportError:  # pragma: no cover - lxml is a trafilatura dependency
    _HTML_ERRORS = (RecursionError, ValueError, UnicodeError)


class _Skip(Exception):
    """Internal: one file or record cannot be read; becomes a SKIPPED article."""

    def __init__(self, reason: str, line: int | None = None, record_id: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.record_id = record_id


@dataclass(frozen=True, slots=True)
class MetaEntry:
    """Metadata for one input file, from ``meta.json`` or a ``--meta`` file."""

    file: str
    outlet: str | None = None
    published: date | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class CleanedText:
    """The result of :func:`clean_text`. ``title`` is the headline line found (if any); ``dateline`` the
    first removed line that is only a date ("Friday, 18 October 2024, 13:35")."""

    text: str
    offset_map: OffsetMap
    removed_lines: int
    title: str | None = None
    dateline: str | None = None


# --------------------------------------------------------------------------------------------- dates

_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")


@lru_cache(maxsize=8192)
def _parse_date_text(text: str) -> date | None:
    text = text.strip()
    if not text or len(text) > 100:
        return None
    m = _ISO_DATE.match(text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    import dateparser  # slow to import; most inputs carry ISO dates

    try:
        parsed = dateparser.parse(
            text,
            settings={
                "RETURN_AS_TIMEZONE_AWARE": False,
                "REQUIRE_PARTS": ["day", "month", "year"],
                "PREFER_DAY_OF_MONTH": "first",
            },
        )
    except (ValueError, OverflowError, TypeError, re.error):
        return None
    return parsed.date() if parsed is not None else None


def parse_date(value: object) -> date | None:
    """A publication date from metadata, or None when missing or unreadable.

    >>> parse_date("Friday, 18 October 2024, 13:35")
    datetime.date(2024, 10, 18)
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return _parse_date_text(value)
    return None


# ---------------------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)


def _too_many_controls(text: str) -> bool:
    sample = text[:65536]
    count = len(_CONTROL.findall(sample))
    return (count > 2 and count * 100 > len(sample)) or count * 10 > len(sample)


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) % 2 or len(data) < 8:
        return None
    half = len(data) // 2
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    if odd > 0.3 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.02 * half:
        return "utf-16-be"
    return None


def _decode(data: bytes) -> tuple[str, str]:
    """Decoded text and encoding name; UTF-8 first, then a byte-order mark, a declared charset, or
    charset-normalizer's best guess."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                raise _Skip(f"starts with a {name} byte-order mark but is not valid {name} text") from None
    if b"\x00" in data:
        name = _utf16_without_bom(data)
        if name is not None:
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                text = ""
            if text and not _too_many_controls(text):
                return text, name
        raise _Skip("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _too_many_controls(text):
            raise _Skip("binary file (control characters), not text")
        return text, "utf-8"
    declared = _DECLARED_CHARSET.search(data[:4096])
    if declared is not None:
        name = declared.group(1).decode("ascii").lower()
        try:
            text = data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if not _too_many_controls(text):
                return text, codecs.lookup(name).name
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise _Skip("binary or undecodable file: not UTF-8, and no text encoding fits")
    text = str(best)
    if _too_many_controls(text):
        raise _Skip("binary file (control characters), not text")
    return text, best.encoding


# ------------------------------------------------------------------------------------ format sniffing

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_BODY = re.compile(r"<(?:html|body|head)\b[^>]*>", re.I)
_HTML_TAGS = re.compile(r"</(?:p|div|span|a|li|h[1-6]|article|section|script|table)>", re.I)


def _looks_like_html(text: str) -> bool:
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    if not (_HTML_BODY.search(head) or head.lstrip().startswith("<")):  # a page, or a fragment of one
        return False
    return len(_HTML_TAGS.findall(text[:65536])) >= 3


def detect_format(path: str | Path, text: str | None = None) -> str | None:
    """The input format of ``path`` ("txt", "md", "html", "jsonl", "json", "csv"), from its extension;
    a ``.txt`` (or extension-less) file whose ``text`` is clearly HTML is "html". None if unsupported."""
    suffix = Path(path).suffix.lower()
    fmt = FORMATS.get(suffix)
    if fmt is None and suffix == "":
        fmt = "txt"
    if fmt == "txt" and text is not None and _looks_like_html(text):
        return "html"
    return fmt


# ------------------------------------------------------------------------------------------- meta


def _clean_str(value: object) -> str | None:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _reader_failed(exc: BaseException, fmt: str | None) -> str:
    """The skip reason for a reader that raised something unforeseen (a library bug, a broken install)."""
    detail = printable(" ".join(str(exc).split()))[:200] or "no message"
    reader = f"the {fmt.upper() if fmt else 'text'} reader"
    if isinstance(exc, ImportError):
        return (
            f"{reader} cannot import a package it needs ({type(exc).__name__}: {detail}); "
            "reinstall checker ('pip install .') so that its declared dependencies are installed"
        )
    return f"{reader} failed unexpectedly ({type(exc).__name__}: {detail}); a bug in checker or a library it uses"


def _meta_entry(raw: Mapping[str, Any]) -> MetaEntry:
    return MetaEntry(
        file=str(raw.get("file", "")).strip(),
        outlet=_clean_str(raw.get("outlet")),
        published=parse_date(raw.get("published")),
        title=_clean_str(raw.get("title")),
        url=_clean_str(raw.get("url")),
    )


def read_meta(path: str | Path) -> dict[str, MetaEntry]:
    """Per-file metadata from a JSON file (``{"articles": [{"file", "outlet", "published", "title"}]}`` or
    a list of such objects) or a CSV file with columns file,outlet,published,title[,url].

    Keys are the ``file`` values as written. A malformed file raises :class:`InputError` naming it."""
    p = Path(path)
    where = str(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("metadata file not found; pass an existing JSON or CSV file", path=where) from None
    except OSError as exc:
        raise InputError(f"cannot read metadata file ({exc.strerror})", path=where) from None
    try:
        text, _ = _decode(data)
    except _Skip as skip:
        raise InputError(f"metadata file is not text: {skip.reason}", path=where) from None
    text = text.lstrip("\ufeff")
    entries: list[MetaEntry] = []
    if p.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text, newline=""))
        try:
            columns = [c.strip().lower() for c in (reader.fieldnames or [])]
            if "file" not in columns:
                raise InputError(
                    f"metadata CSV needs a 'file' column (found: {', '.join(columns) or 'none'}); "
                    "columns are file,outlet,published,title",
                    path=where,
                    line=1,
                )
            for row in reader:
                norm = {(k or "").strip().lower(): v for k, v in row.items()}
                if not (norm.get("file") or "").strip():
                    raise InputError("metadata row has no file name", path=where, line=reader.line_num)
                entries.append(_meta_entry(norm))
        except csv.Error as exc:
            raise InputError(f"malformed CSV ({exc})", path=where, line=reader.line_num) from None
    else:
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"metadata file is not valid JSON ({exc.msg}, column {exc.colno})",
                path=where,
                line=exc.lineno,
            ) from None
        items = raw.get("articles") if isinstance(raw, dict) else raw
        if not isinstance(items, list):
            raise InputError(
                'metadata JSON must be {"articles": [{"file": ..., "outlet": ..., "published": ..., '
                '"title": ...}]} or a list of such objects',
                path=where,
            )
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict) or not str(item.get("file", "")).strip():
                raise InputError(
                    f'metadata entry {number} must be an object with a "file" name, got {str(item)[:60]!r}',
                    path=where,
                )
            entries.append(_meta_entry(item))
    return {entry.file: entry for entry in entries}


def _merge_meta(*entries: MetaEntry | None) -> MetaEntry | None:
    """Field by field, the first entry that has a value wins."""
    present = [e for e in entries if e is not None]
    if not present:
        return None
    return MetaEntry(
        file=present[0].file,
        outlet=next((e.outlet for e in present if e.outlet), None),
        published=next((e.published for e in present if e.published), None),
        title=next((e.title for e in present if e.title), None),
        url=next((e.url for e in present if e.url), None),
    )


# ------------------------------------------------------------------------------------ furniture rules


@dataclass(frozen=True, slots=True)
class _Rules:
    lines: re.Pattern[str] | None
    exact: frozenset[str]
    max_chars: int
    date_words: frozenset[str]
    menu: re.Pattern[str] | None
    words: frozenset[str]
    bullets: str
    ui_words: frozenset[str]
    list_headers: frozenset[str]
    list_header_lines: re.Pattern[str] | None


_EXACT_TRIM = ":!.\u00bb>\u203a|\u2022\u00b7 "


def _strings(section: Mapping[str, Any], key: str) -> list[str]:
    value = section.get(key, ())
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"lexicon [furniture] {key} must be a list of strings")
    return list(value)


_RULES_CACHE: dict[int, tuple[Lexicon, _Rules]] = {}


@cache
def _default_lexicon() -> Lexicon:
    return load_lexicon()


def _rules(lexicon: Lexicon | None) -> _Rules:
    """Compiled furniture rules, cached per lexicon object (comparing lexicons is slow)."""
    lexicon = lexicon if lexicon is not None else _default_lexicon()
    hit = _RULES_CACHE.get(id(lexicon))
    if hit is not None and hit[0] is lexicon:
        return hit[1]
    if len(_RULES_CACHE) > 16:
        _RULES_CACHE.clear()
    rules = _compile_rules(lexicon)
    _RULES_CACHE[id(lexicon)] = (lexicon, rules)
    return rules


def _alternation(section: Mapping[str, Any], key: str) -> re.Pattern[str] | None:
    patterns = _strings(section, key)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(
                f"lexicon [furniture] {key}: bad regular expression {pattern!r} ({exc})"
            ) from None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I | re.S) if patterns else None


def _compile_rules(lexicon: Lexicon) -> _Rules:
    section = lexicon.section("furniture")
    separators = _strings(section, "menu_separators")
    menu = None
    if separators:
        spaced = "|".join(re.escape(s) for s in separators)
        menu = re.compile(rf"\s+(?:{spaced})\s+|\s*\|\s*|\s{{2,}}")
    max_chars = section.get("max_line_chars", 300)
    if not isinstance(max_chars, int) or isinstance(max_chars, bool):
        raise ConfigError("lexicon [furniture] max_line_chars must be a whole number")
    labels = section.get("labels", {})
    bullets = labels.get("bullets", ("\u2022",)) if isinstance(labels, Mapping) else ("\u2022",)

    def folded(key: str) -> frozenset[str]:
        return frozenset(s.casefold().strip(_EXACT_TRIM) for s in _strings(section, key))

    return _Rules(
        lines=_alternation(section, "lines"),
        exact=folded("exact"),
        max_chars=max_chars,
        date_words=folded("dateline_words"),
        menu=menu,
        words=folded("words"),
        bullets="".join(b for b in bullets if isinstance(b, str) and len(b) == 1),
        ui_words=folded("ui_words"),
        list_headers=folded("list_headers"),
        list_header_lines=_alternation(section, "list_header_lines"),
    )


_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_UI_TOKEN = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH_DAY = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)",
    re.I,
)
_DATE_CHARS = re.compile(r"[^\w\s,.:/+()\u2013-]")
_META_SPLIT = re.compile(r"\s+[|\u00b7\u2022\u2013\u2014-]\s+|\s*\|\s*|\s{2,}")
_NAME = re.compile(r"(?:[A-Z][\w.'\u2019-]*\s+){0,3}[A-Z][\w.'\u2019-]*")


def _is_date_part(part: str, rules: _Rules) -> bool:
    if not _DIGIT.search(part) or _DATE_CHARS.search(part):
        return False
    return all(w in rules.date_words for w in _WORD.findall(part.casefold()))


def _meta_line(line: str, rules: _Rules) -> tuple[bool, str | None]:
    """Whether ``line`` is a dateline ("Friday, 18 October 2024, 13:35", "12 June 2025 | By Ola Brandt",
    "Published March 5, 2025 | 6 min read"), and its part that holds a date."""
    if len(line) > 120 or not _DIGIT.search(line):
        return False, None
    parts = [p.strip() for p in _META_SPLIT.split(line) if p.strip()]
    date_part = None
    names = 0
    for part in parts:
        if _is_date_part(part, rules):
            if date_part is None and (_YEAR.search(part) or _MONTH_DAY.search(part)):
                date_part = part
        elif _NAME.fullmatch(part):
            names += 1  # an author's name beside the date
        elif not _is_furniture(part, rules):
            return False, None
    if date_part is None or (names and len(parts) == names):
        return False, None
    return True, date_part


def _is_list_header(line: str, rules: _Rules) -> bool:
    if len(line) > 60:
        return False
    key = line.casefold().strip(_EXACT_TRIM)
    if key in rules.list_headers:
        return True
    return rules.list_header_lines is not None and bool(rules.list_header_lines.fullmatch(key))


def _is_menu(line: str, rules: _Rules) -> bool:
    if rules.menu is None:
        return False
    parts = [p for p in rules.menu.split(line) if p.strip(_EXACT_TRIM)]
    if len(parts) < 2:
        return False
    if _is_list_header(parts[0], rules):  # "You may also like \u203a A story \u203a Another"
        return True
    if len(parts) < 3:
        return False
    short = [len(p.split()) <= 3 and len(p) <= 30 and p.rstrip()[-1:] not in ".!?" for p in parts]
    return (short[0] and short[1]) or all(short)


def _is_ui_line(line: str, rules: _Rules) -> bool:
    """A line of buttons and menu words only ("Share  Save  Print", "Sign in | Subscribe")."""
    if len(line) > 120 or line.rstrip()[-1:] in ".?" or _DIGIT.search(line):
        return False
    tokens = _UI_TOKEN.findall(line.casefold())
    return bool(tokens) and all(t in rules.ui_words for t in tokens)


def _is_furniture(line: str, rules: _Rules) -> bool:
    if len(line) > rules.max_chars:
        return False
    if line.casefold().strip(_EXACT_TRIM) in rules.exact:
        return True
    if rules.lines is not None and rules.lines.fullmatch(line):
        return True
    return _is_menu(line, rules) or _is_ui_line(line, rules)


def _words_key(text: str) -> str:
    return " ".join(_UI_TOKEN.findall(text.casefold()))


def _is_masthead(line: str, outlet_key: str | None) -> bool:
    """The outlet's name as a masthead line ("THE GLOBAL REPORT", "CPA \u2013 Continental Press Agency")."""
    if not outlet_key or ":" in line or line.rstrip()[-1:] in ".!?":
        return False
    key = _words_key(line)
    return f" {outlet_key} " in f" {key} " and len(key.split()) <= len(outlet_key.split()) + 3


def _teaser_like(line: str) -> bool:
    """A line in a list of links to other stories: short, not a sentence of prose."""
    words = len(line.split())
    return words < 20 and not (words >= 8 and line.rstrip(_CLOSERS).endswith("."))


# --------------------------------------------------------------------------------------- word list


def _known(word: str, rules: _Rules) -> bool:
    w = word.casefold()
    return w in rules.words or w in english_words()


def _frequency(word: str) -> int:
    return english_words().get(word.casefold(), 0)


_TAIL = re.compile(r"([^\W\d_]+)(-?)$")
_HEAD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LOWER_WORD_BEFORE = re.compile(r"(?<!\S)[a-z][^\W\d_]*\s+$")


def _line_join(prev: str, nxt: str, rules: _Rules) -> tuple[str, int]:
    """How to join two lines of one paragraph: (separator, characters to cut from the end of ``prev``).

    A word broken across the line break ("arms tr" + "ade ...", "the In" + "do-Pacific") is re-joined;
    two words ("has notably" + "strengthened", "he" + "stated") get a space."""
    tail = _TAIL.search(prev)
    head = _HEAD.match(nxt)
    if tail is None or head is None:
        return " ", 0
    left, hyphen = tail.group(1), tail.group(2)
    right = head.group(0)
    right_first = right.split("-", 1)[0]
    joined = left + right_first
    if hyphen:  # "inter-" + "national": drop the hyphen only when the joined word is the common form
        if right[0].isupper():
            return "", 0
        if _known(joined, rules) and _frequency(joined) >= min(_frequency(left), _frequency(right_first)):
            return "", 1
        return "", 0
    if not right[0].islower() or not _known(joined, rules):
        return " ", 0
    if not _known(left, rules) or not _known(right_first, rules):
        return "", 0
    # "the In" + "do-Pacific": a capitalised common word in mid-sentence is the start of a longer word
    if left[0].isupper() and left[1:].islower() and _LOWER_WORD_BEFORE.search(prev[: tail.start()]):
        return "", 0
    return " ", 0


# ---------------------------------------------------------------------------------------- clean-up

# white space, including no-break and zero-width spaces and a stray byte-order mark
_SPACE = (
    " \t\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff"
)
_TERMINATORS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_MD_HEADING = re.compile(r"#{1,6}\s+")
_MD_QUOTE = re.compile(r">\s?")
_MD_INLINE = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]+)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|\*\*|__|`")
_MD_RULE = re.compile(r"(?:[-*_]\s*){3,}")
_TERMINAL = ".:;,"
_CLOSERS = "\"'\u201d\u2019\u00bb)"


@dataclass(slots=True)
class _Line:
    text: str
    spans: list[tuple[int, int]]  # (original start, length); their texts concatenate to ``text``
    heading: bool = False


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


# Words a wrapped line of prose often ends on and a headline almost never does.
_CONTINUING = frozenset(
    "a an the of to in on at for and or but that with by from as is was were are has had have said says "
    "will would could his her its their this these those not".split()
)


def _ends_like_headline(text: str) -> bool:
    words = text.split()
    return bool(words) and words[-1].casefold() not in _CONTINUING and ". " not in text


def _headline_like(text: str, bullets: str) -> bool:
    """A line that reads as a headline: short, several words, no final period."""
    if len(text) >= 200 or len(text.split()) < 2 or _is_bullet(text, bullets) or text[0].islower():
        return False
    return text.rstrip(_CLOSERS)[-1:] not in _TERMINAL


def _is_bullet(text: str, bullets: str) -> bool:
    return len(text) > 2 and text[0] in bullets and text[1] in " \t\u00a0"


def _markdown_line(text: str, start: int) -> _Line | None:
    """Markdown markup removed from one stripped line, spans pointing into the original."""
    heading = False
    m = _MD_HEADING.match(text)
    if m:
        heading = True
        text, start = text[m.end() :], start + m.end()
    else:
        m = _MD_QUOTE.match(text)
        if m:
            text, start = text[m.end() :], start + m.end()
    if _MD_RULE.fullmatch(text):
        return None
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _MD_INLINE.finditer(text):
        if m.start() > pos:
            pieces.append(text[pos : m.start()])
            spans.append((start + pos, m.start() - pos))
        if m.group(1):
            pieces.append(m.group(1))
            spans.append((start + m.start(1), len(m.group(1))))
        pos = m.end()
    if pos < len(text):
        pieces.append(text[pos:])
        spans.append((start + pos, len(text) - pos))
    joined = "".join(pieces)
    stripped = joined.strip(_SPACE)
    if not stripped:
        return None
    if stripped != joined:  # trim the spans to match
        lead = len(joined) - len(joined.lstrip(_SPACE))
        trail = len(joined) - len(joined.rstrip(_SPACE))
        spans = _trim_spans(spans, lead, trail)
    return _Line(stripped, spans, heading)


def _trim_spans(spans: list[tuple[int, int]], lead: int, trail: int) -> list[tuple[int, int]]:
    out = list(spans)
    while lead and out:
        s, n = out[0]
        cut = min(lead, n)
        out[0] = (s + cut, n - cut)
        lead -= cut
        if out[0][1] == 0:
            out.pop(0)
    while trail and out:
        s, n = out[-1]
        cut = min(trail, n)
        out[-1] = (s, n - cut)
        trail -= cut
        if out[-1][1] == 0:
            out.pop()
    return out


class _Builder:
    """Accumulates cleaned text and the (clean_start, original_start, length) runs behind it."""

    __slots__ = ("parts", "segments", "length")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[list[int]] = []
        self.length = 0

    def mapped(self, text: str, original: int) -> None:
        if not text:
            return
        if self.segments:
            last = self.segments[-1]
            if last[0] + last[2] == self.length and last[1] + last[2] == original:
                last[2] += len(text)
                self.parts.append(text)
                self.length += len(text)
                return
        self.segments.append([self.length, original, len(text)])
        self.parts.append(text)
        self.length += len(text)

    def inserted(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)


_HEADLINE_WINDOW = 15  # the headline is among the first kept lines of a page


def _find_headline(
    kept: Sequence[tuple[_Line, bool]], title_key: str | None, repeated: set[str], bullets: str
) -> int | None:
    """Index of the headline among ``kept``: the line equal to the known title, else a line the page
    repeats, else the first headline-like line standing alone (or with the body right under it)."""
    window = kept[:_HEADLINE_WINDOW]
    if title_key is not None:
        for i, (line, _) in enumerate(window):
            if _norm(line.text) == title_key:
                return i
    for i, (line, _) in enumerate(window):
        if _norm(line.text) in repeated and _headline_like(line.text, bullets):
            return i
    candidates: list[int] = []
    for i, (line, gap_before) in enumerate(window):
        body = line.text
        if not _teaser_like(body) or (len(body.split()) >= 5 and body.rstrip(_CLOSERS).endswith(".")):
            break  # the body has started: the headline is above it
        if not _headline_like(body, bullets):
            continue
        alone = line.heading or (gap_before and (i + 1 == len(kept) or kept[i + 1][1]))
        if not alone and i + 1 < len(kept) and not kept[i + 1][1]:
            # a headline with the body right under it, not the first line of wrapped prose
            alone = _ends_like_headline(body) and kept[i + 1][0].text[:1].isupper()
        if alone:
            candidates.append(i)
    # a masthead or section label is short or in capitals; a headline rarely is
    strong = [i for i in candidates if len(kept[i][0].text.split()) >= 4 and not kept[i][0].text.isupper()]
    if strong:
        return strong[0]
    return candidates[0] if candidates else None


def clean_text(
    text: str,
    *,
    lexicon: Lexicon | None = None,
    paragraph_lines: bool = False,
    markdown: bool = False,
    title: str | None = None,
    outlet: str | None = None,
) -> CleanedText:
    """Drop page furniture and join lines into paragraphs separated by ``\\n\\n``.

    ``paragraph_lines`` makes each line its own paragraph (text extracted from HTML); ``markdown`` removes
    heading marks, emphasis and link targets; ``title`` and ``outlet`` (from metadata) find the headline
    line and the masthead. Short lines above the headline (masthead, menus, section labels) are dropped.

    >>> clean_text("Advertisement:\\n\\nSeoul says\\nit is likely.\\n").text
    'Seoul says it is likely.'
    """
    rules = _rules(lexicon)
    bullets = rules.bullets
    title_key = _norm(title) if title else None
    outlet_key = _words_key(outlet) if outlet else None

    # 1. lines -> kept lines, each with a flag for "a blank or removed line came before"
    kept: list[tuple[_Line, bool]] = []
    seen: set[str] = set()
    repeated: set[str] = set()
    removed = 0
    dateline: str | None = None
    gap = True
    in_list = False
    pos = 0
    for raw in text.splitlines(keepends=True):
        line_start = pos
        pos += len(raw)
        content = raw.rstrip(_TERMINATORS)
        stripped = content.strip(_SPACE)
        line: _Line | None = None
        if stripped:
            start = line_start + len(content) - len(content.lstrip(_SPACE))
            line = _markdown_line(stripped, start) if markdown else _Line(stripped, [(start, len(stripped))])
        if line is None:
            gap, in_list = True, False
            continue
        body = line.text
        if in_list and _teaser_like(body):  # a link under "Related:", "Most read" ...
            removed += 1
            continue
        in_list = False
        if _is_list_header(body, rules):
            removed += 1
            gap, in_list = True, True
            continue
        if _is_furniture(body, rules) or _is_masthead(body, outlet_key):
            removed += 1
            gap = True
            continue
        is_meta, date_part = _meta_line(body, rules)
        if is_meta:
            removed += 1
            dateline = dateline or date_part
            gap = True
            continue
        key = _norm(body)
        if key in seen and (len(key.split()) >= 4 or key == title_key):
            repeated.add(key)
            removed += 1
            gap = True
            continue
        seen.add(key)
        kept.append((line, gap))
        gap = False

    # 2. the headline; short lines above it are the page's masthead, menus and section labels
    head = _find_headline(kept, title_key, repeated, bullets)
    headline = kept[head][0].text if head is not None else None
    if head:
        above = [i for i in range(head) if len(kept[i][0].text.split()) < 12]
        removed += len(above)
        drop = set(above)
        kept = [(line, gap or i - 1 in drop) for i, (line, gap) in enumerate(kept) if i not in drop]
        head -= len(above)

    # 3. lines -> paragraphs
    paragraphs: list[list[_Line]] = []
    prev_alone = False
    for i, (line, gap_before) in enumerate(kept):
        alone = i == head or line.heading
        if (
            paragraph_lines
            or gap_before
            or alone
            or prev_alone
            or _is_bullet(line.text, bullets)
            or not paragraphs
        ):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
        prev_alone = alone

    # 4. paragraphs -> text with offset runs
    out = _Builder()
    for p_index, para in enumerate(paragraphs):
        if p_index:
            out.inserted("\n\n")
        items: list[tuple[int, int] | str] = []
        previous = ""
        for l_index, line in enumerate(para):
            if l_index:
                sep, cut = _line_join(previous, line.text, rules)
                if cut:
                    s, n = items[-1]  # type: ignore[misc]
                    items[-1] = (s, n - cut)
                if sep:
                    items.append(sep)
            items.extend(line.spans)
            previous = line.text
        for item in items:
            if isinstance(item, str):
                out.inserted(item)
            else:
                s, n = item
                out.mapped(text[s : s + n], s)
    cleaned = "".join(out.parts)
    return CleanedText(
        text=cleaned,
        offset_map=OffsetMap(tuple((a, b, c) for a, b, c in out.segments)),
        removed_lines=removed,
        title=headline,
        dateline=dateline,
    )


# --------------------------------------------------------------------------------------------- HTML

_LONG_ATTRIBUTE = re.compile(r"""\s[\w:.-]+\s*=\s*(?:"[^"]{4096,}"|'[^']{4096,}')""")


_MAX_DEPTH = 255  # libxml2 cuts a tree deeper than this unless asked for huge trees


def _too_deep(html: str) -> bool:
    """Whether the parsed page reaches libxml2's depth limit (so text below it was dropped)."""
    import lxml.html

    try:
        node = lxml.html.fromstring(html)
    except _HTML_ERRORS:
        return False
    stack = [(node, 0)]
    while stack:
        node, depth = stack.pop()
        if depth >= _MAX_DEPTH - 1:
            return True
        stack.extend((child, depth + 1) for child in node)
    return False


@dataclass(frozen=True, slots=True)
class _Page:
    text: str
    title: str | None
    outlet: str | None
    published: date | None
    url: str | None


def _extract_html(html: str) -> _Page:
    """Main text and metadata of an HTML page with trafilatura; hostile pages become a _Skip."""
    import trafilatura

    # Megabyte attributes (inline data, tracking blobs) make trafilatura's regexes crawl; they hold no text.
    html = _LONG_ATTRIBUTE.sub(" ", html)
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True
        )
    except RecursionError:
        raise _Skip("HTML page is nested too deeply to parse") from None
    except _HTML_ERRORS as exc:
        raise _Skip(f"HTML page could not be parsed ({type(exc).__name__}: {str(exc)[:80]})") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        if _too_deep(html):
            raise _Skip(f"HTML page is nested too deeply (over {_MAX_DEPTH} levels) to find its main text")
        raise _Skip("no main text found in the HTML page (only navigation, scripts or markup)")
    return _Page(
        text=text,
        title=_clean_str(getattr(doc, "title", None)),
        outlet=_clean_str(getattr(doc, "sitename", None)),
        published=parse_date(getattr(doc, "date", None)),
        url=_clean_str(getattr(doc, "url", None)),
    )


# ---------------------------------------------------------------------------------------- articles


def _skipped(
    article_id: str, path: str, reason: str, fmt: str | None = None, encoding: str | None = None
) -> Article:
    return Article(
        id=article_id, path=path, status=ArticleStatus.SKIPPED, reason=reason, format=fmt, encoding=encoding
    )


def _document(
    article_id: str,
    path: str,
    fmt: str,
    encoding: str | None,
    source: str,
    meta: MetaEntry | None,
    lexicon: Lexicon,
    *,
    outlet: str | None = None,
    published: date | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Article:
    """One article from a page's text (``fmt`` "txt", "md" or "html"); fields given override ``meta``."""
    page: _Page | None = None
    if fmt == "html":
        page = _extract_html(source)
        source = page.text
    known_title = title or (meta.title if meta else None) or (page.title if page else None)
    known_outlet = outlet or (meta.outlet if meta else None) or (page.outlet if page else None)
    cleaned = clean_text(
        source,
        lexicon=lexicon,
        paragraph_lines=fmt == "html",
        markdown=fmt == "md",
        title=known_title,
        outlet=known_outlet,
    )
    if not cleaned.text.strip():
        raise _Skip(
            f"no article text left after removing page furniture ({cleaned.removed_lines} lines removed)"
        )
    return Article(
        id=article_id,
        path=path,
        status=ArticleStatus.OK,
        text=cleaned.text,
        source_text=source,
        outlet=known_outlet,
        published=published
        or (meta.published if meta else None)
        or (page.published if page else None)
        or (parse_date(cleaned.dateline) if cleaned.dateline else None),
        title=known_title or cleaned.title,
        url=url or (meta.url if meta else None) or (page.url if page else None),
        format=fmt,
        encoding=encoding,
        offset_map=cleaned.offset_map,
        removed_lines=cleaned.removed_lines,
    )


def _first(record: Mapping[str, Any], keys: Iterable[str]) -> object:
    for key in keys:
        if key in record and record[key] not in (None, ""):
            value = record[key]
            if isinstance(value, dict):  # {"source": {"name": "Reuters"}}
                value = value.get("name")
            return value
    return None


class _Ids:
    """Article ids unique across one ingest: ``x``, ``x-2``, ``x-3`` ... in input order."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, base: str) -> str:
        base = base or "article"
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate


@dataclass(frozen=True, slots=True)
class _Input:
    shown: str  # the path as given or walked
    fs: Path
    in_folder: bool


class _Reader:
    def __init__(self, config: Config, lexicon: Lexicon, strict: bool) -> None:
        self.config = config
        self.lexicon = lexicon
        self.strict = strict
        self.ids = _Ids()
        self.articles: list[Article] = []

    def add(self, article: Article, line: int | None = None) -> None:
        if self.strict and not article.ok:
            reason = article.reason or "skipped"
            raise SkippedInput(reason, path=article.path, line=line)
        self.articles.append(article)

    def skip_file(
        self, item: _Input, reason: str, fmt: str | None = None, encoding: str | None = None
    ) -> None:
        self.add(_skipped(self.ids.claim(item.fs.stem), item.shown, reason, fmt, encoding))

    def read(self, item: _Input, meta: MetaEntry | None) -> None:
        suffix = item.fs.suffix.lower()
        fmt = FORMATS.get(suffix)
        if fmt is None and (suffix or item.in_folder):
            what = f"unsupported file type {suffix}" if suffix else "unsupported file type (no extension)"
            self.skip_file(item, f"{what}; checker reads {', '.join(sorted(set(FORMATS)))}")
            return
        done = len(self.articles)
        try:
            self._read_file(item, meta, fmt)
        except CheckerError:  # --strict, or a bad lexicon: not this file's fault, the run stops
            raise
        except Exception as exc:  # noqa: BLE001 - one file's reader failing must not end the run
            del self.articles[done:]  # records read before the failure go with their file
            self.skip_file(item, _reader_failed(exc, fmt))

    def _read_file(self, item: _Input, meta: MetaEntry | None, fmt: str | None) -> None:
        try:
            data = self._read_bytes(item)
            text, encoding = _decode(data)
        except _Skip as skip:
            self.skip_file(item, skip.reason, fmt)
            return
        if not text.strip(_SPACE + _TERMINATORS):
            self.skip_file(item, "empty file (only white space)", fmt, encoding)
            return
        fmt = detect_format(item.fs, text) or "txt"
        if fmt in _RECORD_FORMATS:
            # file-level metadata gives records a default outlet and date, never one title for all
            defaults = MetaEntry(meta.file, meta.outlet, meta.published) if meta else None
            self._read_records(item, fmt, text, encoding, defaults)
            return
        article_id = self.ids.claim(item.fs.stem)
        try:
            article = _document(article_id, item.shown, fmt, encoding, text, meta, self.lexicon)
        except _Skip as skip:
            article = _skipped(article_id, item.shown, skip.reason, fmt, encoding)
        self.add(article)

    def _read_bytes(self, item: _Input) -> bytes:
        limit = self.config.max_file_bytes
        try:
            info = os.stat(item.fs)
        except FileNotFoundError:
            raise _Skip("file vanished before it could be read (moved, deleted, or a broken link)") from None
        except OSError as exc:
            raise _Skip(f"cannot read file ({exc.strerror or exc})") from None
        if not stat.S_ISREG(info.st_mode):
            raise _Skip("not a regular file (a device, pipe or socket)")
        if info.st_size == 0:
            raise _Skip("empty file (0 bytes)")
        if info.st_size > limit:
            raise _Skip(_too_big(info.st_size, limit))
        try:
            with open(item.fs, "rb") as handle:
                data = handle.read(limit + 1)
        except FileNotFoundError:
            raise _Skip("file vanished before it could be read (moved or deleted)") from None
        except PermissionError:
            raise _Skip("cannot read file (permission denied); check its permissions") from None
        except OSError as exc:
            raise _Skip(f"cannot read file ({exc.strerror or exc})") from None
        if len(data) > limit:
            raise _Skip(_too_big(len(data), limit))
        if not data:
            raise _Skip("empty file (0 bytes)")
        return data

    # -------------------------------------------------------------------------------------- records

    def _read_records(self, item: _Input, fmt: str, text: str, encoding: str, meta: MetaEntry | None) -> None:
        stem = item.fs.stem
        try:
            records = list(_records(text, fmt, self.config.max_file_bytes))
        except _Skip as skip:
            reason = f"line {skip.line}: {skip.reason}" if skip.line else skip.reason
            self.add(_skipped(self.ids.claim(stem), item.shown, reason, fmt, encoding), skip.line)
            return
        if not records:
            self.skip_file(item, "no records in file", fmt, encoding)
            return
        first_line: dict[str, int] = {}
        where = "record" if fmt == "json" else "line"
        for number, record in records:
            if isinstance(record, _Skip):
                article_id = self.ids.claim(record.record_id or f"{stem}-{number}")
                reason = f"{where} {number}: {record.reason}"
                self.add(_skipped(article_id, f"{item.shown}#{article_id}", reason, fmt, encoding), number)
                continue
            own_id = _clean_str(record.get("id"))
            # a record's id becomes part of an article id and path, which are printed on one line
            base = printable(own_id) if own_id else f"{stem}-{number}"
            if own_id is not None and own_id in first_line:
                article_id = self.ids.claim(base)
                reason = (
                    f"{where} {number}: duplicate id '{base}' (first used on {where} {first_line[own_id]})"
                )
                self.add(_skipped(article_id, f"{item.shown}#{article_id}", reason, fmt, encoding), number)
                continue
            if own_id is not None:
                first_line[own_id] = number
            article_id = self.ids.claim(base)
            path = f"{item.shown}#{article_id}"
            body = _first(record, _TEXT_KEYS)
            if not isinstance(body, str) or not body.strip(_SPACE + _TERMINATORS):
                what = "has no text" if body is None else "has an empty or non-string text field"
                self.add(
                    _skipped(article_id, path, f"{where} {number}: record {what}", fmt, encoding), number
                )
                continue
            sub_fmt = "html" if _looks_like_html(body) else "txt"
            try:
                article = _document(
                    article_id,
                    path,
                    sub_fmt,
                    encoding,
                    body,
                    meta,
                    self.lexicon,
                    outlet=_clean_str(_first(record, _OUTLET_KEYS)),
                    published=parse_date(_first(record, _DATE_KEYS)),
                    title=_clean_str(_first(record, _TITLE_KEYS)),
                    url=_clean_str(_first(record, _URL_KEYS)),
                )
            except _Skip as skip:
                self.add(
                    _skipped(article_id, path, f"{where} {number}: {skip.reason}", fmt, encoding), number
                )
                continue
            except CheckerError:
                raise
            except Exception as exc:  # noqa: BLE001 - one record's reader failing must not end the run
                reason = f"{where} {number}: {_reader_failed(exc, sub_fmt)}"
                self.add(_skipped(article_id, path, reason, fmt, encoding), number)
                continue
            self.add(_with_format(article, fmt), number)


def _with_format(article: Article, fmt: str) -> Article:
    return replace(article, format=fmt)


def _too_big(size: int, limit: int) -> str:
    return (
        f"file is {size / 1e6:.1f} MB ({size} bytes), over the limit of {limit} bytes; "
        f"raise max_file_bytes in a --config TOML file to read it"
    )


def _records(text: str, fmt: str, max_bytes: int) -> Iterable[tuple[int, dict[str, Any] | _Skip]]:
    """(line or record number, record or the reason it is bad). A file-level problem raises _Skip."""
    text = text.lstrip("\ufeff")
    if fmt == "jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, _Skip(f"malformed JSON ({exc.msg})")
                continue
            except RecursionError:
                yield number, _Skip("malformed JSON (nested too deeply)")
                continue
            yield number, value if isinstance(value, dict) else _Skip("record is not a JSON object")
        return
    if fmt == "json":
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _Skip(f"malformed JSON ({exc.msg}, column {exc.colno})", exc.lineno) from None
        except RecursionError:
            raise _Skip("malformed JSON (nested too deeply)") from None
        items = value.get("articles") if isinstance(value, dict) else value
        if isinstance(value, dict) and items is None and any(k in value for k in _TEXT_KEYS):
            items = [value]  # a single record
        if not isinstance(items, list):
            raise _Skip('expected a list of records or {"articles": [records]}')
        for number, item in enumerate(items, start=1):
            yield number, item if isinstance(item, dict) else _Skip("record is not a JSON object")
        return
    # csv
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, max_bytes))
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        try:
            columns = [(c or "").strip().lower() for c in (reader.fieldnames or [])]
        except csv.Error as exc:
            raise _Skip(f"malformed CSV ({exc})", 1) from None
        if not any(k in columns for k in _TEXT_KEYS):
            raise _Skip(
                f"CSV has no 'text' column (columns: {printable(', '.join(columns)) or 'none'}); "
                "expected id,outlet,url,published,title,text",
                1,
            )
        rows: list[tuple[int, dict[str, Any] | _Skip]] = []
        previous = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise _Skip(f"malformed CSV ({exc})", reader.line_num) from None
            number = previous + 1
            previous = reader.line_num
            if None in row:
                own_id = _clean_str(row.get("id"))
                record_id = printable(own_id) if own_id else None
                rows.append((number, _Skip("row has more fields than the header", record_id=record_id)))
                continue
            rows.append((number, {(k or "").strip().lower(): v for k, v in row.items()}))
    finally:
        csv.field_size_limit(limit)
    yield from rows


# --------------------------------------------------------------------------------------- walking


def _as_paths(paths: Sequence[str | Path] | str | Path) -> list[str | Path]:
    if isinstance(paths, (str, Path)):
        return [paths]
    return list(paths)


def _walk(root: str) -> Iterable[str]:
    """Files under ``root``, sorted, hidden files and folders left out."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(folder, name)


class _MetaIndex:
    """meta.json files beside inputs, read once per folder, plus an explicit ``--meta`` file."""

    def __init__(self, explicit: str | Path | None) -> None:
        self.explicit = read_meta(explicit) if explicit is not None else None
        self.explicit_base = Path(explicit).resolve().parent if explicit is not None else None
        self.folders: dict[Path, dict[str, MetaEntry] | None] = {}

    def _folder(self, folder: Path) -> dict[str, MetaEntry] | None:
        if folder not in self.folders:
            candidate = folder / _META_NAME
            self.folders[folder] = read_meta(candidate) if candidate.is_file() else None
        return self.folders[folder]

    @staticmethod
    def _lookup(entries: dict[str, MetaEntry] | None, base: Path, file: Path) -> MetaEntry | None:
        if not entries:
            return None
        try:
            rel = file.relative_to(base).as_posix()
        except ValueError:
            rel = None
        if rel is not None and rel in entries:
            return entries[rel]
        return entries.get(file.name)

    def find(self, file: Path, root: Path | None) -> MetaEntry | None:
        resolved = file.resolve() if file.exists() else file.absolute()
        found: list[MetaEntry | None] = []
        if self.explicit is not None and self.explicit_base is not None:
            found.append(self._lookup(self.explicit, self.explicit_base, resolved))
        folder = resolved.parent
        stop = root.resolve() if root is not None else folder
        while True:
            found.append(self._lookup(self._folder(folder), folder, resolved))
            if folder == stop or folder.parent == folder:
                break
            folder = folder.parent
        return _merge_meta(*found)


def read_articles(
    paths: Sequence[str | Path],
    *,
    meta: str | Path | None = None,
    config: Config = _DEFAULT_CONFIG,
    lexicon: Lexicon | None = None,
    strict: bool = False,
) -> tuple[Article, ...]:
    """Read files and folders (walked recursively) into articles, in input order.

    Every input appears in the result: unreadable files and records as SKIPPED articles with a reason
    (``strict`` raises :class:`SkippedInput` at the first instead). Raises :class:`InputError` for a
    path that does not exist, a malformed metadata file, or when no article at all could be read.

    >>> [a.id for a in read_articles(["news/"])]  # doctest: +SKIP
    ['000_cfca0de8e298f2b1', '001_18f0df8674141607']
    """
    given = _as_paths(paths)
    if not given:
        raise InputError("no input given; pass one or more files or folders")
    for p in given:
        if not os.path.lexists(p):
            raise InputError("no such file or folder; check the path", path=str(p))
    metas = _MetaIndex(meta)
    reader = _Reader(config, lexicon if lexicon is not None else _default_lexicon(), strict)
    for p in given:
        shown = str(p)
        if os.path.isdir(p):
            root = Path(p)
            for walked in _walk(shown):
                fs = Path(walked)
                if fs.name == _META_NAME:  # metadata, read by _MetaIndex
                    continue
                reader.read(_Input(walked, fs, True), metas.find(fs, root))
        elif Path(p).name != _META_NAME:  # a meta.json given by a shell glob is metadata, not an article
            fs = Path(p)
            reader.read(_Input(shown, fs, False), metas.find(fs, None))
    articles = tuple(reader.articles)
    if not articles:
        raise InputError(
            "no input files found (folders are empty, or hold only hidden files and meta.json)",
            path=", ".join(str(p) for p in given),
        )
    if not any(a.ok for a in articles):
        first = articles[0]
        raise InputError(
            f"no article could be read: all {len(articles)} inputs were skipped "
            f"(first: {first.path}: {first.reason})",
            path=", ".join(str(p) for p in given),
        )
    return articles


def read_text_input(
    text: str,
    *,
    article_id: str = "draft",
    path: str = "<draft>",
    outlet: str | None = None,
    published: date | str | None = None,
    title: str | None = None,
    lexicon: Lexicon | None = None,
) -> Article:
    """Clean a given string (a draft to check) into an article; HTML is reduced to its main text.

    Raises :class:`InputError` when nothing is left to check."""
    lexicon = lexicon if lexicon is not None else _default_lexicon()
    fmt = "html" if _looks_like_html(text) else "txt"
    try:
        return _document(
            article_id,
            path,
            fmt,
            None,
            text,
            None,
            lexicon,
            outlet=outlet,
            published=parse_date(published),
            title=title,
        )
    except _Skip as skip:
        raise InputError(f"{skip.reason}; give the text to check", path=path) from None
    except CheckerError:
        raise
    except Exception as exc:  # noqa: BLE001 - the reader's own failure, said as for a file
        raise InputError(_reader_failed(exc, fmt), path=path) from None
