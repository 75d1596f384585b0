"""load_config: TOML over the defaults, with unknown keys and wrong types rejected at the boundary."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from checker.config import Config, load_config
from checker.errors import EXIT_USAGE, ConfigError


def _write(tmp_path, text: str):
    path = tmp_path / "checker.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_path_gives_the_defaults():
    assert load_config(None) == Config()


def test_empty_file_gives_the_defaults(tmp_path):
    assert load_config(_write(tmp_path, "")) == Config()


def test_values_override_the_defaults(tmp_path):
    config = load_config(
        _write(tmp_path, "# stricter echoes\necho_similarity = 0.97\nmodality_gap = 1\ncounter_claims = 4\n")
    )
    assert config.echo_similarity == 0.97
    assert config.modality_gap == 1
    assert config.counter_claims == 4
    assert config.cluster_distance == Config().cluster_distance


def test_accepts_a_str_path(tmp_path):
    assert load_config(str(_write(tmp_path, "batch_size = 16\n"))).batch_size == 16


def test_whole_number_for_a_float_setting_is_accepted(tmp_path):
    assert load_config(_write(tmp_path, "echo_similarity = 1\n")).echo_similarity == 1


def test_config_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Config().echo_similarity = 0.5  # type: ignore[misc]


def test_as_items_lists_every_setting_in_order():
    items = Config().as_items()
    assert [name for name, _ in items] == [f.name for f in dataclasses.fields(Config)]
    assert dict(items)["echo_similarity"] == Config().echo_similarity


# (file content, fragments the one-line message must hold)
BAD = [
    ("echo_threshold = 0.9\n", ["unknown setting", "'echo_threshold'", "echo_similarity"]),
    ('modality_gap = "two"\n', ["'modality_gap'", "expected a whole number from 1 to 3", "got 'two'"]),
    ("modality_gap = 1.5\n", ["'modality_gap'", "whole number", "1.5"]),
    ("modality_gap = 2.0\n", ["'modality_gap'", "whole number", "got 2.0"]),
    ("batch_size = true\n", ["'batch_size'", "expected a whole number of at least 1", "got True"]),
    ("echo_similarity = [0.9]\n", ["'echo_similarity'", "expected a number from 0 to 1", "[0.9]"]),
    ("echo_similarity = nan\n", ["'echo_similarity'", "expected a number", "got nan"]),
    ("max_file_bytes = inf\n", ["'max_file_bytes'", "expected a whole number", "got inf"]),
    ('cluster_distance = "0.5"\n', ["'cluster_distance'", "expected a number from 0 to 2", "got '0.5'"]),
    (
        "echo_similarity = 1979-05-27\n",
        ["'echo_similarity'", "expected a number", "datetime.date(1979, 5, 27)"],
    ),
    ("[thresholds]\necho_similarity = 0.9\n", ["unknown setting", "'thresholds'"]),
    ("echo_similarity = \n", ["not valid TOML"]),
    ("echo_similarity = 0.9\necho_similarity = 0.8\n", ["not valid TOML"]),
]


@pytest.mark.parametrize(("text", "fragments"), BAD)
def test_bad_files_raise_config_error(tmp_path, text, fragments):
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message
    assert info.value.exit_code == EXIT_USAGE


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "absent.toml")


def test_not_utf8(tmp_path):
    path = tmp_path / "checker.toml"
    path.write_bytes(b"echo_similarity = 0.9 # \xff\xfe\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)


OUT_OF_RANGE = [
    "echo_similarity = 1.5\n",
    "approximate_tolerance = -0.1\n",
    "batch_size = 0\n",
    "counter_claims = -1\n",
]


@pytest.mark.parametrize("text", OUT_OF_RANGE)
def test_out_of_range_values_are_rejected(tmp_path, text):
    with pytest.raises(ConfigError):
        load_config(_write(tmp_path, text))


# ---- the declared schema --------------------------------------------------------------------------

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "checker" / "schema" / "config.schema.json").read_text("utf-8")
)


def test_the_schema_declares_every_setting_with_its_default():
    """A setting added to Config is declared in config.schema.json too (with its type and range)."""
    declared = SCHEMA["properties"]
    assert list(declared) == [f.name for f in dataclasses.fields(Config)]
    for name, value in Config().as_items():
        assert declared[name]["default"] == value, name
        assert declared[name]["type"] == ("integer" if isinstance(value, int) else "number"), name


def test_the_defaults_satisfy_the_schema(tmp_path):
    text = "".join(f"{name} = {value!r}\n" for name, value in Config().as_items())
    assert load_config(_write(tmp_path, text)) == Config()


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(Config)])
def test_every_setting_rejects_a_string(tmp_path, name):
    path = _write(tmp_path, f'{name} = "1"\n')
    with pytest.raises(ConfigError, match=rf"^{re.escape(str(path))}: setting '{name}': expected a "):
        load_config(path)


def test_a_folder_given_as_config_is_one_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read the config file"):
        load_config(tmp_path)
