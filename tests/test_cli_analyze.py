"""The ``analyze`` command driven through click's CliRunner: exit codes, formats, errors, help.

Runs use the model-free hashing embedder and no cache, so they are fast and touch no user folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker import SCHEMA_VERSION
from checker.cli import main

ROOT = Path(__file__).resolve().parents[1]
QUAKE = str(ROOT / "fixtures" / "quake")
SCHEMA = ROOT / "checker" / "schema" / "report.schema.json"
FAST = ["--model", "hashing", "--no-cache", "--quiet"]


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def quake_json(runner):
    result = runner.invoke(main, ["analyze", QUAKE, *FAST, "--format", "json"])
    assert result.exit_code == 0, result.output + result.stderr
    return result


def _one_error_line(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output, result.stderr)
    assert "Traceback" not in result.stderr and "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_analyze_json_has_the_documented_keys(quake_json):
    report = json.loads(quake_json.stdout)
    assert {"articles", "claims", "subjects", "findings", "schema_version"} <= set(report)
    assert report["schema_version"] == SCHEMA_VERSION
    assert len(report["articles"]) == 6
    assert all(a["status"] == "ok" for a in report["articles"])


def test_analyze_json_is_consistent(quake_json):
    report = json.loads(quake_json.stdout)
    articles = {a["id"] for a in report["articles"]}
    claims = {c["id"] for c in report["claims"]}
    assert claims and all(c["article"] in articles for c in report["claims"])
    assert all(set(s["claims"]) <= claims for s in report["subjects"])
    assert report["findings"], "the quake fixtures plant several findings"
    assert [f["id"] for f in report["findings"]] == [f"F{n}" for n in range(1, len(report["findings"]) + 1)]
    assert all(set(f["claims"]) <= claims for f in report["findings"])


def test_analyze_json_matches_the_schema(quake_json):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(json.loads(quake_json.stdout), json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_analyze_is_deterministic(runner, quake_json):
    again = runner.invoke(main, ["analyze", QUAKE, *FAST, "--format", "json"])
    assert again.exit_code == 0
    assert again.stdout == quake_json.stdout


def test_output_extension_picks_markdown(runner, tmp_path):
    target = tmp_path / "x.md"
    result = runner.invoke(main, ["analyze", QUAKE, *FAST, "--output", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    written = target.read_text(encoding="utf-8")
    shown = runner.invoke(main, ["analyze", QUAKE, *FAST, "--format", "markdown"])
    assert shown.exit_code == 0
    assert written.strip() == shown.stdout.strip()
    assert written.lstrip().startswith("#")
    with pytest.raises(json.JSONDecodeError):
        json.loads(written)


def test_output_extension_picks_json(runner, tmp_path, quake_json):
    target = tmp_path / "report.json"
    result = runner.invoke(main, ["analyze", QUAKE, *FAST, "--output", str(target)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(quake_json.stdout)


def test_format_option_wins_over_extension(runner, tmp_path):
    target = tmp_path / "report.md"
    result = runner.invoke(main, ["analyze", QUAKE, *FAST, "--format", "json", "--output", str(target)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION


def test_missing_path_is_a_one_line_error(runner, tmp_path):
    missing = tmp_path / "no-such-folder"
    result = runner.invoke(main, ["analyze", str(missing), *FAST])
    line = _one_error_line(result)
    assert line.startswith("checker: error:")
    assert "no-such-folder" in line
    assert result.stdout == ""


def test_no_path_is_a_usage_error(runner):
    result = runner.invoke(main, ["analyze"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_unknown_format_is_a_usage_error(runner):
    result = runner.invoke(main, ["analyze", QUAKE, *FAST, "--format", "pdf"])
    assert result.exit_code == 2
    assert "pdf" in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["analyze", "--help"]])
def test_help_documents_exit_codes(runner, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "Exit codes" in text
    for code in ("0 success", "2 bad usage", "130 interrupted"):
        assert code in text


def test_analyze_help_lists_its_options(runner):
    text = runner.invoke(main, ["analyze", "--help"]).output
    for option in ("--format", "--output", "--model", "--config", "--lexicon", "--no-cache", "--strict"):
        assert option in text


def test_bad_config_key_names_the_key(runner, tmp_path):
    config = tmp_path / "checker.toml"
    config.write_text("echo_similarity = 0.9\necho_threshold = 0.95\n", encoding="utf-8")
    result = runner.invoke(main, ["analyze", QUAKE, *FAST, "--config", str(config)])
    line = _one_error_line(result)
    assert line.startswith("checker: error:")
    assert "echo_threshold" in line and str(config) in line


def test_bad_config_type_names_the_key(runner, tmp_path):
    config = tmp_path / "checker.toml"
    config.write_text('modality_gap = "two"\n', encoding="utf-8")
    line = _one_error_line(runner.invoke(main, ["analyze", QUAKE, *FAST, "--config", str(config)]))
    assert "modality_gap" in line


def test_config_not_toml(runner, tmp_path):
    config = tmp_path / "checker.toml"
    config.write_text("echo_similarity = \n", encoding="utf-8")
    line = _one_error_line(runner.invoke(main, ["analyze", QUAKE, *FAST, "--config", str(config)]))
    assert "TOML" in line


def test_good_config_is_recorded_in_the_report(runner, tmp_path):
    config = tmp_path / "checker.toml"
    config.write_text("echo_similarity = 0.97\n", encoding="utf-8")
    result = runner.invoke(main, ["analyze", QUAKE, *FAST, "--format", "json", "--config", str(config)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["config"]["echo_similarity"] == 0.97


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("[quantities.units\n", "TOML"),
        ('units = ["marines"]\n', "units"),
        (None, "not found"),
    ],
    ids=["not-toml", "top-level-not-a-table", "missing-file"],
)
def test_bad_lexicon(runner, tmp_path, content, fragment):
    lexicon = tmp_path / "extra.toml"
    if content is not None:
        lexicon.write_text(content, encoding="utf-8")
    result = runner.invoke(main, ["analyze", QUAKE, *FAST, "--lexicon", str(lexicon)])
    line = _one_error_line(result)
    assert line.startswith("checker: error:")
    assert fragment in line and "extra.toml" in line


def test_good_lexicon_is_recorded_in_the_report(runner, tmp_path):
    lexicon = tmp_path / "extra.toml"
    lexicon.write_text('[quantities.units]\n"military personnel" = ["gendarmes"]\n', encoding="utf-8")
    result = runner.invoke(main, ["analyze", QUAKE, *FAST, "--format", "json", "--lexicon", str(lexicon)])
    assert result.exit_code == 0, result.stderr
    assert str(lexicon) in json.loads(result.stdout)["config"]["lexicons"]


def test_model_path_that_does_not_exist(runner, tmp_path):
    missing = tmp_path / "models" / "nothing-here"
    result = runner.invoke(main, ["analyze", QUAKE, "--no-cache", "--quiet", "--model", str(missing)])
    line = _one_error_line(result)
    assert "nothing-here" in line


def test_skipped_file_with_strict(runner, tmp_path):
    (tmp_path / "a.txt").write_text(
        "Quake kills 23 in Halvar\n\nAt least 23 people were killed, the Interior Ministry said on Tuesday.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_bytes(b"")
    relaxed = runner.invoke(
        main, ["analyze", str(tmp_path), "--model", "hashing", "--no-cache", "--format", "json"]
    )
    assert relaxed.exit_code == 0, relaxed.stderr
    statuses = sorted(a["status"] for a in json.loads(relaxed.stdout)["articles"])
    assert statuses[0] == "ok" and statuses[1].startswith("skipped")
    assert "checker: skipped" in relaxed.stderr and "b.txt" in relaxed.stderr
    strict = runner.invoke(main, ["analyze", str(tmp_path), *FAST, "--strict"])
    assert strict.exit_code == 2
    assert strict.stderr.startswith("checker: error:")
