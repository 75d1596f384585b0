"""Embedders and the embedding cache: the hashing test embedder, EmbeddingCache, CachedEmbedder,
make_embedder, model errors, and one test with the real bundled model (marked ``model``)."""

from __future__ import annotations

import numpy as np
import pytest

from checker.embed import (
    CachedEmbedder,
    EmbeddingCache,
    HashingEmbedder,
    SentenceTransformerEmbedder,
    make_embedder,
)
from checker.errors import ModelError

TEXTS = [
    "The death toll from the Halvar earthquake has risen to 61, the Interior Ministry said.",
    "The Interior Ministry said the death toll from the Halvar earthquake had risen to 61.",
    "Police used tear gas on protesters marching against the pension bill in Velmora.",
]


class CountingEmbedder:
    """Records every text it is asked to embed."""

    def __init__(self) -> None:
        self.inner = HashingEmbedder(dim=32)
        self.name = "counting"
        self.calls: list[list[str]] = []

    def embed(self, texts, *, progress=None):
        self.calls.append(list(texts))
        return self.inner.embed(texts, progress=progress)

    @property
    def embedded(self) -> list[str]:
        return [t for call in self.calls for t in call]


# ---- HashingEmbedder ----------------------------------------------------------------------------


def test_hashing_is_deterministic_across_instances():
    first = HashingEmbedder().embed(TEXTS)
    second = HashingEmbedder().embed(list(reversed(TEXTS)))[::-1]
    assert first.dtype == np.float32
    assert first.shape == (3, 256)
    np.testing.assert_array_equal(first, second)


def test_hashing_rows_are_unit_length():
    rows = HashingEmbedder(dim=64).embed(TEXTS)
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, rtol=1e-5)


def test_hashing_empty_text_is_a_zero_row_not_nan():
    rows = HashingEmbedder().embed(["", "Rescuers reached Mirenza."])
    assert np.isfinite(rows).all()
    assert np.linalg.norm(rows[0]) == 0.0


def test_hashing_shared_words_are_closer():
    a, b, c = HashingEmbedder().embed(TEXTS)
    assert float(a @ b) > float(a @ c)


def test_hashing_reports_progress():
    seen: list[int] = []
    HashingEmbedder().embed(TEXTS, progress=seen.append)
    assert sum(seen) == len(TEXTS)


# ---- EmbeddingCache -----------------------------------------------------------------------------


def test_cache_round_trip_and_persistence(tmp_path):
    path = tmp_path / "cache" / "embeddings.sqlite3"
    vectors = HashingEmbedder(dim=16).embed(TEXTS)
    keys = [EmbeddingCache.key(t) for t in TEXTS]
    cache = EmbeddingCache(path)
    cache.put_many("m", list(zip(keys, vectors, strict=True)))
    assert cache.count("m") == 3
    cache.close()
    reopened = EmbeddingCache(path)
    found = reopened.get_many("m", keys)
    for key, vector in zip(keys, vectors, strict=True):
        np.testing.assert_array_equal(found[key], vector)
    assert reopened.get_many("other-model", keys) == {}
    assert reopened.count() == 3
    reopened.close()


def test_cache_keeps_the_first_vector_for_a_key(tmp_path):
    cache = EmbeddingCache(tmp_path / "e.sqlite3")
    key = EmbeddingCache.key("same text")
    cache.put_many("m", [(key, np.ones(4, dtype=np.float32))])
    cache.put_many("m", [(key, np.zeros(4, dtype=np.float32))])
    np.testing.assert_array_equal(cache.get_many("m", [key])[key], np.ones(4))
    assert cache.count("m") == 1
    cache.close()


def test_two_caches_on_one_file_see_each_others_writes(tmp_path):
    path = tmp_path / "shared.sqlite3"
    one, two = EmbeddingCache(path), EmbeddingCache(path)
    one.put_many("m", [("a", np.ones(3, dtype=np.float32))])
    two.put_many("m", [("b", np.ones(3, dtype=np.float32))])
    assert set(one.get_many("m", ["a", "b"])) == {"a", "b"}
    one.close()
    two.close()


