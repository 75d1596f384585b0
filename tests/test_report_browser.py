"""The HTML report in a real browser (headless Chromium): disputes with their sides and timeline drawings
visible, no sideways scrolling at 1280 px, quote links land on the highlighted span, hostile text runs
nothing, the layout holds at phone width.

Screenshots go to the test's tmp_path; with CHECKER_UPDATE_SCREENSHOT=1 the desktop one is also copied to
docs/report-screenshot.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import DESKTOP, PHONE, copy_if_requested, full_page_screenshot, resize_viewport, start_chromium
from sample_report import hostile_report, sample_report

from checker.report.html import render_html

pytestmark = pytest.mark.browser
DOCS_SCREENSHOT = Path(__file__).resolve().parents[1] / "docs" / "report-screenshot.png"


@pytest.fixture
def driver(tmp_path):
    drv = start_chromium(tmp_path, size=DESKTOP)
    try:
        yield drv
    finally:
        drv.quit()


def open_report(driver, tmp_path: Path, html: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    driver.get(path.as_uri())
    return path


def visible(element) -> bool:
    size = element.size
    return element.is_displayed() and size["width"] > 0 and size["height"] > 0


def test_report_in_chromium(driver, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    open_report(driver, tmp_path, render_html(sample_report()), "report.html")
    assert driver.title.startswith("Claim-consistency report: 4 disputes in 4 articles")
    assert driver.execute_script("return document.scrollingElement.scrollWidth <= window.innerWidth")

    disputes = driver.find_elements(By.CSS_SELECTOR, "li.dispute")
    assert len(disputes) == 4 and all(visible(d) for d in disputes)
    sides = [len(d.find_elements(By.CSS_SELECTOR, "table.sides tr.side-row")) for d in disputes]
    assert sides == [3, 2, 2, 2]
    drawings = driver.find_elements(By.CSS_SELECTOR, "table.timeline tbody svg.track")
    assert len(drawings) == 5 + 2 + 2 + 2 and all(visible(d) for d in drawings)
    assert all(d.size["width"] == 240 for d in drawings)  # drawn at their size, not squeezed
    conflict_badge = driver.find_element(By.CSS_SELECTOR, "li.dispute .facts .badge")
    assert conflict_badge.text.strip().lower() == "number"  # the type said in words, not colour alone
    updates = driver.find_elements(By.CSS_SELECTOR, "#updates li.finding, #shifts li.finding")
    assert len(updates) == 2 and all(visible(u) for u in updates)
    assert driver.find_elements(By.CSS_SELECTOR, "figure.chart svg") == []  # subject charts: --verbose
    # nothing was fetched: the page holds everything it shows
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0

    link = driver.find_element(By.CSS_SELECTOR, "li.dispute blockquote a.said")
    target = link.get_attribute("href").split("#", 1)[1]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    assert driver.current_url.endswith("#" + target)
    assert driver.execute_script("return document.querySelector(':target').id") == target
    mark = driver.find_element(By.ID, target)
    assert mark.tag_name == "mark" and visible(mark)
    assert mark.text.strip("“”") in link.text
    outline = driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", mark)
    assert outline == "solid"  # the target span is outlined

    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert  # noqa: B018 - the property raises when there is no alert

    resize_viewport(driver, DESKTOP[0], 1600)  # tall enough to show the summary and the first dispute
    driver.execute_script("window.scrollTo(0, 0)")
    desktop = tmp_path / "desktop.png"
    assert driver.save_screenshot(str(desktop)) and desktop.stat().st_size > 10_000
    full_page_screenshot(driver, tmp_path / "desktop-full.png")
    copy_if_requested(desktop, DOCS_SCREENSHOT)

    resize_viewport(driver, *PHONE)
    driver.get(driver.current_url.split("#")[0])
    # the page itself never scrolls sideways at phone width: wide tables and charts scroll in their box
    width = driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= PHONE[0], width
    heading = driver.find_element(By.CSS_SELECTOR, "h1")
    assert visible(heading) and heading.size["width"] <= PHONE[0]
    phone = full_page_screenshot(driver, tmp_path / "phone.png")
    assert phone.stat().st_size > 10_000


def test_hostile_report_runs_nothing(driver, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    open_report(driver, tmp_path, render_html(hostile_report(), verbose=True), "hostile.html")
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert  # noqa: B018
    assert driver.find_elements(By.TAG_NAME, "script") == []
    assert driver.find_elements(By.TAG_NAME, "iframe") == []
    assert driver.find_elements(By.TAG_NAME, "img") == []
    assert driver.find_elements(By.TAG_NAME, "textarea") == []
    svgs = driver.find_elements(By.TAG_NAME, "svg")
    charts = driver.find_elements(By.CSS_SELECTOR, "figure.chart svg")
    tracks = driver.find_elements(By.CSS_SELECTOR, "svg.track")
    assert len(charts) == 3 and len(tracks) == 4 + 11 and len(svgs) == 3 + 15  # none from the input
    handlers = driver.execute_script(
        "return [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
        ".filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"
    )
    assert handlers == []
    text = driver.find_element(By.CSS_SELECTOR, "article.source .text").text
    assert "<script>alert(1)</script>" in text  # shown as text
    for link in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
        assert not link.get_attribute("href").lower().startswith("javascript:")
    # clicking every claim link is harmless too
    for link in driver.find_elements(By.CSS_SELECTOR, "a.said")[:5]:
        driver.execute_script("arguments[0].click()", link)
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert  # noqa: B018
