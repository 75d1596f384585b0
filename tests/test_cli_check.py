"""``checker index`` and ``checker check`` through click's CliRunner: the exit-code contract for a CMS hook
or CI (0 clean, 1 a verdict at or above --fail-on, 2 bad usage or input), formats, stdin, --against.

Runs use the model-free hashing embedder and no cache, so they are fast and touch no user folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from test_check import write_corpus

from checker.check import FAIL_ON_CHOICES
from checker.cli import FAIL_ON_LEVELS, main

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "checker" / "schema" / "check.schema.json").read_text(encoding="utf-8"))
QUIET = ["--no-cache", "--quiet"]

CLEAN = "The Interior Ministry said the death toll from the earthquake in Halvar had risen to 61.\n"
OVERSTATED = "The Halvar Water Authority confirmed reports that the Kestrel Dam had been breached.\n"
CONTRADICTED = "The National Seismological Institute measured the earthquake at magnitude 7.1.\n"
UNATTRIBUTED = "Army helicopters were sent from the airbase at Lenk to carry the injured.\n"


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory, runner):
    root = tmp_path_factory.mktemp("cli")
    corpus = write_corpus(root / "coverage")
    db = root / "coverage.db"
    result = runner.invoke(main, ["index", str(corpus), "--db", str(db), "--model", "hashing", "--quiet"])
    assert result.exit_code == 0, result.output + result.stderr
    drafts = {}
    for name, text in {
        "clean": CLEAN,
        "overstated": OVERSTATED,
        "contradicted": CONTRADICTED,
        "unattributed": UNATTRIBUTED,
    }.items():
        drafts[name] = root / f"{name}.txt"
        drafts[name].write_text(text, encoding="utf-8")
    return corpus, db, drafts, result


def _error(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output, result.stderr)
    assert "Traceback" not in result.output + result.stderr
    return result.stderr


def test_index_reports_what_it_did(built, runner):
    corpus, db, _, first = built
    assert "2 added, 0 updated, 0 unchanged, 0 removed, 0 skipped (6 claims written)" in first.stdout
    assert "model hashing-256" in first.stdout
    again = runner.invoke(main, ["index", str(corpus), "--db", str(db), "--model", "hashing", "--quiet"])
    assert again.exit_code == 0
    assert "0 added, 0 updated, 2 unchanged, 0 removed" in again.stdout


def test_index_prune_through_the_cli(tmp_path, runner):
    corpus = write_corpus(tmp_path / "coverage")
    db = str(tmp_path / "coverage.db")
    args = ["index", str(corpus), "--db", db, "--model", "hashing", "--quiet"]
    assert runner.invoke(main, args).exit_code == 0
    (corpus / "b.txt").unlink()
    kept = runner.invoke(main, args)
    assert "0 removed" in kept.stdout and "the index holds 2 articles" in kept.stdout
    pruned = runner.invoke(main, [*args, "--prune"])
    assert pruned.exit_code == 0
    assert "1 removed" in pruned.stdout and "the index holds 1 articles" in pruned.stdout


@pytest.mark.parametrize(
    ("draft", "fail_on", "code"),
    [
        ("clean", None, 0),
        ("clean", "no_prior_coverage", 0),
        ("overstated", None, 1),  # default: overstated or worse
        ("overstated", "overstated", 1),
        ("overstated", "contradicted", 0),
        ("overstated", "understated", 1),
        ("overstated", "never", 0),
        ("contradicted", "contradicted", 1),
        ("contradicted", None, 1),
        ("unattributed", None, 0),
        ("unattributed", "unattributed", 1),
        ("unattributed", "understated", 1),
    ],
)
def test_exit_codes_follow_fail_on(built, runner, draft, fail_on, code):
    _, db, drafts, _ = built
    args = ["check", str(drafts[draft]), "--db", str(db), *QUIET]
    if fail_on:
        args += ["--fail-on", fail_on]
    result = runner.invoke(main, args)
    assert result.exit_code == code, (result.output, result.stderr)
    assert result.stdout.startswith("checker check:")


def test_json_output_validates_and_names_each_verdict(built, runner):
    _, db, drafts, _ = built
    result = runner.invoke(
        main, ["check", str(drafts["contradicted"]), "--db", str(db), "--format", "json", *QUIET]
    )
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert list(Draft202012Validator(SCHEMA).iter_errors(document)) == []
    (claim,) = document["claims"]
    assert (claim["verdict"], claim["type"]) == ("contradicted", "number")
    assert "6.8" in claim["explanation"] and claim["matches"][0]["outlet"] == "Halvar Daily"
    assert document["corpus"]["path"] == str(db)


def test_output_file_and_format_from_its_extension(built, runner, tmp_path):
    _, db, drafts, _ = built
    out = tmp_path / "check.md"
    result = runner.invoke(main, ["check", str(drafts["clean"]), "--db", str(db), "-o", str(out), *QUIET])
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Pre-publication check")
    html = tmp_path / "check.html"
    assert (
        runner.invoke(
            main, ["check", str(drafts["clean"]), "--db", str(db), "-o", str(html), *QUIET]
        ).exit_code
        == 0
    )
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_draft_from_stdin(built, runner):
    _, db, _, _ = built
    result = runner.invoke(
        main, ["check", "-", "--db", str(db), "--format", "json", *QUIET], input=OVERSTATED
    )
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["draft"]["path"] == "<stdin>"
    assert document["claims"][0]["verdict"] == "overstated"


def test_against_builds_the_same_verdicts_in_memory(built, runner):
    corpus, db, drafts, _ = built
    via_db = runner.invoke(
        main, ["check", str(drafts["overstated"]), "--db", str(db), "--format", "json", *QUIET]
    )
    via_paths = runner.invoke(
        main,
        [
            "check",
            str(drafts["overstated"]),
            "--against",
            str(corpus),
            "--model",
            "hashing",
            "--format",
            "json",
            *QUIET,
        ],
    )
    assert via_paths.exit_code == via_db.exit_code == 1
    one, two = json.loads(via_db.stdout), json.loads(via_paths.stdout)
    assert two["corpus"]["path"] is None
    assert [c["verdict"] for c in one["claims"]] == [c["verdict"] for c in two["claims"]]
    assert [c["explanation"] for c in one["claims"]] == [c["explanation"] for c in two["claims"]]


def test_published_sets_the_draft_date(built, runner):
    _, db, drafts, _ = built
    result = runner.invoke(
        main,
        [
            "check",
            str(drafts["clean"]),
            "--db",
            str(db),
            "--published",
            "2025-03-09",
            "--format",
            "json",
            *QUIET,
        ],
    )
    assert json.loads(result.stdout)["draft"]["published"] == "2025-03-09"


# ---- exit 2 -----------------------------------------------------------------------------------------


def test_both_or_neither_source_is_a_usage_error(built, runner):
    corpus, db, drafts, _ = built
    both = runner.invoke(
        main, ["check", str(drafts["clean"]), "--db", str(db), "--against", str(corpus), *QUIET]
    )
    assert "either --db INDEX or --against PATH" in _error(both)
    neither = runner.invoke(main, ["check", str(drafts["clean"]), *QUIET])
    assert "either --db INDEX or --against PATH" in _error(neither)


def test_missing_index_is_exit_2(built, runner, tmp_path):
    _, _, drafts, _ = built
    result = runner.invoke(main, ["check", str(drafts["clean"]), "--db", str(tmp_path / "none.db"), *QUIET])
    assert "no index here; build one with 'checker index" in _error(result)


def test_a_file_that_is_not_an_index_is_exit_2(built, runner, tmp_path):
    _, _, drafts, _ = built
    notes = tmp_path / "notes.db"
    notes.write_text("not a database\n" * 200, encoding="utf-8")
    result = runner.invoke(main, ["check", str(drafts["clean"]), "--db", str(notes), *QUIET])
    assert "not a checker index" in _error(result)
    indexing = runner.invoke(
        main, ["index", str(drafts["clean"]), "--db", str(notes), "--model", "hashing", "-q"]
    )
    assert "not a checker index" in _error(indexing)


def test_missing_or_empty_draft_is_exit_2(built, runner, tmp_path):
    _, db, _, _ = built
    missing = runner.invoke(main, ["check", str(tmp_path / "nope.txt"), "--db", str(db), *QUIET])
    assert "no such file or folder" in _error(missing)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert "checker: error:" in _error(runner.invoke(main, ["check", str(empty), "--db", str(db), *QUIET]))


def test_a_model_the_index_lacks_is_exit_2(built, runner):
    _, db, drafts, _ = built
    result = runner.invoke(
        main, ["check", str(drafts["clean"]), "--db", str(db), "--model", "hashing-64", *QUIET]
    )
    assert "holds no vectors of model 'hashing-64'" in _error(result)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--fail-on", "fatal"], "Invalid value for '--fail-on'"),
        (["--published", "someday"], "is not a date"),
        (["--format", "pdf"], "Invalid value for '--format'"),
    ],
)
def test_bad_options_are_exit_2(built, runner, extra, message):
    _, db, drafts, _ = built
    result = runner.invoke(main, ["check", str(drafts["clean"]), "--db", str(db), *extra, *QUIET])
    assert message in _error(result)


def test_index_of_missing_path_is_exit_2(runner, tmp_path):
    result = runner.invoke(main, ["index", str(tmp_path / "nope"), "--db", str(tmp_path / "x.db"), "-q"])
    assert "no such file or folder" in _error(result)


# ---- help ----------------------------------------------------------------------------------------------


def test_help_documents_commands_exit_codes_and_the_verdict_order(runner):
    top = runner.invoke(main, ["--help"])
    assert "index" in top.output and "check" in top.output
    text = "".join(runner.invoke(main, ["check", "--help"]).output.split())  # wrapping aside
    assert "contradicted>outdated>overstated>unattributed>understated>no_prior_coverage>supported" in text
    assert "0noverdictatorabove--fail-on" in text and "1someclaim'sverdict" in text and "2badusage" in text
    assert "[default:overstated]" in text and "Listthepriorclaimsofeveryverdict" in text
    index = "".join(runner.invoke(main, ["index", "--help"]).output.split())
    assert "--prune" in index and "contenthash" in index and "Exitcodes" in index


def test_cli_fail_on_levels_are_the_library_ones():
    assert FAIL_ON_LEVELS == FAIL_ON_CHOICES


def test_every_cli_fail_on_level_is_a_library_level():
    assert set(FAIL_ON_LEVELS) <= set(FAIL_ON_CHOICES)
