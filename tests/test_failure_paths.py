"""The failure paths users hit, through the real CLI: each gives one line on stderr and its documented
exit code, never a traceback and never 1 (which only ``check`` findings may give).

* a reader that fails on one file (a package it cannot import, a library raising what it should not)
  skips that file with the reason, and the run goes on;
* an embedding cache that is not an intact SQLite cache is moved aside and rebuilt, the report still
  written; a cache or index that is locked or read-only stops the run with exit 2;
* a config or lexicon value of the wrong type, or an unknown key, is exit 2 naming file, key and what
  was expected;
* anything unforeseen is exit 3, naming the file that holds the traceback (``--debug`` prints it).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import checker.embed
import checker.index
from checker.cli import CheckerGroup, main
from checker.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

ROOT = Path(__file__).resolve().parents[1]
QUAKE = ROOT / "fixtures" / "quake"
HTML_PAGE = ROOT / "fixtures" / "vessel" / "000_mariscapost_spy_ship_detained.html"
HASHING = ["--model", "hashing"]
STORY = (
    "Rescue teams reached the village of Perast on Wednesday, the regional governor said. "
    "At least 23 people were killed and about 150 were injured, according to the Interior Ministry.\n"
)


def _run(*args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _one_error(result, code: int = EXIT_USAGE) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, (result.exit_code, result.stderr)
    [line] = _lines(result.stderr)
    return line


def _story(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "note.txt").write_text(STORY, encoding="utf-8")
    shutil.copy(HTML_PAGE, folder / "page.html")
    return folder


# ---- a reader that fails on one file ---------------------------------------------------------------


@pytest.fixture
def broken_extractor(monkeypatch):
    """trafilatura raising something no caller could expect, as a library bug would."""
    import trafilatura

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("extractor bug\nwith a second line")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)


def test_a_reader_failing_on_one_file_skips_it_and_the_run_goes_on(tmp_path, broken_extractor):
    folder = _story(tmp_path / "story")
    result = _run("analyze", folder, *HASHING, "--no-cache", "--format", "json")
    assert result.exit_code == EXIT_OK, result.stderr
    status = {Path(a["path"]).name: a["status"] for a in json.loads(result.stdout)["articles"]}
    assert status["note.txt"] == "ok"
    assert status["page.html"].startswith(
        "skipped: the HTML reader failed unexpectedly (RuntimeError: extractor bug with a second line)"
    )
    [line] = _lines(result.stderr)
    assert line.startswith(f"checker: skipped {folder / 'page.html'}: the HTML reader failed")


def test_a_reader_failing_on_one_record_skips_that_record(tmp_path, broken_extractor):
    data = tmp_path / "feed.jsonl"
    rows = [{"id": "a", "text": f"<html><body><p>{STORY}</p></body></html>"}, {"id": "b", "text": STORY}]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = _run("analyze", data, *HASHING, "--no-cache", "--format", "json")
    assert result.exit_code == EXIT_OK, result.stderr
    status = {a["id"]: a["status"] for a in json.loads(result.stdout)["articles"]}
    assert status["b"] == "ok"
    assert status["a"].startswith("skipped: line 1: the HTML reader failed unexpectedly (RuntimeError")


def test_a_draft_the_reader_fails_on_is_one_error_line(broken_extractor):
    draft = f"<html><body><p>{STORY}</p></body></html>"
    result = CliRunner().invoke(
        main, ["check", "-", "--against", str(QUAKE), *HASHING, "--no-cache"], input=draft
    )
    line = _one_error(result)
    assert line.startswith("checker: error: <stdin>: the HTML reader failed unexpectedly (RuntimeError: ")


def test_a_reader_failure_under_strict_is_one_error_line(tmp_path, broken_extractor):
    folder = _story(tmp_path / "story")
    line = _one_error(_run("analyze", folder, *HASHING, "--no-cache", "--strict"))
    assert line.startswith(f"checker: error: {folder / 'page.html'}: the HTML reader failed")


# What lxml 6 does when lxml_html_clean is missing: importing lxml.html.clean raises ImportError.
LXML_6_WITHOUT_HTML_CLEAN = """
import importlib.abc, importlib.util, sys

