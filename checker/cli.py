"""The command line: parse options, call the library, render, set the exit code. Nothing else.

Exit codes: 0 success; 1 (check only) a verdict at or above --fail-on; 2 bad usage or unreadable
input; 3 internal error (traceback written to a file, printed with --debug); 130 interrupted.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from checker import __version__
from checker.config import DEFAULT_MODEL, Config, load_config
from checker.errors import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    CheckerError,
    CheckerWarning,
    printable,
)
from checker.lexicons import Lexicon, load_lexicon
from checker.models import Report
from checker.report import FORMATS, format_from_extension, render

INTERNAL_HELP = (
    "3 internal error (a bug: one line names the file holding the traceback; --debug prints it); "
    "130 interrupted."
)
EXIT_CODES_HELP = (
    "Exit codes: 0 success; 2 bad usage or unreadable input (missing path, no readable article, "
    "any skipped file with --strict, bad config/lexicon/model, a locked or read-only cache); " + INTERNAL_HELP
)


class _Progress:
    """tqdm bars on stderr, one per stage; silent when stderr is not a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bars: dict[str, Any] = {}

    def __call__(self, stage: str, advance: int, total: int) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        bar = self.bars.get(stage)
        if bar is None:
            bar = tqdm(total=total, desc=f"{stage:8}", unit="item", file=sys.stderr, leave=False)
            self.bars[stage] = bar
        if advance:
            bar.update(advance)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


class _InterruptGuard:
    """Remember a Ctrl-C even when Python swallows its KeyboardInterrupt (one raised inside an object's
    finaliser is only printed as 'Exception ignored'), so an interrupted run never exits 0."""

    def __init__(self) -> None:
        self.hit = False
        self._previous = None
        self._previous_hook = sys.unraisablehook

    def _handler(self, signum, frame):  # type: ignore[no-untyped-def]
        self.hit = True
        raise KeyboardInterrupt

    def _unraisable(self, unraisable: Any) -> None:
        # Python prints "Exception ignored in ... Traceback" for the swallowed Ctrl-C; it is remembered and
        # raised by check(), so the note is noise that would put a traceback before "interrupted".
        if self.hit and isinstance(unraisable.exc_value, KeyboardInterrupt):
            return
        self._previous_hook(unraisable)

    def __enter__(self) -> _InterruptGuard:
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handler)
            self._previous_hook = sys.unraisablehook
            sys.unraisablehook = self._unraisable
        return self

    def __exit__(self, *exc: object) -> None:
        import signal

        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            sys.unraisablehook = self._previous_hook

    def check(self) -> None:
        if self.hit:
            raise KeyboardInterrupt


def _fail(err: CheckerError) -> None:
    click.echo(f"checker: error: {printable(str(err))}", err=True)
    sys.exit(err.exit_code)


def _crash_report(exc: BaseException) -> str:
    """Write ``exc``'s traceback, with what ran, to a new file in the temp folder; return its path."""
    handle, name = tempfile.mkstemp(prefix="checker-crash-", suffix=".txt")
    with os.fdopen(handle, "w", encoding="utf-8", errors="replace") as out:
        out.write(f"checker {__version__}, Python {platform.python_version()} on {platform.platform()}\n")
        out.write(f"command: {' '.join(sys.argv)}\n\n")
        out.write("".join(traceback.format_exception(exc)))
    return name


def _crash(exc: Exception, debug: bool) -> None:
    """An error no part of checker expected: one line naming where the traceback went, exit 3."""
    what = printable(f"{type(exc).__name__}: {' '.join(str(exc).split())}".rstrip(": "))[:300]
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
        click.echo(f"checker: internal error ({what}); a bug in checker, please report it", err=True)
        sys.exit(EXIT_INTERNAL)
    try:
        where = f"the full traceback is in {_crash_report(exc)}"
    except OSError as err:
        where = f"the traceback could not be written ({err.strerror or err})"
    click.echo(
        f"checker: internal error ({what}); a bug in checker, please report it; {where}; "
        "run again with --debug to print it",
        err=True,
    )
    sys.exit(EXIT_INTERNAL)


