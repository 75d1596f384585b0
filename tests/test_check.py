"""The draft check (checker/check.py): the rules as tables of real sentences, the API end to end with the
hashing embedder, the renderers and the JSON schema, and the bundled drafts with the real model."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from checker.check import (
    CHECK_SCHEMA_VERSION,
    FAIL_ON_CHOICES,
    CheckConfig,
    CheckResult,
    CorpusInfo,
    PriorClaim,
    Verdict,
    VerdictType,
    judge_claims,
    parse_fail_on,
)
from checker.embed import make_embedder
from checker.errors import CorpusIndexError, InputError
from checker.extract import extract_claims
from checker.index import CorpusIndex
from checker.ingest import read_articles, read_text_input
from checker.lexicons import load_lexicon
from checker.models import Claim
from checker.prepublish import build_index, check_article, check_draft
from checker.report.check import CHECK_FORMATS, check_to_dict, render_check
from checker.segment import split_sentences

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
LEXICON = load_lexicon()


def claim_of(
    text: str, *, outlet: str = "The Draft", published: str | None = None, article: str = "a"
) -> Claim:
    """The one claim the rule layer reads from ``text``."""
    doc = read_text_input(text, article_id=article, path=article, outlet=outlet, published=published)
    claims = extract_claims(split_sentences(doc, lexicon=LEXICON), doc, lexicon=LEXICON)
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


# (prior text, outlet, published, similarity to the draft claim)
Prior = tuple[str, str, str | None, float]

# Each row: draft sentence, its date, prior claims, expected verdict, type, a phrase of the explanation.
RULES: list[tuple[str, str, str | None, list[Prior], Verdict, VerdictType, str]] = [
    (
        "number: a figure no source gives",
        "The earthquake measured magnitude 7.4, officials said.",
        "2025-03-08",
        [
            (
                "The National Seismological Institute measured the quake at magnitude 6.8.",
                "Herald",
                "2025-03-04",
                0.75,
            )
        ],
        Verdict.CONTRADICTED,
        VerdictType.NUMBER,
        "gives 6.8",
    ),
    (
        "number: the quoted source gave another figure, another source the draft's",
        "The National Seismological Institute put the magnitude at 7.1.",
        "2025-03-08",
        [
            (
                "The National Seismological Institute measured the quake at magnitude 6.8.",
                "Herald",
                "2025-03-04",
                0.8,
            ),
            ("The World Seismic Monitoring Centre put the magnitude at 7.1.", "Northline", "2025-03-04", 0.7),
        ],
        Verdict.CONTRADICTED,
        VerdictType.NUMBER,
        "check that the figure is National Seismological Institute's",
    ),
    (
        "number: the quoted source's own figure, though another source disagrees",
        "The World Seismic Monitoring Centre put the magnitude at 7.1.",
        "2025-03-08",
        [
            (
                "The National Seismological Institute measured the quake at magnitude 6.8.",
                "Herald",
                "2025-03-04",
                0.72,
            ),
            (
                "The World Seismic Monitoring Centre put the magnitude of the quake at 7.1.",
                "Northline",
                "2025-03-04",
                0.9,
            ),
        ],
        Verdict.SUPPORTED,
        VerdictType.AGREEMENT,
        "Note: World Seismic Monitoring Centre's 7.1 matches the coverage, but",
    ),
    (
        "number: a rounded restatement agrees",
        "About 150 people were injured in the quake, the Red Cross said.",
        "2025-03-08",
        [
            (
                "The Red Cross said 147 people had been treated in hospital for injuries.",
                "Daily",
                "2025-03-05",
                0.8,
            )
        ],
        Verdict.SUPPORTED,
        VerdictType.AGREEMENT,
        "gives 147 people for the draft's About 150 people",
    ),
    (
        "number: a figure its holder has since revised is out of date",
        "The quake has killed 61 people, the Interior Ministry said.",
        "2025-03-08",
        [
            ("The death toll has risen to 61, the Interior Ministry said.", "Daily", "2025-03-05", 0.9),
            ("The death toll has climbed to 97, the Interior Ministry said.", "Observer", "2025-03-07", 0.85),
        ],
        Verdict.OUTDATED,
        VerdictType.NUMBER,
        "it has since revised it: Interior Ministry (Observer, 2025-03-07) gives 97",
    ),
    (
        "number: a later count worded as a revision supersedes earlier ones",
        "The death toll has risen to 97, the Interior Ministry said.",
        "2025-03-08",
        [
            ("At least 23 people were killed, the Interior Ministry said.", "Herald", "2025-03-04", 0.8),
            ("The death toll has risen to 61, the Interior Ministry said.", "Daily", "2025-03-05", 0.9),
            ("The death toll has climbed to 97, the Interior Ministry said.", "Observer", "2025-03-07", 0.92),
        ],
        Verdict.SUPPORTED,
        VerdictType.AGREEMENT,
        "gives 97",
    ),
    (
        "number: a newer running count than any reported",
        "The death toll has risen to 130, the Interior Ministry said.",
        "2025-03-08",
        [("The death toll has climbed to 97, the Interior Ministry said.", "Observer", "2025-03-07", 0.92)],
        Verdict.NO_PRIOR_COVERAGE,
        VerdictType.NUMBER,
        "higher than every figure in the coverage",
    ),
    (
        "number: a larger count from another source, not worded as a revision",
        "At least 250 people were arrested.",
        "2025-11-19",
        [("The Interior Ministry said nearly 100 people had been arrested.", "Courier", "2025-11-16", 0.8)],
        Verdict.CONTRADICTED,
        VerdictType.NUMBER,
        "gives nearly 100 people",
    ),
    (
        "number: a part (so far) within a larger whole is no conflict",
        "So far 12 people have been killed in Perast, rescuers said.",
        "2025-03-08",
        [("The quake killed 97 people, the Interior Ministry said.", "Observer", "2025-03-07", 0.7)],
        Verdict.NO_PRIOR_COVERAGE,
        VerdictType.COVERAGE,
        "No prior claim states this",
    ),
    (
        "number: a dissimilar sentence's figure of the same measure is not compared",
        "At the mine, 12 miners were killed.",
        "2025-03-08",
        [("Quake death toll rises to 61 as miners remain trapped.", "Daily", "2025-03-05", 0.54)],
        Verdict.NO_PRIOR_COVERAGE,
        VerdictType.COVERAGE,
        "closest (similarity 0.54)",
    ),
    (
        "time: a claim about a past year meets claims of that year only",
        "The province's last major earthquake, in 2009, killed 212 people.",
        "2025-03-08",
        [
            ("The quake has killed 97 people, the ministry said.", "Observer", "2025-03-07", 0.75),
            ("In 2009, an earthquake near Drennick killed 212 people.", "Herald", "2025-03-04", 0.8),
        ],
        # The coverage places its 212 near Drennick and the draft names no place, so the figures are two
        # statements; the sentences still state the same.
        Verdict.SUPPORTED,
        VerdictType.AGREEMENT,
        "Consistent with 1 prior claim in 1 outlet, closest Herald in its own voice",
    ),
    (
        "time: a background claim about a past year cannot contradict today's figure",
        "The earthquake has killed 97 people.",
        "2025-03-08",
        [("In 2009, an earthquake near Drennick killed 212 people.", "Herald", "2025-03-04", 0.8)],
        Verdict.NO_PRIOR_COVERAGE,
        VerdictType.COVERAGE,
        "No prior claim is about this",
    ),
    (
        "negation: the quoted source denied it",
        "Police said looting had broken out in Mirenza's market district.",
        "2025-03-08",
        [
            (
                "Police chief Ivo Dessen denied that there had been any looting in Mirenza.",
                "Observer",
                "2025-03-07",
                0.62,
            ),
            ("Looting broke out in Mirenza's market district, residents said.", "Herald", "2025-03-06", 0.85),
        ],
        Verdict.CONTRADICTED,
        VerdictType.NEGATION,
        "denies (“denied”) what the draft asserts",
    ),
    (
        "negation: the negated word is the asserted one",
        "The government has decided to withdraw the pension bill, officials said.",
        "2025-11-19",
        [
            (
                "“The government will not withdraw this bill,” Prime Minister Irena Solak said.",
                "Post",
                "2025-11-17",
                0.5,
            )
        ],
        Verdict.CONTRADICTED,
        VerdictType.NEGATION,
        "negates (“not”)",
    ),
    (
        "negation: a clause negating something else neither negates nor supports the claim",
        "Emil Varga died of a heart attack, police said.",
        "2025-11-19",
        [
            (
                "Police said Emil Varga died of a heart attack and had no contact with officers or police vehicles.",
                "Courier",
                "2025-11-16",
                0.85,
            )
        ],
        Verdict.NO_PRIOR_COVERAGE,
        VerdictType.COVERAGE,
        "No prior claim states this",
    ),
    (
        "negation: a denial about another matter does not count",
        "Army helicopters were sent to carry the injured to hospitals in Mirenza.",
        "2025-03-08",
        [
            (
                "Police chief Ivo Dessen denied that there had been any looting in Mirenza.",
                "Observer",
                "2025-03-07",
                0.47,
            )
        ],
        Verdict.NO_PRIOR_COVERAGE,
        VerdictType.COVERAGE,
        "closest",
    ),
    (
        "negation: reporting the same source's denial is supported",
        "Police denied that there had been any looting in Mirenza.",
        "2025-03-08",
        [
            (
                "Police chief Ivo Dessen denied that there had been any looting in Mirenza.",
                "Observer",
                "2025-03-07",
                0.9,
            ),
            ("Looting broke out in Mirenza's market district, residents said.", "Herald", "2025-03-06", 0.6),
        ],
        Verdict.SUPPORTED,
        VerdictType.AGREEMENT,
        "Note: Police is quoted the same way in the coverage",
    ),
    (
        "category: the same count called dead and missing",
        "At the Tolbeck mine, 12 miners were killed, the operator said.",
        "2025-03-08",
        [("At the Tolbeck mine, 12 miners remain missing, the operator said.", "Daily", "2025-03-05", 0.8)],
        Verdict.CONTRADICTED,
        VerdictType.CATEGORY,
        "The draft says dead, but Daily in its own voice (2025-03-05) says missing",
    ),
    (
        "category: a stated contrast against the excluded category",
        "The detained vessel is a spy ship, the ministry said.",
        "2025-06-12",
        [
            (
                "The Halcyon Star is a research vessel, not a spy ship, its operator said.",
                "Today",
                "2025-06-09",
                0.6,
            )
        ],
        Verdict.CONTRADICTED,
        VerdictType.CATEGORY,
        "says civilian vessel",
    ),
    (
        "modality: confirmed where the quoted source could not confirm",
        "The Water Authority confirmed that the Kestrel Dam had been breached.",
        "2025-03-08",
        [
            (
                "The Water Authority said it could not confirm reports that the Kestrel Dam had been breached.",
                "Daily",
                "2025-03-05",
                0.85,
            ),
            (
                "Governor Teodor Maslek confirmed that the Kestrel Dam had been breached.",
                "Global",
                "2025-03-05",
                0.8,
            ),
        ],
        Verdict.OVERSTATED,
        VerdictType.MODALITY,
        "says at most unknown",
    ),
    (
        "modality: stated as fact where every source hedges",
        "The ship was mapping the undersea cables.",
        "2025-06-12",
        [
            (
                "It is possible that the vessel was mapping the cables, the defence minister said.",
                "CPA",
                "2025-06-10",
                0.8,
            ),
            ("The government believes the ship was likely mapping the cables.", "CPA", "2025-06-10", 0.75),
        ],
        Verdict.OVERSTATED,
        VerdictType.MODALITY,
        "says at most probable",
    ),
    (
        "modality: hedged where the quoted source is firm",
        "Governor Teodor Maslek said the Kestrel Dam might have been breached.",
        "2025-03-08",
        [
            (
                "Governor Teodor Maslek confirmed that the Kestrel Dam had been breached.",
                "Global",
                "2025-03-05",
                0.9,
            )
        ],
        Verdict.UNDERSTATED,
        VerdictType.MODALITY,
        "is firmer",
    ),
    (
        "modality: a doubt beside a confirmation does not make the draft's fact overstated",
        "The Kestrel Dam was breached on Tuesday.",
        "2025-03-08",
        [
            (
                "The Water Authority said it could not confirm reports that the Kestrel Dam had been breached.",
                "Daily",
                "2025-03-05",
                0.8,
            ),
            (
                "A dam in the province has given way, flooding farmland in the valley.",
                "Global",
                "2025-03-05",
                0.7,
            ),
        ],
        Verdict.SUPPORTED,
        VerdictType.AGREEMENT,
        "Consistent with 2 prior claims",
    ),
    (
        "attribution: own voice for what one party says",
        "Army helicopters were sent from the airbase at Lenk to carry the injured.",
        "2025-03-08",
        [
            (
                "Army helicopters were sent from the airbase at Lenk to carry the injured, the Defence Ministry said.",
                "Herald",
                "2025-03-04",
                0.95,
            ),
            (
                "Helicopters from Lenk carried the injured, a defence ministry spokesman said.",
                "Daily",
                "2025-03-05",
                0.7,
            ),
        ],
        Verdict.UNATTRIBUTED,
        VerdictType.ATTRIBUTION,
        "only attributes it to Defence Ministry",
    ),
    (
        "attribution: two independent parties back the draft's own voice",
        "Army helicopters were sent from the airbase at Lenk to carry the injured.",
        "2025-03-08",
        [
            (
                "Army helicopters were sent from the airbase at Lenk to carry the injured, the Defence Ministry said.",
                "Herald",
                "2025-03-04",
                0.95,
            ),
            (
                "Army helicopters were sent from Lenk to carry the injured, the Red Cross said.",
                "Daily",
                "2025-03-05",
                0.9,
            ),
        ],
        Verdict.SUPPORTED,
        VerdictType.AGREEMENT,
        "Consistent with 2 prior claims in 2 outlets",
    ),
    (
        "supported: an outlet states it in its own voice",
        "Aid convoys reached the upper Veyra valley on Thursday.",
        "2025-03-08",
        [
            (
                "Aid convoys reached the upper Veyra valley for the first time on Thursday.",
                "Herald",
                "2025-03-06",
                0.93,
            )
        ],
        Verdict.SUPPORTED,
        VerdictType.AGREEMENT,
        "Herald in its own voice",
    ),
    (
        "coverage: related claims that do not state it",
        "Rail services to the capital will resume on Monday, the operator said.",
        "2025-03-08",
        [
            (
                "Aid convoys reached the upper Veyra valley for the first time on Thursday.",
                "Herald",
                "2025-03-06",
                0.5,
            )
        ],
        Verdict.NO_PRIOR_COVERAGE,
        VerdictType.COVERAGE,
        "the closest (similarity 0.50)",
    ),
]


@pytest.mark.parametrize(
    ("draft", "published", "priors", "verdict", "kind", "phrase"),
    [row[1:] for row in RULES],
    ids=[row[0] for row in RULES],
)
def test_rules(draft, published, priors, verdict, kind, phrase):
    claim = claim_of(draft, published=published, article="draft")
    found = [
        PriorClaim(claim_of(text, outlet=outlet, published=when, article=f"p{n}"), similarity)
        for n, (text, outlet, when, similarity) in enumerate(priors)
    ]
    (result,) = judge_claims([claim], [found], lexicon=LEXICON)
    assert (result.verdict, result.type) == (verdict, kind), result.explanation
    assert phrase in result.explanation
    assert len(result.matches) <= 2 * CheckConfig().matches  # deciding statements, then nearby ones
    if verdict is Verdict.CONTRADICTED:
        assert result.matches[0].relation.value == "contradicts"


def test_no_priors_at_all():
    claim = claim_of("Rail services will resume on Monday, the operator said.")
    (result,) = judge_claims([claim], [[]], lexicon=LEXICON)
    assert (result.verdict, result.type, result.matches) == (
        Verdict.NO_PRIOR_COVERAGE,
        VerdictType.COVERAGE,
        (),
    )
    assert result.explanation == "No prior claim is about this."


def test_thresholds_come_from_the_config():
    claim = claim_of("Aid convoys reached the upper Veyra valley on Thursday.")
    prior = PriorClaim(
        claim_of("Aid convoys reached the upper Veyra valley on Thursday.", outlet="Herald", article="p"), 0.6
    )
    default = judge_claims([claim], [[prior]], lexicon=LEXICON)[0]
    looser = judge_claims(
        [claim], [[prior]], lexicon=LEXICON, config=CheckConfig(same_claim_similarity=0.55)
    )[0]
    assert default.verdict is Verdict.NO_PRIOR_COVERAGE and looser.verdict is Verdict.SUPPORTED


def test_judge_claims_needs_one_list_of_priors_per_claim():
    with pytest.raises(ValueError, match="2 lists of prior claims for 1 draft claims"):
        judge_claims([claim_of("The quake killed 97 people.")], [[], []], lexicon=LEXICON)


# ---- verdict order and --fail-on --------------------------------------------------------------------


def test_verdicts_are_ordered_worst_first():
    assert [v.value for v in sorted(Verdict, key=lambda v: -v.severity)] == [
        "contradicted",
        "outdated",
        "overstated",
        "unattributed",
        "understated",
        "no_prior_coverage",
        "supported",
    ]


@pytest.mark.parametrize(
    ("level", "fails_on"),
    [
        ("contradicted", {"contradicted"}),
        ("outdated", {"contradicted", "outdated"}),
        ("overstated", {"contradicted", "outdated", "overstated"}),
        ("unattributed", {"contradicted", "outdated", "overstated", "unattributed"}),
        ("no_prior_coverage", {v.value for v in Verdict} - {"supported"}),
        ("never", set()),
    ],
)
def test_fail_on_levels(level, fails_on):
    parsed = parse_fail_on(level)
    for verdict in Verdict:
        item = judge_claims([claim_of("Aid convoys reached the valley on Thursday.")], [[]], lexicon=LEXICON)[
            0
        ]
        result = _result((item.__class__(item.claim, verdict, item.type, item.explanation),))
        assert result.fails(parsed) is (verdict.value in fails_on), verdict


@pytest.mark.parametrize("level", ["supported", "fatal", ""])
def test_bad_fail_on_levels_name_the_choices(level):
    with pytest.raises(ValueError, match="choose one of: contradicted, outdated, overstated"):
        parse_fail_on(level)
    assert "never" in FAIL_ON_CHOICES


def _result(items=()) -> CheckResult:
    draft = read_text_input("Aid convoys reached the valley on Thursday.", published="2025-03-08")
    return CheckResult(
        schema_version=CHECK_SCHEMA_VERSION,
        draft=draft,
        claims=tuple(items),
        corpus=CorpusInfo(path=None, articles=0, claims=0),
        model="hashing-256",
        config=(("check", dict(CheckConfig().as_items())), ("settings", {}), ("lexicons", ["<defaults>"])),
    )


# ---- the API end to end, hashing embedder ----------------------------------------------------------


CORPUS = {
    "a.txt": (
        "Quake toll reaches 61\n\n"
        "The Interior Ministry said the death toll from the earthquake in Halvar had risen to 61.\n\n"
        "The Halvar Water Authority said it could not confirm reports that the Kestrel Dam had been breached.\n\n"
        "The National Seismological Institute measured the earthquake at magnitude 6.8.\n"
    ),
    "b.txt": (
        "Police deny looting\n\n"
        "Provincial police chief Ivo Dessen denied that there had been any looting in Mirenza.\n\n"
        "Army helicopters were sent from the airbase at Lenk to carry the injured, the Defence Ministry said.\n"
    ),
}
META = {
    "articles": [
        {"file": "a.txt", "outlet": "Halvar Daily", "published": "2025-03-05"},
        {"file": "b.txt", "outlet": "Eastbridge Observer", "published": "2025-03-07"},
    ]
}
DRAFT = (
    "Quake update\n\n"
    "The Interior Ministry said the death toll from the earthquake in Halvar had risen to 61.\n\n"
    "The Halvar Water Authority confirmed reports that the Kestrel Dam had been breached.\n\n"
    "The National Seismological Institute measured the earthquake at magnitude 7.1.\n\n"
    "Army helicopters were sent from the airbase at Lenk to carry the injured.\n\n"
    "Rail services between Mirenza and the capital will resume on Monday, the railway operator said.\n"
)
EXPECTED = {
    "The Interior Ministry said the death toll": Verdict.SUPPORTED,
    "The Halvar Water Authority confirmed": Verdict.OVERSTATED,
    "The National Seismological Institute": Verdict.CONTRADICTED,
    "Army helicopters": Verdict.UNATTRIBUTED,
    "Rail services": Verdict.NO_PRIOR_COVERAGE,
}


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "meta.json").write_text(json.dumps(META), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hashing():
    return make_embedder("hashing", use_cache=False)


@pytest.fixture(scope="module")
def small_index(tmp_path_factory, hashing):
    folder = write_corpus(tmp_path_factory.mktemp("corpus") / "coverage")
    index = CorpusIndex(":memory:", create=True)
    build_index([folder], db=index, embedder=hashing)
    yield index
    index.close()


def test_check_draft_gives_each_claim_its_verdict(small_index, hashing):
    result = check_draft(DRAFT, small_index, embedder=hashing, published="2025-03-08")
    got = {c.claim.text: c.verdict for c in result.claims}
    for start, verdict in EXPECTED.items():
        (text,) = [t for t in got if t.startswith(start)]
        assert got[text] is verdict, (text, got[text])
    for item in result.claims:
        assert result.draft.text[item.claim.start : item.claim.end] == item.claim.text
    assert result.corpus == CorpusInfo(path=None, articles=2, claims=6)
    assert result.model == "hashing-256"
    assert dict(result.config)["check"] == dict(CheckConfig().as_items())
    assert result.fails(Verdict.OVERSTATED) and not result.fails(None)


def test_a_draft_inside_the_indexed_folder_is_not_its_own_coverage(tmp_path, hashing):
    folder = write_corpus(tmp_path / "coverage")
    (folder / "draft.txt").write_text(DRAFT, encoding="utf-8")
    with CorpusIndex(":memory:", create=True) as index:
        build_index([folder], db=index, embedder=hashing)
        (draft,) = read_articles([folder / "draft.txt"])
        result = check_article(draft, index, embedder=hashing)
    assert all(m.prior.claim.article != draft.id for c in result.claims for m in c.matches)
    rail = next(c for c in result.claims if c.claim.text.startswith("Rail services"))
    assert rail.verdict is Verdict.NO_PRIOR_COVERAGE


def test_check_is_deterministic(small_index, hashing):
    one = render_check(check_draft(DRAFT, small_index, embedder=hashing), "json")
    two = render_check(check_draft(DRAFT, small_index, embedder=hashing), "json")
    assert one == two


def test_check_uses_the_index_model_and_refuses_another(small_index, hashing):
    result = check_draft("The Interior Ministry said the death toll had risen to 61.", small_index)
    assert result.model == hashing.name
    with pytest.raises(CorpusIndexError, match="holds no vectors of model 'other-model'"):
        check_draft("The quake killed 61 people.", small_index, model="other-model")


def test_an_empty_index_is_an_index_error(hashing):
    with (
        CorpusIndex(":memory:", create=True) as index,
        pytest.raises(CorpusIndexError, match="no articles yet"),
    ):
        check_draft("The quake killed 61 people.", index)


def test_an_empty_draft_is_an_input_error(small_index, hashing):
    with pytest.raises(InputError):
        check_draft("   \n", small_index, embedder=hashing)


def test_a_draft_without_checkable_claims_renders_everywhere(small_index, hashing):
    result = check_draft("Hello.", small_index, embedder=hashing)
    assert result.claims == () and result.worst is None and not result.fails(Verdict.NO_PRIOR_COVERAGE)
    for fmt in CHECK_FORMATS:
        assert "no checkable claim" in render_check(result, fmt) or fmt == "json"


# ---- renderers and schema --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator():
    text = resources.files("checker").joinpath("schema/check.schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_json_output_validates_against_the_schema(small_index, hashing, validator):
    result = check_draft(DRAFT, small_index, embedder=hashing, published="2025-03-08")
    document = json.loads(render_check(result, "json"))
    assert list(validator.iter_errors(document)) == []
    assert document["schema_version"] == CHECK_SCHEMA_VERSION
    assert document["summary"]["verdicts"]["contradicted"] == 1
    first = document["claims"][0]
    assert set(first) >= {"text", "start", "end", "verdict", "type", "explanation", "matches"}
    assert set(first["matches"][0]) >= {"article", "outlet", "published", "text"}
    empty = json.loads(render_check(_result(), "json"))
    assert list(validator.iter_errors(empty)) == [] and empty["summary"]["worst"] is None


def test_schema_lists_every_verdict_and_type(validator):
    defs = validator.schema["$defs"]["claim"]["properties"]
    assert defs["verdict"]["enum"] == [v.value for v in Verdict]
    assert defs["type"]["enum"] == [t.value for t in VerdictType]
    assert set(validator.schema["$defs"]["match"]["required"]) == set(
        check_to_dict(_result())["claims"] and [] or validator.schema["$defs"]["match"]["properties"]
    )


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_renderers_escape_hostile_draft_text(fmt, small_index, hashing):
    hostile = (
        "The Interior Ministry said the death toll had risen to 61 <script>alert(1)</script> "
        "[click](javascript:alert(1)) \x1b[31mred\x1b[0m."
    )
    out = render_check(check_draft(hostile, small_index, embedder=hashing), fmt, verbose=True)
    if fmt == "json":
        assert json.loads(out)["claims"][0]["text"].startswith("The Interior Ministry")
        assert "\x1b" not in out
    if fmt in ("table", "markdown"):
        assert "\x1b" not in out  # no terminal escape sequences
    if fmt == "markdown":
        assert "<script>" not in out and "[click](javascript" not in out
    if fmt == "html":
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "<script" not in out.lower()


def test_table_lists_every_claim_in_draft_order(small_index, hashing):
    result = check_draft(DRAFT, small_index, embedder=hashing)
    table = render_check(result, "table")
    positions = [
        table.index(f"{n}. {c.verdict.value.replace('_', ' ').upper()}")
        for n, c in enumerate(result.claims, 1)
    ]
    assert positions == sorted(positions)
    assert all(len(line) <= 100 for line in table.splitlines())


def test_unknown_format_names_the_choices(small_index, hashing):
    with pytest.raises(ValueError, match="table, markdown, json, html"):
        render_check(_result(), "pdf")


# ---- the bundled drafts, real model ----------------------------------------------------------------

DRAFT_VERDICTS = {
    "quake": [
        ("Halvar quake: death toll climbs to 97", "supported"),
        ("The confirmed death toll from Tuesday's earthquake", "supported"),
        ("The National Seismological Institute put the magnitude", "contradicted", "number"),
        ("The World Seismic Monitoring Centre put the magnitude", "supported"),
        ("The Health Ministry said about 150 people", "contradicted", "number"),
        ("At the Tolbeck coal mine, 12 miners were killed", "contradicted", "category"),
        ("The Halvar Water Authority confirmed", "overstated", "modality"),
        ("Governor Teodor Maslek said the Kestrel Dam might", "understated", "modality"),
        ("Army helicopters were sent", "unattributed", "attribution"),
        ("Police said looting had broken out", "contradicted", "negation"),
        ("In the Oskova district alone, 30 people", "supported"),
        ("Aid convoys reached the upper Veyra valley", "supported"),
        ("Education Minister Petra Oblak said at least 40 schools", "supported"),
        ("Rail services between Mirenza and the capital", "no_prior_coverage"),
        ("Keldera's government declared three days", "supported"),
        ('"The buildings that were strengthened', "supported"),
        ("Keldera lies on a web of active faults", "supported"),
        ("The province's last major earthquake, in 2009", "supported"),
    ],
    "vessel": [
        ("Marisca says seized Tavorian ship was spying", "supported"),
        # Stated in the draft's own voice, the 9 miles is one side of the coastguard/Tavoria dispute (31).
        ("Marisca's coastguard boarded the Halcyon Star 9 nautical miles", "unattributed", "attribution"),
        ("Marisca's coastguard said it had tracked the ship for 19 hours", "supported"),
        ("Foreign Ministry spokeswoman Irina Castell said the ship's logs", "supported"),
        ("About 30 people were on board", "supported"),
        ("Tavoria's foreign ministry has said there were 24 people aboard", "contradicted", "category"),
        ("Coastguard officers seized 49 hard drives", "unattributed", "attribution"),
        ("Defence Minister Oskar Brenholt said the vessel had definitely", "overstated", "modality"),
        ("Marisca's Defence Ministry said on Thursday it had confirmed", "supported"),
        ("Tavoria has admitted", "contradicted", "negation"),
        ("Castell said Tavoria gave Marisca 24 hours", "supported"),
        ("The Halcyon Star, a 62-metre ship", "supported"),
        ('"Nobody on our coast has forgotten the Sea Lark,"', "no_prior_coverage"),
        ("Last year, the coastguard detained the Tavorian fishing trawler", "supported"),
        ("Maritime lawyers say much depends", "supported"),
        ("Two data cables and a power line", "supported"),
        ("Tavoria's president is expected to address parliament", "no_prior_coverage"),
    ],
    "protest": [
        ("Organisers said some 120,000 people marched", "supported"),
        ("Most of the march was peaceful", "supported"),
        ("Scuffles began after dark", "supported"),
        ("Police said nearly 100 people had been arrested", "contradicted", "number"),
        ("Police said 46 people had been injured", "outdated", "number"),
        ("The rights group Civic Watch Astrenia said between 200 and 300", "supported"),
        ("A 67-year-old protester, Emil Varga, died", "unattributed", "attribution"),
        ("Opposition leader Tina Marek said police had caused", "overstated", "modality"),
        ("Riot police may have fired tear gas", "understated", "modality"),
        ("The number of people injured in Saturday's protest has risen to 58", "supported"),
        ("Street Medics Velmora, a volunteer group", "supported"),
        ("The government has decided to withdraw the pension bill", "contradicted", "negation"),
        ("Prime Minister Irena Solak said she was open", "supported"),
        ("The bill, which would raise the retirement age", "supported"),
        ('"My mother worked forty years', "no_prior_coverage"),
        ("Velmora's metro operator said", "no_prior_coverage"),
        ("Last year's march against the fuel tax", "supported"),
        ("The Common Front coalition said it would hold another march", "supported"),
    ],
}


# Sentences with nothing to check: listed as not checked, given no verdict.
DRAFT_NOT_CHECKED = {
    "quake": ['"We are still waiting'],  # colour: a first-person quotation
    "vessel": [],
    "protest": ["Velmora braces for second march"],  # a headline fragment
}


@pytest.fixture(scope="module")
def model_index():
    """One index of all three fixture stories, with the bundled model (each draft meets every story)."""
    embedder = make_embedder(None, use_cache=False)
    index = CorpusIndex(":memory:", create=True)
    build_index([FIXTURES / "quake", FIXTURES / "vessel", FIXTURES / "protest"], db=index, embedder=embedder)
    yield index, embedder
    index.close()


def test_drafts_plant_every_verdict_type():
    planted = {(row[1], row[2] if len(row) > 2 else None) for rows in DRAFT_VERDICTS.values() for row in rows}
    assert {v for v, _ in planted} == {v.value for v in Verdict}
    assert {t for _, t in planted} >= {"number", "negation", "category", "modality", "attribution"}
    for name in DRAFT_VERDICTS:
        words = len((FIXTURES / "drafts" / f"{name}_draft.txt").read_text(encoding="utf-8").split())
        assert 250 <= words <= 600, (name, words)


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(DRAFT_VERDICTS))
def test_bundled_drafts_get_the_planted_verdicts(name, model_index, validator):
    index, embedder = model_index
    (draft,) = read_articles([FIXTURES / "drafts" / f"{name}_draft.txt"])
    assert draft.published is not None  # from fixtures/drafts/meta.json
    result = check_article(draft, index, embedder=embedder)
    expected = DRAFT_VERDICTS[name]
    assert len(result.claims) == len(expected), [c.claim.text[:50] for c in result.claims]
    wrong = []
    for item, (start, verdict, *kind) in zip(result.claims, expected, strict=True):
        assert item.claim.text.startswith(start), (item.claim.text, start)
        if item.verdict.value != verdict or (kind and item.type.value != kind[0]):
            wrong.append(
                (start, verdict, *kind, "got", item.verdict.value, item.type.value, item.explanation)
            )
    assert wrong == []
    assert [
        nc.claim.text[: len(start)]
        for nc, start in zip(result.not_checked, DRAFT_NOT_CHECKED[name], strict=True)
    ] == DRAFT_NOT_CHECKED[name]
    assert list(validator.iter_errors(json.loads(render_check(result, "json")))) == []
    assert result.fails(Verdict.OVERSTATED)
