"""Real stories' HTML reports in headless Chromium at 1280 px: the vessel fixture, the seed story and the
stories under ../shared/stories (each skipped with a reason when absent), analysed with the real model,
rendered, opened and looked at.

Each page must fit the window (no sideways scrolling), show every dispute with all its sides and its
timeline (a drawing per statement), and link a quote to its highlighted claim. With
CHECKER_UPDATE_SCREENSHOT=1 the top of the Turkey-Syria earthquake report is saved as
docs/dispute-report.png, the README's picture.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import DESKTOP, copy_if_requested, start_chromium

from checker.embed import make_embedder
from checker.pipeline import analyze
from checker.report.html import render_html
from checker.report.view import build_view

pytestmark = [pytest.mark.browser, pytest.mark.model]
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
STORIES = SHARED / "stories"
DOCS_SCREENSHOT = ROOT / "docs" / "dispute-report.png"
SCREENSHOT_STORY = "turkey-syria-quake-2023"
SHARED_STORIES = (
    "protest-crowd-counts",
    "turkey-syria-quake-2023",
    "crocus-attack-2024",
    "gaza-ahli-hospital-2023",
)


def _stories():
    yield pytest.param(ROOT / "fixtures" / "vessel", id="vessel")
    yield pytest.param(
        SEEDS, id="seeds", marks=pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent")
    )
    for name in SHARED_STORIES:
        path = STORIES / name
        reason = f"../shared/stories/{name} absent (../shared is not checked out here)"
        yield pytest.param(path, id=name, marks=pytest.mark.skipif(not path.is_dir(), reason=reason))


# what every dispute card shows, read in one script run: sides (rows, and how many are visible),
# timeline rows, their drawings (and how many are drawn with a size), the two summary lines
_CARDS = """
return [...document.querySelectorAll('li.dispute')].map(card => {
  const shown = e => e.getClientRects().length > 0 && e.getBoundingClientRect().height > 0;
  const sides = [...card.querySelectorAll('table.sides tr.side-row')];
  const rows = [...card.querySelectorAll('table.timeline tbody tr')];
  const drawings = [...card.querySelectorAll('table.timeline tbody svg.track')];
  return {
    title: card.querySelector('h3').textContent,
    sides: sides.length, sidesShown: sides.filter(shown).length,
    rows: rows.length, drawings: drawings.length, drawn: drawings.filter(shown).length,
    axis: card.querySelectorAll('table.timeline thead svg.axis-head').length,
    moved: card.querySelectorAll('p.moved').length,
  };
});
"""


@pytest.mark.parametrize("story", list(_stories()))
def test_story_report_in_chromium(tmp_path, story):
    from selenium.webdriver.common.by import By

    report = analyze([story], embedder=make_embedder(None, cache_dir=tmp_path / "cache"))
    view = build_view(report)
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    driver = start_chromium(tmp_path, size=DESKTOP)
    try:
        driver.get(page.as_uri())
        width, inner = driver.execute_script(
            "return [document.scrollingElement.scrollWidth, window.innerWidth]"
        )
        assert inner == DESKTOP[0] and width <= inner, f"the page scrolls sideways: {width} > {inner}"

        cards = driver.execute_script(_CARDS)
        assert view.disputes and len(cards) == len(view.disputes)
        for card, dispute in zip(cards, view.disputes, strict=True):
            assert card["title"] == dispute.title
            assert card["sides"] == card["sidesShown"] == len(dispute.sides) >= 2, card
            assert card["rows"] == card["drawings"] == card["drawn"] == len(dispute.statements) > 0, card
            assert card["axis"] == 1 and card["moved"] == 2, card

        # a quote link lands on its highlighted claim in the article text
        link = driver.find_element(By.CSS_SELECTOR, "li.dispute blockquote a.said")
        target = link.get_attribute("href").split("#", 1)[1]
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
        mark = driver.find_element(By.ID, target)
        assert mark.tag_name == "mark" and mark.is_displayed()
        assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0

        driver.execute_script("window.scrollTo(0, 0)")
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": DESKTOP[0], "height": 1600, "deviceScaleFactor": 1, "mobile": False},
        )
        shot = tmp_path / "story.png"
        assert driver.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
        if story.name == SCREENSHOT_STORY:
            copy_if_requested(shot, DOCS_SCREENSHOT)
    finally:
        driver.quit()
