"""Sentence segmentation: offsets, roles, abbreviations, quotes, bullets, and the real seed articles."""

from __future__ import annotations

import importlib.util
import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.ingest import clean_text, read_articles, read_text_input
from checker.lexicons import load_lexicon
from checker.models import Article, ArticleStatus, Role
from checker.segment import split_sentences

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "gold" / "seeds.json"
SCORER = SHARED / "eval" / "score.py"


def article(text: str, title: str | None = None) -> Article:
    return Article(id="t", path="t.txt", status=ArticleStatus.OK, text=text, title=title)


def texts(text: str, title: str | None = None) -> list[str]:
    return [s.text for s in split_sentences(article(text, title))]


def roles(text: str, title: str | None = None) -> list[tuple[str, Role]]:
    return [(s.text, s.role) for s in split_sentences(article(text, title))]


# ------------------------------------------------------------------------------------- splitting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He linked it to the stalled diplomacy with the U.S. since 2019. Then he left.",
            ["He linked it to the stalled diplomacy with the U.S. since 2019.", "Then he left."],
        ),
        (
            "Gen. Petrov said the No. 3 battalion had moved. The U.S. Army denied it.",
            ["Gen. Petrov said the No. 3 battalion had moved.", "The U.S. Army denied it."],
        ),
        (
            "The U.N. Security Council met at 3 p.m. on Monday. Mr. Kim spoke at the St. Petersburg forum.",
            [
                "The U.N. Security Council met at 3 p.m. on Monday.",
                "Mr. Kim spoke at the St. Petersburg forum.",
            ],
        ),
        (
            "\u201cWe cannot confirm it. Not yet,\u201d the spokesman said. Talks resume on Monday.",
            ["\u201cWe cannot confirm it. Not yet,\u201d the spokesman said.", "Talks resume on Monday."],
        ),
        (
            '"If they sent troops, it is out of need. Really," Kim said. Nobody answered.',
            ['"If they sent troops, it is out of need. Really," Kim said.', "Nobody answered."],
        ),
        (
            'Seoul said 1,500 had arrived: "Signs were detected in September. More will follow."',
            ['Seoul said 1,500 had arrived: "Signs were detected in September. More will follow."'],
        ),
        (
            "The toll rose to 40. It was 35 on Tuesday... Officials expect more.",
            ["The toll rose to 40.", "It was 35 on Tuesday...", "Officials expect more."],
        ),
        (
            "Did the dam fail? Engineers say yes! The operator disagrees.",
            ["Did the dam fail?", "Engineers say yes!", "The operator disagrees."],
        ),
        (
            "The ally of the regime since the Second World War. worldwide. South Korea said so.",
            ["The ally of the regime since the Second World War. worldwide.", "South Korea said so."],
        ),
        (
            "An \u201cunclosed quotation runs. Into the next sentence.",
            ["An \u201cunclosed quotation runs.", "Into the next sentence."],
        ),
    ],
)
def test_split(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        (
            "Dam gives way in Kelmora region\n\nOfficials said 40 were missing. The search goes on.",
            None,
            [
                ("Dam gives way in Kelmora region", Role.HEADLINE),
                ("Officials said 40 were missing.", Role.BODY),
                ("The search goes on.", Role.BODY),
            ],
        ),
        (
            "Officials said 40 were missing.\n\nDam gives way. Again\n\nThe search goes on.",
            "Dam gives way. Again",
            [
                ("Officials said 40 were missing.", Role.BODY),
                ("Dam gives way. Again", Role.HEADLINE),
                ("The search goes on.", Role.BODY),
            ],
        ),
        (
            "Officials said 40 were missing.\n\nBackground:\n\n\u2022 On 2 March, cracks were seen. They grew."
            "\n\n\u2022 On 4 March, an inspection was ordered.\n\nThe governor spoke on Friday.",
            None,
            [
                ("Officials said 40 were missing.", Role.BODY),
                ("On 2 March, cracks were seen.", Role.BACKGROUND),
                ("They grew.", Role.BACKGROUND),
                ("On 4 March, an inspection was ordered.", Role.BACKGROUND),
                ("The governor spoke on Friday.", Role.BODY),
            ],
        ),
        (
            "Officials said 40 were missing.\n\nBackground:\n\nThe dam was built in 1962.\n\nIt was inspected in "
            "2024.\n\nDetails:\n\nThe operator disputes the figure.",
            None,
            [
                ("Officials said 40 were missing.", Role.BODY),
                ("The dam was built in 1962.", Role.BACKGROUND),
                ("It was inspected in 2024.", Role.BACKGROUND),
                ("The operator disputes the figure.", Role.BODY),
            ],
        ),
        (
            "- On 2 March, cracks were seen.\n\n* On 4 March, an inspection was ordered.",
            None,
            [
                ("On 2 March, cracks were seen.", Role.BACKGROUND),
                ("On 4 March, an inspection was ordered.", Role.BACKGROUND),
            ],
        ),
        (
            'The toll rose on Friday.\n\nQuote: "We are searching house by house. The water is rising."\n\n'
            "Details: The operator put the figure at 9 million.\n\n"
            "Source: the regional emergency service, citing its duty officer",
            None,
            [
                ("The toll rose on Friday.", Role.BODY),
                ('"We are searching house by house. The water is rising."', Role.QUOTE),
                ("The operator put the figure at 9 million.", Role.BODY),
                ("Source: the regional emergency service, citing its duty officer", Role.BODY),
            ],
        ),
        (
            "The toll rose on Friday.\n\n\u201cWe are searching house by house,\u201d the officer said. "
            "\u201cThe water is still rising.\u201d \u201cIt is bad\u201d, he added.",
            None,
            [
                ("The toll rose on Friday.", Role.BODY),
                ("\u201cWe are searching house by house,\u201d the officer said.", Role.BODY),
                ("\u201cThe water is still rising.\u201d", Role.QUOTE),
                ("\u201cIt is bad\u201d, he added.", Role.BODY),
            ],
        ),
        (
            "The toll rose on Friday.\n\nBackground: The dam was built in 1962.",
            None,
            [("The toll rose on Friday.", Role.BODY), ("The dam was built in 1962.", Role.BACKGROUND)],
        ),
    ],
)
def test_roles(text, title, expected):
    assert roles(text, title) == expected