def test_cache_key_is_sha256_of_the_text():
    assert EmbeddingCache.key("x") == EmbeddingCache.key("x")
    assert EmbeddingCache.key("x") != EmbeddingCache.key("x ")
    assert len(EmbeddingCache.key("x")) == 64


# ---- CachedEmbedder -----------------------------------------------------------------------------


def test_cached_embedder_second_call_embeds_nothing(tmp_path):
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, EmbeddingCache(tmp_path / "e.sqlite3"))
    first = cached.embed(TEXTS)
    assert sorted(inner.embedded) == sorted(TEXTS)
    assert (cached.hits, cached.misses) == (0, 3)
    second = cached.embed(TEXTS)
    assert sorted(inner.embedded) == sorted(TEXTS)  # nothing new reached the model
    assert (cached.hits, cached.misses) == (3, 3)
    np.testing.assert_array_equal(first, second)
    np.testing.assert_array_equal(first, inner.inner.embed(TEXTS))


def test_cached_embedder_embeds_each_new_text_once_and_keeps_order(tmp_path):
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, EmbeddingCache(tmp_path / "e.sqlite3"))
    cached.embed(TEXTS[:1])
    texts = [TEXTS[2], TEXTS[0], TEXTS[2], TEXTS[1]]
    rows = cached.embed(texts)
    assert inner.embedded.count(TEXTS[2]) == 1
    assert inner.embedded.count(TEXTS[0]) == 1
    np.testing.assert_array_equal(rows, inner.inner.embed(texts))


def test_cached_embedder_survives_a_new_process(tmp_path):
    path = tmp_path / "e.sqlite3"
    CachedEmbedder(CountingEmbedder(), EmbeddingCache(path)).embed(TEXTS)
    fresh_inner = CountingEmbedder()
    CachedEmbedder(fresh_inner, EmbeddingCache(path)).embed(TEXTS)
    assert fresh_inner.calls == []


def test_cached_embedder_batches(tmp_path):
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, EmbeddingCache(tmp_path / "e.sqlite3"), batch_size=2)
    seen: list[int] = []
    cached.embed(TEXTS, progress=seen.append)
    assert [len(call) for call in inner.calls] == [2, 1]
    assert sum(seen) == len(TEXTS)


# ---- make_embedder and model errors -------------------------------------------------------------


def test_make_embedder_hashing_without_cache():
    assert isinstance(make_embedder("hashing", use_cache=False), HashingEmbedder)


def test_make_embedder_with_cache_dir(tmp_path):
    embedder = make_embedder("hashing", cache_dir=tmp_path)
    assert isinstance(embedder, CachedEmbedder)
    embedder.embed(TEXTS[:2])
    assert (tmp_path / "embeddings.sqlite3").exists()


def test_model_path_that_does_not_exist(tmp_path):
    missing = tmp_path / "models" / "minilm"
    with pytest.raises(ModelError, match="does not exist"):
        make_embedder(str(missing), use_cache=False)


def test_folder_without_a_model_is_a_model_error(tmp_path):
    empty = tmp_path / "not-a-model"
    empty.mkdir()
    embedder = SentenceTransformerEmbedder(str(empty))
    with pytest.raises(ModelError) as info:
        embedder.embed(["A sentence."])
    assert "\n" not in str(info.value)
    assert "not-a-model" in str(info.value)


@pytest.mark.model
def test_default_model_offline():
    embedder = SentenceTransformerEmbedder()
    rows = embedder.embed(TEXTS)
    assert rows.shape == (3, 384)
    assert rows.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, rtol=1e-5)
    similar, unrelated = float(rows[0] @ rows[1]), float(rows[0] @ rows[2])
    assert similar > 0.8
    assert similar > unrelated + 0.3
