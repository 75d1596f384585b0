"""Sentence against sentence: the rules that compare two claims as wholes.

Used by ``analyze`` (through :func:`checker.compare.compare_subjects`) and by the pre-publication check,
so both read denials, contrasts and certainty the same way. Figures are judged as statements over the
whole story in :mod:`checker.judge.disputes`; these rules cover what a sentence asserts as a whole:

* negation: one claim denies ("dismissed as fake news", "denied") or negates what the other asserts;
* category: one claim puts the actor in a category that the other's contrast set excludes
  ("civilian personnel, not troops" against "sent 3,000 troops"); for casualty sets, the same count
  of the same people called dead in one and missing in the other;
* modality: certainty levels ``modality_gap`` apart, or one level apart when one claim retells the
  other (same article, or the same categories asserted) — "possible" in a quote, "likely" in the lede;
* echoes: near-identical sentences in different articles are one original and its copies.

Which claims are compared: every pair inside a subject, plus each claim's nearest neighbours across
subjects whose cosine similarity reaches ``proposition_similarity``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

import numpy as np

from checker.config import Config
from checker.judge.holders import same_holder
from checker.lexicons import Lexicon
from checker.models import (
    Certainty,
    Claim,
    FindingKind,
    FindingType,
    Polarity,
    Quantity,
    Role,
)

__all__ = [
    "SentenceRules",
    "as_of",
    "denied_stems",
    "negated_stems",
    "quantities_disjoint",
    "quantities_same_measure",
    "same_source",
    "stems",
]


def _when(claim: Claim) -> date | None:
    return claim.event_date or claim.published


def as_of(claim: Claim) -> date | None:
    """When a running count was given: the date the sentence gives it ("said on Wednesday"; a
    possessive "Tuesday's quake" does not date the figure), else the article's date."""
    return claim.event_date or claim.published


_CLAIMANT = re.compile(
    r"\b((?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)['’]s\s+(?:claims?|reports?|allegations?|assertions?|accusations?)\b"
    r"|\b(?:claims?|reports?|allegations?|accusations?)\s+(?:by|from)\s+((?:the\s+)?(?:[A-Z][\w-]*\s*){1,4})"
)


def _claimant(text: str) -> str | None:
    """Whose claim a denial or doubt is about: "dismissed South Korea's claim that ..."."""
    match = _CLAIMANT.search(text)
    if not match:
        return None
    return (match.group(1) or match.group(2) or "").strip() or None


def _names_overlap(claimant: str, source: str | None) -> bool:
    if not source:
        return False
    stem = lambda w: w.lower()[:5]  # noqa: E731 - "Korea"/"Korean", "Ukraine"/"Ukrainian"
    wanted = {stem(w) for w in re.findall(r"[A-Za-z]{3,}", claimant)}
    return bool(wanted & {stem(w) for w in re.findall(r"[A-Za-z]{3,}", source)})


def same_source(a: Claim, b: Claim) -> bool:
    """One holder under two names ("the Defence Ministry", "Marisca's Defence Ministry")."""
    return same_holder(a.attribution.original, b.attribution.original)


_NEGATED = re.compile(
    r"\b(?:not|never|no|n't|without|neither|nor)\s+((?:[a-z’'-]+\s+){0,2}[a-z’'-]+)", re.IGNORECASE
)
_FUNCTION_WORDS = frozenset(
    "a an the be been being have has had do does did to of in on at for with any one all its their his her this "
    "that these those it they he she we i is are was were will would could can may might should able yet "
    "longer more immediately publicly".split()
)


def stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _FUNCTION_WORDS}


_CLAUSE_END = re.compile(r"[,;:.!?]|\s(?:as|while|but|after|amid|and|when|whereas)\s", re.IGNORECASE)


def denied_stems(claim: Claim) -> set[str]:
    """Content stems of what a denial denies: its focus clause, else the words after its cue up to the
    end of the clause ("police deny looting as toll nears 100" denies looting, not the toll)."""
    if claim.focus:
        return stems(claim.focus)
    lowered = claim.text.lower()
    for cue in claim.certainty.cues:
        at = lowered.find(cue)
        if at >= 0:
            tail = lowered[at + len(cue) :]
            end = _CLAUSE_END.search(tail, 1)
            found = stems(tail[: end.start()] if end else tail)
            # "called the allegations "categorically false" and said ...": nothing follows in the clause,
            # so the next words say what is at stake.
            return found or set([st for word in re.findall(r"[a-z]{4,}", tail) for st in stems(word)][:4])
    return stems(claim.text)


