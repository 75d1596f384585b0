"""Every quality figure in one command: the seed story and each fixture set against their gold, event
factuality (UW and MEANTIME dev) and subject clustering on ECB+ dev.

Usage (from the repo root)::

    python benchmarks/quality.py                      # the bundled model; everything found is measured
    python benchmarks/quality.py --model hashing --stories quake --no-ecbplus   # quick, no model

* **stories**: ``analyze`` on each story, its JSON report scored with ``score()`` from
  ``../shared/eval/score.py`` against ``../shared/eval/gold/seeds.json`` (the seed story,
  ``../shared/seeds``) or ``fixtures/gold/<set>.json``. Without ``../shared`` the stories are skipped with
  a message (the scorer lives there).
* **factuality**: ``benchmarks/factuality.py`` by subprocess on ``--factuality`` files (default UW and
  MEANTIME dev under ``../shared/evaldata/factuality``); Pearson r and MAE per file.
* **ecbplus**: ``benchmarks/ecbplus.py`` by subprocess on the ECB+ dev split; its last JSON line.

Prints a table per part, then one JSON line holding every figure (a part that could not run holds
``"not available: <why>"``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

try:
    import checker  # noqa: F401
except ImportError:  # run as a script from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tabulate import tabulate

from checker.errors import CheckerError
from checker.pipeline import analyze
from checker.report import render

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
FIXTURE_SETS = ("quake", "vessel", "protest")
STORIES = ("seeds", *FIXTURE_SETS)
FACTUALITY = [SHARED / "evaldata" / "factuality" / name / "dev.jsonl" for name in ("UW", "MEANTIME")]
ECBPLUS = SHARED / "evaldata" / "ecbplus"
STORY_KEYS = (
    "conflicts_caught",
    "conflicts_total",
    "false_alarms",
    "not_conflicts_total",
    "updates_shown",
    "updates_total",
    "updates_called_conflict",
    "subject_cohesion",
    "subject_separation",
    "gold_passages_missing",
    "conflict_findings",
    "claims",
)


def _load_scorer(path: Path) -> ModuleType | None:
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("checker_eval_score", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _story_inputs(name: str) -> tuple[list[Path], Path]:
    if name == "seeds":
        return [SHARED / "seeds"], SHARED / "eval" / "gold" / "seeds.json"
    return [ROOT / "fixtures" / name], ROOT / "fixtures" / "gold" / f"{name}.json"


def score_stories(names: list[str], args: argparse.Namespace) -> dict[str, object]:
    scorer = _load_scorer(SCORER)
    if scorer is None:
        message = f"not available: scorer {SCORER} not found (it lives in ../shared)"
        print(f"stories: {message}")
        return {name: message for name in names}
    results: dict[str, object] = {}
    for name in names:
        paths, gold_path = _story_inputs(name)
        if not all(p.exists() for p in paths) or not gold_path.exists():
            results[name] = f"not available: {paths[0]} or {gold_path} not found"
            continue
        started = time.perf_counter()
        try:
            report = analyze(paths, model=args.model, cache_dir=args.cache_dir, use_cache=not args.no_cache)
        except CheckerError as err:
            results[name] = f"not available: {err}"
            continue
        seconds = time.perf_counter() - started
        scored = scorer.score(
            json.loads(gold_path.read_text(encoding="utf-8")), json.loads(render(report, "json"))
        )
        results[name] = {
            **{key: scored[key] for key in STORY_KEYS},
            "missed": scored["missed"],
            "alarms": scored["alarms"],
            "model": report.model,
            "seconds": round(seconds, 1),
        }
    rows = []
    for name, result in results.items():
        if isinstance(result, str):
            rows.append([name, result])
            continue
        rows.append(
            [
                name,
                f"{result['conflicts_caught']}/{result['conflicts_total']}",
                ",".join(result["missed"]) or "-",
                f"{result['false_alarms']}/{result['not_conflicts_total']}",
                f"{result['updates_shown']}/{result['updates_total']} ({result['updates_called_conflict']})",
                result["subject_cohesion"],
                result["subject_separation"],
                result["gold_passages_missing"],
                f"{result['conflict_findings']}/{result['claims']}",
            ]
        )
    print("Stories against their gold (score.py)")
    headers = [
        "story",
        "caught",
        "missed",
        "false alarms",
        "updates shown (as conflict)",
        "cohesion",
        "separation",
        "passages missing",
        "conflicts/claims",
    ]
    print(tabulate(rows, headers=headers, disable_numparse=True), end="\n\n")
    return results


def _json_lines(text: str) -> list[dict]:
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return out


def _script(name: str, *args: str) -> tuple[list[dict], str | None]:
    """Run benchmarks/<name> and return its JSON lines, or the reason it could not run."""
    script = ROOT / "benchmarks" / name
    if not script.exists():
        return [], f"not available: {script.relative_to(ROOT)} not found"
    done = subprocess.run([sys.executable, str(script), *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return [], f"not available: {name} exited {done.returncode} ({tail[0][:200]})"
    lines = _json_lines(done.stdout)
    return lines, None if lines else f"not available: {name} printed no JSON line"


def score_factuality(files: list[Path]) -> object:
    missing = [str(f) for f in files if not f.exists()]
    if missing or not files:
        result: object = f"not available: {', '.join(missing) or 'no file given'} not found"
    else:
        lines, error = _script("factuality.py", *map(str, files))
        result = error or {
            Path(line["file"]).parent.name or line["file"]: line for line in lines[-len(files) :]
        }
    print("Event factuality (benchmarks/factuality.py)")
    if isinstance(result, str):
        print(result, end="\n\n")
        return result
    rows = [[name, r["n"], r["pearson"], r["mae"]] for name, r in result.items()]
    print(tabulate(rows, headers=["set", "n", "pearson r", "MAE"]), end="\n\n")
    return result


def score_ecbplus(corpus: Path, mentions: Path, model: str | None) -> object:
    if not corpus.exists() or not mentions.exists():
        result: object = f"not available: {corpus} or {mentions} not found"
    else:
        extra = ["--model", model] if model else []
        lines, error = _script("ecbplus.py", "--corpus", str(corpus), "--mentions", str(mentions), *extra)
        result = error or lines[-1]
    print("ECB+ dev subject clustering (benchmarks/ecbplus.py)")
    if isinstance(result, str):
        print(result, end="\n\n")
        return result
    keys = ("precision", "recall", "f1", "mixed_event_share", "claims", "subjects")
    print(tabulate([[result.get(k) for k in keys]], headers=list(keys), disable_numparse=True), end="\n\n")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="embedding model (default: bundled), or 'hashing'")
    parser.add_argument(
        "--stories", nargs="*", default=list(STORIES), choices=STORIES, help="stories to score"
    )
    parser.add_argument(
        "--factuality", nargs="*", type=Path, default=FACTUALITY, help="factuality jsonl files"
    )
    parser.add_argument("--no-factuality", action="store_true")
    parser.add_argument("--ecbplus-corpus", type=Path, default=ECBPLUS / "ECB_Dev_corpus.txt")
    parser.add_argument("--ecbplus-mentions", type=Path, default=ECBPLUS / "ECB_Dev_Event_gold_mentions.json")
    parser.add_argument("--no-ecbplus", action="store_true")
    parser.add_argument("--cache-dir", default=None, help="embedding cache folder (default: the user cache)")
    parser.add_argument("--no-cache", action="store_true", help="no embedding cache for the stories")
    args = parser.parse_args(argv)
    scratch = None
    if args.model == "hashing" and args.cache_dir is None:
        scratch = args.cache_dir = tempfile.mkdtemp(
            prefix="checker-quality-"
        )  # test vectors stay out of the user cache
    started = time.perf_counter()
    figures: dict[str, object] = {"model": args.model or "default"}
    figures["stories"] = score_stories(args.stories, args)
    figures["factuality"] = (
        "skipped (--no-factuality)" if args.no_factuality else score_factuality(args.factuality)
    )
    figures["ecbplus"] = (
        "skipped (--no-ecbplus)"
        if args.no_ecbplus
        else score_ecbplus(args.ecbplus_corpus, args.ecbplus_mentions, args.model)
    )
    figures["seconds"] = round(time.perf_counter() - started, 1)
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
