"""Build a large article corpus reproducibly, for the speed benchmark.

Usage (from the repo root)::

    python benchmarks/corpus.py /tmp/checker-corpus --sizes 100 1000 10000 [--seed 7]

Writes ``OUT/n100/``, ``OUT/n1000/``, ... each holding ``NNNNN.txt`` files and a ``meta.json`` (outlet,
published, title per file, plus the generator's parameters). Articles are recombined from the bundled
fixture stories (``fixtures/``) and, when found, the ECB+ dev documents
(``../shared/evaldata/ecbplus/ECB_Dev_corpus.txt``, tokens joined with spaces, one story per ECB+ topic):
each article takes one story's paragraphs in random order, an outlet from a fixed list, a date within the
story's week, its figures moved by a random factor and about half of the story's names replaced by made-up
ones, so most sentences are new texts (as in a real corpus, some are repeated word for word). The same
seed and sources give the same files, byte for byte (``meta.json`` records a digest of them).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

try:
    import checker  # noqa: F401
except ImportError:  # run as a script from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.ingest import read_articles

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DEFAULT_ECBPLUS = ROOT.parent / "shared" / "evaldata" / "ecbplus" / "ECB_Dev_corpus.txt"
FIXTURE_SETS = ("quake", "vessel", "protest")
GENERATOR_VERSION = 2

_OUTLETS = tuple(
    f"{a} {b}"
    for a in ("Northern", "Coastal", "Capital", "Valley", "Metro", "Evening", "Morning", "Harbour")
    for b in ("Herald", "Courier", "Observer", "Times", "Post", "Wire")
)
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w,]*\d)")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_AFTER = re.compile(rf"\s*(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b", re.I)
_DATE_BEFORE = re.compile(rf"\b(?:{_MONTHS})\s*$", re.I)
_TIME_AFTER = re.compile(r":\d")
_DETOKENISE = ((re.compile(r" ([,.;:!?%)\]])"), r"\1"), (re.compile(r"([(\[$]) "), r"\1"))
_CLITICS = re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")
_KEEP_NAMES = frozenset(
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday".split()
)
_SYLLABLES = ("ka", "ro", "ven", "mi", "dal", "tor", "es", "lu", "brin", "sa", "gor", "ne", "vi", "ost", "ar")


@dataclass(frozen=True, slots=True)
class Story:
    name: str
    paragraphs: tuple[str, ...]
    headlines: tuple[str, ...]
    start: date

    def names(self) -> tuple[str, ...]:
        """Capitalised words of the story that never occur in lower case: names, safe to swap."""
        text = " ".join(self.paragraphs + self.headlines)
        lower = set(re.findall(r"\b[a-z]+\b", text))
        found = {w for w in _CAPITALISED.findall(text) if w.lower() not in lower and w not in _KEEP_NAMES}
        return tuple(sorted(found))


def _fixture_stories() -> list[Story]:
    stories = []
    for name in FIXTURE_SETS:
        articles = [a for a in read_articles([FIXTURES / name]) if a.ok]
        paragraphs: list[str] = []
        headlines: list[str] = []
        for article in articles:
            parts = [p.strip() for p in article.text.split("\n\n") if p.strip()]
            if article.title and parts and parts[0] == article.title:
                parts = parts[1:]
            headlines.append(article.title or parts[0])
            paragraphs.extend(p for p in parts if len(p.split()) >= 6)
        start = min((a.published for a in articles if a.published), default=date(2025, 1, 1))
        stories.append(Story(name, tuple(paragraphs), tuple(headlines), start))
    return stories


def _detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens)
    for pattern, repl in _DETOKENISE:
        text = pattern.sub(repl, text)
    return _CLITICS.sub(r"\1", text)


def _ecbplus_stories(path: Path) -> list[Story]:
    """One story per ECB+ topic; each document's sentences become one paragraph."""
    sentences: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 4:
                continue
            doc, sent, token = row[0], row[1], row[3]
            sentences[doc][int(sent)].append(token)
    topics: dict[str, list[str]] = defaultdict(list)
    for doc in sorted(sentences):
        text = " ".join(_detokenise(sentences[doc][i]) for i in sorted(sentences[doc]))
        if len(text.split()) >= 6:
            topics[doc.split("_")[0]].append(text)
    return [
        Story(f"ecbplus-{topic}", tuple(docs), tuple(d.split(". ")[0] for d in docs), date(2024, 1, 8))
        for topic, docs in sorted(topics.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 0)
        if len(docs) >= 2
    ]


