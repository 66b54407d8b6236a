"""Headless Chromium: search, apply a facet, switch to Welsh, all without JavaScript help."""

from __future__ import annotations

import pytest

from tests.portal.support import wait_for_url

pytestmark = [pytest.mark.browser, pytest.mark.engine]


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
