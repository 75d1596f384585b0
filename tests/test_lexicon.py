"""load_lexicon: the bundled cue lists, extended by user TOML files."""

from __future__ import annotations

import pytest

from checker.errors import ConfigError
from checker.extract.quantities import find_quantities
from checker.lexicons import load_lexicon

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
    first = _write(tmp_path, '[quantities]\nnote = "first"\n', "first.toml")
    second = _write(tmp_path, '[quantities]\nnote = "second"\n', "second.toml")
    assert load_lexicon([first, second]).section("quantities")["note"] == "second"


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
    ('quantities = ["marines"]\n', ["'quantities'", "must be a table"]),
]


@pytest.mark.parametrize(
    ("text", "fragments"), BAD, ids=["missing", "not-toml", "unknown-section", "not-a-table"]
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