def test_label_cut_from_span_and_offsets_exact():
    text = 'Quote: "We are searching."\n\nDetails: The operator put the figure at 9 million.'
    quote, details = split_sentences(article(text))
    assert (quote.start, quote.end) == (7, 26)
    assert text[details.start : details.end] == "The operator put the figure at 9 million."
    assert [quote.index, details.index] == [0, 1]
    assert quote.article == "t"


@pytest.mark.parametrize("label", ["Background:", "Details:", "Context:", "Read this:"])
def test_label_only_paragraph_gives_no_sentence(label):
    assert texts(f"Officials said 40 were missing.\n\n{label}\n\nThe search goes on.") == [
        "Officials said 40 were missing.",
        "The search goes on.",
    ]


def test_skipped_or_empty_article_has_no_sentences():
    skipped = Article(id="x", path="x.txt", status=ArticleStatus.SKIPPED, reason="empty file (0 bytes)")
    assert split_sentences(skipped) == ()
    assert split_sentences(article("")) == ()
    assert split_sentences(article("  \n\n - \n\n")) == ()


def test_single_newlines_inside_a_paragraph():
    assert texts("Officials said 40 were\nmissing. The search\ngoes on.") == [
        "Officials said 40 were\nmissing.",
        "The search\ngoes on.",
    ]


def test_user_lexicon_adds_a_label(tmp_path):
    extra = tmp_path / "lex.toml"
    extra.write_text('[furniture.labels]\nstrip = ["Claim"]\nquote = ["Statement"]\n', encoding="utf-8")
    lexicon = load_lexicon([extra])
    text = "Claim: The dam held 9 million cubic metres.\n\nStatement: We are searching."
    sentences = split_sentences(article(text), lexicon=lexicon)
    assert [(s.text, s.role) for s in sentences] == [
        ("The dam held 9 million cubic metres.", Role.BODY),
        ("We are searching.", Role.QUOTE),
    ]


