"""Tests for subject clustering: the estimator contract, determinism, the sparse path, the rule-layer
features and subject labels. Embeddings are controlled numpy vectors; no model is loaded."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from datetime import date

import numpy as np
import pytest

from checker.cluster import SubjectClusterer, cluster_claims, label_subject, measure_key
from checker.errors import StageError
from checker.extract import extract_claims
from checker.ingest import read_text_input
from checker.lexicons import load_lexicon
from checker.models import Claim, Quantity
from checker.segment import split_sentences

LEXICON = load_lexicon()


def make_claim(index: int, text: str = "Officials said the bridge was closed on Monday.", **fields) -> Claim:
    return Claim(
        id=f"a1#s{index}",
        article="a1",
        sentence=index,
        text=text,
        start=0,
        end=len(text),
        source_start=0,
        source_end=len(text),
        **fields,
    )


def claims_from(*sentences: str) -> tuple[Claim, ...]:
    """Claims read from one article holding ``sentences`` as paragraphs, through checker's own stages."""
    article = read_text_input(
        "\n\n".join(sentences), article_id="a1", published="2024-03-04", lexicon=LEXICON
    )
    claims = extract_claims(split_sentences(article), article, lexicon=LEXICON)
    assert [c.text for c in claims] == list(sentences)
    return claims


def unit_pair(cosine: float, dim: int = 8) -> np.ndarray:
    """Two unit rows whose cosine similarity is ``cosine``."""
    rows = np.zeros((2, dim), dtype=np.float32)
    rows[0, 0] = 1.0
    rows[1, 0] = cosine
    rows[1, 1] = np.sqrt(1.0 - cosine**2)
    return rows


def planted_groups(sizes: list[int], dim: int = 16, noise: float = 0.05, seed: int = 0):
    """Rows scattered tightly around ``len(sizes)`` orthogonal directions, and each row's group."""
    rng = np.random.default_rng(seed)
    truth = np.repeat(np.arange(len(sizes)), sizes)
    rng.shuffle(truth)
    rows = np.eye(dim, dtype=np.float32)[truth] + noise * rng.normal(size=(len(truth), dim)).astype(
        np.float32
    )
    return rows, truth


def same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    pairs = {(int(x), int(y)) for x, y in zip(a, b, strict=True)}
    return len(pairs) == len(set(a.tolist())) == len(set(b.tolist()))


def merge_height(claims, embeddings: np.ndarray, **params) -> float:
    """The smallest distance threshold at which two claims fall into one subject (their feature distance)."""
    assert len(claims) == 2
    low, high = 0.0, 2.0
    for _ in range(40):
        middle = (low + high) / 2
        model = SubjectClusterer(distance_threshold=middle, **params).fit(embeddings, claims)
        if model.n_subjects_ == 1:
            high = middle
        else:
            low = middle
    return high


# --- the estimator contract -------------------------------------------------------------------------


def test_init_only_stores_parameters():
    model = SubjectClusterer(
        distance_threshold=0.3, measure_weight=0.2, year_weight=0.1, sparse_above=50, n_neighbors=7
    )
    assert (model.distance_threshold, model.measure_weight, model.year_weight) == (0.3, 0.2, 0.1)
    assert (model.sparse_above, model.n_neighbors) == (50, 7)
    assert not hasattr(model, "labels_")
    assert not hasattr(model, "n_subjects_")


def test_fit_returns_self_and_sets_fitted_attributes():
    rows, truth = planted_groups([4, 3, 5])
    claims = [make_claim(i) for i in range(len(rows))]
    model = SubjectClusterer(distance_threshold=0.3)
    assert model.fit(rows, claims) is model
    assert model.labels_.shape == (len(claims),)
    assert model.n_subjects_ == 3 == len(set(model.labels_.tolist()))
    assert same_partition(model.labels_, truth)
    # subjects are numbered in order of first appearance
    first_seen = list(dict.fromkeys(model.labels_.tolist()))
    assert first_seen == list(range(model.n_subjects_))


