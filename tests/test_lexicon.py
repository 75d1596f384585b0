"""load_lexicon: the bundled cue lists, extended by user TOML files."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from checker.errors import ConfigError
from checker.extract.quantities import find_quantities
from checker.lexicons import load_lexicon
from checker.validation import validate_lexicon

SECTIONS = {"attribution", "categories", "certainty", "quantities"}


def _write(tmp_path, text: str, name: str = "extra.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_have_every_section():
    lexicon = load_lexicon()
    assert SECTIONS <= set(lexicon.sections)
    assert lexicon.sources == ("<defaults>",)
    units = lexicon.section("quantities")["units"]
    assert "troops" in units["military personnel"]
    assert "workers" in units["civilian personnel"]


def test_unknown_section_reads_as_empty():
    assert dict(load_lexicon().section("no-such-section")) == {}


def test_lists_extend_without_duplicates_in_order(tmp_path):
    path = _write(tmp_path, '[quantities.units]\n"military personnel" = ["troops", "gendarmes", "marines"]\n')
    base = list(load_lexicon().section("quantities")["units"]["military personnel"])
    merged = list(load_lexicon([path]).section("quantities")["units"]["military personnel"])
    assert merged[: len(base)] == base
    assert merged.count("troops") == 1
    assert merged[len(base) :] == ["gendarmes"]


def test_tables_merge_key_by_key(tmp_path):
    path = _write(tmp_path, '[quantities.units]\n"border guards" = ["gendarmes"]\n')
    units = load_lexicon([path]).section("quantities")["units"]
    assert list(units["border guards"]) == ["gendarmes"]
    assert "troops" in units["military personnel"]


def test_plain_values_replace(tmp_path):
    first = _write(tmp_path, "[furniture]\nmax_line_chars = 200\n", "first.toml")
    second = _write(tmp_path, "[furniture]\nmax_line_chars = 250\n", "second.toml")
    assert load_lexicon([first, second]).section("furniture")["max_line_chars"] == 250


def test_a_conversion_replaces_the_default_one(tmp_path):
    path = _write(tmp_path, '[quantities.conversions]\nmiles = ["km", 1.6]\n')
    assert list(load_lexicon([path]).section("quantities")["conversions"]["miles"]) == ["km", 1.6]


def test_user_can_change_vague_bounds(tmp_path):
    path = _write(tmp_path, '[quantities.vague]\n"several" = [3, 7]\n')
    (quantity,) = find_quantities("Several soldiers were wounded.", lexicon=load_lexicon([path]))
    assert (quantity.low, quantity.high) == (3.0, 7.0)


def test_files_apply_in_order_and_are_recorded(tmp_path):
    first = _write(tmp_path, '[attribution]\nreporting_verbs = ["averred"]\n', "first.toml")
    second = _write(tmp_path, '[attribution]\nreporting_verbs = ["opined", "averred"]\n', "second.toml")
    lexicon = load_lexicon([first, second])
    verbs = list(lexicon.section("attribution")["reporting_verbs"])
    assert verbs[-2:] == ["averred", "opined"]
    assert lexicon.sources == ("<defaults>", str(first), str(second))


def test_user_file_does_not_change_the_defaults(tmp_path):
    path = _write(tmp_path, '[quantities.units]\n"military personnel" = ["gendarmes"]\n')
    load_lexicon([path])
    assert "gendarmes" not in load_lexicon().section("quantities")["units"]["military personnel"]


def test_lexicon_is_read_only():
    units = load_lexicon().section("quantities")["units"]
    with pytest.raises(TypeError):
        units["military personnel"] = ("anyone",)
    with pytest.raises(TypeError):
        units.update({"x": ()})
    assert isinstance(units["military personnel"], tuple)


def test_same_files_give_equal_lexicons(tmp_path):
    path = _write(tmp_path, '[quantities.units]\n"military personnel" = ["gendarmes"]\n')
    assert load_lexicon([path]) == load_lexicon([path])
    assert hash(load_lexicon([path])) == hash(load_lexicon([path]))
    assert load_lexicon([path]) != load_lexicon()


# (file content or None for a missing file, fragments of the one-line message)
BAD = [
    (None, ["lexicon file not found"]),
    ("[quantities.units\n", ["not valid TOML"]),
    ('units = ["marines"]\n', ["unknown lexicon section 'units'", "quantities"]),
    ('quantities = ["marines"]\n', ["lexicon section 'quantities'", "expected a table", "got ['marines']"]),
    (
        "[quantities]\nunits = 5\n",
        ["quantities.units: expected a table of lists of non-blank strings, got 5"],
    ),
    ('[quantities.vague]\n"x" = "y"\n', ["quantities.vague.x: expected a list of 1 to 2 numbers", "got 'y'"]),
    ('[quantities.vague]\n"a few" = []\n', ['quantities.vague."a few": expected a list of 1 to 2', "got []"]),
    ('[quantities.vague]\n"x" = [1, 2, 3]\n', ["quantities.vague.x: expected", "got [1, 2, 3]"]),
    ('[quantities]\nnote = "first"\n', ["unknown key 'quantities.note'", "expected one of: units, "]),
    (
        '[quantities.units]\n"military personnel" = ["ok", 5]\n',
        ['"military personnel"[1]: expected a non-blank'],
    ),
    (
        '[quantities.conversions]\nmiles = ["km"]\n',
        ["quantities.conversions.miles: expected a list [a non-blank"],
    ),
    (
        '[quantities.conversions]\nmiles = ["km", 0]\n',
        ["quantities.conversions.miles[1]: expected a number above 0"],
    ),
    (
        '[attribution]\nreporting_verbs = ["said", " "]\n',
        ["attribution.reporting_verbs[1]: expected a non-blank"],
    ),
    (
        '[furniture]\nlines = ["(unclosed"]\n',
        ["furniture.lines[0]: expected", "regular expression", "(unclosed"],
    ),
    ("[furniture]\nmax_line_chars = 1.5\n", ["furniture.max_line_chars: expected a whole number"]),
    ('[furniture.labels]\nbullets = ["->"]\n', ["furniture.labels.bullets[0]: expected a single character"]),
    ('[certainty.modal_scores]\nmight = "maybe"\n', ["certainty.modal_scores.might: expected a number"]),
    ("[certainty.scores]\nsure = 1.0\n", ["unknown key 'certainty.scores.sure'", "certain"]),
    ('[categories]\nsets = ["aircraft"]\n', ["categories.sets: expected a table of lists"]),
]


@pytest.mark.parametrize(
    ("text", "fragments"),
    BAD,
    ids=[
        "missing",
        "not-toml",
        "unknown-section",
        "not-a-table",
        "units-a-number",
        "vague-a-string",
        "vague-empty",
        "vague-three",
        "unknown-key",
        "unit-not-a-string",
        "conversion-short",
        "conversion-zero",
        "blank-phrase",
        "bad-regex",
        "float-for-int",
        "long-bullet",
        "score-a-string",
        "unknown-score",
        "sets-a-list",
    ],
)
def test_bad_files(tmp_path, text, fragments):
    path = tmp_path / "extra.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_lexicon([path])
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


def test_not_utf8(tmp_path):
    path = tmp_path / "extra.toml"
    path.write_bytes(b'[attribution]\nreporting_verbs = ["d\xe9clar\xe9"]\n')
    with pytest.raises(ConfigError, match="UTF-8"):
        load_lexicon([path])


def test_misspelt_section_is_an_error(tmp_path):
    path = _write(tmp_path, '[quantites.units]\n"military personnel" = ["gendarmes"]\n')
    with pytest.raises(ConfigError, match="quantites"):
        load_lexicon([path])


# ---- the declared schema --------------------------------------------------------------------------

LEXICONS = Path(__file__).resolve().parents[1] / "checker" / "lexicons"
SCHEMA = json.loads((LEXICONS.parent / "schema" / "lexicon.schema.json").read_text("utf-8"))


def test_the_schema_declares_every_bundled_section():
    bundled = {path.stem for path in LEXICONS.glob("*.toml")}
    assert set(SCHEMA["properties"]) == bundled


@pytest.mark.parametrize("path", sorted(LEXICONS.glob("*.toml")), ids=lambda p: p.stem)
def test_every_bundled_file_passes_the_schema_a_user_file_must_pass(path):
    """A key added to a bundled lexicon is declared in lexicon.schema.json, with the shape of its value;
    otherwise a user could not extend it (and a misspelt one would pass unnoticed)."""
    data = {path.stem: tomllib.loads(path.read_text(encoding="utf-8"))}
    try:
        validate_lexicon(data, path=str(path))
    except ConfigError as err:
        pytest.fail(f"{err}; declare the key and its shape in checker/schema/lexicon.schema.json")


def test_a_bundled_file_as_a_user_lexicon_extends_nothing(tmp_path):
    """The whole of a bundled section given again as a user file is valid and changes nothing."""
    text = (LEXICONS / "quantities.toml").read_text(encoding="utf-8")
    user = _write(tmp_path, "\n".join(_nested("quantities", text)))
    assert load_lexicon([user]).sections == load_lexicon().sections


def _nested(section: str, text: str) -> list[str]:
    """A bundled file's tables re-rooted under ``[section]``, as a user lexicon names them."""
    out = [f"[{section}]"]
    for line in text.splitlines():
        if line.startswith("[") and line.rstrip().endswith("]") and not line.startswith("[["):
            out.append(f"[{section}.{line.strip()[1:-1]}]")
        else:
            out.append(line)
    return out
