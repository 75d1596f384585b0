"""Hardening: a hostile folder of inputs through the real CLI.

Binary, empty, oversize (50 MB, written sparsely), mixed-encoding, deeply nested, broken JSONL, duplicate
names and a file that vanishes between the folder walk and the read: every input must be listed in the
JSON report as ``ok`` or ``skipped: <reason>``, skips named one per line on stderr, errors on one line
naming the file (and line), the documented exit codes, and never a traceback.
"""

from __future__ import annotations

import builtins
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.errors import EXIT_OK, EXIT_USAGE
from checker.ingest import read_articles

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--model", "hashing", "--no-cache", "--format", "json"]

STORY = (
    "Rescue teams reached the village of Perast on Wednesday, the regional governor said. "
    "At least 23 people were killed and about 150 were injured, according to the Interior Ministry."
)
ACCENTED = "Zürich’s mayor said the café in Besançon reopened; damage was put at €4,000."


def _records() -> list[str]:
    good = {"id": "r1", "outlet": "Wire", "published": "2025-03-05", "text": STORY}
    return [
        json.dumps(good),
        '{"id": "r2", "text": "an unterminated string',
        json.dumps({"id": "r3", "outlet": "Daily", "text": STORY.replace("23", "31")}),
        "[1, 2, 3]",
        "",
        json.dumps(
            {"id": "r1", "text": "A second record reusing the id r1 was filed on Thursday by the wire."}
        ),
        json.dumps({"id": "r6", "text": ""}),
        json.dumps({"id": "r7", "text": 42}),
    ]


