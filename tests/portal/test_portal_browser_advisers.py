"""Headless Chromium walks, English and Welsh, with axe-core on every page.

An adviser: search -> start a shortlist -> add from results and a course page -> note ->
reorder -> compare -> share -> print -> save the search. A provider: the providers list ->
its report -> raw beside normalised -> how it ranks. No serious or critical axe violations.
"""

from __future__ import annotations

import pytest

from tests.portal.support import assert_accessible, wait_for_url


def submit(driver, button) -> None:  # type: ignore[no-untyped-def]
    """Click a submit button and wait until the next page has fully loaded."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")
    button.click()

    def old_page_gone(_driver) -> bool:  # type: ignore[no-untyped-def]
        # Chromium reports a replaced document either as a stale element or, mid-navigation,
        # as "Node with given id does not belong to the document": both mean it is gone.
        try:
            old.is_enabled()
        except WebDriverException:
            return True
        return False

    WebDriverWait(driver, 15).until(old_page_gone)
    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


pytestmark = [pytest.mark.browser, pytest.mark.engine]

WORDS = {
    "en": {
        "added": "Added to the shortlist",
        "passed": "have passed",
        "per_week": "15 hours a week",
        "chosen": "Courses chosen for you",
        "plan": "Action plan",
        "warning": "No course length was found.",
        "harvested": "As harvested",
    },
    "cy": {
        "added": "Wedi'i ychwanegu at y rhestr fer",
        "passed": "wedi mynd heibio",
        "per_week": "15 awr yr wythnos",
        "chosen": "Cyrsiau a ddewiswyd ar eich cyfer",
        "plan": "Cynllun gweithredu",
        "warning": "Ni chafwyd hyd y cwrs.",
        "harvested": "Fel y'i casglwyd",
    },
}


def fresh(driver) -> None:  # type: ignore[no-untyped-def]
    """Each walk starts as a new visitor (no shortlist remembered)."""
    driver.delete_all_cookies()


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_adviser_walk(browser, live_url: str, axe_source: str, lang: str) -> None:
    from selenium.webdriver.common.by import By

    driver, w = browser, WORDS[lang]
    driver.get(live_url + "/")  # cookies belong to the origin: visit it before clearing
    fresh(driver)

    # Start from a course page: "start a shortlist with this course".
    driver.get(f"{live_url}/{lang}/courses/tywi-valley-university:tvu-001")
    assert_accessible(driver, axe_source)
    driver.find_element(By.CSS_SELECTOR, ".start-shortlist a").click()
    wait_for_url(driver, f"/{lang}/shortlists/?add=")
    assert_accessible(driver, axe_source)

    # Submitting without a name shows an error summary, in the page's language.
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[novalidate] button[type=submit]"))
    assert driver.find_element(By.CSS_SELECTOR, ".error-summary").is_displayed()
    assert_accessible(driver, axe_source)
    driver.find_element(By.ID, "name").send_keys("Client A – retraining")
    driver.find_element(By.ID, "client_ref").send_keys("CA-7")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[novalidate] button[type=submit]"))
    edit_url = driver.current_url
    assert driver.find_elements(By.CSS_SELECTOR, ".shortlist-item")
    assert_accessible(driver, axe_source)

    # Search and add two results with the plain POST buttons.
    driver.get(f"{live_url}/{lang}/search?q=construction")
    assert_accessible(driver, axe_source)
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".add-to-shortlist button"))
    assert w["added"] in driver.find_element(By.CSS_SELECTOR, ".messages").text
    assert driver.find_elements(By.CSS_SELECTOR, ".on-shortlist")
    driver.get(f"{live_url}/{lang}/search?q=first+aid")
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".add-to-shortlist button"))
    assert_accessible(driver, axe_source)

    # Save this search to the shortlist.
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".save-search button"))

    # And one from its course page: every start date of this one has passed.
    driver.get(f"{live_url}/{lang}/courses/northern-skills:ns-200")
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".add-to-shortlist button"))
    assert driver.find_elements(By.CSS_SELECTOR, ".on-shortlist")
    assert_accessible(driver, axe_source)

    # The shortlist: four courses, one whose dates have all passed.
    driver.get(edit_url)
    items = driver.find_elements(By.CSS_SELECTOR, ".shortlist-item")
    assert len(items) == 4
    assert w["passed"] in driver.page_source
    assert ".atom" in driver.page_source  # the saved search's feed

    # A shared note on the first course, with markup that must stay text.
    note = items[0].find_element(By.TAG_NAME, "textarea")
    note.send_keys("Ask about funding <script>alert(1)</script>")
    items[0].find_element(By.CSS_SELECTOR, "input[name=shared]").click()
    submit(driver, items[0].find_element(By.CSS_SELECTOR, ".note-form button"))
    assert "<script>alert(1)</script>" in driver.find_element(By.TAG_NAME, "textarea").text

    # Move the last course up.
    items = driver.find_elements(By.CSS_SELECTOR, ".shortlist-item")
    last_title = items[3].find_element(By.TAG_NAME, "h3").text
    up = items[3].find_element(By.CSS_SELECTOR, "input[name=direction][value=up]")
    submit(driver, up.find_element(By.XPATH, "..").find_element(By.TAG_NAME, "button"))
    items = driver.find_elements(By.CSS_SELECTOR, ".shortlist-item")
    assert items[2].find_element(By.TAG_NAME, "h3").text == last_title
    assert_accessible(driver, axe_source)

    # Compare: with none ticked, the first four side by side.
    share_url = driver.find_element(By.ID, "share-link").get_attribute("value")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "button[form=compare-form]"))
    assert "/compare" in driver.current_url
    assert len(driver.find_elements(By.CSS_SELECTOR, "table.compare thead th")) == 4
    assert w["per_week"] in driver.page_source
    assert_accessible(driver, axe_source)

    # Share: the client's read-only page shows the shared note as text.
    driver.get(share_url)
    assert w["chosen"] in driver.find_element(By.TAG_NAME, "h1").text
    assert "Ask about funding <script>alert(1)</script>" in driver.page_source.replace(
        "&lt;", "<"
    ).replace("&gt;", ">")
    assert not driver.find_elements(By.CSS_SELECTOR, "textarea, .note-form")
    assert_accessible(driver, axe_source)

    # Print: the action plan with its print stylesheet.
    driver.get(edit_url.split("#")[0] + "/print")
    assert w["plan"] in driver.find_element(By.TAG_NAME, "h1").text
    assert driver.find_elements(By.CSS_SELECTOR, 'link[media="print"]')
    assert_accessible(driver, axe_source)

    # A forged link gives a clear page.
    driver.get(f"{live_url}/{lang}/shortlists/{'A' * 43}")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    assert_accessible(driver, axe_source)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_account_pages_are_accessible(browser, live_url: str, axe_source: str, lang: str) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(f"{live_url}/{lang}/account/sign-up")
    assert_accessible(driver, axe_source)
    driver.find_element(By.ID, "email").send_keys(f"walk-{lang}@example.org")
    driver.find_element(By.ID, "password").send_keys("a long passphrase")
    driver.find_element(By.ID, "confirm").send_keys("a long passphrase")
    # submit() waits for the next page: the URLs waited for below are also prefixes of
    # the pages the clicks start from, so waiting on them alone raced the navigation
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[novalidate] button[type=submit]"))
    wait_for_url(driver, f"/{lang}/account/")
    assert_accessible(driver, axe_source)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='sign-out'] button"))
    wait_for_url(driver, f"/{lang}/")
    driver.get(f"{live_url}/{lang}/account/sign-in")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[novalidate] button[type=submit]"))
    assert driver.find_element(By.CSS_SELECTOR, ".error-summary").is_displayed()
    assert_accessible(driver, axe_source)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_provider_walk(browser, live_url: str, axe_source: str, lang: str) -> None:
    from selenium.webdriver.common.by import By

    driver, w = browser, WORDS[lang]
    driver.get(f"{live_url}/{lang}/providers/")
    assert_accessible(driver, axe_source)
    driver.find_element(By.CSS_SELECTOR, 'a[href$="/providers/northern-skills/"]').click()
    wait_for_url(driver, "/providers/northern-skills/")
    assert w["warning"] in driver.page_source
    assert "HTTP 500" in driver.page_source
    assert_accessible(driver, axe_source)

    driver.find_element(
        By.CSS_SELECTOR, 'a[href$="/providers/northern-skills/courses/northern-skills:ns-200"]'
    ).click()
    wait_for_url(driver, "/courses/northern-skills:ns-200")
    assert w["harvested"] in driver.page_source.replace("&#39;", "'")
    assert_accessible(driver, axe_source)

    driver.get(f"{live_url}/{lang}/providers/northern-skills/ranking")
    box = driver.find_element(By.ID, "rank-q")
    box.send_keys("leading teams")
    box.submit()
    wait_for_url(driver, "ranking?q=leading")
    assert driver.find_elements(By.CSS_SELECTOR, "table.ranking tbody tr")
    assert_accessible(driver, axe_source)


def test_axe_is_really_checking(browser, axe_source: str) -> None:
    """A page with known faults must fail, so a silent axe failure cannot pass every page."""
    from tests.portal.support import axe_violations

    browser.get("data:text/html,<html><body><img src='x.png'><input type='text'></body></html>")
    found = {v["id"] for v in axe_violations(browser, axe_source)}
    assert "image-alt" in found
