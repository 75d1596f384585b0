"""Quality on real stories holds: every labelled story in ../shared, scored by the shared scorer.

``tests/stories_baseline.json`` records, per story, the gold conflicts the checker catches today, the
look-alikes it flags and its update figures (regenerate it with ``scripts/story-baseline.py`` after a
deliberate change, and say why in the commit). A story fails when a conflict it caught is lost, a new
look-alike is flagged, an update it showed is no longer shown or is called a conflict, or it produces
more than twice as many conflict findings as its gold has conflicts. The bundled fixture stories are
held the same way (their gold is in fixtures/gold/).

Skips cleanly, with the reason, when ../shared is not beside the checkout.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from checker.embed import make_embedder
from checker.evaluate import score_report
from checker.pipeline import analyze
from checker.report.json import report_to_dict

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BASELINE_PATH = ROOT / "tests" / "stories_baseline.json"
BASELINE = json.loads(BASELINE_PATH.read_text(encoding="utf-8")) if BASELINE_PATH.is_file() else {}

pytestmark = pytest.mark.model


def _shared_stories() -> list[tuple[str, Path, Path]]:
    found = []
    if (SHARED / "eval" / "gold" / "seeds.json").is_file():
        found.append(("seeds", SHARED / "seeds", SHARED / "eval" / "gold" / "seeds.json"))
    stories = SHARED / "stories"
    for folder in sorted(stories.iterdir()) if stories.is_dir() else []:
        gold = SHARED / "eval" / "gold" / f"{folder.name}.json"
        if gold.is_file():
            found.append((folder.name, folder, gold))
    return found


STORIES = _shared_stories()


@pytest.fixture(scope="module")
def embedder(tmp_path_factory):
    return make_embedder(None, cache_dir=tmp_path_factory.mktemp("story-cache"))


@pytest.fixture(scope="module")
def shared_score():
    path = SHARED / "eval" / "score.py"
    if not path.is_file():
        pytest.skip("../shared/eval/score.py is not beside this checkout")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.score


def _holds(slug: str, result: dict) -> None:
    base = BASELINE[slug]
    lost = sorted(set(base["caught"]) - set(result["caught"]))
    new_alarms = sorted(set(result["alarms"]) - set(base["alarms"]))
    summary = json.dumps({k: result[k] for k in ("caught", "missed", "alarms")})
    assert not lost, f"{slug}: conflicts no longer caught: {lost} ({summary})"
    assert not new_alarms, f"{slug}: look-alikes now flagged as conflicts: {new_alarms} ({summary})"
    assert result["updates_shown"] >= base["updates_shown"], f"{slug}: fewer updates shown ({summary})"
    assert result["updates_called_conflict"] <= base["updates_called_conflict"], (
        f"{slug}: more updates called conflicts ({summary})"
    )
    assert result["conflict_findings"] <= 2 * max(result["conflicts_total"], 1), (
        f"{slug}: {result['conflict_findings']} conflict findings for {result['conflicts_total']} gold conflicts"
    )


@pytest.mark.skipif(not STORIES, reason="../shared (the labelled real stories) is not beside this checkout")
@pytest.mark.parametrize(("slug", "folder", "gold"), STORIES, ids=[s[0] for s in STORIES])
def test_real_story_holds_its_score(slug, folder, gold, embedder, shared_score):
    report = report_to_dict(analyze([folder], embedder=embedder))
    result = shared_score(json.loads(gold.read_text(encoding="utf-8")), report)
    assert slug in BASELINE, f"{slug} has no baseline: run scripts/story-baseline.py"
    _holds(slug, result)


@pytest.mark.parametrize("name", ["quake", "vessel", "protest"])
def test_fixture_story_holds_its_score(name, embedder):
    report = report_to_dict(analyze([ROOT / "fixtures" / name], embedder=embedder))
    gold = json.loads((ROOT / "fixtures" / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    score = score_report(gold, report)
    result = {
        "caught": [c for c in (item["id"] for item in gold["conflicts"]) if c not in score.missed],
        "missed": list(score.missed),
        "alarms": list(score.alarms),
        "updates_shown": score.updates_shown,
        "updates_called_conflict": score.updates_called_conflict,
        "conflict_findings": sum(1 for f in report["findings"] if f["kind"] == "conflict"),
        "conflicts_total": score.conflicts_total,
    }
    _holds(f"fixtures/{name}", result)