def build_hostile_corpus(root: Path) -> Path:
    """Write the hostile folder and return it."""
    folder = root / "hostile"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    (folder / "good.txt").write_text(STORY + "\n", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (folder / "archive.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    (folder / "zero.txt").write_bytes(b"")
    (folder / "blank.md").write_text("\n   \n\t\n", encoding="utf-8")
    with (folder / "huge.txt").open("wb") as handle:  # 50 MB, sparse: only the first bytes are written
        handle.write(STORY.encode())
        handle.truncate(50 * 1024 * 1024)
    (folder / "utf8.txt").write_bytes(ACCENTED.encode("utf-8"))
    (folder / "latin1.txt").write_bytes(ACCENTED.replace("’", "'").replace("€", "EUR ").encode("latin-1"))
    (folder / "cp1252.txt").write_bytes(ACCENTED.encode("cp1252"))
    (folder / "utf16.txt").write_bytes(ACCENTED.encode("utf-16"))  # with a byte-order mark
    (folder / "deep.html").write_text(
        "<html><body>" + "<div>" * 10_000 + f"<p>{STORY}</p>" + "</div>" * 10_000 + "</body></html>",
        encoding="utf-8",
    )
    (folder / "records.jsonl").write_text("\n".join(_records()) + "\n", encoding="utf-8")
    (folder / "a" / "same.txt").write_text(STORY + "\n", encoding="utf-8")
    (folder / "b" / "same.txt").write_text(STORY.replace("Perast", "Lenk") + "\n", encoding="utf-8")
    (folder / "vanish.txt").write_text(STORY + "\n", encoding="utf-8")
    return folder


def _vanish(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make ``path`` disappear after the folder walk: opening or reading it raises FileNotFoundError."""
    target = os.path.realpath(path)

    def gone(name: object) -> bool:
        return isinstance(name, (str, os.PathLike)) and os.path.realpath(name) == target

    real_open, real_read = builtins.open, Path.read_bytes

    def fake_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if gone(file):
            raise FileNotFoundError(2, "No such file or directory", str(file))
        return real_open(file, *args, **kwargs)

    def fake_read(self):  # type: ignore[no-untyped-def]
        if gone(self):
            raise FileNotFoundError(2, "No such file or directory", str(self))
        return real_read(self)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(Path, "read_bytes", fake_read)


def _run(*args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, list(args))
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    folder = build_hostile_corpus(tmp_path)
    _vanish(monkeypatch, folder / "vanish.txt")
    return folder


def test_every_hostile_input_is_listed_ok_or_skipped(hostile):
    result = _run("analyze", str(hostile), *ARGS)
    assert result.exit_code == EXIT_OK, result.stderr
    report = json.loads(result.stdout)
    listed = report["articles"]
    files = sorted(str(p) for p in hostile.rglob("*") if p.is_file())
    record_lines = sum(1 for line in _records() if line.strip())
    # nothing silently lost: one entry per file, one per non-blank JSONL line
    assert len(listed) == len(files) - 1 + record_lines
    assert sorted({a["path"].split("#")[0] for a in listed}) == files
    assert sum(a["path"].startswith(str(hostile / "records.jsonl#")) for a in listed) == record_lines
    for article in listed:
        assert article["status"] == "ok" or article["status"].startswith("skipped: "), article
    assert report["summary"]["articles"] == len(listed)

    status = {a["path"]: a["status"] for a in listed}
    for name in ("good.txt", "utf8.txt", "latin1.txt", "cp1252.txt", "utf16.txt", "a/same.txt", "b/same.txt"):
        assert status[str(hostile / name)] == "ok", (name, status[str(hostile / name)])
    for name in ("image.txt", "archive.zip", "zero.txt", "blank.md", "huge.txt", "vanish.txt"):
        assert status[str(hostile / name)].startswith("skipped: "), name
    assert "limit" in status[str(hostile / "huge.txt")]  # says why: over max_file_bytes
    deep = status[str(hostile / "deep.html")]
    assert deep == "ok" or "nested" in deep, deep

    # every skip is named on stderr, one line each, with the file (and the line for records)
    skipped = [a for a in listed if a["status"] != "ok"]
    lines = [line for line in result.stderr.splitlines() if line.startswith("checker: skipped ")]
    assert len(lines) == len(skipped)
    for article in skipped:
        assert any(line.startswith(f"checker: skipped {article['path']}: ") for line in lines), article
    jsonl = {a["path"]: a["status"] for a in skipped if "#" in a["path"]}
    assert len(jsonl) == 5  # lines 2, 4, 6 (r1 again), 7 and 8; blank line 5 is no record
    for number in (2, 4, 6, 7, 8):
        assert any(f"line {number}:" in s for s in jsonl.values()), number
    assert any("duplicate id 'r1'" in s for s in jsonl.values())


def test_encodings_are_decoded_to_the_same_text(hostile):
    articles = {Path(a.path).name: a for a in read_articles([hostile]) if "#" not in a.path}
    for name in ("utf8.txt", "cp1252.txt", "utf16.txt"):
        assert "Zürich’s" in articles[name].text and "€4,000" in articles[name].text, name
    assert "Zürich's" in articles["latin1.txt"].text and "Besançon" in articles["latin1.txt"].text
    ids = [a.id for a in read_articles([hostile])]
    assert len(ids) == len(set(ids))  # a/same.txt and b/same.txt get distinct ids


def test_missing_path_exits_2_naming_it(tmp_path):
    missing = tmp_path / "nowhere"
    result = _run("analyze", str(missing), *ARGS)
    assert result.exit_code == EXIT_USAGE
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("checker: error: ") and str(missing) in line


def test_nothing_readable_exits_2_naming_the_folder(tmp_path):
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / "zero.txt").write_bytes(b"")
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    result = _run("analyze", str(folder), *ARGS)
    assert result.exit_code == EXIT_USAGE
    errors = [line for line in result.stderr.splitlines() if line.startswith("checker: error: ")]
    assert len(errors) == 1 and str(folder) in errors[0], result.stderr
    assert result.stdout == ""


def test_strict_with_a_skip_exits_2_naming_file_and_line(tmp_path):
    data = tmp_path / "records.jsonl"
    data.write_text("\n".join(_records()[:3]) + "\n", encoding="utf-8")
    result = _run("analyze", str(data), "--strict", *ARGS)
    assert result.exit_code == EXIT_USAGE
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("checker: error: ") and str(data) in line
    assert ":2:" in line or "line 2" in line, line
    assert _run("analyze", str(data), *ARGS).exit_code == EXIT_OK  # the same input without --strict


def test_strict_with_a_skipped_file_exits_2(hostile):
    result = _run("analyze", str(hostile), "--strict", *ARGS)
    assert result.exit_code == EXIT_USAGE
    errors = [line for line in result.stderr.splitlines() if line.startswith("checker: error: ")]
    assert len(errors) == 1 and str(hostile) in errors[0]


def test_ten_thousand_tiny_files_all_listed(tmp_path):
    folder = tmp_path / "many"
    for n in range(100):
        sub = folder / f"d{n:02d}"
        sub.mkdir(parents=True)
        for m in range(100):
            (sub / f"{m:02d}.txt").write_text(f"Officials said {n * 100 + m} people were evacuated.\n")
    articles = read_articles([folder])
    assert len(articles) == 10_000
    assert all(a.ok for a in articles)
    assert len({a.id for a in articles}) == 10_000
    assert articles[0].path == str(folder / "d00" / "00.txt")  # sorted walk, input order kept


def test_same_input_gives_the_same_report_in_another_process():
    """Byte for byte, whatever the string hash seed (set iteration order differs between processes)."""
    outputs = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "checker",
                "analyze",
                str(ROOT / "fixtures" / "quake"),
                str(ROOT / "fixtures" / "protest"),
                *ARGS,
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]


# ----------------------------------------------------------------- control characters from inputs


def test_csv_header_with_newline_gives_one_line_message(tmp_path):
    data = tmp_path / "bad.csv"
    data.write_bytes(b'"\x1b[31mred\nx",b\n1,2\n')
    result = _run("analyze", str(data), *ARGS)
    assert result.exit_code == EXIT_USAGE
    [line] = result.stderr.strip().splitlines()
    assert "\x1b" not in line
    assert "\\x1b[31mred\\nx" in line  # shown, escaped


def test_record_id_with_control_characters_stays_one_line(tmp_path):
    data = tmp_path / "ids.jsonl"
    rows = [{"id": "x\x1b[2J\nnew", "text": STORY}, {"id": "y\nz", "text": 7}]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = _run("analyze", str(data), *ARGS)
    assert result.exit_code == EXIT_OK
    skips = [line for line in result.stderr.splitlines() if line]
    assert len(skips) == 1 and skips[0].startswith("checker: skipped ")
    report = json.loads(result.stdout)
    for article in report["articles"]:
        assert not any(ch in article["id"] + article["path"] for ch in "\x1b\n\r")
    assert [a["id"] for a in report["articles"]] == ["x\\x1b[2J\\nnew", "y\\nz"]


def test_a_file_name_with_a_newline_stays_one_line(tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY + "\n", encoding="utf-8")
    (folder / "bad\nname.txt").write_bytes(b"")
    result = _run("analyze", str(folder), *ARGS)
    assert result.exit_code == EXIT_OK, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"checker: skipped {folder}/bad\\nname.txt: empty file")
