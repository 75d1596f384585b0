"""Claims + embeddings -> subjects, as a scikit-learn style estimator.

Each claim becomes a feature row: its sentence embedding, plus rule-layer features appended as
extra dimensions so that cosine distance reads them too:

* a one-hot of each figure's *measure* (unit class and frame, e.g. "military personnel/send"),
  so "3,000 troops sent" and "a battalion of up to 3,000 being formed" are pulled apart even though
  their sentences share a number, and claims counting the same thing are pulled together;
* a one-hot of the event year, so the same kind of event in different years stays apart.

Rows are clustered with average-linkage agglomerative clustering on cosine distance, stopping at
``distance_threshold``. Above ``sparse_above`` claims the merge is restricted to a k-nearest-neighbour
graph, so memory grows with n*k instead of n^2.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from sklearn.cluster import AgglomerativeClustering, MiniBatchKMeans

from checker.errors import StageError
from checker.models import Claim, Quantity, Subject

_STOPWORDS = frozenset(
    "a an the of to in on at for from by with and or but that this these those it its is are was were be been "
    "has have had will would could may might said says told also as than then there their his her they he she "
    "we our you not no more most some any all after before about over into up out which who whom whose what "
    "when where while if so such other another one two three said according reported report reports".split()
)


def measure_key(quantity: Quantity) -> str | None:
    """What a figure measures (see ``Quantity.measure``)."""
    return quantity.measure


def _claim_keys(claim: Claim) -> set[str]:
    """Rule-layer features of a claim: what its figures measure, and the contrast it states."""
    keys = {key for key in (measure_key(q) for q in claim.quantities) if key is not None}
    keys |= {f"contrast/{'|'.join(sorted(pair))}" for pair in claim.contrasts}
    keys |= {f"contrast/{'|'.join(sorted(claim.alternatives))}"} if len(claim.alternatives) >= 2 else set()
    return keys


class SubjectClusterer:
    """Groups claims about the same subject.

    >>> SubjectClusterer(distance_threshold=0.6).fit(embeddings, claims).labels_
    """

    def __init__(
        self,
        *,
        distance_threshold: float = 0.45,
        measure_weight: float = 0.45,
        year_weight: float = 0.35,
        sparse_above: int = 2000,
        n_neighbors: int = 15,
    ) -> None:
        self.distance_threshold = distance_threshold
        self.measure_weight = measure_weight
        self.year_weight = year_weight
        self.sparse_above = sparse_above
        self.n_neighbors = n_neighbors

    def _features(self, embeddings: np.ndarray, claims: Sequence[Claim]) -> np.ndarray:
        measures: dict[str, int] = {}
        years: dict[int, int] = {}
        for claim in claims:
            for key in _claim_keys(claim):
                measures.setdefault(key, len(measures))
            if claim.event_date is not None:
                years.setdefault(claim.event_date.year, len(years))
        extra = np.zeros((len(claims), len(measures) + len(years)), dtype=np.float32)
        for row, claim in enumerate(claims):
            keys = _claim_keys(claim)
            for key in keys:
                extra[row, measures[key]] = self.measure_weight / np.sqrt(len(keys))
            if claim.event_date is not None and len(years) > 1:
                extra[row, len(measures) + years[claim.event_date.year]] = self.year_weight
        features = np.hstack([embeddings.astype(np.float32), extra])
        norms = np.linalg.norm(features, axis=1)
        # A text the embedder could not place (a zero row) still needs a direction for cosine distance:
        # all such rows share one, so they form one subject rather than breaking the clustering.
        features[norms == 0] = 1.0
        norms = np.linalg.norm(features, axis=1, keepdims=True)
        return features / norms

    def _fit_dense(self, features: np.ndarray) -> np.ndarray:
        if features.shape[0] < 2:
            return np.zeros(features.shape[0], dtype=int)
        model = AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average", distance_threshold=self.distance_threshold
        )
        return model.fit_predict(features)

    def _fit_blocks(self, features: np.ndarray) -> np.ndarray:
        """Above ``sparse_above`` claims: split into blocks of about ``sparse_above / 2`` nearby claims
        (k-means on the same features), then cluster each block densely, so memory grows with the
        block size squared times the number of blocks, not with n squared. Subjects never cross blocks;
        k-means keeps near claims together, so little is lost."""
        n = features.shape[0]
        blocks = max(2, int(np.ceil(n / max(2, self.sparse_above // 2))))
        coarse = MiniBatchKMeans(n_clusters=blocks, random_state=0, n_init=3, batch_size=2048).fit_predict(
            features
        )
        labels = np.zeros(n, dtype=int)
        offset = 0
        for block in range(blocks):
            rows = np.nonzero(coarse == block)[0]
            if rows.size == 0:
                continue
            sub = self._fit_dense(features[rows])
            labels[rows] = sub + offset
            offset += int(sub.max()) + 1
        # Subjects cut apart by a block boundary come back together: cluster the subjects' centroids
        # with the same threshold (there are far fewer subjects than claims).
        if offset >= n:
            return labels  # nothing merged inside any block: the centroids are the claims themselves
        centroids = np.zeros((offset, features.shape[1]), dtype=np.float32)
        np.add.at(centroids, labels, features)
        centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
        merged = self._fit_dense(centroids) if offset <= self.sparse_above else self._fit_blocks(centroids)
        return merged[labels]

    def fit(self, embeddings: np.ndarray, claims: Sequence[Claim]) -> SubjectClusterer:
        if embeddings.shape[0] != len(claims):
            raise StageError(
                f"cluster: {embeddings.shape[0]} embedding rows for {len(claims)} claims; rows must line up"
            )
        if embeddings.size and not np.isfinite(embeddings).all():
            raise StageError(
                "cluster: the embeddings hold NaN or infinite values; the embedding model is broken"
            )
        n = len(claims)
        if n == 0:
            self.labels_ = np.zeros(0, dtype=int)
            self.n_subjects_ = 0
            return self
        if n == 1:
            self.labels_ = np.zeros(1, dtype=int)
            self.n_subjects_ = 1
            return self
        features = self._features(embeddings, claims)
        if n > self.sparse_above:
            raw = self._fit_blocks(features)
        else:
            raw = self._fit_dense(features)
        # Number subjects in order of first appearance, so output is stable.
        order: dict[int, int] = {}
        for label in raw:
            order.setdefault(int(label), len(order))
        self.labels_ = np.array([order[int(label)] for label in raw], dtype=int)
        self.n_subjects_ = len(order)
        return self


def label_subject(claims: Sequence[Claim]) -> str:
    """A short readable label: the subject's most shared key terms and its main unit."""
    counts: Counter[str] = Counter()
    for claim in claims:
        words = dict.fromkeys(w.strip(".,;:!?\"'“”‘’()").lower() for w in claim.text.split())
        counts.update(w for w in words if len(w) > 3 and w not in _STOPWORDS and w.isalpha())
    terms = [w for w, c in counts.most_common(8) if c > 1 or len(claims) == 1][:4]
    units = Counter(q.unit_class or q.unit for c in claims for q in c.quantities if (q.unit_class or q.unit))
    label = ", ".join(terms) if terms else claims[0].text[:40]
    if units:
        label += f" [{units.most_common(1)[0][0]}]"
    return label