def _warnings_as_lines(show: Callable[..., None]) -> Callable[..., None]:
    """A ``warnings.showwarning`` that prints each CheckerWarning as one line and passes others to ``show``."""

    def show_warning(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        if issubclass(category, CheckerWarning):
            click.echo(f"checker: warning: {printable(str(message))}", err=True)
        else:
            show(message, category, filename, lineno, file, line)

    return show_warning


_DEBUG = "checker.debug"


class CheckerGroup(click.Group):
    """Maps whatever escapes a command to the documented exit codes, so a crash never reads as a finding
    (exit 1 belongs to check's --fail-on). The one place that catches every Exception: below it, code
    catches only the errors it names."""

    def invoke(self, ctx: click.Context) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("always", CheckerWarning)
            warnings.showwarning = _warnings_as_lines(warnings.showwarning)
            try:
                return super().invoke(ctx)
            except click.exceptions.Exit:
                raise
            except click.ClickException as err:
                if err.exit_code == EXIT_FINDINGS:  # click's default code would read as a finding
                    err.exit_code = EXIT_USAGE
                raise
            except click.Abort:
                raise
            except KeyboardInterrupt:
                click.echo("checker: interrupted", err=True)
                sys.exit(EXIT_INTERRUPTED)
            except CheckerError as err:
                _fail(err)
            except Exception as exc:  # noqa: BLE001 - the top of the program: report, never a bare traceback
                _crash(exc, bool(ctx.meta.get(_DEBUG)))


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[_DEBUG] = True


def debug_option(func: Callable) -> Callable:
    return click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_set_debug,
        help="On an internal error, print the full traceback instead of writing it to a file.",
    )(func)


def _load(config_path: str | None, lexicon_paths: tuple[str, ...]) -> tuple[Config, Lexicon]:
    return load_config(config_path), load_lexicon(lexicon_paths)


def _write(report_text: str, output: str | None) -> None:
    if output is None:
        click.echo(report_text, nl=not report_text.endswith("\n"))
        return
    try:
        Path(output).write_text(report_text, encoding="utf-8")
    except OSError as exc:
        raise CheckerError(
            f"cannot write the report ({exc.strerror}); check the folder exists", path=output
        ) from None


def _pick_format(fmt: str | None, output: str | None) -> str:
    if fmt:
        return fmt
    if output:
        return format_from_extension(output) or "table"
    return "table"


def _report_skips(report: Report, quiet: bool) -> None:
    if quiet:
        return
    for article in report.articles:
        if not article.ok:
            _skip_line(article.path, article.reason or "skipped")


def _skip_line(path: str, reason: str) -> None:
    click.echo(f"checker: skipped {printable(path)}: {printable(reason)}", err=True)


def common_options(func: Callable) -> Callable:
    """Options shared by analyze and check."""
    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(FORMATS),
            help="Report format (default: from --output's extension, else table).",
        ),
        click.option(
            "--output",
            "-o",
            type=click.Path(dir_okay=False),
            help="Write the report to FILE instead of stdout.",
        ),
        click.option(
            "--model",
            default=None,
            help=f"sentence-transformers model: a local path or installed name (default: {DEFAULT_MODEL}, bundled, offline).",
        ),
        click.option(
            "--config",
            "config_path",
            type=click.Path(dir_okay=False),
            help="TOML file overriding thresholds (see README).",
        ),
        click.option(
            "--lexicon",
            "lexicon_paths",
            multiple=True,
            type=click.Path(dir_okay=False),
            help="TOML lexicon extending the defaults; repeatable.",
        ),
        click.option(
            "--cache-dir",
            type=click.Path(file_okay=False),
            help="Folder of the embedding cache (default: the user cache folder).",
        ),
        click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache."),
        click.option(
            "--verbose", "-v", is_flag=True, help="Show every subject, not only those with conflicts."
        ),
        click.option("--quiet", "-q", is_flag=True, help="No progress bar and no skip messages on stderr."),
        debug_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


MAIN_EXIT_HELP = (
    "Exit codes: 0 success; 1 only from 'check': a draft claim's verdict at or above --fail-on; 2 bad usage "
    "or unreadable input (missing path, nothing readable, a skip with --strict, bad config/lexicon/model, a "
    "locked or read-only cache or index); " + INTERNAL_HELP
)


