"""Public pages in a real browser (Debian's Chromium): accessibility with axe-core, a
phone-sized viewport without horizontal scrolling, and nothing the Content-Security-Policy
refuses (an inline script or style, a resource from another host).

Needs /usr/bin/chromium, /usr/bin/chromedriver and `npm install` (axe-core); skipped where
they are absent, except when REQUIRE_SERVICES=1 (CI), where their absence is a failure.
"""

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

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
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"missing: {', '.join(MISSING)}")

PAGES = [
    ("localhost", "/"),
    ("localhost", "/nanjing/"),
    ("localhost", "/nanjing/xuanwu/"),
    ("meiling.localhost", "/"),
    ("meiling.localhost", "/brand/"),
    ("meiling.localhost", "/column/"),
    ("meiling.localhost", "/activities/"),
    ("meiling.localhost", "/cases/"),
    ("meiling.localhost", "/no-such-page/"),
]


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


@pytest.mark.slow
def test_public_pages_are_accessible_and_fit_a_phone(browser, demo_site):
    from pages.models import ActivityReportPage, ColumnPostPage, ExemplarCasePage
    from plugins.evaluation.models import Campaign

    pages = [*PAGES, ("localhost", f"/evaluation/{Campaign.objects.get().pk}/")]
    for model in (ColumnPostPage, ActivityReportPage, ExemplarCasePage):
        page = model.objects.live().filter(url_path__contains="/meiling/").first()
        pages.append(("meiling.localhost", page.url_path.split("/meiling", 1)[1]))

    problems = {}
    for host, path in pages:
        browser.get(f"http://{host}:{demo_site}{path}")
        assert browser.find_element("tag name", "h1").text, (host, path)
        if found := page_problems(browser):
            problems[f"{host}{path}"] = found
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.slow
def test_a_visitor_answers_the_rating_challenge_and_rates(browser, demo_site):
    """Issue 16, finding 9, in a real browser: the first rating asks the drawn sum (which
    loads, can be enlarged, and reads as words for those who cannot see it); the answer makes
    this browser a rater, and its next rating needs no question."""
    from plugins.evaluation.models import Campaign, PublicRating, RatingChallenge

    campaign = f"http://localhost:{demo_site}/evaluation/{Campaign.objects.get().pk}/"
    before = PublicRating.objects.count()
    browser.get(campaign)
    forms = browser.find_elements("css selector", "form.rating-form")
    forms[0].find_element("css selector", "input[value='4']").click()
    submit(browser, forms[0].find_element("css selector", "button[type=submit]"))

    assert page_problems(browser) == {}
    image = browser.find_element("css selector", ".challenge-image img")
    assert browser.execute_script("return arguments[0].naturalWidth", image) > 100
    enlarge = browser.find_element("css selector", ".challenge-image a").get_attribute("href")
    assert enlarge.endswith("?scale=3")
    browser.find_element("css selector", ".challenge-words summary").click()
    words = browser.find_element("id", "challenge-question").text
    assert "加" in words and words.endswith("请用阿拉伯数字作答。")
    key = browser.find_element("name", "challenge").get_attribute("value")
    answer = RatingChallenge.objects.get(key=key).answer
    browser.find_element("id", "challenge-answer").send_keys(str(answer))
    submit(browser, browser.find_element("css selector", ".challenge-form button[type=submit]"))
    assert "已计入" in browser.find_element("css selector", ".messages").text

    forms = browser.find_elements("css selector", "form.rating-form")
    forms[1].find_element("css selector", "input[value='5']").click()
    submit(browser, forms[1].find_element("css selector", "button[type=submit]"))
    assert "已计入" in browser.find_element("css selector", ".messages").text  # no question
    assert PublicRating.objects.count() == before + 2


def submit(browser, button):
    """Clicks a form's button and waits for the next page: the page before it may hold the
    same message, so reading at once could read the old page."""
    from selenium.webdriver.support.expected_conditions import staleness_of
    from selenium.webdriver.support.wait import WebDriverWait

    before = browser.find_element("tag name", "html")
    button.click()
    WebDriverWait(browser, 30).until(staleness_of(before))


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