@pytest.mark.parametrize("rows", [2, 4])
def test_rows_that_do_not_line_up_name_the_stage(rows):
    claims = [make_claim(i) for i in range(3)]
    with pytest.raises(StageError, match=r"^cluster: .*3 claims"):
        SubjectClusterer().fit(np.ones((rows, 8), dtype=np.float32), claims)
    with pytest.raises(StageError, match=r"^cluster: "):
        cluster_claims(claims, np.ones((rows, 8), dtype=np.float32))


def test_empty_input():
    model = SubjectClusterer().fit(np.zeros((0, 8), dtype=np.float32), [])
    assert model.labels_.shape == (0,)
    assert model.n_subjects_ == 0
    subjects, labels = cluster_claims([], np.zeros((0, 8), dtype=np.float32))
    assert subjects == ()
    assert labels.shape == (0,)


def test_single_claim():
    claim = make_claim(0, "Rescuers pulled 12 survivors out.")  # three label words: order aside, fixed
    model = SubjectClusterer().fit(unit_pair(0.5)[:1], [claim])
    assert model.labels_.tolist() == [0]
    assert model.n_subjects_ == 1
    subjects, labels = cluster_claims([claim], unit_pair(0.5)[:1])
    assert labels.tolist() == [0]
    assert len(subjects) == 1
    assert subjects[0].id == "S1"
    assert subjects[0].claims == (claim.id,)
    assert "survivors" in subjects[0].label


def test_nan_rows_name_the_stage():
    rows = planted_groups([2, 2])[0]
    rows[1] = np.nan
    with pytest.raises(StageError, match=r"^cluster: "):
        SubjectClusterer().fit(rows, [make_claim(i) for i in range(4)])


def test_zero_rows_form_one_subject_instead_of_breaking():
    rows = planted_groups([3, 3])[0]
    rows[0] = 0.0
    rows[4] = 0.0  # two texts the embedder could not place (e.g. no ASCII words for the hashing embedder)
    labels = SubjectClusterer(distance_threshold=0.3).fit(rows, [make_claim(i) for i in range(6)]).labels_
    assert labels[0] == labels[4]
    assert len(set(labels.tolist())) == 3


# --- determinism --------------------------------------------------------------------------------------


def test_same_input_gives_same_labels():
    rng = np.random.default_rng(7)
    rows = rng.normal(size=(60, 12)).astype(np.float32)
    claims = [make_claim(i) for i in range(60)]
    first = SubjectClusterer(distance_threshold=0.8).fit(rows, claims).labels_
    second = SubjectClusterer(distance_threshold=0.8).fit(rows.copy(), list(claims)).labels_
    assert first.tolist() == second.tolist()
    assert 1 < len(set(first.tolist())) < 60  # a real grouping, not a trivial one
    subjects_a, labels_a = cluster_claims(claims, rows, distance_threshold=0.8)
    subjects_b, labels_b = cluster_claims(claims, rows, distance_threshold=0.8)
    assert subjects_a == subjects_b
    assert labels_a.tolist() == labels_b.tolist() == first.tolist()


def test_cluster_claims_uses_the_threshold_it_is_given():
    rows = unit_pair(0.7)  # cosine distance 0.3
    claims = [make_claim(0), make_claim(1)]
    assert len(cluster_claims(claims, rows, distance_threshold=0.35)[0]) == 1
    assert len(cluster_claims(claims, rows, distance_threshold=0.25)[0]) == 2


# --- the blocked path for large inputs --------------------------------------------------------------


def _fit_recording_sizes(monkeypatch, rows, claims, **params):
    sizes: list[int] = []
    original = SubjectClusterer._fit_dense

    def recording(self, features):
        sizes.append(features.shape[0])
        return original(self, features)

    monkeypatch.setattr(SubjectClusterer, "_fit_dense", recording)
    return SubjectClusterer(**params).fit(rows, claims), sizes