@click.group(
    cls=CheckerGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=MAIN_EXIT_HELP
)
@click.version_option(__version__, prog_name="checker")
@debug_option
def main() -> None:
    """checker: find where news outlets disagree on figures, certainty and categories.

    Offline and explainable: every finding names its sources, dates and exact quotes.
    """


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--meta", type=click.Path(dir_okay=False), help="JSON or CSV giving outlet/published/title per file."
)
@click.option("--strict", is_flag=True, help="Exit 2 if any input file is skipped.")
@common_options
def analyze(
    paths: tuple[str, ...],
    meta: str | None,
    strict: bool,
    fmt: str | None,
    output: str | None,
    model: str | None,
    config_path: str | None,
    lexicon_paths: tuple[str, ...],
    cache_dir: str | None,
    no_cache: bool,
    verbose: bool,
    quiet: bool,
) -> None:
    """Analyze a set of articles (folders or files: .txt .html .md .jsonl .json .csv) about one story.

    \b
    Example:
      checker analyze fixtures/quake
      checker analyze articles/ --meta meta.csv --output report.html
    """
    from checker.pipeline import analyze as run_analyze

    progress = _Progress(enabled=not quiet and sys.stderr.isatty())
    try:
        config, lexicon = _load(config_path, lexicon_paths)
        with _InterruptGuard() as guard:
            report = run_analyze(
                list(paths),
                meta=meta,
                config=config,
                lexicon=lexicon,
                model=model,
                cache_dir=cache_dir,
                use_cache=not no_cache,
                strict=strict,
                progress=progress,
            )
            guard.check()
        progress.close()
        _report_skips(report, quiet)
        _write(render(report, _pick_format(fmt, output), verbose=verbose), output)
    except CheckerError as err:
        progress.close()
        _fail(err)
    except KeyboardInterrupt:
        progress.close()
        click.echo("checker: interrupted; embeddings cached so far are kept", err=True)
        sys.exit(EXIT_INTERRUPTED)


# --fail-on levels, worst first (checker.check.FAIL_ON_CHOICES; kept here so --help needs no numpy import).
FAIL_ON_LEVELS = (
    "contradicted",
    "outdated",
    "overstated",
    "unattributed",
    "understated",
    "no_prior_coverage",
    "never",
)
CHECK_EXIT_HELP = (
    "Verdicts, worst first: contradicted > outdated > overstated > unattributed > understated > "
    "no_prior_coverage > supported. Exit codes: 0 no verdict at or above --fail-on; 1 some claim's verdict "
    "is at or above --fail-on (default overstated: overstated, outdated or contradicted); 2 bad usage or unreadable input (missing or "
    "unreadable draft, no index or not an index, both or neither of --db and --against, bad "
    "config/lexicon/model, a locked or read-only cache or index); " + INTERNAL_HELP
)
INDEX_EXIT_HELP = (
    "Exit codes: 0 success; 2 bad usage or unreadable input (missing path, no readable article, any skipped "
    "file with --strict, a file that is not a checker index or of another version, an index that is locked "
    "or read-only, bad config/lexicon/model); " + INTERNAL_HELP
)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.0f} kB"


@main.command("index", epilog=INDEX_EXIT_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--db",
    required=True,
    type=click.Path(dir_okay=False),
    help="The index file (SQLite): created if missing, else updated.",
)
@click.option("--prune", is_flag=True, help="Remove indexed articles whose files are gone.")
@click.option(
    "--meta", type=click.Path(dir_okay=False), help="JSON or CSV giving outlet/published/title per file."
)
@click.option("--strict", is_flag=True, help="Exit 2 if any input file is skipped.")
@click.option(
    "--model",
    default=None,
    help=f"sentence-transformers model: a local path or installed name (default: {DEFAULT_MODEL}); "
    "'hashing' for a quick model-free index.",
)
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="TOML file overriding thresholds."
)
@click.option(
    "--lexicon",
    "lexicon_paths",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="TOML lexicon extending the defaults; repeatable.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no skip messages on stderr.")
@debug_option
def index_command(
    paths: tuple[str, ...],
    db: str,
    prune: bool,
    meta: str | None,
    strict: bool,
    model: str | None,
    config_path: str | None,
    lexicon_paths: tuple[str, ...],
    quiet: bool,
) -> None:
    """Build or update a corpus index of prior coverage, for 'checker check --db'.

    Re-running adds only new or changed articles (by content hash); --prune drops articles whose files
    are gone. Articles, claims and their embeddings are kept in one SQLite file.

    \b
    Example:
      checker index coverage/ --db coverage.db
      checker index coverage/ --db coverage.db --prune
    """
    from checker.prepublish import build_index

    progress = _Progress(enabled=not quiet and sys.stderr.isatty())
    try:
        config, lexicon = _load(config_path, lexicon_paths)
        update = build_index(
            list(paths),
            db=db,
            meta=meta,
            config=config,
            lexicon=lexicon,
            model=model,
            strict=strict,
            prune=prune,
            progress=progress,
        )
        progress.close()
        if not quiet:
            for path, reason in update.skipped:
                _skip_line(path, reason)
        stats = update.stats
        click.echo(
            f"{update.db}: {len(update.added)} added, {len(update.updated)} updated, {update.unchanged} "
            f"unchanged, {len(update.removed)} removed, {len(update.skipped)} skipped ({update.claims} claims "
            f"written); the index holds {stats.articles} articles, {stats.claims} claims, {_size(stats.bytes)}; "
            f"model {update.model}"
        )
    except CheckerError as err:
        progress.close()
        _fail(err)
    except KeyboardInterrupt:
        progress.close()
        click.echo("checker: interrupted; batches already written stay in the index", err=True)
        sys.exit(EXIT_INTERRUPTED)


