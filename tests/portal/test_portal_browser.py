"""Headless Chromium: search, apply a facet, switch to Welsh, all without JavaScript help."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.portal.support import free_port

pytestmark = [pytest.mark.browser, pytest.mark.engine]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="module")
def live_url(app: Flask) -> Iterator[str]:
    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        message = "Debian's chromium and chromium-driver are needed for browser tests"
        if IN_CI:
            pytest.fail(message)  # CI must run the browser test, never skip it
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="coursefinder-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--window-size=1280,1600",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for_url(driver, fragment: str) -> None:
    """Clicks return when navigation starts; wait until the new page is the current one."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 15).until(
        lambda d: (
            fragment in d.current_url
            and d.execute_script("return document.readyState") == "complete"
        )
    )


def test_search_filter_and_switch_to_welsh(browser, live_url: str) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(f"{live_url}/en/")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"

    box = driver.find_element(By.ID, "q")
    box.send_keys("data")
    box.submit()
    wait_for_url(driver, "/en/search?q=data")
    assert "courses found" in driver.find_element(By.CLASS_NAME, "results-count").text

    # Tick "In person" in the mode facet and apply: a plain GET form, no JavaScript needed.
    checkbox = driver.find_element(By.CSS_SELECTOR, 'input[name="mode"][value="in_person"]')
    label = driver.find_element(By.CSS_SELECTOR, f'label[for="{checkbox.get_attribute("id")}"]')
    label.click()
    assert checkbox.is_selected()
    driver.find_element(By.CSS_SELECTOR, "aside.filters button[type=submit]").click()
    wait_for_url(driver, "mode=in_person")
    chips = driver.find_elements(By.CSS_SELECTOR, ".chips a.chip")
    assert any("In person" in chip.text for chip in chips)

    # Switch language: same page, same query, Welsh interface.
    driver.find_element(By.CLASS_NAME, "language-switch").click()
    wait_for_url(driver, "/cy/search?")
    assert "q=data" in driver.current_url and "mode=in_person" in driver.current_url
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "cy"
    assert "Daethpwyd o hyd i" in driver.find_element(By.CLASS_NAME, "results-count").text
    assert driver.find_element(
        By.CSS_SELECTOR, 'input[name="mode"][value="in_person"]'
    ).is_selected()

    # Follow a result to its course page, still in Welsh.
    driver.find_element(By.CSS_SELECTOR, ".result-title a").click()
    wait_for_url(driver, "/cy/courses/")
    assert driver.find_element(By.ID, "facts-heading").text == "Ffeithiau allweddol"
