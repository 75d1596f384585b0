"""The corpus index (checker/index.py) and its build (checker/prepublish.build_index), with the
model-free hashing embedder."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import checker.index as index_module
from checker.config import Config
from checker.embed import HashingEmbedder, make_embedder
from checker.errors import CorpusIndexError
from checker.extract import extract_claims
from checker.index import INDEX_FORMAT, CorpusIndex, claim_from_json, claim_to_json, open_index
from checker.ingest import read_articles
from checker.lexicons import load_lexicon
from checker.models import (
    Attribution,
    AttributionKind,
    Certainty,
    CertaintyReading,
    Claim,
    Polarity,
    Quantity,
    Role,
    Scope,
    TimeMention,
)
from checker.prepublish import build_index
from checker.segment import split_sentences

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
LEXICON = load_lexicon()


@pytest.fixture(scope="module")
def embedder():
    return make_embedder("hashing", use_cache=False)


def _claims(paths) -> list[Claim]:
    out: list[Claim] = []
    for article in read_articles(paths):
        if article.ok:
            out.extend(extract_claims(split_sentences(article, lexicon=LEXICON), article, lexicon=LEXICON))
    return out


@pytest.fixture()
def quake(tmp_path) -> Path:
    folder = tmp_path / "quake"
    shutil.copytree(FIXTURES / "quake", folder)
    return folder


# ---- Claim <-> JSON ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["quake", "vessel", "protest"])
def test_every_fixture_claim_round_trips_exactly(name):
    claims = _claims([FIXTURES / name])
    assert claims
    for claim in claims:
        back = claim_from_json(claim_to_json(claim))
        assert back == claim
        assert type(back.quantities) is tuple and type(back.contrasts) is tuple
        assert all(type(pair) is tuple for pair in back.contrasts)


_text = st.text(max_size=30)
_opt_text = st.none() | _text
_float = st.floats(allow_nan=False, width=64)
_opt_float = st.none() | _float
_date = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
_quantity = st.builds(
    Quantity,
    text=_text,
    start=st.integers(0, 500),
    end=st.integers(0, 500),
    value=_float,
    low=_opt_float,
    high=_opt_float,
    low_open=st.booleans(),
    high_open=st.booleans(),
    approximate=st.booleans(),
    vague=st.booleans(),
    qualifier=_opt_text,
    unit=_opt_text,
    unit_class=_opt_text,
    frame=_opt_text,
    scope=st.sampled_from(Scope),
    planned=st.booleans(),
    source=_opt_text,
)
_claim = st.builds(
    Claim,
    id=_text,
    article=_text,
    sentence=st.integers(0, 10_000),
    text=_text,
    start=st.integers(0, 10**6),
    end=st.integers(0, 10**6),
    source_start=st.integers(0, 10**6),
    source_end=st.integers(0, 10**6),
    role=st.sampled_from(Role),
    quantities=st.lists(_quantity, max_size=3).map(tuple),
    certainty=st.builds(
        CertaintyReading,
        level=st.sampled_from(Certainty),
        polarity=st.sampled_from(Polarity),
        cues=st.lists(_text, max_size=3).map(tuple),
        denial=st.booleans(),
    ),
    attribution=st.builds(
        Attribution,
        source=_opt_text,
        kind=st.sampled_from(AttributionKind),
        cue=_opt_text,
        chain=st.lists(_text, max_size=3).map(tuple),
    ),
    categories=st.lists(_text, max_size=3).map(tuple),
    contrasts=st.lists(st.tuples(_text, _text), max_size=2).map(tuple),
    alternatives=st.lists(_text, max_size=2).map(tuple),
    times=st.lists(
        st.builds(
            TimeMention,
            text=_text,
            start=st.integers(0, 99),
            end=st.integers(0, 99),
            resolved=st.none() | _date,
        ),
        max_size=2,
    ).map(tuple),
    event_date=st.none() | _date,
    published=st.none() | _date,
    outlet=_opt_text,
    subject=_opt_text,
    echo_of=_opt_text,
    focus=_opt_text,
)


@settings(max_examples=200, deadline=None)
@given(_claim)
def test_any_claim_round_trips_exactly(claim):
    assert claim_from_json(claim_to_json(claim)) == claim


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(colour="red"), "unknown Claim fields"),
        (lambda d: d.update(sentence="3"), "expected int"),
        (lambda d: d["certainty"].update(level="sure"), "is not a valid Certainty"),
        (lambda d: d.update(quantities={}), "expected a list"),
        (lambda d: d.update(published="yesterday"), "Invalid isoformat"),
    ],
)
def test_claim_from_json_refuses_what_it_did_not_write(change, message):
    claim = _claims([FIXTURES / "quake"])[0]
    data = json.loads(claim_to_json(claim))
    change(data)
    with pytest.raises(ValueError, match=message):
        claim_from_json(json.dumps(data))


# ---- building and updating -------------------------------------------------------------------------


def test_build_stores_articles_claims_and_vectors(tmp_path, quake, embedder):
    db = tmp_path / "coverage.db"
    update = build_index([quake], db=db, embedder=embedder)
    assert len(update.added) == 6 and update.updated == () and update.unchanged == 0
    expected = _claims([quake])
    assert update.claims == len(expected) == update.stats.claims
    with open_index(db) as index:
        articles = index.articles()
        assert [a.outlet for a in articles] == [
            "Kelderan Herald",
            "Northline News",
            "Halvar Daily",
            "The Global Report",
            "Kelderan Herald",
            "Eastbridge Observer",
        ]
        assert articles[2].published == date(2025, 3, 5) and articles[1].published is None
        assert articles[0].title == "Powerful earthquake strikes Halvar province, at least 23 dead"
        assert all(len(a.content_hash) == 64 and a.mtime for a in articles)
        stored = [c for a in articles for c in index.claims(a.key)]
        assert stored == expected
        assert index.models() == (embedder.name,)
        focus_rows = sum(1 for c in expected if c.focus)
        assert index.stats().models == ((embedder.name, len(expected) + focus_rows),)
        journal = index._conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert journal == "wal"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == INDEX_FORMAT


def test_rerun_adds_only_new_or_changed_files_and_prune_removes_gone_ones(tmp_path, quake, embedder):
    db = tmp_path / "coverage.db"
    build_index([quake], db=db, embedder=embedder)
    again = build_index([quake], db=db, embedder=embedder)
    assert (again.added, again.updated, again.unchanged, again.claims) == ((), (), 6, 0)

    changed = quake / "004_herald_looting.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nThe mayor said 12 shops were looted.\n", encoding="utf-8"
    )
    shutil.copy(FIXTURES / "vessel" / "001_tavoriatoday_research_vessel.txt", quake / "006_new.txt")
    grown = build_index([quake], db=db, embedder=embedder)
    assert [Path(p).name for p in grown.updated] == ["004_herald_looting.txt"]
    assert [Path(p).name for p in grown.added] == ["006_new.txt"]
    assert grown.unchanged == 5
    with open_index(db) as index:
        key = next(a.key for a in index.articles() if a.path.endswith("004_herald_looting.txt"))
        assert any("12 shops" in c.text for c in index.claims(key))

    (quake / "000_herald_quake_strikes.txt").unlink()
    kept = build_index([quake], db=db, embedder=embedder)
    assert kept.removed == () and kept.stats.articles == 7
    pruned = build_index([quake], db=db, embedder=embedder, prune=True)
    assert [Path(p).name for p in pruned.removed] == ["000_herald_quake_strikes.txt"]
    assert pruned.stats.articles == 6
    with open_index(db) as index:
        assert not any(a.path.endswith("000_herald_quake_strikes.txt") for a in index.articles())
        count = index._conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
        rows = index._conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
    assert count == pruned.stats.claims and rows == 6  # claims and vectors went with their article


def test_metadata_change_reindexes_the_article(tmp_path, quake, embedder):
    db = tmp_path / "coverage.db"
    build_index([quake], db=db, embedder=embedder)
    meta = json.loads((quake / "meta.json").read_text(encoding="utf-8"))
    meta["articles"][1]["published"] = "2025-03-04"
    (quake / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    update = build_index([quake], db=db, embedder=embedder)
    assert [Path(p).name for p in update.updated] == ["001_northline_two_readings.txt"]
    with open_index(db) as index:
        northline = next(a for a in index.articles() if a.path.endswith("001_northline_two_readings.txt"))
        assert northline.published == date(2025, 3, 4)
        assert all(c.published == date(2025, 3, 4) for c in index.claims(northline.key))


def test_other_reading_rules_reextract_everything(tmp_path, quake, embedder):
    db = tmp_path / "coverage.db"
    build_index([quake], db=db, embedder=embedder)
    update = build_index([quake], db=db, embedder=embedder, config=Config(approximate_tolerance=0.2))
    assert len(update.updated) == 6 and update.unchanged == 0


def test_a_second_model_adds_vectors_without_reextracting(tmp_path, quake, embedder):
    db = tmp_path / "coverage.db"
    build_index([quake], db=db, embedder=embedder)
    small = HashingEmbedder(dim=64)
    update = build_index([quake], db=db, embedder=small)
    assert (update.added, update.updated, update.claims) == ((), (), 0)
    assert len(update.embedded) == 6
    with open_index(db) as index:
        assert index.models() == tuple(sorted((embedder.name, small.name)))
        one = index.search(small.embed(["The quake killed 97 people."]), model=small.name, k=3)
        assert len(one[0]) == 3


def test_record_ids_are_unique_across_files_and_claims_follow(tmp_path, embedder):
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(FIXTURES / "protest" / "articles.jsonl", folder / "articles.jsonl")
    db = tmp_path / "coverage.db"
    build_index([tmp_path / "a"], db=db, embedder=embedder)
    build_index([tmp_path / "b"], db=db, embedder=embedder)
    with open_index(db) as index:
        articles = index.articles()
        ids = [a.id for a in articles]
        assert len(ids) == len(set(ids)) == 10
        assert "p000" in ids and "p000-2" in ids
        second = next(a for a in articles if a.id == "p000-2")
        claims = index.claims(second.key)
        assert claims and all(c.article == "p000-2" and c.id.startswith("p000-2#s") for c in claims)


# ---- search --------------------------------------------------------------------------------------


def test_search_finds_each_claim_itself_first(tmp_path, quake, embedder):
    db = tmp_path / "coverage.db"
    build_index([quake], db=db, embedder=embedder)
    claims = _claims([quake])
    with open_index(db) as index:
        hits = index.search(embedder.embed([c.text for c in claims]), model=embedder.name, k=5)
    for claim, found in zip(claims, hits, strict=True):
        assert found[0].claim.text == claim.text
        assert found[0].similarity == pytest.approx(1.0, abs=1e-5)
        assert [h.similarity for h in found] == sorted((h.similarity for h in found), reverse=True)
        assert len({h.claim.id for h in found}) == len(found)  # sentence and focus rows merged


def test_chunked_search_equals_a_full_matrix_product(tmp_path, quake, embedder, monkeypatch):
    db = tmp_path / "coverage.db"
    build_index([quake, FIXTURES / "vessel"], db=db, embedder=embedder)
    queries = embedder.embed(
        ["The death toll rose to 97.", "Coastguard detains a spy ship.", "Dam breached."]
    )
    with open_index(db) as index:
        matrix = index._matrix(embedder.name)
        full = matrix.vectors @ queries.T
        monkeypatch.setattr(index_module, "_CHUNK_ROWS", 7)
        hits = index.search(queries, model=embedder.name, k=6)
    for q, found in enumerate(hits):
        best: dict[tuple[int, int], float] = {}
        for row in range(full.shape[0]):
            ident = (int(matrix.articles[row]), int(matrix.ordinals[row]))
            best[ident] = max(best.get(ident, -2.0), float(full[row, q]))
        expected = sorted(best.values(), reverse=True)[:6]
        assert [h.similarity for h in found] == pytest.approx(expected, abs=1e-6)


def test_search_floor_keeps_only_close_claims_but_always_the_nearest(tmp_path, quake, embedder):
    db = tmp_path / "coverage.db"
    build_index([quake], db=db, embedder=embedder)
    queries = embedder.embed(["The Interior Ministry said the death toll had risen to 84.", "zzz qqq"])
    with open_index(db) as index:
        close, unrelated = index.search(queries, model=embedder.name, k=10, min_similarity=0.3)
        everything = index.search(queries, model=embedder.name, k=10)
    assert close and all(h.similarity >= 0.3 for h in close)
    assert len(close) < len(everything[0]) == 10
    assert len(unrelated) == 1 and unrelated[0].similarity < 0.3


def test_search_with_vectors_of_another_size_is_an_index_error(tmp_path, quake, embedder):
    db = tmp_path / "coverage.db"
    build_index([quake], db=db, embedder=embedder)
    with open_index(db) as index, pytest.raises(CorpusIndexError, match="dimensions"):
        index.search(np.ones((1, 10), dtype=np.float32), model=embedder.name, k=3)


# ---- bad files -------------------------------------------------------------------------------------


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    with pytest.raises(CorpusIndexError, match="not a checker index") as info:
        open_index(bad)
    assert str(bad) in str(info.value)
    with pytest.raises(CorpusIndexError, match="not a checker index"):
        CorpusIndex(bad, create=True)


def test_another_apps_sqlite_file_is_refused(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    with pytest.raises(CorpusIndexError, match="no schema_version table"):
        CorpusIndex(other, create=True)


def test_an_index_of_another_format_is_refused(tmp_path, quake, embedder):
    db = tmp_path / "coverage.db"
    build_index([quake], db=db, embedder=embedder)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE schema_version SET version = ?", [INDEX_FORMAT + 1])
    with pytest.raises(CorpusIndexError, match=f"index format {INDEX_FORMAT + 1}, but this checker reads"):
        open_index(db)


@pytest.mark.parametrize("make", ["missing", "folder", "empty"])
def test_open_index_needs_an_existing_index(tmp_path, make):
    path = tmp_path / "coverage.db"
    if make == "folder":
        path.mkdir()
    elif make == "empty":
        path.touch()
    with pytest.raises(CorpusIndexError, match="checker index|folder"):
        open_index(path)


# ---- two runs at once --------------------------------------------------------------------------------


def _index_in_process(args: tuple[str, str]) -> int:
    folder, db = args
    update = build_index([folder], db=db, embedder=HashingEmbedder(), batch_articles=2)
    return len(update.added) + len(update.updated) + update.unchanged


def test_two_concurrent_index_runs_leave_one_consistent_index(tmp_path, quake):
    db = str(tmp_path / "coverage.db")
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        seen = pool.map(_index_in_process, [(str(quake), db), (str(quake), db)])
    assert seen == [6, 6]
    expected = _claims([quake])
    with open_index(db) as index:
        assert len(index.articles()) == 6
        assert [c for a in index.articles() for c in index.claims(a.key)] == expected
        rows = index._conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
        assert rows == 6
        assert index.stats().claims == len(expected)