# ------------------------------------------------------------------------------------ end to end


def test_cleaned_page_sentences_map_back_to_source():
    page = (
        "Dam gives way in Kelmora region\n\nAdvertisement:\n\nOfficials said at least 40 people were missing "
        "after the dam\ngave way. The operator put the fig\nure at 9 million cubic metres, he\nstated.\n\n"
        "Quote: \u201cWe are searching.\u201d\n\nBackground:\n\n  \u2022 On 2 March, cracks were seen.\n"
    )
    draft = read_text_input(page)
    sentences = split_sentences(draft)
    assert [s.text for s in sentences] == [
        "Dam gives way in Kelmora region",
        "Officials said at least 40 people were missing after the dam gave way.",
        "The operator put the figure at 9 million cubic metres, he stated.",
        "\u201cWe are searching.\u201d",
        "On 2 March, cracks were seen.",
    ]
    assert_offsets_map_back(draft, sentences)


def assert_offsets_map_back(art: Article, sentences) -> None:
    to_source = art.offset_map.to_source
    for s in sentences:
        assert art.text[s.start : s.end] == s.text
        original = art.source_text[to_source(s.start) : to_source(s.end)]
        assert re.sub(r"\s", "", original) == re.sub(r"\s", "", s.text), s.text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=60),
            st.sampled_from(
                [
                    "\n",
                    "\n\n",
                    "U.S. ",
                    "Gen. ",
                    "No. 3 ",
                    ". ",
                    "? ",
                    '"',
                    "\u201c",
                    "\u201d",
                    "  \u2022 ",
                    "- ",
                    "Background:",
                    "Quote: ",
                    "Details: ",
                    "Source: ",
                    "Advertisement:",
                    "arms tr",
                    "ade",
                    "In",
                    "do-Pacific",
                    "\u00a0",
                    "\r\n",
                ]
            ),
        ),
        max_size=40,
    ).map("".join)
)
def test_sentence_offsets_property(raw):
    cleaned = clean_text(raw)
    art = Article(
        id="p",
        path="p.txt",
        status=ArticleStatus.OK,
        text=cleaned.text,
        source_text=raw,
        offset_map=cleaned.offset_map,
    )
    sentences = split_sentences(art)
    previous_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert s.text and s.text == s.text.strip()
        assert art.text[s.start : s.end] == s.text
        assert s.start >= previous_end
        previous_end = s.end
    for start, original, length in art.offset_map.segments:
        assert art.text[start : start + length] == raw[original : original + length]


def test_speed():
    body = (
        "Officials said at least 40 people were missing after the U.S.-built dam gave way on Thursday. "
        "\u201cWe are searching house by house. The water is still rising,\u201d the officer said. "
        "The operator put the figure at 9 million cubic metres, not 12 million, Gen. Petrov said.\n\n"
    )
    art = article(body * 50)
    started = time.perf_counter()
    count = 0
    for _ in range(10):
        count += len(split_sentences(art))
    rate = count / (time.perf_counter() - started)
    assert count == 10 * 150
    assert rate > 500, f"{rate:.0f} sentences/s"


# ------------------------------------------------------------------- real seeds and bundled fixtures

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
CORPORA = {
    "seeds": (SEEDS, GOLD),
    "quake": (FIXTURES / "quake", FIXTURES / "gold" / "quake.json"),
    "vessel": (FIXTURES / "vessel", FIXTURES / "gold" / "vessel.json"),
    "protest": (FIXTURES / "protest", FIXTURES / "gold" / "protest.json"),
}
_FOLD = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00ad": None,
        "\u00a0": " ",
    }
)


def fold(text: str) -> str:
    """The scorer's folding (``shared/eval/score.py``): quotes, dashes, white space, case."""
    return re.sub(r"\s+", " ", text.translate(_FOLD)).strip().casefold()