def negated_stems(text: str) -> set[str]:
    """Stems of the content words a negation scopes over ("will not withdraw this bill" -> withd)."""
    out: set[str] = set()
    for match in _NEGATED.finditer(text):
        words = [w for w in re.findall(r"[a-z]{4,}", match.group(1).lower()) if w not in _FUNCTION_WORDS]
        if words:
            out.add(words[0][:5])
    return out


def _quoted(claim: Claim) -> bool:
    """A direct quotation: its role, or a sentence that opens with a quote mark."""
    return claim.role is Role.QUOTE or claim.text.lstrip()[:1] in '"“‘«'


def _fmt_number(value: float | None) -> str:
    if value is None:
        return "?"
    if abs(value - round(value)) < 1e-9:
        return f"{int(round(value)):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _who(claim: Claim) -> str:
    """'Source (Outlet, article date)': the date the reader can check on the page."""
    source = claim.attribution.original or "the outlet itself"
    outlet = claim.outlet or claim.article
    return f"{source} ({outlet}, {claim.published.isoformat() if claim.published else 'undated'})"


def _convert(
    quantity: Quantity, conversions: dict[str, tuple[str, float]]
) -> tuple[float | None, float | None]:
    unit = (quantity.unit or "").lower()
    if unit in conversions:
        _, factor = conversions[unit]
        return (
            quantity.low * factor if quantity.low is not None else None,
            quantity.high * factor if quantity.high is not None else None,
        )
    return quantity.low, quantity.high


def _rounding_band(quantity: Quantity, tolerance: float) -> float:
    """How far an exact figure may be off by rounding: half its last decimal place for decimals
    (magnitude 6.8 is 6.75-6.85), else half the tolerance share of its value (3,000 is +/-75)."""
    digits = re.search(r"\d+\.(\d+)", quantity.text)
    if digits:
        return 0.5 * 10 ** -len(digits.group(1))
    return abs(quantity.value) * tolerance / 2


def quantities_disjoint(
    a: Quantity, b: Quantity, tolerance: float, conversions: dict[str, tuple[str, float]]
) -> bool:
    """True when the two intervals cannot both hold, after widening each by ``tolerance``."""
    a_low, a_high = _convert(a, conversions)
    b_low, b_high = _convert(b, conversions)
    # Two exact figures may differ by rounding: widen each by half the tolerance. A qualified figure
    # ("about", "up to") carries its own band, so an exact one is not widened against it.
    if not (a.qualifier or a.approximate or b.qualifier or b.approximate):
        band_a, band_b = _rounding_band(a, tolerance), _rounding_band(b, tolerance)
        a_low = a_low - band_a if a_low is not None else None
        b_low = b_low - band_b if b_low is not None else None
        a_high = a_high + band_a if a_high is not None else None
        b_high = b_high + band_b if b_high is not None else None
    if a_high is not None and b_low is not None and a_high < b_low:
        return True
    if b_high is not None and a_low is not None and b_high < a_low:
        return True
    return False


# Classes whose figures say what they measure without a predicate: a magnitude, a distance.
_FRAMELESS = frozenset({"magnitude", "distance"})


def quantities_same_measure(
    a: Quantity, b: Quantity, conversions: dict[str, tuple[str, float]] | None = None
) -> bool:
    key_a, key_b = a.measure, b.measure
    if key_a is None or key_b is None or key_a != key_b:
        return False
    if a.frame is not None:
        return True
    if a.unit_class is not None and a.unit_class not in _FRAMELESS:
        return False  # "24 hours to release" and "tracked for 19 hours" measure different things
    if (a.unit or "") == (b.unit or ""):
        return True
    # No frame: the same unit once converted ("35 km" and "60 miles" are both distances in km).
    conversions = conversions or {}
    unit_a, unit_b = (a.unit or "").lower(), (b.unit or "").lower()
    return conversions.get(unit_a, (unit_a, 1.0))[0] == conversions.get(unit_b, (unit_b, 1.0))[0]


