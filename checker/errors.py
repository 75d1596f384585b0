"""Errors named for users. Each message says what happened, the likely cause and the fix.

Exit codes (documented in ``checker --help`` and the README):

* 0: success (``check``: no verdict at or above ``--fail-on``)
* 1: ``check`` only: a draft claim got a verdict at or above ``--fail-on``
* 2: bad usage or unreadable input (missing path, no readable article, a skip under ``--strict``,
  bad config or lexicon, a model that cannot be loaded, a cache or index that is locked or read-only)
* 3: an internal error (a bug in checker or a library it uses); the traceback is written to a file
  and the one-line message names it (``--debug`` prints it)
* 130: interrupted (Ctrl-C); whatever was cached stays usable
"""

from __future__ import annotations

import re
import sqlite3

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control, line-separator and text-direction characters written as escapes (a newline
    as ``\\n``, ESC as ``\\x1b``), so a value from an input file that reaches an id, a path or a message
    keeps it on one line and cannot drive the terminal."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


class CheckerError(Exception):
    """Base of every error checker raises on purpose. ``str(err)`` is one line for the user."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")


class InputError(CheckerError):
    """An input path or file cannot be used at all (missing, empty folder, nothing readable)."""


class SkippedInput(CheckerError):
    """One input file could not be read; ingest records it as skipped unless ``strict``."""


class ConfigError(CheckerError):
    """A config or lexicon file is malformed or names an unknown setting."""


class ModelError(CheckerError):
    """The embedding model could not be loaded from the given name or path."""


class CorpusIndexError(CheckerError):
    """A corpus index database is missing, unreadable or of another version."""


class CacheError(CheckerError):
    """The embedding cache cannot be used: locked by another process, read-only, or its disk is full."""


class StageError(CheckerError):
    """A pipeline stage broke its contract (a bug in checker, not in the input)."""

    exit_code = EXIT_INTERNAL


class CheckerWarning(UserWarning):
    """Something the user should know that does not stop the run (a damaged cache set aside). The CLI
    prints each as one ``checker: warning:`` line; library callers see an ordinary warning."""


def sqlite_code(exc: BaseException) -> int:
    """SQLite's primary result code of a ``sqlite3.Error`` (extended codes keep it in the low byte), -1
    when it carries none."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else -1


def sqlite_damaged(exc: BaseException) -> bool:
    """Whether a ``sqlite3.Error`` says the file is not an intact SQLite database."""
    return sqlite_code(exc) in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)


def sqlite_problem(exc: BaseException, waited: float) -> str:
    """What a ``sqlite3.Error`` means for the user of a database file, as a phrase after 'the file ...'."""
    code = sqlite_code(exc)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return f"is locked by another process (waited {waited:g} s)"
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_AUTH):
        return "cannot be opened for writing (a read-only file or folder, or no permission)"
    if code == sqlite3.SQLITE_FULL:
        return "cannot grow: the disk is full"
    if code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
        return "is damaged"
    return "cannot be used"
