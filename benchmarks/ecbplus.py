"""Score checker's subject clustering against ECB+ event coreference, over sentence pairs.

Usage (from the repo root)::

    python benchmarks/ecbplus.py --corpus /work/shared/evaldata/ecbplus/ECB_Dev_corpus.txt \\
        --mentions /work/shared/evaldata/ecbplus/ECB_Dev_Event_gold_mentions.json [--model NAME|hashing] \\
        [--distance X]

The corpus file holds one token a line (``doc_id  sent_id  token_id  token  chain``, tab-separated); each
document is rebuilt from its sentences and each sentence becomes one claim. Claims come from checker's own
``extract_claims`` (given the gold sentences, so sentence boundaries match the gold); a sentence the rule
layer does not find checkable is still scored, as a Claim built directly with its event date.

Claims are clustered per topic (the number before ``_`` in a doc_id), as checker would be run on one
story's articles. A gold-positive pair is two sentences holding mentions of one shared non-singleton event
chain; a predicted-positive pair is two sentences in the same subject. A topic's two sub-topics
(``N_Kecb``, ``N_Kecbplus``) are two different real events of one kind, so ``mixed_event_share`` is the
share of same-subject pairs whose documents come from different sub-topics.

Prints a table per topic, the baselines, then one JSON line with ``precision``, ``recall``, ``f1``,
``mixed_event_share``, ``claims``, ``subjects`` and a few more keys.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import numpy as np

try:
    import checker  # noqa: F401
except ImportError:  # run as a script from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tabulate import tabulate

from checker.cluster import cluster_claims
from checker.config import load_config
from checker.embed import make_embedder
from checker.errors import CheckerError
from checker.extract import extract_claims
from checker.extract.time import event_date
from checker.lexicons import Lexicon, load_lexicon
from checker.models import Article, ArticleStatus, Claim, Sentence

_DOC_ID = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)$")

# Light detokenisation of the Penn-style tokens: no space before closing punctuation and clitics, none
# inside quotes, and ECB+'s " - " inside a compound ("multi - boat") rejoined.
_DETOK = (
    (re.compile(r"``\s*"), '"'),
    (re.compile(r"\s*''"), '"'),
    (re.compile(r" (?=[,.;:!?%)\]}])"), ""),
    (re.compile(r"(?<=[(\[{$]) "), ""),
    (re.compile(r" (?='s\b|'re\b|'ve\b|'ll\b|'d\b|'m\b|n't\b|'\s)", re.IGNORECASE), ""),
    (re.compile(r"\b([a-z]+) - (?=[a-z])"), r"\1-"),
    (re.compile(r" -- "), " – "),
)


def detokenize(tokens: list[str]) -> str:
    """Tokens joined with spaces, then the spaces a writer would not type removed.

    >>> print(detokenize(["Jackman", ",", "40", ",", "wo", "n't", "host", "``", "Australia", "''", "."]))
    Jackman, 40, won't host "Australia".
    """
    text = " ".join(tokens)
    text = re.sub(r"\bwo n't\b", "won't", text)
    for pattern, replacement in _DETOK:
        text = pattern.sub(replacement, text)
    return text.strip()


@dataclass
class Document:
    id: str
    topic: str
    subtopic: str  # "ecb" or "ecbplus"
    number: int
    sentences: dict[int, list[str]] = field(default_factory=dict)  # sent_id -> tokens


def read_corpus(path: Path) -> dict[str, Document]:
    """Documents by doc_id, from the tab-separated token file."""
    docs: dict[str, Document] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            parts = line.split("\t")
            parts = parts[:4] + [p for p in parts[4:] if p]  # one dev line has an empty extra field
            if len(parts) != 5:
                raise SystemExit(f"{path}:{number}: expected 5 tab-separated fields, got {len(parts)}")
            doc_id, sent_id, _token_id, token, _chain = parts
            match = _DOC_ID.match(doc_id)
            if match is None or not sent_id.isdigit():
                raise SystemExit(
                    f"{path}:{number}: not an ECB+ doc_id and sentence id: {doc_id!r} {sent_id!r}"
                )
            doc = docs.get(doc_id)
            if doc is None:
                doc = docs[doc_id] = Document(doc_id, match.group(1), match.group(3), int(match.group(2)))
            doc.sentences.setdefault(int(sent_id), []).append(token)
    return docs


def read_chains(path: Path) -> dict[tuple[str, int], set[str]]:
    """Non-singleton event chains mentioned in each (doc_id, sent_id)."""
    try:
        mentions = json.loads(path.read_text(encoding="utf-8"))
        chains: dict[tuple[str, int], set[str]] = defaultdict(set)
        for mention in mentions:
            if not mention["is_singleton"]:
                chains[(mention["doc_id"], int(mention["sent_id"]))].add(mention["coref_chain"])
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise SystemExit(f"{path}: not an ECB+ gold mentions list ({exc})") from None
    return chains


def _sort_key(doc: Document) -> tuple[int, str, int]:
    return (int(doc.topic), doc.subtopic, doc.number)


def document_claims(doc: Document, lexicon: Lexicon) -> tuple[list[Claim], int]:
    """One claim per gold sentence, and how many of them the rule layer did not find checkable."""
    texts = [(sid, detokenize(tokens)) for sid, tokens in sorted(doc.sentences.items())]
    sentences = []
    offset = 0
    for sid, text in texts:
        sentences.append(Sentence(article=doc.id, index=sid, text=text, start=offset, end=offset + len(text)))
        offset += len(text) + 1
    body = "\n".join(text for _, text in texts)
    article = Article(id=doc.id, path=doc.id, status=ArticleStatus.OK, text=body, source_text=body)
    extracted = {c.sentence: c for c in extract_claims(sentences, article, lexicon=lexicon)}
    claims = []
    direct = 0
    for sentence in sentences:
        claim = extracted.get(sentence.index)
        if claim is None:
            direct += 1
            claim = Claim(
                id=f"{doc.id}#s{sentence.index}",
                article=doc.id,
                sentence=sentence.index,
                text=sentence.text,
                start=sentence.start,
                end=sentence.end,
                source_start=sentence.start,
                source_end=sentence.end,
                event_date=event_date(sentence.text, published=None),
            )
        claims.append(claim)
    return claims, direct


@dataclass
class Counts:
    true_positive: int = 0
    predicted: int = 0
    gold: int = 0
    mixed: int = 0
    pairs: int = 0

    def add(self, other: Counts) -> None:
        self.true_positive += other.true_positive
        self.predicted += other.predicted
        self.gold += other.gold
        self.mixed += other.mixed
        self.pairs += other.pairs

    def scores(self) -> dict[str, float]:
        precision = self.true_positive / self.predicted if self.predicted else 0.0
        recall = self.true_positive / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        mixed = self.mixed / self.predicted if self.predicted else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "mixed_event_share": mixed}


def score_pairs(labels: list[object], chains: list[set[str]], subtopics: list[str]) -> Counts:
    """Pair counts for one topic: ``labels[i]`` is claim i's cluster, ``chains[i]`` its gold chains."""
    counts = Counts()
    for i, j in combinations(range(len(labels)), 2):
        same = labels[i] == labels[j]
        gold = bool(chains[i] & chains[j])
        counts.pairs += 1
        counts.gold += gold
        counts.predicted += same
        counts.true_positive += same and gold
        counts.mixed += same and subtopics[i] != subtopics[j]
    return counts