_CACHE: dict[str, list] = {}


def corpus(name: str):
    folder, _ = CORPORA[name]
    if not folder.exists():
        pytest.skip(f"{folder} is not available in this checkout")
    if name not in _CACHE:
        _CACHE[name] = [(a, split_sentences(a)) for a in read_articles([folder])]
    return _CACHE[name]


def test_fold_mirrors_scorer():
    if not SCORER.is_file():
        pytest.skip("../shared/eval/score.py is not available in this checkout")
    spec = importlib.util.spec_from_file_location("checker_eval_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sample = "  \u201cIt\u2019s\u00a0ten\u2014or   so,\u201d he\u00adsaid \u2013 TWICE "
    assert fold(sample) == module.fold(sample)


FURNITURE_MARKS = [
    "patron",
    "Latest Posts",
    "spot_img",
    "Support Us",
    "Follow us",
    "Popular news",
    "Last news",
    "View all news",
    "To leave a comment",
    "To watch on video",
    "Get in Touch",
    "Stock photo",
    "Photo:",
    "Main / News",
    "PREV ",
    "NEXT ",
    "Subscribe",
    "Sign in",
    "Share this",
    "cookies",
    "\u00a9",
    "All rights reserved",
    "Most read",
    "Read more",
    "Reporting by",
    "in your inbox",
    " | ",
    " \u203a ",
]


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_no_furniture_sentence(name):
    for art, sentences in corpus(name):
        assert art.ok, art.reason
        for s in sentences:
            assert s.text not in {"Advertisement:", "Advertisement", "ADVERTISEMENT", "-", "Background:"}
            for mark in FURNITURE_MARKS:
                assert mark not in s.text, (art.id, s.text)
            assert not re.fullmatch(r"\w+day, \d+ \w+ \d{4}, \d\d:\d\d", s.text)
            assert not (art.outlet and fold(s.text) == fold(art.outlet)), (art.id, s.text)
            assert len(s.text.split()) > 1 or s.text[:1].isdigit(), (art.id, s.text)


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_headline_once_and_first(name):
    for art, sentences in corpus(name):
        assert art.title
        same = [s for s in sentences if fold(s.text) == fold(art.title)]
        assert len(same) == 1, art.id
        assert same[0].role is Role.HEADLINE and same[0].index == 0
        assert [s.role for s in sentences].count(Role.HEADLINE) == 1


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_offsets_map_back(name):
    for art, sentences in corpus(name):
        assert sentences
        assert_offsets_map_back(art, sentences)


def test_seed_roles():
    seeds = corpus("seeds")
    counts = {role: 0 for role in Role}
    for _, sentences in seeds:
        for s in sentences:
            counts[s.role] += 1
    assert counts[Role.HEADLINE] == len(seeds)
    assert counts[Role.BACKGROUND] >= 10
    assert counts[Role.QUOTE] >= 2
    assert counts[Role.BODY] > counts[Role.BACKGROUND]


def _gold_passages(path: Path):
    if not path.is_file():
        pytest.skip(f"{path} is not available in this checkout")
    gold = json.loads(path.read_text(encoding="utf-8"))
    refs = []
    for group in ("conflicts", "not_conflicts", "updates"):
        for item in gold.get(group, []):
            refs += item.get("a", []) + item.get("b", [])
    for subject in gold.get("subjects", []):
        refs += subject.get("claims", [])
    return sorted({(prefix, passage) for prefix, passage in refs})


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_gold_passages_inside_exactly_one_sentence(name):
    articles = corpus(name)
    refs = _gold_passages(CORPORA[name][1])
    assert len(refs) > 10
    for prefix, passage in refs:
        arts = [(a, s) for a, s in articles if Path(a.path).name.startswith(prefix)]
        assert len(arts) == 1, prefix
        _, sentences = arts[0]
        holding = [s.text for s in sentences if fold(passage) in fold(s.text)]
        assert len(holding) == 1, (prefix, passage, holding)