@main.command(epilog=CHECK_EXIT_HELP)
@click.argument("draft", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--db", type=click.Path(dir_okay=False), help="Corpus index built by 'checker index'.")
@click.option(
    "--against",
    multiple=True,
    type=click.Path(),
    help="Check against these articles (files or folders) instead of an index; repeatable.",
)
@click.option(
    "--meta",
    type=click.Path(dir_okay=False),
    help="With --against: JSON or CSV giving outlet/published/title per file.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON_LEVELS),
    default="overstated",
    show_default=True,
    help="Exit 1 when a claim's verdict is LEVEL or worse (see the order below); 'never' exits 0.",
)
@click.option(
    "--published",
    default=None,
    help="The draft's date (YYYY-MM-DD) for its relative dates (default: meta.json beside the draft).",
)
@common_options
def check(
    draft: str,
    db: str | None,
    against: tuple[str, ...],
    meta: str | None,
    fail_on: str,
    published: str | None,
    fmt: str | None,
    output: str | None,
    model: str | None,
    config_path: str | None,
    lexicon_paths: tuple[str, ...],
    cache_dir: str | None,
    no_cache: bool,
    verbose: bool,
    quiet: bool,
) -> None:
    """Check a draft (.txt .md .html, or - for stdin) against prior coverage, before publishing.

    Every checkable claim gets a verdict with the closest prior claims (outlet, date, source, quote):
    supported, contradicted (figure, negation or category), outdated (a figure its holder has since
    revised), overstated or understated (more or less certain than the sources), unattributed (own
    voice for what the coverage attributes to one party), or no_prior_coverage. Headline fragments,
    questions and colour are listed as not checked.

    \b
    Example:
      checker index coverage/ --db coverage.db
      checker check draft.txt --db coverage.db --fail-on contradicted
      checker check draft.txt --against fixtures/quake --format json
    """
    import dataclasses

    from checker.check import parse_fail_on
    from checker.embed import make_embedder
    from checker.index import CorpusIndex, open_index
    from checker.ingest import parse_date, read_articles, read_text_input
    from checker.prepublish import build_index, check_article
    from checker.report.check import render_check

    if bool(db) == bool(against):
        raise click.UsageError("give either --db INDEX or --against PATH..., not both and not neither")
    when = None
    if published is not None:
        when = parse_date(published)
        if when is None:
            raise click.BadParameter(f"{published!r} is not a date; use YYYY-MM-DD", param_hint="--published")
    level = parse_fail_on(fail_on)
    progress = _Progress(enabled=not quiet and sys.stderr.isatty())
    index = None
    try:
        config, lexicon = _load(config_path, lexicon_paths)
        if draft == "-":
            article = read_text_input(sys.stdin.read(), path="<stdin>", published=when, lexicon=lexicon)
        else:
            read = read_articles([draft], config=config, lexicon=lexicon, strict=True)
            if len(read) != 1:
                raise click.UsageError(f"{draft} holds {len(read)} records; check one draft at a time")
            article = read[0]
            if when is not None:
                article = dataclasses.replace(article, published=when)
        if against:
            embedder = make_embedder(
                model, cache_dir=cache_dir, use_cache=not no_cache, batch_size=config.batch_size
            )
            index = CorpusIndex(":memory:", create=True)
            update = build_index(
                list(against),
                db=index,
                meta=meta,
                config=config,
                lexicon=lexicon,
                embedder=embedder,
                progress=progress,
            )
            if not quiet:
                for path, reason in update.skipped:
                    _skip_line(path, reason)
            result = check_article(article, index, embedder=embedder, config=config, lexicon=lexicon)
        else:
            index = open_index(db)  # type: ignore[arg-type]
            result = check_article(
                article,
                index,
                model=model,
                config=config,
                lexicon=lexicon,
                cache_dir=cache_dir,
                use_cache=not no_cache,
            )
        progress.close()
        _write(render_check(result, _pick_format(fmt, output), verbose=verbose), output)
    except CheckerError as err:
        progress.close()
        _fail(err)
    except KeyboardInterrupt:
        progress.close()
        click.echo("checker: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    finally:
        if index is not None:
            index.close()
    if result.fails(level):
        sys.exit(EXIT_FINDINGS)


# The shared --verbose shows more subjects in analyze; in check it shows more prior claims.
next(
    p for p in check.params if p.name == "verbose"
).help = "List the prior claims of every verdict (supported too) and the settings used."


if __name__ == "__main__":  # pragma: no cover
    main()
