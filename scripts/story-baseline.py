#!/usr/bin/env python3
"""Write tests/stories_baseline.json: what the checker catches today on every labelled story.

Usage (from the project root, with ../shared beside it): .venv/bin/python scripts/story-baseline.py

Run it only after a deliberate change to the judgement, look at the diff (a conflict that drops out
of "caught" or a look-alike that enters "alarms" is a regression), and say why in the commit.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_stories import SHARED, _shared_stories  # noqa: E402

from checker.embed import make_embedder  # noqa: E402
from checker.evaluate import score_report  # noqa: E402
from checker.pipeline import analyze  # noqa: E402
from checker.report.json import report_to_dict  # noqa: E402


def main() -> int:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    if spec is None or not (SHARED / "eval" / "score.py").is_file():
        print("../shared/eval/score.py is not beside this checkout", file=sys.stderr)
        return 2
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    embedder = make_embedder(None, cache_dir=tempfile.mkdtemp(prefix="story-baseline-"))
    out: dict[str, dict] = {}
    keys = ("caught", "alarms", "updates_shown", "updates_called_conflict", "conflict_findings")
    for slug, folder, gold in _shared_stories():
        result = module.score(
            json.loads(gold.read_text(encoding="utf-8")), report_to_dict(analyze([folder], embedder=embedder))
        )
        out[slug] = {k: result[k] for k in keys}
        print(slug, out[slug])
    for name in ("quake", "vessel", "protest"):
        gold = json.loads((ROOT / "fixtures" / "gold" / f"{name}.json").read_text(encoding="utf-8"))
        report = report_to_dict(analyze([ROOT / "fixtures" / name], embedder=embedder))
        score = score_report(gold, report)
        out[f"fixtures/{name}"] = {
            "caught": [c["id"] for c in gold["conflicts"] if c["id"] not in score.missed],
            "alarms": list(score.alarms),
            "updates_shown": score.updates_shown,
            "updates_called_conflict": score.updates_called_conflict,
            "conflict_findings": sum(1 for f in report["findings"] if f["kind"] == "conflict"),
        }
        print(name, out[f"fixtures/{name}"])
    path = ROOT / "tests" / "stories_baseline.json"
    path.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
