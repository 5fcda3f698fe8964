"""Public pages in a real browser (Debian's Chromium): accessibility with axe-core, a
phone-sized viewport without horizontal scrolling, and nothing the Content-Security-Policy
refuses (an inline script or style, a resource from another host).
"""

import json

import pytest
from selenium.webdriver.common.keys import Keys

from tests.e2e.conftest import needs_browser, page_problems, submit

pytestmark = needs_browser

PAGES = [
    ("localhost", "/"),
    ("localhost", "/nanjing/"),
    ("localhost", "/nanjing/xuanwu/"),
    ("localhost", "/nanjing/xuanwu/?list=posts"),
    ("localhost", "/sitemap/"),
    ("localhost", "/search/?q=%E5%85%9A%E5%BB%BA"),
    ("meiling.localhost", "/"),
    ("meiling.localhost", "/brand/"),
    ("meiling.localhost", "/column/"),
    ("meiling.localhost", "/activities/"),
    ("meiling.localhost", "/cases/"),
    ("meiling.localhost", "/no-such-page/"),
    # English editions (issue 19), with the language switcher.
    ("localhost", "/en/"),
    ("localhost", "/en/nanjing/xuanwu/"),
    ("localhost", "/en/search/?q=brand"),
    ("meiling.localhost", "/en/"),
    ("meiling.localhost", "/en/brand/"),
    ("meiling.localhost", "/en/cases/"),
    ("meiling.localhost", "/en/cases/growing-the-school-with-its-brand/"),
    ("meiling.localhost", "/en/sitemap/"),
]


@pytest.mark.slow
def test_public_pages_are_accessible_and_fit_a_phone(browser, demo_site):
    from pages.models import ActivityReportPage, ColumnPostPage, ExemplarCasePage
    from plugins.evaluation.models import Campaign

    rating = Campaign.objects.get(region__depth=2)  # the province's, in its public rating
    pages = [*PAGES, ("localhost", f"/evaluation/{rating.pk}/")]
    for model in (ColumnPostPage, ActivityReportPage, ExemplarCasePage):
        page = model.objects.live().filter(url_path__contains="/meiling/").first()
        pages.append(("meiling.localhost", page.url_path.split("/meiling", 1)[1]))

    # At the narrowest phone (320 px), in normal and in care mode (关怀模式, switched on by
    # its own link as a visitor would).
    browser.set_window_size(320, 720)
    problems = {}
    for care in (False, True):
        for host, path in pages:
            browser.get(f"http://{host}:{demo_site}{path}")
            if care and "care" not in browser.find_element("tag name", "html").get_attribute(
                "class"
            ):
                browser.find_element("css selector", "a[href^='/care-mode/?on=1']").click()
            classes = browser.find_element("tag name", "html").get_attribute("class") or ""
            assert ("care" in classes) == care, (host, path)
            assert browser.find_element("tag name", "h1").text, (host, path)
            if found := page_problems(browser):
                problems[f"{host}{path}{' (care)' if care else ''}"] = found
    browser.set_window_size(390, 844)
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.slow
def test_a_visitor_answers_the_rating_challenge_and_rates(browser, demo_site):
    """Issue 16, finding 9, in a real browser: the first rating asks the drawn sum (which
    loads, can be enlarged, and reads as words for those who cannot see it); the answer makes
    this browser a rater, and its next rating needs no question."""
    from plugins.evaluation.models import Campaign, PublicRating, RatingChallenge

    rating = Campaign.objects.get(region__depth=2)  # the province's, in its public rating
    campaign = f"http://localhost:{demo_site}/evaluation/{rating.pk}/"
    before = PublicRating.objects.count()
    browser.get(campaign)
    forms = browser.find_elements("css selector", "form.rating-form")
    forms[0].find_element("css selector", "label[for$='-4']").click()  # the fourth star
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

    assert "已评" in browser.find_element("css selector", ".rated").text
    # The next school by keyboard alone: the stars are one radio group, arrows move along it,
    # and the chosen star and those before it are drawn in the brand's red.
    forms = browser.find_elements("css selector", "form.rating-form")
    first_star = forms[0].find_element("css selector", "input[value='1']")
    first_star.send_keys(Keys.SPACE)
    for _step in range(4):
        browser.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    assert browser.switch_to.active_element.get_attribute("value") == "5"
    colours = [
        label.value_of_css_property("color")
        for label in forms[0].find_elements("css selector", ".stars__label")
    ]
    assert len(set(colours)) == 1 and colours[0] != "rgba(140, 140, 140, 1)"
    submit(browser, forms[0].find_element("css selector", "button[type=submit]"))
    assert "已计入" in browser.find_element("css selector", ".messages").text  # no question
    assert PublicRating.objects.count() == before + 2


@pytest.mark.slow
def test_article_tools_photos_and_sharing_work_from_the_keyboard(browser, demo_site):
    """Issue 18, item 2, in a real browser: a gallery photo opens large in a dialog from the
    keyboard, arrows move through the photos, Escape closes it and gives focus back; the text
    size stays chosen on the next page; the share panel shows the page's QR code (drawn here)
    and short link."""
    from selenium.webdriver.support.wait import WebDriverWait

    from pages.models import ActivityReportPage, ColumnPostPage

    report = ActivityReportPage.objects.live().filter(url_path__contains="/meiling/").first()
    browser.get(f"http://meiling.localhost:{demo_site}{report.url_path.split('/meiling', 1)[1]}")
    link = browser.find_element("css selector", "a[data-lightbox]")
    browser.execute_script("arguments[0].scrollIntoView()", link)
    link.send_keys(Keys.ENTER)
    dialog = browser.find_element("css selector", "dialog.lightbox")
    WebDriverWait(browser, 10).until(lambda _browser: dialog.get_attribute("open") is not None)
    large = dialog.find_element("css selector", "img")
    assert "max-1920x1440" in large.get_attribute("src")
    assert browser.switch_to.active_element.text == "关闭"  # focus moved into the dialog
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    WebDriverWait(browser, 10).until(lambda _browser: dialog.get_attribute("open") is None)
    assert browser.switch_to.active_element == link  # focus returned to the photo

    browser.find_element("css selector", "[data-font-size='large']").click()
    assert "font-large" in browser.find_element("tag name", "html").get_attribute("class")
    post = ColumnPostPage.objects.live().filter(url_path__contains="/meiling/").first()
    browser.get(f"http://meiling.localhost:{demo_site}{post.url_path.split('/meiling', 1)[1]}")
    WebDriverWait(browser, 10).until(
        lambda driver: (
            "font-large" in (driver.find_element("tag name", "html").get_attribute("class") or "")
        )
    )
    pressed = browser.find_element("css selector", "[data-font-size='large']")
    assert pressed.get_attribute("aria-pressed") == "true"
    browser.find_element("css selector", "[data-font-size='']").click()  # back to normal

    browser.find_element("css selector", ".share summary").click()
    code = browser.find_element("css selector", ".share__panel img")
    WebDriverWait(browser, 10).until(
        lambda _browser: code.get_attribute("naturalWidth") not in ("0", None)
    )
    short = browser.find_element("css selector", ".share__panel a").get_attribute("href")
    assert short.endswith(f"/s/{post.pk}/")
    assert page_problems(browser) == {}
