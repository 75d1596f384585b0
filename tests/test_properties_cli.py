"""Property tests over the command line: whatever files, records, config or lexicon a user hands
``checker analyze``, it ends with a report or one ``checker:`` line, exit 0 or 2 (never 1, which only
``check`` findings give, and never 3, an internal error), no traceback, and every input listed.

Runs use the model-free hashing embedder, no cache and a few small inputs, so each example takes a
fraction of a second.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import string
import tempfile
from datetime import date, datetime, time
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.cli import main
from checker.config import Config
from checker.errors import EXIT_OK, EXIT_USAGE
from checker.ingest import FORMATS

ARGS = ["--model", "hashing", "--no-cache", "--format", "json"]
CLI = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SCHEMA = Path(__file__).resolve().parents[1] / "checker" / "schema" / "lexicon.schema.json"
STORY = (
    "Officials said at least 23 people were killed and about 150 injured on Wednesday. "
    "Police denied that troops had been sent, according to the Interior Ministry.\n"
)
OTHER = "The ministry later said 31 people had died and up to 200 were hurt, citing hospital records.\n"


def _analyze(*args: object):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, ["analyze", *map(str, args), *ARGS])
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (EXIT_OK, EXIT_USAGE), (result.exit_code, result.stderr)
    for line in result.stderr.splitlines():
        assert line.startswith("checker: "), result.stderr
    if result.exit_code == EXIT_USAGE:
        assert result.stdout == ""
        [line] = [x for x in result.stderr.splitlines() if x.startswith("checker: error: ")]
    return result


def _listed(result, path: Path) -> list[dict]:  # type: ignore[no-untyped-def]
    """The report's entries read from ``path``: the file itself, or its records (``path#id``)."""
    articles = json.loads(result.stdout)["articles"]
    for article in articles:
        assert article["status"] == "ok" or article["status"].startswith("skipped: "), article
    return [a for a in articles if a["path"] == str(path) or a["path"].startswith(f"{path}#")]


def _skipped_count(result) -> int:  # type: ignore[no-untyped-def]
    """How many inputs an exit-2 'no article could be read' message says it skipped (0 for other errors)."""
    match = re.search(r"no article could be read: all (\d+) inputs were skipped", result.stderr)
    return int(match.group(1)) if match else 0


# ---- random bytes as article files ------------------------------------------------------------------

_PIECES = (
    b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\x1b[2J", b"\xe9", b"\x80", b"\xc3\xa9", b"\r\n", b"\n",
    b"<html>", b"<body><p>", b"</p>", b"<div>" * 30, b"<meta charset='latin-1'>", b"<script>x</script>",
    b'{"id": "a", "text": "', b'"}', b"{", b"}", b"[", b"]", b",", b"id,text\n", b'"', "\u2028".encode(), STORY.encode(), b"# Headline\n\n", b"---\n", b"\xf0\x9f\x98\x80",
)  # fmt: skip
file_bytes = st.one_of(st.binary(max_size=400), st.lists(st.sampled_from(_PIECES), max_size=30).map(b"".join))
extensions = st.sampled_from(sorted(FORMATS) + [".bin", ".JSON", ""])


@CLI
@given(files=st.lists(st.tuples(file_bytes, extensions), min_size=1, max_size=4), good=st.booleans())
def test_any_files_give_a_report_or_one_line(files, good):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "story"
        folder.mkdir()
        paths = []
        for n, (data, suffix) in enumerate(files):
            path = folder / f"f{n}{suffix}"
            path.write_bytes(data)
            paths.append(path)
        if good:
            (folder / "good.txt").write_text(STORY, encoding="utf-8")
            paths.append(folder / "good.txt")
        result = _analyze(folder)
        if good:
            assert result.exit_code == EXIT_OK, result.stderr
        if result.exit_code == EXIT_OK:
            for path in paths:
                assert _listed(result, path), path  # every file is there, read or skipped with a reason
            skips = [line for line in result.stderr.splitlines() if line.startswith("checker: skipped ")]
            assert len(skips) == sum(a["status"] != "ok" for a in json.loads(result.stdout)["articles"])
        else:
            assert _skipped_count(result) >= len(paths) or "no input files found" in result.stderr


# ---- random records ------------------------------------------------------------------------------------

_KEYS = ("id", "outlet", "url", "published", "title", "text", "content", "date", "source", "x")
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.sampled_from(["2025-03-04", "yesterday", "<p>Police said 40 were hurt.</p>", "\x1b[31m\nid", STORY]),
)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=8), inner, max_size=3), max_leaves=8)  # fmt: skip
records = st.lists(st.dictionaries(st.sampled_from(_KEYS), json_values, max_size=6), min_size=1, max_size=5)