def cluster_claims(
    claims: Sequence[Claim],
    embeddings: np.ndarray,
    *,
    distance_threshold: float = 0.45,
    sparse_above: int = 2000,
    n_neighbors: int = 15,
) -> tuple[tuple[Subject, ...], np.ndarray]:
    """Subjects over ``claims`` and each claim's subject index."""
    model = SubjectClusterer(
        distance_threshold=distance_threshold, sparse_above=sparse_above, n_neighbors=n_neighbors
    ).fit(embeddings, claims)
    groups: dict[int, list[Claim]] = {}
    for claim, label in zip(claims, model.labels_, strict=True):
        groups.setdefault(int(label), []).append(claim)
    subjects = tuple(
        Subject(id=f"S{label + 1}", label=label_subject(members), claims=tuple(c.id for c in members))
        for label, members in sorted(groups.items())
    )
    return subjects, model.labels_


def merge_subjects(
    subjects: Sequence[Subject], claims: Sequence[Claim], groups: Sequence[set[str]]
) -> tuple[tuple[Subject, ...], tuple[Claim, ...]]:
    """Join the subjects of each group into one, renumber subjects in order and relabel them."""
    into: dict[str, str] = {}
    for group in groups:
        keep = min(group, key=lambda s: [x.id for x in subjects].index(s))
        for member in group:
            into[member] = keep
    members: dict[str, list[Claim]] = {}
    for claim in claims:
        members.setdefault(into.get(claim.subject or "", claim.subject or ""), []).append(claim)
    order = [s.id for s in subjects if s.id in members]
    renumber = {old: f"S{n + 1}" for n, old in enumerate(order)}
    new_claims = tuple(
        replace(c, subject=renumber[into.get(c.subject or "", c.subject or "")]) for c in claims
    )
    new_subjects = tuple(
        Subject(id=renumber[old], label=label_subject(members[old]), claims=tuple(c.id for c in members[old]))
        for old in order
    )
    return new_subjects, new_claims
