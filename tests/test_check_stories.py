"""The pre-publication check on real stories: one made-up draft per story of ``../shared`` (the seeds and
each ``stories/*`` folder) with planted errors of every kind — a wrong figure, a figure given to the wrong
holder, a hedged claim stated as fact, a superseded figure, a claim its holder denied — checked against
that story's coverage with the real model. Every planted error must be flagged with its verdict, every
correct statement supported, and sentences with nothing to check listed as not checked.

The drafts and their expected verdicts live in ``fixtures/drafts/stories`` (``<story>.txt`` and
``<story>.toml``). The tests skip, saying why, when ``../shared`` is absent.
"""

from __future__ import annotations

import json
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from checker.check import Verdict
from checker.embed import make_embedder
from checker.index import CorpusIndex
from checker.ingest import read_articles
from checker.prepublish import build_index, check_article
from checker.report.check import render_check

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = ROOT / "fixtures" / "drafts" / "stories"
SHARED = ROOT.parent / "shared"
STORIES = sorted(p.stem for p in DRAFTS.glob("*.toml"))
PLANTED = {"wrong figure", "wrong holder", "hedged as fact", "superseded figure", "denied by holder"}


def expected(story: str) -> dict:
    return tomllib.loads((DRAFTS / f"{story}.toml").read_text(encoding="utf-8"))


def coverage(story: str) -> Path:
    return SHARED / expected(story)["story"]


def _needs_shared(story: str) -> None:
    folder = coverage(story)
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: the real stories live in ../shared, outside the project")


# ---- the fixtures themselves (no model) -----------------------------------------------------------


def test_there_is_a_draft_for_every_story_and_the_seeds():
    assert STORIES == sorted(
        [
            "seeds",
            "crocus-attack-2024",
            "gaza-ahli-hospital-2023",
            "protest-crowd-counts",
            "turkey-syria-quake-2023",
        ]
    )
    if SHARED.is_dir():
        real = {"seeds"} | {p.name for p in (SHARED / "stories").iterdir() if p.is_dir()}
        assert real <= set(STORIES), real - set(STORIES)


@pytest.mark.parametrize("story", STORIES)
def test_each_draft_plants_every_kind_of_error(story):
    rows = expected(story)["statement"]
    kinds = {row["kind"] for row in rows}
    assert PLANTED <= kinds, PLANTED - kinds
    assert "correct" in kinds
    for row in rows:
        assert row["kind"] in PLANTED | {"correct", "no coverage"}, row
        flagged = row["verdict"] != "supported"
        assert flagged is (row["kind"] != "correct"), row
    assert (DRAFTS / f"{story}.txt").is_file()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


@pytest.mark.parametrize("story", STORIES)
def test_no_draft_sentence_is_copied_from_the_coverage(story):
    """The drafts are our own wording: no run of eight words of a draft sentence occurs in the coverage."""
    _needs_shared(story)
    words = _words(
        " ".join(p.read_text(encoding="utf-8", errors="ignore") for p in coverage(story).glob("*.txt"))
    )
    runs = {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}
    for line in (DRAFTS / f"{story}.txt").read_text(encoding="utf-8").splitlines():
        mine = _words(line)
        copied = [
            " ".join(mine[i : i + 8]) for i in range(len(mine) - 7) if " ".join(mine[i : i + 8]) in runs
        ]
        assert copied == [], (line, copied)


# ---- the check, real model ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def embedder():
    return make_embedder(None, use_cache=False)


@pytest.fixture(scope="module")
def validator():
    text = resources.files("checker").joinpath("schema/check.schema.json").read_text(encoding="utf-8")
    return Draft202012Validator(json.loads(text), format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.model
@pytest.mark.parametrize("story", STORIES)
def test_every_planted_error_is_flagged_and_every_correct_statement_supported(story, embedder, validator):
    _needs_shared(story)
    want = expected(story)
    with CorpusIndex(":memory:", create=True) as index:
        build_index([coverage(story)], db=index, embedder=embedder)
        (draft,) = read_articles([DRAFTS / f"{story}.txt"])
        assert draft.published is not None  # from meta.json: the draft is dated after its coverage
        result = check_article(draft, index, embedder=embedder)
    got = [(c.claim.text, c.verdict.value, c.type.value, c.explanation) for c in result.claims]
    assert len(got) == len(want["statement"]), [g[0][:60] for g in got]
    wrong = []
    for (text, verdict, kind, why), row in zip(got, want["statement"], strict=True):
        assert text.startswith(row["start"]), (text, row["start"])
        if verdict != row["verdict"] or ("type" in row and kind != row["type"]):
            wrong.append(
                (row["kind"], row["start"], row["verdict"], row.get("type"), "got", verdict, kind, why)
            )
    assert wrong == []
    not_checked = [nc.claim.text for nc in result.not_checked]
    assert [
        t[: len(row["start"])] for t, row in zip(not_checked, want.get("not_checked", ()), strict=True)
    ] == [row["start"] for row in want.get("not_checked", ())]
    assert list(validator.iter_errors(json.loads(render_check(result, "json")))) == []
    # Each verdict but no_prior_coverage names the coverage statements it rests on, with outlet and date.
    for item in result.claims:
        if item.verdict is Verdict.NO_PRIOR_COVERAGE:
            continue
        assert any(m.relation.value != "related" for m in item.matches), item.claim.text
        assert all(m.prior.claim.outlet and (m.when or m.prior.claim.published) for m in item.matches)