@CLI
@given(rows=records, broken=st.lists(st.text(max_size=30), max_size=2))
def test_any_jsonl_records_are_each_listed(rows, broken):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        lines = [json.dumps(row) for row in rows] + [b for b in broken if "\n" not in b and "\r" not in b]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        records_given = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        result = _analyze(path)
        if result.exit_code == EXIT_OK:
            assert len(_listed(result, path)) == records_given
        else:
            assert _skipped_count(result) in (records_given, 1)


@CLI
@given(rows=records, wrapped=st.booleans())
def test_any_json_records_are_each_listed(rows, wrapped):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.json"
        path.write_text(json.dumps({"articles": rows} if wrapped else rows), encoding="utf-8")
        result = _analyze(path)
        if result.exit_code == EXIT_OK:
            assert len(_listed(result, path)) == len(rows)
        else:
            assert _skipped_count(result) in (len(rows), 1)


csv_cells = st.one_of(st.text(max_size=30), st.sampled_from([STORY, OTHER, "2025-03-04", "", '"', "\n"]))


@CLI
@given(
    header=st.lists(st.one_of(st.sampled_from(_KEYS), st.text(max_size=8)), min_size=1, max_size=5),
    rows=st.lists(st.lists(csv_cells, max_size=6), max_size=5),
)
def test_any_csv_records_are_each_listed(header, rows):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.csv"
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8")
        given_rows = [r for r in csv.reader(io.StringIO(buffer.getvalue(), newline=""))][1:]
        result = _analyze(path)
        if result.exit_code == EXIT_OK:
            listed = _listed(result, path)
            assert len(listed) == len([r for r in given_rows if r]), (listed, given_rows)
        else:
            assert _skipped_count(result) in (len([r for r in given_rows if r]), 1, 0)


# ---- random TOML as config and lexicon -------------------------------------------------------------------


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return (
            "nan"
            if math.isnan(value)
            else ("inf" if value > 0 else "-inf")
            if math.isinf(value)
            else repr(value)
        )
    if isinstance(value, (int, date, time)):
        return value.isoformat() if isinstance(value, (date, time)) else str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def _toml(document: dict) -> str:
    """A TOML document: plain keys first, then one [table] per nested table (tomllib only reads)."""
    lines = [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in document.items() if not isinstance(v, dict)]
    for key, table in document.items():
        if isinstance(table, dict):
            lines.append(f"[{_toml_key(key)}]")
            lines.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in table.items())
    return "\n".join(lines) + "\n"


phrases = st.text(alphabet=string.ascii_letters + string.punctuation + " \u00e9\u2019\t", max_size=12)
toml_scalars = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    phrases,
    st.dates(),
    st.datetimes(max_value=datetime(9999, 1, 1)),
)
toml_values = st.one_of(
    toml_scalars,
    st.lists(toml_scalars, max_size=4),
    st.lists(phrases, max_size=4),
    st.lists(st.floats(0, 1000), max_size=3),
    st.tuples(phrases, st.floats(-2, 5)).map(list),
)
CONFIG_SCHEMA = json.loads((SCHEMA.parent / "config.schema.json").read_text("utf-8"))
LEXICON_SCHEMA = json.loads(SCHEMA.read_text("utf-8"))
_REGEXES = (".*", "watch live:.*", "read more|see also", "(?i)photo: .+", "^$", r"\d+ comments?")


def valid(node: dict, root: dict):  # type: ignore[no-untyped-def]
    """Values a schema node accepts, so that drawn files get past validation and reach the rules."""
    if "$ref" in node:
        target = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    kind = node.get("type")
    if kind == "object":
        if "properties" in node:
            props = node["properties"]
            return st.lists(st.sampled_from(list(props)), max_size=3, unique=True).flatmap(
                lambda keys: st.fixed_dictionaries({k: valid(props[k], root) for k in keys})
            )
        return st.dictionaries(
            phrases.filter(str.strip), valid(node["additionalProperties"], root), max_size=3
        )
    if kind == "array":
        if "prefixItems" in node:
            return st.tuples(*(valid(item, root) for item in node["prefixItems"])).map(list)
        return st.lists(
            valid(node["items"], root), min_size=node.get("minItems", 0), max_size=node.get("maxItems", 4)
        )
    if kind == "string":
        if node.get("format") == "regex":
            return st.one_of(st.sampled_from(_REGEXES), phrases.filter(str.strip).map(re.escape))
        if node.get("maxLength") == 1:
            return st.characters(exclude_categories=("Cs",))
        return phrases.filter(str.strip)
    low = node.get("minimum", node.get("exclusiveMinimum", -1e6))
    high = node.get("maximum", 1e6)
    if kind == "integer":
        return st.integers(int(math.ceil(low)), int(min(high, 10**6)))
    numbers = st.floats(low, high, allow_nan=False)
    return numbers.filter(lambda x: x > low) if "exclusiveMinimum" in node else numbers


