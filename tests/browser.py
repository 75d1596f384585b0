"""Headless Chromium for browser tests, from Debian's packages only (scripts/install-browser.sh).

``start_chromium(tmp_path)`` returns a Selenium driver on /usr/bin/chromium through /usr/bin/chromedriver,
so Selenium Manager never downloads a browser or driver. Without them the test is skipped, unless ``CI``
is set: there a missing browser is a broken setup, and the test fails saying how to install it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
DESKTOP = (1280, 900)
PHONE = (390, 844)
ARGUMENTS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


def require_chromium() -> None:
    """Skip (or, under CI, fail) when Debian's chromium and chromedriver are not installed."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not (p.exists() and os.access(p, os.X_OK))]
    if not missing:
        return
    message = f"{' and '.join(missing)} not found; run scripts/install-browser.sh to install them"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def start_chromium(tmp_path: Path, *, size: tuple[int, int] = DESKTOP):  # -> selenium WebDriver
    """A headless Chromium with a fresh profile under ``tmp_path``; the caller quits it."""
    require_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path / "chromium-profile"
    profile.mkdir(parents=True, exist_ok=True)
    for argument in (*ARGUMENTS, f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}"):
        options.add_argument(argument)
    service = Service(executable_path=str(CHROMEDRIVER), log_output=str(tmp_path / "chromedriver.log"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    return driver


def resize_viewport(driver, width: int, height: int) -> None:
    """Make the page's viewport (not the window) ``width`` wide, for a phone-width layout check."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def full_page_screenshot(driver, path: Path) -> Path:
    """A screenshot of the whole page height at the current viewport width."""
    width = driver.execute_script("return document.documentElement.clientWidth")
    height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 16000)")
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(path))
    return path


def copy_if_requested(source: Path, target: Path, *, env: str = "CHECKER_UPDATE_SCREENSHOT") -> bool:
    """Copy a screenshot into the repository only when ``env`` is 1 (docs are updated on purpose)."""
    if os.environ.get(env) != "1":
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return True