class _Gone(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        return importlib.util.spec_from_loader(name, self) if name == "lxml.html.clean" else None
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean.\\n"
                          "Install lxml[html-clean] or lxml_html_clean directly.")

sys.meta_path.insert(0, _Gone())
"""


def test_a_package_the_html_reader_cannot_import_skips_the_page(tmp_path):
    """The real failure of a pip 23 install: justext's 'from lxml.html.clean import Cleaner' fails. A fresh
    process where that module cannot be imported reads the text file and lists the page as skipped."""
    folder = _story(tmp_path / "story")
    program = LXML_6_WITHOUT_HTML_CLEAN + "from checker.cli import main\nmain()\n"
    done = subprocess.run(
        [sys.executable, "-c", program, "analyze", str(folder), *HASHING, "--no-cache", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == EXIT_OK, done.stderr
    assert "Traceback" not in done.stderr
    status = {Path(a["path"]).name: a["status"] for a in json.loads(done.stdout)["articles"]}
    assert status["note.txt"] == "ok"
    assert status["page.html"].startswith(
        "skipped: the HTML reader cannot import a package it needs (ImportError: lxml.html.clean module is "
        "now a separate project lxml_html_clean."
    ), status["page.html"]
    assert len(_lines(done.stderr)) == 1


# ---- the embedding cache ---------------------------------------------------------------------------


def _analyze_with_cache(cache_dir: Path, out: Path):  # type: ignore[no-untyped-def]
    return _run("analyze", QUAKE, *HASHING, "--cache-dir", cache_dir, "--output", out)


def _cache_rows(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0])


def _assert_set_aside_and_rebuilt(result, cache_dir: Path, out: Path, original: bytes, why: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == EXIT_OK, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["claims"], "the report is still written"
    cache = cache_dir / "embeddings.sqlite3"
    [aside] = sorted(cache_dir.glob("embeddings.sqlite3.damaged-*[0-9]"))
    assert aside.read_bytes() == original  # kept as it was, for whoever wants to look
    [line] = _lines(result.stderr)
    assert line.startswith(f"checker: warning: the embedding cache {cache} could not be opened ({why}")
    assert line.endswith(f"moved it aside to {aside.name} and started a new cache")
    assert _cache_rows(cache) > 0  # rebuilt, in use
    again = _analyze_with_cache(cache_dir, out)
    assert again.exit_code == EXIT_OK and again.stderr == ""  # the new cache opens cleanly


def test_a_cache_that_is_not_a_database_is_set_aside_and_rebuilt(tmp_path):
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    original = b"this was never a SQLite file\n" * 40
    (cache_dir / "embeddings.sqlite3").write_bytes(original)
    out = tmp_path / "report.json"
    result = _analyze_with_cache(cache_dir, out)
    _assert_set_aside_and_rebuilt(result, cache_dir, out, original, "file is not a database")


def test_a_cache_damaged_inside_is_set_aside_and_rebuilt(tmp_path):
    cache_dir = tmp_path / "cache"
    out = tmp_path / "report.json"
    cache = cache_dir / "embeddings.sqlite3"
    store = checker.embed.EmbeddingCache(cache)
    texts = [f"Officials said {n} people were evacuated on day {n}." for n in range(400)]
    vectors = checker.embed.HashingEmbedder().embed(texts)
    store.put_many("hashing-256", [(store.key(t), v) for t, v in zip(texts, vectors, strict=True)])
    store.close()  # the last connection: the journal is written back into the file
    assert cache.stat().st_size > 3 * 4096
    data = bytearray(cache.read_bytes())
    data[4096:] = b"\xa5" * (len(data) - 4096)  # the header page survives, the table pages do not
    cache.write_bytes(bytes(data))
    result = _analyze_with_cache(cache_dir, out)
    _assert_set_aside_and_rebuilt(result, cache_dir, out, bytes(data), "database disk image is malformed")


def test_a_sqlite_file_of_another_layout_is_set_aside(tmp_path):
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    with contextlib.closing(sqlite3.connect(cache_dir / "embeddings.sqlite3")) as conn:
        conn.execute("CREATE TABLE embeddings (text TEXT, vector BLOB)")
        conn.commit()
    original = (cache_dir / "embeddings.sqlite3").read_bytes()
    out = tmp_path / "report.json"
    result = _analyze_with_cache(cache_dir, out)
    _assert_set_aside_and_rebuilt(
        result, cache_dir, out, original, "an embeddings table with columns text, vector"
    )


def test_a_locked_cache_is_one_error_line(tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    out = tmp_path / "report.json"
    assert (
        _run("analyze", QUAKE / "000_herald_quake_strikes.txt", *HASHING, "--cache-dir", cache_dir).exit_code
        == 0
    )
    monkeypatch.setattr(checker.embed, "_BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(cache_dir / "embeddings.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another run in the middle of a write
    try:
        line = _one_error(_analyze_with_cache(cache_dir, out))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert line.startswith(
        f"checker: error: {cache_dir / 'embeddings.sqlite3'}: the embedding cache is locked"
    )
    assert "--no-cache" in line
    assert not out.exists()


@contextlib.contextmanager
def _read_only(path: Path):  # type: ignore[no-untyped-def]
    """Make ``path`` unwritable even for root (chattr +i), or by its mode for anyone else."""
    if os.geteuid() != 0:
        os.chmod(path, 0o444)
        try:
            yield
        finally:
            os.chmod(path, 0o644)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: nothing can make a file read-only for root here")
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("running as root and chattr +i is not permitted here: no way to make a file read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_cache_is_one_error_line(tmp_path):
    cache_dir = tmp_path / "cache"
    out = tmp_path / "report.json"
    assert (
        _run("analyze", QUAKE / "000_herald_quake_strikes.txt", *HASHING, "--cache-dir", cache_dir).exit_code
        == 0
    )
    with _read_only(cache_dir / "embeddings.sqlite3"):
        line = _one_error(_analyze_with_cache(cache_dir, out))
    assert line.startswith(
        f"checker: error: {cache_dir / 'embeddings.sqlite3'}: the embedding cache cannot be"
    )
    assert "read-only" in line and "--no-cache" in line


def test_a_cache_folder_that_cannot_be_made_is_one_error_line(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should go\n", encoding="utf-8")
    line = _one_error(_run("analyze", QUAKE, *HASHING, "--cache-dir", blocker / "sub"))
    assert "cannot create the embedding cache folder" in line and "--cache-dir" in line


# ---- the corpus index --------------------------------------------------------------------------------


@pytest.fixture
def index_db(tmp_path):
    db = tmp_path / "coverage.db"
    result = _run("index", QUAKE, "--db", db, *HASHING, "--quiet")
    assert result.exit_code == EXIT_OK, result.stderr
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "new.txt").write_text(STORY, encoding="utf-8")
    return db


def test_a_locked_index_is_one_error_line(tmp_path, index_db, monkeypatch):
    monkeypatch.setattr(checker.index, "_BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(index_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        line = _one_error(_run("index", tmp_path / "more", "--db", index_db, *HASHING, "--quiet"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert line.startswith(f"checker: error: {index_db}: the index is locked by another process")


def test_a_read_only_index_is_one_error_line_and_still_checks(tmp_path, index_db):
    with _read_only(index_db):
        line = _one_error(_run("index", tmp_path / "more", "--db", index_db, *HASHING, "--quiet"))
        draft = ROOT / "fixtures" / "drafts" / "quake_draft.txt"
        checked = _run("check", draft, "--db", index_db, *HASHING, "--no-cache", "--fail-on", "never")
    assert line.startswith(f"checker: error: {index_db}: the index cannot be opened for writing")
    assert checked.exit_code == EXIT_OK, checked.stderr  # reading needs no write


# ---- config and lexicon files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "text", "fragments"),
    [
        ("--lexicon", "[quantities]\nunits = 5\n", ["quantities.units: expected a table of lists", "got 5"]),
        (
            "--lexicon",
            '[quantities.vague]\n"x" = "y"\n',
            ["quantities.vague.x: expected a list of 1 to 2 numbers", "got 'y'"],
        ),
        (
            "--lexicon",
            '[quantities]\nnote = "x"\n',
            ["unknown key 'quantities.note'", "expected one of: units"],
        ),
        ("--lexicon", "[quantity.units]\nx = []\n", ["unknown lexicon section 'quantity'", "quantities"]),
        (
            "--config",
            'batch_size = "64"\n',
            ["setting 'batch_size': expected a whole number of at least 1", "got '64'"],
        ),
        ("--config", "[cluster]\ndistance = 0.5\n", ["unknown setting 'cluster'", "cluster_distance"]),
    ],
    ids=["wrong-type", "vague-not-a-list", "unknown-key", "unknown-section", "config-type", "config-section"],
)
def test_a_bad_setting_names_file_key_and_expectation(tmp_path, option, text, fragments):
    path = tmp_path / "extra.toml"
    path.write_text(text, encoding="utf-8")
    line = _one_error(_run("analyze", QUAKE, *HASHING, "--no-cache", option, path))
    assert line.startswith(f"checker: error: {path}: ")
    for fragment in fragments:
        assert fragment in line


# ---- exit codes --------------------------------------------------------------------------------------


@pytest.fixture
def crash_files(tmp_path, monkeypatch):
    """Crash reports go to a folder of the test's own."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def crashing_pipeline(monkeypatch):
    import checker.pipeline

    def crash(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ValueError("an invariant broke\non two lines")

    monkeypatch.setattr(checker.pipeline, "analyze", crash)


def test_an_internal_error_is_exit_3_naming_the_traceback_file(crash_files, crashing_pipeline):
    line = _one_error(_run("analyze", QUAKE, *HASHING, "--no-cache"), EXIT_INTERNAL)
    assert line.startswith("checker: internal error (ValueError: an invariant broke on two lines)")
    [report] = crash_files.glob("checker-crash-*.txt")
    assert f"the full traceback is in {report};" in line and "--debug" in line
    written = report.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in written and "an invariant broke" in written
    assert "checker 0.1.0" in written.splitlines()[0]


def test_debug_prints_the_traceback(crash_files, crashing_pipeline):
    result = CliRunner().invoke(main, ["analyze", str(QUAKE), *HASHING, "--no-cache", "--debug"])
    assert result.exit_code == EXIT_INTERNAL
    assert "Traceback (most recent call last)" in result.stderr
    assert _lines(result.stderr)[-1].startswith("checker: internal error (ValueError: an invariant broke")
    assert list(crash_files.iterdir()) == []  # printed, not written


def test_a_crash_in_check_is_never_exit_1(tmp_path, crash_files, monkeypatch):
    import checker.prepublish

    def crash(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AttributeError("'NoneType' object has no attribute 'claims'")

    monkeypatch.setattr(checker.prepublish, "check_article", crash)
    draft = ROOT / "fixtures" / "drafts" / "quake_draft.txt"
    line = _one_error(_run("check", draft, "--against", QUAKE, *HASHING, "--no-cache"), EXIT_INTERNAL)
    assert line.startswith("checker: internal error (AttributeError:")


def test_an_interrupt_outside_a_commands_own_handler_is_130(monkeypatch):
    import checker.check

    def interrupted(level: str):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(checker.check, "parse_fail_on", interrupted)
    draft = ROOT / "fixtures" / "drafts" / "quake_draft.txt"
    result = _run("check", draft, "--against", QUAKE, *HASHING, "--no-cache")
    assert _one_error(result, EXIT_INTERRUPTED) == "checker: interrupted"


def test_click_errors_that_default_to_1_exit_2():
    group = CheckerGroup("demo")

    @group.command()
    def fail() -> None:
        raise click.ClickException("refused")

    result = CliRunner().invoke(group, ["fail"])
    assert result.exit_code == EXIT_USAGE
    assert "refused" in result.stderr


@pytest.mark.parametrize("command", [[], ["analyze"], ["index"], ["check"]])
def test_help_documents_every_exit_code(command):
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split()).split("Exit codes: ")[1]
    ok = "0 no verdict at or above" if command == ["check"] else "0 success"
    for code in (ok, "2 bad usage", "3 internal error", "130 interrupted", "--debug"):
        assert code in text, (command, code)
    assert ("; 1 " in text) == (command in ([], ["check"]))  # 1 belongs to check alone
