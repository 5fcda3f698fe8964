"""A real browser for the end-to-end tests: Debian's Chromium driven by Selenium, on a
phone-sized window, against the demo served by Django's live server.

Needs /usr/bin/chromium, /usr/bin/chromedriver and `npm install` (axe-core); tests marked
`needs_browser` are skipped where they are absent, except when REQUIRE_SERVICES=1 (CI),
where their absence is a failure.
"""

import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as until
from selenium.webdriver.support.wait import WebDriverWait

from tests.services import REQUIRE_SERVICES

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
MISSING = [
    name
    for name, present in (
        ("chromium", CHROMIUM),
        ("chromedriver", CHROMEDRIVER),
        ("axe", AXE.exists()),
    )
    if not present
]
if MISSING and REQUIRE_SERVICES:
    raise RuntimeError(f"Browser tests need {', '.join(MISSING)} (REQUIRE_SERVICES=1)")
needs_browser = pytest.mark.skipif(bool(MISSING), reason=f"missing: {', '.join(MISSING)}")

DESKTOP, PHONE = (1280, 1400), (390, 844)  # the admin's window, a visitor's phone


def sign_in(browser, base, username):
    browser.delete_all_cookies()
    browser.get(f"{base}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys("yxyp-demo")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))


def wait_for(browser, selector, seconds=20):
    return WebDriverWait(browser, seconds).until(
        until.visibility_of_element_located((By.CSS_SELECTOR, selector))
    )


def messages(browser):
    """The messages on screen once shown: Wagtail fades them in 100 ms after the page loads, and
    a loaded machine read an empty list before then (CI)."""

    def shown(driver):
        return " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, ".messages")).strip()

    try:
        return WebDriverWait(browser, 10).until(shown)
    except TimeoutException:
        return ""


def wait_for_field(browser, contentpath, text):
    """Until the form field a block's widget writes to holds ``text`` (anything, if empty)."""
    WebDriverWait(browser, 10).until(
        lambda driver: any(
            value and text in value
            for value in driver.execute_script(
                "return [...document.querySelectorAll("
                f"'#body-root [data-contentpath={contentpath}] input[type=hidden]'"
                ")].map(input => input.value)"
            )
        )
    )


def form_errors(browser):
    """What the edit form says is wrong, field by field, for a failing assertion to show."""
    return browser.execute_script(
        "return [...document.querySelectorAll('.error-message, .help-critical')].map(e => {"
        " const field = e.closest('[data-contentpath], .w-field__wrapper');"
        " return [field && (field.dataset.contentpath || field.id), e.textContent.trim()];"
        "});"
    ) + [browser.current_url]


def click(browser, element):
    """Scrolled to the middle first: the edit form's sticky footer covers the bottom."""
    browser.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element
    )
    element.click()


def footer_action(browser, label):
    """A button of the edit form's footer, opening its menu of further actions first."""
    buttons = browser.find_elements(By.XPATH, f"//footer//button[normalize-space()='{label}']")
    if not buttons or not buttons[0].is_displayed():
        browser.find_element(By.XPATH, "//footer//button[normalize-space()='更多动作']").click()
    return WebDriverWait(browser, 10).until(
        until.element_to_be_clickable((By.XPATH, f"//footer//button[normalize-space()='{label}']"))
    )


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tempfile.mkdtemp()}",
        "--host-resolver-rules=MAP *.localhost 127.0.0.1, MAP localhost 127.0.0.1",
        "--window-size=390,844",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # CSP violations
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture
def demo_site(django_db_serialized_rollback, transactional_db, live_server):
    """The demo on a real server; the rows migrations wrote (the tree's root) are restored
    first, since a transactional test before this one may have flushed them."""
    call_command("demo", verbosity=0)
    return live_server.url.rsplit(":", 1)[1]


def axe_violations(driver):
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))));"
    )


def submit(browser, button):
    """Clicks a form's button and waits for the next page: the page before it may hold the
        same message, so reading at once could read the old page. A mark left on the old page's
    window tells the pages apart: Chromium 156 reports an element of a page being left with
    an inspector error instead of a stale element, so waiting for staleness failed in CI."""
    browser.execute_script("window.leavingThisPage = true")
    button.click()
    WebDriverWait(browser, 30, ignored_exceptions=(WebDriverException,)).until(
        lambda driver: driver.execute_script(
            "return !window.leavingThisPage && document.readyState === 'complete'"
        )
    )


def page_problems(browser):
    """What is wrong with the page on screen: axe's findings, horizontal overflow on a
    phone, anything the Content-Security-Policy refused."""
    violations = axe_violations(browser)
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - window.innerWidth"
    )
    refused = [
        entry["message"]
        for entry in browser.get_log("browser")
        if "Content Security Policy" in entry["message"]
    ]
    if violations or overflow > 0 or refused:
        return {"axe": violations, "overflow_px": overflow, "csp": refused}
    return {}