config_keys = st.sampled_from([name for name, _ in Config().as_items()] + ["threshold", "cluster"])
config_values = {name: valid(node, CONFIG_SCHEMA) for name, node in CONFIG_SCHEMA["properties"].items()}
configs = st.one_of(
    st.dictionaries(config_keys, toml_values, max_size=4).map(_toml),  # mostly refused
    st.lists(st.sampled_from(list(config_values)), max_size=4, unique=True)
    .flatmap(lambda keys: st.fixed_dictionaries({k: config_values[k] for k in keys}))
    .map(_toml),  # accepted, sometimes at the edges of a range
    st.text(max_size=80),  # mostly not TOML at all
)


@CLI
@given(text=configs)
def test_any_config_gives_a_report_or_one_line_naming_it(text):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "story"
        folder.mkdir()
        (folder / "a.txt").write_text(STORY, encoding="utf-8")
        (folder / "b.txt").write_text(OTHER, encoding="utf-8")
        config = Path(tmp) / "checker.toml"
        config.write_text(text, encoding="utf-8")
        result = _analyze(folder, "--config", config)
        if result.exit_code == EXIT_USAGE:
            assert str(config) in result.stderr or "no article could be read" in result.stderr


@st.composite
def lexicon_documents(draw) -> dict:  # type: ignore[no-untyped-def]
    """Mostly real sections and keys with values of the declared shape (so they reach the rules), some
    of any shape, and some unknown names."""
    document: dict = {}
    sections = LEXICON_SCHEMA["properties"]
    rarely = st.sampled_from([False] * 9 + [True])  # about one time in ten: a name no schema declares
    chosen = draw(st.lists(st.sampled_from(list(sections)), max_size=3, unique=True))
    for section in chosen + (["quantity"] if draw(rarely) else []):
        known = sections.get(section, {}).get("properties", {})
        keys = draw(st.lists(st.sampled_from(list(known)), max_size=3, unique=True)) if known else []
        keys += ["note"] if draw(rarely) or not known else []
        table: dict = {}
        for key in keys:
            any_shape = key not in known or draw(rarely)
            table[key] = draw(toml_values if any_shape else valid(known[key], LEXICON_SCHEMA))
        document[section] = table
    return document


def _lexicon_toml(document: dict) -> str:
    lines = []
    for section, table in document.items():
        lines.append(f"[{_toml_key(section)}]")
        for key, value in table.items():
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


@CLI
@given(document=lexicon_documents())
def test_any_lexicon_gives_a_report_or_one_line_naming_it(document):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "story"
        folder.mkdir()
        (folder / "a.txt").write_text(STORY, encoding="utf-8")
        (folder / "b.html").write_text(f"<html><body><p>{OTHER}</p></body></html>", encoding="utf-8")
        lexicon = Path(tmp) / "extra.toml"
        lexicon.write_text(_lexicon_toml(document), encoding="utf-8")
        result = _analyze(folder, "--lexicon", lexicon)
        if result.exit_code == EXIT_USAGE:
            assert str(lexicon) in result.stderr or "no article could be read" in result.stderr
        else:
            assert len(json.loads(result.stdout)["articles"]) == 2


def test_the_lexicon_property_reaches_the_rules():
    """Not vacuous: a document the strategy draws (real section, real key, valid value) is accepted and
    changes what the rules find."""
    text = _lexicon_toml({"certainty": {"hedges_possible": ["were killed"]}})
    with tempfile.TemporaryDirectory() as tmp:
        story = Path(tmp) / "a.txt"
        story.write_text(STORY, encoding="utf-8")
        lexicon = Path(tmp) / "extra.toml"
        lexicon.write_text(text, encoding="utf-8")
        plain = json.loads(_analyze(story).stdout)
        extended = json.loads(_analyze(story, "--lexicon", lexicon).stdout)
    assert [c["certainty"] for c in plain["claims"]] != [c["certainty"] for c in extended["claims"]]
