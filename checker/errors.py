"""Errors named for users. Each message says what happened, the likely cause and the fix.

Exit codes (documented in ``checker --help`` and the README):

* 0: success (``check``: no verdict at or above ``--fail-on``)
* 1: ``check`` only: a draft claim got a verdict at or above ``--fail-on``
* 2: bad usage or unreadable input (missing path, no readable article, a skip under ``--strict``,
  bad config or lexicon, a model that cannot be loaded)
* 130: interrupted (Ctrl-C); whatever was cached stays usable
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


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


class StageError(CheckerError):
    """A pipeline stage broke its contract (a bug in checker, not in the input)."""