class SentenceRules:
    def __init__(
        self, claims: Sequence[Claim], embeddings: np.ndarray, config: Config, lexicon: Lexicon
    ) -> None:
        self.claims = list(claims)
        self.embeddings = embeddings
        self.config = config
        self.index = {c.id: i for i, c in enumerate(self.claims)}
        cats = lexicon.section("categories")
        self.set_of: dict[str, str] = {}
        self.members: dict[str, tuple[str, ...]] = {}
        for name, members in cats.get("sets", {}).items():
            self.members[name] = tuple(members)
            for member in members:
                self.set_of.setdefault(member, name)
        quantities = lexicon.section("quantities")
        self.cumulative = frozenset(quantities.get("frame_kinds", {}).get("cumulative", ()))
        revision = sorted(quantities.get("frame_kinds", {}).get("revision", ()), key=len, reverse=True)
        self.revision = re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in revision) + r")\b" if revision else r"(?!x)x",
            re.IGNORECASE,
        )
        self.conversions = {
            k.lower(): (v[0], float(v[1])) for k, v in quantities.get("conversions", {}).items()
        }
        certainty = lexicon.section("certainty")
        self.doubt_cues = frozenset(
            c.lower() for key in ("cannot_confirm", "doubt") for c in certainty.get(key, ())
        )
        self.confirm_cues = frozenset(
            c.lower()
            for c in certainty.get("boosters", ())
            if c.lower().startswith(("confirm", "has confirm", "verif", "establish"))
        )
        self.findings: list[tuple[FindingKind, FindingType, tuple[str, ...], str, tuple[str, ...]]] = []
        self.focus: dict[str, np.ndarray] = {}
        self._neighbour_pairs: set[tuple[int, int]] | None = None  # filled by _scan_similar

    def similarity(self, a: int, b: int) -> float:
        if self.embeddings.shape[0] == 0:
            return 0.0
        return float(np.dot(self.embeddings[a], self.embeddings[b]))

    # ---- echoes -------------------------------------------------------------------------------
    def _scan_similar(self) -> list[tuple[int, int]]:
        """One pass over all similarities, block by block: returns the near-identical pairs (echo
        candidates) and keeps each claim's nearest neighbours for ``pairs``, so the n x n products are
        computed once, never held whole."""
        n = len(self.claims)
        near: list[tuple[int, int]] = []
        self._neighbour_pairs = set()
        if not n or self.embeddings.shape[0] != n:
            return near
        k = min(40, n - 1)
        for start in range(0, n, 512):
            block = self.embeddings[start : start + 512] @ self.embeddings.T
            for offset, row in enumerate(block):
                i = start + offset
                near += [
                    (i, int(j)) for j in np.nonzero(row >= self.config.echo_similarity)[0] if int(j) != i
                ]
                if k <= 0:
                    continue
                for j in np.argpartition(-row, k)[: k + 1]:
                    j = int(j)
                    if j != i and row[j] >= self.config.proposition_similarity:
                        self._neighbour_pairs.add((min(i, j), max(i, j)))
        return near

    def echoes(self) -> list[Claim]:
        n = len(self.claims)
        order = sorted(range(n), key=lambda i: (_when(self.claims[i]) or date.max, self.claims[i].article, i))
        rank = {i: r for r, i in enumerate(order)}
        echo_of: dict[int, int] = {}
        for i, j in self._scan_similar():
            if self.claims[i].article == self.claims[j].article:
                continue
            if rank[j] < rank[i] and (i not in echo_of or rank[j] < rank[echo_of[i]]):
                echo_of[i] = j
        # Point every echo at the root original.
        for i in list(echo_of):
            root = echo_of[i]
            seen = {i}
            while root in echo_of and root not in seen:
                seen.add(root)
                root = echo_of[root]
            echo_of[i] = root
        out = list(self.claims)
        for i, j in echo_of.items():
            out[i] = dataclasses.replace(out[i], echo_of=self.claims[j].id)
        self.claims = out
        groups: dict[int, list[int]] = defaultdict(list)
        for i, j in echo_of.items():
            groups[j].append(i)
        for original, copies in groups.items():
            ids = (self.claims[original].id, *sorted(self.claims[c].id for c in copies))
            outlets = sorted({self.claims[c].outlet or self.claims[c].article for c in copies})
            self.findings.append(
                (
                    FindingKind.ECHO,
                    FindingType.ECHO,
                    ids,
                    f"{len(copies)} near-identical cop{'y' if len(copies) == 1 else 'ies'} in {', '.join(outlets)} "
                    f"of the sentence first carried by {self.claims[original].outlet or self.claims[original].article}; "
                    "counted as one source, not independent confirmation.",
                    (),
                )
            )
        return self.claims

    def _echo_related(self, a: Claim, b: Claim) -> bool:
        return (
            a.echo_of == b.id
            or b.echo_of == a.id
            or (a.echo_of is not None and a.echo_of == b.echo_of)
            or a.text.strip().lower() == b.text.strip().lower()
        )

    # ---- candidate pairs -------------------------------------------------------------------
    def pairs(self, subject_of: dict[str, str | None]) -> list[tuple[int, int]]:
        found: set[tuple[int, int]] = set()
        by_subject: dict[str, list[int]] = defaultdict(list)
        for i, claim in enumerate(self.claims):
            if subject_of.get(claim.id):
                by_subject[subject_of[claim.id]].append(i)  # type: ignore[index]
        for members in by_subject.values():
            if len(members) > 400:
                continue  # very large subjects are compared through nearest neighbours only
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    found.add((members[x], members[y]))
        if self._neighbour_pairs is None:
            self._scan_similar()
        found |= self._neighbour_pairs or set()
        return sorted(found)

    # ---- rules ----------------------------------------------------------------------------
    def _negation(self, a: Claim, b: Claim, sim: float) -> bool:
        """A negated claim against the same proposition asserted: near-identical wording, or a similar
        claim that asserts the very predicate the other negates ("will not withdraw" / "considering
        withdrawing")."""
        if sim < self.config.proposition_similarity:
            return False
        for neg, pos in ((a, b), (b, a)):
            if (
                neg.certainty.polarity is not Polarity.NEGATIVE
                or pos.certainty.polarity is not Polarity.POSITIVE
            ):
                continue
            if pos.certainty.level not in (Certainty.CERTAIN, Certainty.PROBABLE):
                continue
            if sim >= self.config.same_proposition_similarity or negated_stems(neg.text) & stems(pos.text):
                self._emit_negation(neg, pos)
                return True
        return False

    def _emit_negation(self, neg: Claim, pos: Claim) -> None:
        cue = ", ".join(neg.certainty.cues[:2]) or "negation"
        kind = "denies" if neg.certainty.denial else "negates"
        self.findings.append(
            (
                FindingKind.CONFLICT,
                FindingType.NEGATION,
                (neg.id, pos.id),
                f"{_who(neg)} {kind} ({cue}) what {_who(pos)} asserts.",
                (cue,),
            )
        )

    def _is_doubt(self, claim: Claim) -> bool:
        return claim.certainty.level is Certainty.UNKNOWN and any(
            c in self.doubt_cues for c in claim.certainty.cues
        )

    def counter_claims(self) -> set[tuple[int, int]]:
        """Denials and doubts name no proposition of their own ("dismissed as fake news South Korea's
        claim", "not able to confirm this alleged deployment"): each is set against the few most similar
        firm claims of other sources that it can be about."""
        done: set[tuple[int, int]] = set()
        n = len(self.claims)
        if not n or self.embeddings.shape[0] != n:
            return done
        for i, claim in enumerate(self.claims):
            denial = claim.certainty.denial and claim.certainty.polarity is Polarity.NEGATIVE
            doubt = self._is_doubt(claim)
            if not (denial or doubt) or claim.echo_of is not None:
                continue
            sims = self.embeddings @ self.focus.get(claim.id, self.embeddings[i])
            ranked = []
            for j in np.argsort(-sims):
                j = int(j)
                other = self.claims[j]
                if j == i or sims[j] < self.config.counter_similarity or other.echo_of is not None:
                    continue
                if other.certainty.polarity is not Polarity.POSITIVE or other.certainty.denial:
                    continue
                if same_source(claim, other):
                    continue
                if denial and other.certainty.level is not Certainty.CERTAIN:
                    continue
                if any(rejected in claim.categories for _, rejected in other.contrasts):
                    continue  # "civilians, not troops" agrees with a denial that troops were sent
                if claim.categories and not set(claim.categories) & set(other.categories):
                    continue  # a denial about troops is not about arms shipments
                if denial and not denied_stems(claim) & stems(other.text):
                    continue  # "police deny looting" is about looting, whatever else is similar
                if doubt and not (
                    other.certainty.level is Certainty.CERTAIN
                    and set(other.certainty.cues) & self.confirm_cues
                ):
                    continue
                ranked.append(j)
                if len(ranked) >= 4 * self.config.counter_claims:
                    break
            # A denial of "South Korea's claim" is about what South Korean sources said: those first.
            claimant = _claimant(claim.text)
            if claimant:
                ranked.sort(key=lambda j: not _names_overlap(claimant, self.claims[j].attribution.original))
            ranked = ranked[: self.config.counter_claims]
            for j in ranked:
                done.add((min(i, j), max(i, j)))
                if denial:
                    self._emit_negation(claim, self.claims[j])
                else:
                    strong = self.claims[j]
                    self.findings.append(
                        (
                            FindingKind.CONFLICT,
                            FindingType.MODALITY,
                            (strong.id, claim.id),
                            f"{_who(strong)} states it as confirmed ({', '.join(strong.certainty.cues[:2])}); "
                            f"{_who(claim)} cannot confirm or doubts it ({', '.join(claim.certainty.cues[:2])}).",
                            ("certain", "unknown"),
                        )
                    )
        return done

    def _asserted(self, claim: Claim) -> dict[str, str]:
        """Contrast set -> category the claim asserts (only unambiguous ones)."""
        out: dict[str, str] = {}
        for category in claim.categories:
            group = self.set_of.get(category)
            if group is None or category in claim.alternatives:
                continue
            if group in out and out[group] != category:
                out[group] = ""  # the claim names two members of one set: a list, not a claim
            else:
                out[group] = category
        return {k: v for k, v in out.items() if v}

    def _category(self, a: Claim, b: Claim, sim: float) -> bool:
        if sim < self.config.proposition_similarity:
            return False
        asserted_a, asserted_b = self._asserted(a), self._asserted(b)
        for group in sorted(set(asserted_a) & set(asserted_b)):
            cat_a, cat_b = asserted_a[group], asserted_b[group]
            if cat_a == cat_b:
                continue
            # The same count of the same people called dead in one claim and missing in another; other
            # sets need a stated contrast (below) or near-identical wording.
            if (
                group == "casualty" and self._same_count(a, b)
            ) or sim >= self.config.same_proposition_similarity:
                self._emit_category(a, b, cat_a, cat_b)
                return True
        return False

    def contrast_claims(self) -> set[tuple[int, int]]:
        """A claim that states a contrast ("civilian personnel, not troops", "is a research vessel") is
        set against the few most similar claims of other sources that assert the excluded category."""
        done: set[tuple[int, int]] = set()
        n = len(self.claims)
        if not n or self.embeddings.shape[0] != n:
            return done
        for i, claim in enumerate(self.claims):
            if not claim.contrasts or claim.echo_of is not None:
                continue
            rejected_all = {rejected for _, rejected in claim.contrasts}
            sims = self.embeddings @ self.embeddings[i]
            ranked: list[tuple[int, str, str]] = []
            floor = min(self.config.counter_similarity, self.config.mirrored_contrast_similarity)
            for j in np.argsort(-sims):
                j = int(j)
                other = self.claims[j]
                if sims[j] < floor:
                    break
                if j == i:
                    continue
                # Two identity claims in opposite directions ("is a research vessel" / "is a spy ship")
                # oppose each other even when their wording shares little.
                mirrored = any((r, k) in other.contrasts for k, r in claim.contrasts)
                if sims[j] < self.config.counter_similarity and not mirrored:
                    continue
                if other.echo_of is not None or other.certainty.polarity is not Polarity.POSITIVE:
                    continue
                if other.certainty.level is Certainty.UNKNOWN or (min(i, j), max(i, j)) in done:
                    continue
                hit = [
                    r
                    for r in rejected_all
                    if r in other.categories
                    and r not in other.alternatives
                    and not any(kept == r for kept, _ in claim.contrasts)
                    and not any(rej == r for _, rej in other.contrasts)
                ]
                if not hit:
                    continue
                same = same_source(claim, other)
                if same and _when(claim) == _when(other):
                    continue
                kept = next(k for k, r in claim.contrasts if r == hit[0])
                ranked.append((j, kept, hit[0]))
                if len(ranked) >= self.config.contrast_claims:
                    break
            for j, kept, rejected in ranked:
                done.add((min(i, j), max(i, j)))
                self._emit_category(claim, self.claims[j], kept, rejected)
        return done

    def _same_count(self, a: Claim, b: Claim) -> bool:
        for qa in a.quantities:
            for qb in b.quantities:
                if abs(qa.value - qb.value) < 1e-9 and (qa.unit or "") == (qb.unit or ""):
                    return True
        return False

    def _emit_category(self, a: Claim, b: Claim, cat_a: str, cat_b: str) -> None:
        same = same_source(a, b)
        kind = FindingKind.SHIFT if same and _when(a) != _when(b) else FindingKind.CONFLICT
        verb = "shifted from" if kind is FindingKind.SHIFT else "against"
        self.findings.append(
            (
                kind,
                FindingType.CATEGORY,
                (a.id, b.id),
                f"{_who(a)} says {cat_a} {verb} {_who(b)}, who says {cat_b}.",
                (cat_a, cat_b),
            )
        )

    def _modality(self, a: Claim, b: Claim, sim: float) -> bool:
        if sim < self.config.proposition_similarity:
            return False
        if a.certainty.polarity is not b.certainty.polarity:
            return False
        gap = abs(a.certainty.level.rank - b.certainty.level.rank)
        if gap == 0:
            return False
        # A retelling: the lede or headline restating a quote of the same article, or two claims stating
        # the same contrast ("civilian personnel, not troops").
        same = same_source(a, b)
        if same and _when(a) != _when(b) and _when(a) and _when(b):
            # One source's certainty moving over time ("suspected" on day one, "confirmed" later).
            self._emit_modality(a, b, FindingKind.SHIFT)
            return True
        retelling = (a.article == b.article and _quoted(a) != _quoted(b)) or (
            bool(set(a.contrasts) & set(b.contrasts)) and sim >= self.config.proposition_similarity + 0.1
        )
        explicit = bool(a.certainty.cues) and bool(b.certainty.cues)
        near_same = sim >= self.config.same_proposition_similarity and (explicit or gap >= 3)
        if not retelling and not (gap >= self.config.modality_gap and near_same):
            return False
        self._emit_modality(a, b, FindingKind.CONFLICT)
        return True

    def _emit_modality(self, a: Claim, b: Claim, kind: FindingKind) -> None:
        strong, weak = (a, b) if a.certainty.level.rank > b.certainty.level.rank else (b, a)
        if kind is FindingKind.SHIFT:
            strong, weak = (a, b) if (_when(a) or date.min) > (_when(b) or date.min) else (b, a)
        cue_strong = ", ".join(strong.certainty.cues[:2]) or "stated as fact"
        cue_weak = ", ".join(weak.certainty.cues[:2]) or "stated as fact"
        self.findings.append(
            (
                kind,
                FindingType.MODALITY,
                (strong.id, weak.id),
                f"{_who(strong)} states it as {strong.certainty.level.value} ({cue_strong}); "
                f"{_who(weak)} as {weak.certainty.level.value} ({cue_weak}).",
                (strong.certainty.level.value, weak.certainty.level.value),
            )
        )

    def retelling_claims(self) -> set[tuple[int, int]]:
        """The headline or lede stating more certainly than the quote it rests on: each hedged direct
        quotation is set against the more certain unquoted claims of its own article that restate it."""
        done: set[tuple[int, int]] = set()
        n = len(self.claims)
        if not n or self.embeddings.shape[0] != n:
            return done
        by_article: dict[str, list[int]] = defaultdict(list)
        for i, claim in enumerate(self.claims):
            by_article[claim.article].append(i)
        for members in by_article.values():
            for q in members:
                quote = self.claims[q]
                if not _quoted(quote) or quote.certainty.level not in (
                    Certainty.POSSIBLE,
                    Certainty.PROBABLE,
                ):
                    continue
                scored = []
                for r in members:
                    other = self.claims[r]
                    if r == q or _quoted(other) or other.certainty.polarity is not quote.certainty.polarity:
                        continue
                    if other.certainty.level.rank <= quote.certainty.level.rank or not other.certainty.cues:
                        continue
                    sim = self.similarity(q, r)
                    if sim >= self.config.retelling_similarity:
                        scored.append((sim, r))
                for _, r in sorted(scored, reverse=True)[:2]:
                    done.add((min(q, r), max(q, r)))
                    self._emit_modality(self.claims[r], quote, FindingKind.CONFLICT)
        return done

    def compare(self, subject_of: dict[str, str | None]) -> None:
        done = self.counter_claims() | self.contrast_claims() | self.retelling_claims()
        for i, j in self.pairs(subject_of):
            if (i, j) in done:
                continue
            a, b = self.claims[i], self.claims[j]
            if self._echo_related(a, b) or a.echo_of or b.echo_of:
                continue  # an echo is its original's word: the original carries any conflict
            sim = self.similarity(i, j)
            if self._negation(a, b, sim):
                continue
            if self._category(a, b, sim):
                continue
            self._modality(a, b, sim)