def test_blocked_path_gives_the_dense_grouping(monkeypatch):
    rows, truth = planted_groups([30, 25, 35])
    claims = [make_claim(i) for i in range(len(rows))]
    dense, dense_sizes = _fit_recording_sizes(monkeypatch, rows, claims, distance_threshold=0.3)
    assert dense_sizes == [90]
    blocked, sizes = _fit_recording_sizes(monkeypatch, rows, claims, distance_threshold=0.3, sparse_above=40)
    assert len(sizes) > 1 and max(sizes) < 90  # several dense fits, each on a block
    assert blocked.n_subjects_ == 3
    assert same_partition(blocked.labels_, truth)


N_LARGE = 3000


def test_blocked_path_on_thousands_of_claims_bounds_each_dense_fit(monkeypatch):
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(300, 384))
    truth = rng.integers(0, 300, N_LARGE)
    rows = (centres[truth] + 0.5 * rng.normal(size=(N_LARGE, 384))).astype(np.float32)
    claims = [make_claim(i) for i in range(N_LARGE)]
    model, sizes = _fit_recording_sizes(monkeypatch, rows, claims, distance_threshold=0.45, sparse_above=1000)
    assert sum(sizes[:-1]) == N_LARGE  # every claim in one block; the last fit joins the blocks' subjects
    assert max(sizes) < N_LARGE / 2  # memory grows with the block, not with all claims squared
    assert model.n_subjects_ >= 300
    # planted groups are not split across blocks more than rarely
    assert same_partition(model.labels_, truth) or model.n_subjects_ <= 330


# --- rule-layer features ------------------------------------------------------------------------------

TROOPS_SENT = "The ministry said 3,000 troops were sent to the border on Monday."
BATTALION_FORMED = "A battalion of up to 3,000 is being formed, the ministry said."
SOLDIERS_DEPLOYED = "Officials said 3,000 soldiers had been deployed to the border region."


def _without_rule_features(claims):
    return [dataclasses.replace(c, quantities=(), event_date=None) for c in claims]


def test_figures_of_different_measures_are_pulled_apart():
    claims = claims_from(TROOPS_SENT, BATTALION_FORMED)
    keys = [{measure_key(q) for q in c.quantities} for c in claims]
    assert keys[0] == {"military personnel/send"}
    assert "military personnel/send" not in keys[1]
    rows = unit_pair(0.98)  # the sentences read as near-identical
    plain = merge_height(_without_rule_features(claims), rows)
    assert plain == pytest.approx(0.02, abs=1e-4)
    assert merge_height(claims, rows) > plain + 0.05
    assert merge_height(claims, rows, measure_weight=0.0) == pytest.approx(plain, abs=1e-4)


def test_two_named_measures_are_pulled_further_apart_than_one():
    sent = Quantity(
        "3,000 troops",
        0,
        12,
        3000.0,
        3000.0,
        3000.0,
        unit="troops",
        unit_class="military personnel",
        frame="send",
    )
    formed = dataclasses.replace(sent, text="a battalion of up to 3,000", unit="battalion", frame="form")
    assert measure_key(sent) != measure_key(formed)
    claims = [
        make_claim(0, TROOPS_SENT, quantities=(sent,)),
        make_claim(1, BATTALION_FORMED, quantities=(formed,)),
    ]
    one_sided = [claims[0], dataclasses.replace(claims[1], quantities=())]
    rows = unit_pair(0.98)
    assert (
        merge_height(claims, rows)
        > merge_height(one_sided, rows)
        > merge_height(_without_rule_features(claims), rows)
    )


def test_figures_of_the_same_measure_are_pulled_together():
    claims = claims_from(TROOPS_SENT, SOLDIERS_DEPLOYED)
    keys = [{measure_key(q) for q in c.quantities} for c in claims]
    assert keys[0] == keys[1] == {"military personnel/send"}
    rows = unit_pair(0.7)  # worded differently: cosine distance 0.3
    plain = merge_height(_without_rule_features(claims), rows)
    assert plain == pytest.approx(0.3, abs=1e-4)
    assert merge_height(claims, rows) < plain - 0.02


