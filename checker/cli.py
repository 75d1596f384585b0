"""The command line: parse options, call the library, render, set the exit code. Nothing else.

Exit codes: 0 success; 1 (check only) a verdict at or above --fail-on; 2 bad usage or unreadable
input; 130 interrupted.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from checker import __version__
from checker.config import DEFAULT_MODEL, Config, load_config
from checker.errors import EXIT_INTERRUPTED, CheckerError
from checker.lexicons import Lexicon, load_lexicon
from checker.models import Report
from checker.report import FORMATS, format_from_extension, render

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 2 bad usage or unreadable input (missing path, no readable article, "
    "any skipped file with --strict, bad config/lexicon/model); 130 interrupted."
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


def _fail(err: CheckerError) -> None:
    click.echo(f"checker: error: {err}", err=True)
    sys.exit(err.exit_code)


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
            click.echo(f"checker: skipped {article.path}: {article.reason}", err=True)


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
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES_HELP)
@click.version_option(__version__, prog_name="checker")
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


if __name__ == "__main__":  # pragma: no cover
    main()
