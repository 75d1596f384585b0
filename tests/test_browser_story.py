"""A real story's HTML report in headless Chromium: the vessel fixture (and the seed story, when
../shared is present) analysed with the real model, rendered, opened and looked at."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import DESKTOP, start_chromium

from checker.embed import make_embedder
from checker.pipeline import analyze
from checker.report.html import render_html

pytestmark = [pytest.mark.browser, pytest.mark.model]
ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def _stories():
    yield pytest.param(ROOT / "fixtures" / "vessel", id="vessel")
    yield pytest.param(
        SEEDS, id="seeds", marks=pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent")
    )


@pytest.mark.parametrize("story", list(_stories()))
def test_story_report_in_chromium(tmp_path, story):
    from selenium.webdriver.common.by import By

    report = analyze([story], embedder=make_embedder(None, cache_dir=tmp_path / "cache"))
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    driver = start_chromium(tmp_path, size=DESKTOP)
    try:
        driver.get(page.as_uri())
        charts = driver.find_elements(By.CSS_SELECTOR, "figure.chart svg")
        assert charts and all(c.is_displayed() and c.size["height"] > 0 for c in charts[:3])
        conflicts = driver.find_elements(By.CSS_SELECTOR, "li.finding.k-conflict")
        expected = sum(1 for f in report.findings if f.kind.value == "conflict")
        assert len(conflicts) == expected > 0
        assert all(c.is_displayed() for c in conflicts[:5])
        # a quote link lands on its highlighted claim in the article text
        link = driver.find_element(By.CSS_SELECTOR, "li.finding blockquote a.said")
        target = link.get_attribute("href").split("#", 1)[1]
        link.click()
        mark = driver.find_element(By.ID, target)
        assert mark.tag_name == "mark" and mark.is_displayed()
        assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
        driver.save_screenshot(str(tmp_path / "story.png"))
    finally:
        driver.quit()