def test_same_measure_decides_the_grouping_at_one_threshold():
    # Three equally similar sentences; only the measure feature tells which two count the same thing.
    claims = claims_from(TROOPS_SENT, BATTALION_FORMED, SOLDIERS_DEPLOYED)
    rows = np.eye(3, dtype=np.float32) + 2.0  # pairwise cosine 16/17: distance 0.059
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    plain = SubjectClusterer(distance_threshold=0.07).fit(rows, _without_rule_features(claims))
    assert plain.n_subjects_ == 1
    model = SubjectClusterer(distance_threshold=0.07).fit(rows, claims)
    assert model.labels_.tolist() == [0, 1, 0]


def test_event_years_keep_the_same_kind_of_event_apart():
    claims = claims_from(
        "The quake killed 41 people in the province in 2023, officials said.",
        "An earthquake killed 12 people in the same province in 2019.",
    )
    assert [c.event_date.year for c in claims] == [2023, 2019]
    rows = unit_pair(0.9)
    no_dates = [dataclasses.replace(c, event_date=None) for c in claims]
    assert merge_height(claims, rows) > merge_height(no_dates, rows) + 0.05
    same_year = [dataclasses.replace(c, event_date=date(2023, 1, 1)) for c in claims]
    assert merge_height(same_year, rows) == pytest.approx(merge_height(no_dates, rows), abs=1e-4)


# --- labels -------------------------------------------------------------------------------------------

QUAKE = (
    "The quake killed 41 people in the province, officials said.",
    "An earthquake killed 12 people in the same province on Sunday.",
    "At least 45 people were killed by the earthquake, the Red Cross said.",
)


def test_label_names_shared_terms_and_the_main_unit():
    label = label_subject(claims_from(*QUAKE))
    terms, unit = label.rsplit(" [", 1)
    assert unit == "people]"
    words = terms.split(", ")
    assert 1 <= len(words) <= 4
    assert {"killed", "earthquake"} <= set(words)
    assert not {"the", "said", "least"} & set(words)
    assert all(len(w) > 3 and w.isalpha() and w == w.lower() for w in words)


def test_label_of_a_single_claim_uses_its_own_words():
    (claim,) = claims_from("Rescuers pulled 12 survivors from the collapsed school.")
    terms, unit = label_subject([claim]).rsplit(" [", 1)
    assert unit == "people]"
    assert set(terms.split(", ")) <= {"rescuers", "pulled", "survivors", "collapsed", "school"}
    assert len(terms.split(", ")) == 4


def test_label_falls_back_to_the_first_sentence():
    claims = [make_claim(0, "Flights resumed at dawn."), make_claim(1, "Trains stopped running tonight.")]
    assert label_subject(claims) == "Flights resumed at dawn."[:40]


def test_label_is_the_same_in_every_process():
    code = (
        "from checker.cluster import label_subject\n"
        "from checker.models import Claim\n"
        "texts = ['Rescuers searched the collapsed school in the northern town.',\n"
        "         'Rescuers reached the collapsed school after midnight, officials said.']\n"
        "claims = [Claim(id=str(i), article='a', sentence=i, text=t, start=0, end=len(t), source_start=0,\n"
        "                source_end=len(t)) for i, t in enumerate(texts)]\n"
        "print(label_subject(claims), '|', label_subject(claims[:1]))\n"
    )
    labels = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2)
    }
    assert len(labels) == 1


def test_blocked_path_ends_when_nothing_merges():
    import signal

    rows, _ = planted_groups([30, 25, 35])
    claims = [make_claim(i) for i in range(len(rows))]

    def too_long(signum, frame):  # type: ignore[no-untyped-def]
        raise TimeoutError("the blocked path was still clustering after 60 s")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(60)
    try:
        model = SubjectClusterer(distance_threshold=0.0, sparse_above=40).fit(rows, claims)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert model.n_subjects_ == len(rows)  # nothing merges: one subject per claim
