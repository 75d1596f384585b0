"""The claim cache: a re-run reads cached claims, the same report comes out, and anything that decides
the claims (text, lexicon, settings) gives a fresh extraction. A damaged cache file is set aside."""

from __future__ import annotations

import shutil
from pathlib import Path

from checker.claim_cache import ClaimCache, claims_from_json, claims_to_json
from checker.config import Config
from checker.embed import HashingEmbedder
from checker.extract import extract_claims
from checker.ingest import read_articles
from checker.lexicons import load_lexicon
from checker.pipeline import analyze
from checker.report import render
from checker.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent
LEX = load_lexicon()


def _articles():
    return [a for a in read_articles([ROOT / "fixtures" / "quake"], config=Config(), lexicon=LEX) if a.ok]


def test_claims_round_trip_through_json_exactly():
    for article in _articles():
        sentences = split_sentences(article, lexicon=LEX)
        claims = extract_claims(sentences, article, lexicon=LEX)
        back, count = claims_from_json(claims_to_json(claims, len(sentences)))
        assert back == claims and count == len(sentences)


def test_a_warm_run_reads_cached_claims_and_reports_the_same(tmp_path):
    cold = render(
        analyze([ROOT / "fixtures" / "quake"], embedder=HashingEmbedder(), cache_dir=tmp_path), "json"
    )
    cache = ClaimCache(tmp_path / "claims.sqlite3", lexicon=LEX, config=Config())
    assert all(cache.get(article) is not None for article in _articles())
    warm = render(
        analyze([ROOT / "fixtures" / "quake"], embedder=HashingEmbedder(), cache_dir=tmp_path), "json"
    )
    assert warm == cold


def test_what_decides_the_claims_decides_the_key(tmp_path):
    article = _articles()[0]
    cache = ClaimCache(tmp_path / "claims.sqlite3", lexicon=LEX, config=Config())
    cache.put(article, (), 0)
    cache.flush()
    assert cache.get(article) == ((), 0)
    other_config = ClaimCache(
        tmp_path / "claims.sqlite3", lexicon=LEX, config=Config(approximate_tolerance=0.2)
    )
    assert other_config.get(article) is None
    extra = tmp_path / "extra.toml"
    extra.write_text('[quantities.units]\n"military personnel" = ["legionnaires"]\n', encoding="utf-8")
    other_lexicon = ClaimCache(tmp_path / "claims.sqlite3", lexicon=load_lexicon([extra]), config=Config())
    assert other_lexicon.get(article) is None
    from dataclasses import replace

    assert cache.get(replace(article, text=article.text + " A new sentence.")) is None


def test_a_damaged_cache_is_set_aside_and_the_run_goes_on(tmp_path):
    (tmp_path / "claims.sqlite3").write_bytes(b"not a database at all" * 100)
    report = analyze([ROOT / "fixtures" / "quake"], embedder=HashingEmbedder(), cache_dir=tmp_path)
    assert report.claims
    assert list(tmp_path.glob("claims.sqlite3.damaged-*"))


def test_no_cache_writes_no_claim_cache(tmp_path):
    shutil.rmtree(tmp_path)
    analyze([ROOT / "fixtures" / "quake"], embedder=HashingEmbedder(), cache_dir=tmp_path, use_cache=False)
    assert not (tmp_path / "claims.sqlite3").exists()