def _vary_numbers(text: str, rng: random.Random) -> str:
    """Move each figure by a random factor; years, days of a month and clock times stay."""

    def replace(match: re.Match[str]) -> str:
        whole, decimals = match.group(1), match.group(2) or ""
        before, after = text[: match.start()], text[match.end() :]
        value = int(whole.replace(",", ""))
        if (
            (1900 <= value <= 2100 and "," not in whole and not decimals)
            or (value <= 31 and (_DATE_AFTER.match(after) or _DATE_BEFORE.search(before)))
            or _TIME_AFTER.match(after)
            or before.endswith(":")
        ):
            return match.group(0)
        number = float(whole.replace(",", "") + decimals) * rng.uniform(0.6, 1.6)
        if decimals:
            return f"{number:.{len(decimals) - 1}f}"
        zeros = len(whole.replace(",", "")) - len(whole.replace(",", "").rstrip("0"))
        step = 10 ** min(zeros, len(whole.replace(",", "")) - 1)  # a round figure stays round
        new = max(step, round(number / step) * step)
        return f"{new:,}" if "," in whole else str(new)

    return _NUMBER.sub(replace, text)


def _new_name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _swap_names(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    return _CAPITALISED.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:30]


def load_stories(ecbplus: Path | None) -> list[Story]:
    stories = _fixture_stories()
    if ecbplus is not None and ecbplus.exists():
        stories.extend(_ecbplus_stories(ecbplus))
    return stories


def build_corpus(out: Path, size: int, *, seed: int = 7, ecbplus: Path | None = DEFAULT_ECBPLUS) -> dict:
    """Write ``size`` articles and ``meta.json`` into ``out`` (created); returns the meta.json data."""
    stories = load_stories(ecbplus)
    fixtures = [s for s in stories if not s.name.startswith("ecbplus")]
    ecb = [s for s in stories if s.name.startswith("ecbplus")]
    names = {s.name: s.names() for s in stories}
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    entries = []
    digest = hashlib.sha256()
    width = max(5, len(str(size)))
    for number in range(size):
        # four in five articles retell a fixture story at full length; one in five is an ECB+ report
        story = rng.choice(ecb) if ecb and rng.random() < 0.2 else rng.choice(fixtures)
        count = min(len(story.paragraphs), rng.randint(5, 12) if story in fixtures else rng.randint(1, 3))
        # each article renames about half of the story's people and places, consistently within it
        mapping = {n: _new_name(rng) for n in names[story.name] if rng.random() < 0.5}
        paragraphs = [
            _swap_names(_vary_numbers(p, rng), mapping) for p in rng.sample(story.paragraphs, count)
        ]
        title = _swap_names(_vary_numbers(rng.choice(story.headlines), rng), mapping)
        outlet = rng.choice(_OUTLETS)
        published = story.start + timedelta(days=rng.randint(0, 6))
        name = f"{number:0{width}d}_{_slug(outlet)}.txt"
        text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
        (out / name).write_text(text, encoding="utf-8")
        digest.update(name.encode() + b"\0" + text.encode("utf-8") + b"\0")
        entries.append({"file": name, "outlet": outlet, "published": published.isoformat(), "title": title})
    meta = {
        "generator": {
            "script": "benchmarks/corpus.py",
            "version": GENERATOR_VERSION,
            "seed": seed,
            "size": size,
            "stories": [s.name for s in stories],
            "ecbplus": bool(ecb),
            "sha256": digest.hexdigest(),
        },
        "articles": entries,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return meta


def ensure_corpus(out: Path, size: int, *, seed: int = 7, ecbplus: Path | None = DEFAULT_ECBPLUS) -> dict:
    """The corpus in ``out``, generated unless an identical one (same size, seed, version) is there."""
    meta_path = out / "meta.json"
    if meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            made = meta["generator"]
            want_ecb = ecbplus is not None and ecbplus.exists()
            if (made["version"], made["seed"], made["size"], made["ecbplus"]) == (
                GENERATOR_VERSION,
                seed,
                size,
                want_ecb,
            ) and len(list(out.glob("*.txt"))) == size:
                return meta
        except (ValueError, KeyError, TypeError):
            pass
    return build_corpus(out, size, seed=seed, ecbplus=ecbplus)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write n<SIZE>/ corpora into")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--ecbplus", type=Path, default=DEFAULT_ECBPLUS, help="ECB_Dev_corpus.txt (skipped if missing)"
    )
    parser.add_argument("--no-ecbplus", action="store_true", help="fixture stories only")
    args = parser.parse_args(argv)
    ecbplus = None if args.no_ecbplus else args.ecbplus
    results = []
    for size in args.sizes:
        meta = build_corpus(args.out / f"n{size}", size, seed=args.seed, ecbplus=ecbplus)
        made = meta["generator"]
        chars = sum((args.out / f"n{size}" / e["file"]).stat().st_size for e in meta["articles"])
        print(f"{args.out / f'n{size}'}: {size} articles, {chars / 1e6:.1f} MB, sha256 {made['sha256'][:16]}")
        results.append({"size": size, "path": str(args.out / f"n{size}"), "bytes": chars, **made})
    print(json.dumps({"corpora": results, "seed": args.seed}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