def _fmt(scores: dict[str, float]) -> list[str]:
    return [f"{scores[k]:.3f}" for k in ("precision", "recall", "f1", "mixed_event_share")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="ECB+ token file (ECB_*_corpus.txt)")
    parser.add_argument("--mentions", type=Path, required=True, help="ECB+ gold event mentions JSON")
    parser.add_argument("--model", default=None, help="embedding model name or path, or 'hashing'")
    parser.add_argument("--distance", type=float, default=None, help="cluster distance (default: config)")
    parser.add_argument("--config", default=None, help="checker TOML config (thresholds)")
    parser.add_argument("--no-cache", action="store_true", help="do not use the embedding cache")
    args = parser.parse_args(argv)

    try:
        config = load_config(args.config)
        lexicon = load_lexicon()
        hashing = args.model is not None and args.model.startswith("hashing")
        embedder = make_embedder(
            args.model, use_cache=not (args.no_cache or hashing), batch_size=config.batch_size
        )
    except CheckerError as exc:
        raise SystemExit(str(exc)) from None
    distance = config.cluster_distance if args.distance is None else args.distance

    docs = read_corpus(args.corpus)
    chains_by_sentence = read_chains(args.mentions)
    topics: dict[str, list[Document]] = defaultdict(list)
    for doc in sorted(docs.values(), key=_sort_key):
        topics[doc.topic].append(doc)

    started = time.perf_counter()
    total = Counts()
    baseline_topic = Counts()  # every sentence of a topic in one subject
    baseline_subtopic = Counts()  # one subject per sub-topic: an oracle that knows the two events
    baseline_document = Counts()  # one subject per document
    rows = []
    n_claims = n_subjects = n_direct = 0
    for topic, topic_docs in sorted(topics.items(), key=lambda item: int(item[0])):
        claims: list[Claim] = []
        subtopics: list[str] = []
        for doc in topic_docs:
            doc_claims, direct = document_claims(doc, lexicon)
            claims.extend(doc_claims)
            subtopics.extend(doc.subtopic for _ in doc_claims)
            n_direct += direct
        try:
            embeddings = embedder.embed([c.text for c in claims])
            subjects, labels = cluster_claims(
                claims,
                np.asarray(embeddings),
                distance_threshold=distance,
                sparse_above=config.cluster_sparse_above,
                n_neighbors=config.cluster_neighbours,
            )
        except CheckerError as exc:
            raise SystemExit(f"topic {topic}: {exc}") from None
        chains = [chains_by_sentence.get((c.article, c.sentence), set()) for c in claims]
        counts = score_pairs([int(x) for x in labels], chains, subtopics)
        total.add(counts)
        baseline_topic.add(score_pairs([0] * len(claims), chains, subtopics))
        baseline_subtopic.add(score_pairs(list(subtopics), chains, subtopics))
        baseline_document.add(score_pairs([c.article for c in claims], chains, subtopics))
        n_claims += len(claims)
        n_subjects += len(subjects)
        rows.append([topic, len(topic_docs), len(claims), len(subjects), counts.gold, *_fmt(counts.scores())])
    seconds = time.perf_counter() - started

    scores = total.scores()
    headers = ["topic", "docs", "claims", "subjects", "gold pairs", "P", "R", "F1", "mixed"]
    rows.append(["all", len(docs), n_claims, n_subjects, total.gold, *_fmt(scores)])
    print(f"ECB+ subject clustering: model {embedder.name}, distance {distance}")
    print(tabulate(rows, headers=headers, disable_numparse=True))
    print()
    baselines = [
        ["checker subjects", *_fmt(scores)],
        ["one subject per topic", *_fmt(baseline_topic.scores())],
        ["one subject per document", *_fmt(baseline_document.scores())],
        ["one per sub-topic (oracle)", *_fmt(baseline_subtopic.scores())],
    ]
    print(tabulate(baselines, headers=["grouping", "P", "R", "F1", "mixed"], disable_numparse=True))
    print(
        f"({n_claims} sentences, {n_claims - n_direct} via extract_claims, {n_direct} built directly as "
        f"not checkable; {seconds:.1f} s)\n"
    )
    result = {key: round(value, 4) for key, value in scores.items()}
    result.update(
        claims=n_claims,
        subjects=n_subjects,
        distance=distance,
        model=embedder.name,
        gold_pairs=total.gold,
        predicted_pairs=total.predicted,
        direct_claims=n_direct,
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
