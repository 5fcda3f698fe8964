"""Issue 34's county year in a real browser, as each role does it: 梅岭小学's editor writes the
year's annual plan, an activity report and a column post, its moderator publishes them; the
county curator links a committee member to the school and records the monthly exchange and
the quarterly seminar; the school submits the report (报送), the county adopts and forwards
it; the county runs its own innovation award (stages opened and closed from the stages
screen, the secretary's sign-off, an on-site inspection, two reviews, provisional results,
then published), which the school's home page lists among its honours; the curator builds
the county's ledger for the year and a compendium of two cases chosen in order.

Every date is today in Beijing (``api.exports.today()``), written into the forms, so the
test runs the same on any day. Screenshots go to /tmp/county-year-NN-*.png."""

import datetime
import io
import urllib.request
import zipfile
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as until
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from plugins.ledger.tests.test_ledger import MISSING as TYPESETTING_MISSING
from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    click,
    footer_action,
    form_errors,
    messages,
    needs_browser,
    page_problems,
    sign_in,
    submit,
    wait_for,
)

pytestmark = needs_browser

PLAN_TITLE = "梅岭小学{year}年度“红梅先锋”党建品牌建设实施方案"
ACTIVITY_TITLE = "红梅先锋进社区志愿服务"
POST_TITLE = "党员示范岗亮身份见行动"
CAMPAIGN_TITLE = "玄武区“一校一品”党建文化创新奖（专项）"


class Journey:
    """The browser, the demo's address and a screenshot counter, so each step stays short."""

    def __init__(self, browser, port):
        self.browser, self.port = browser, port
        self.base = f"http://localhost:{port}"
        self.shots = 0

    def shot(self, name):
        self.shots += 1
        self.browser.save_screenshot(f"/tmp/county-year-{self.shots:02d}-{name}.png")

    def admin(self, username, url):
        """Signs ``username`` in and opens ``url``; from a school's Site first back on the
        admin's host, whose cookies are the ones sign_in clears."""
        if urlsplit(self.browser.current_url).hostname != "localhost":
            self.browser.get(self.base + "/admin/login/")
        sign_in(self.browser, self.base, username)
        self.browser.get(self.base + url)

    def public(self, page):
        """``page`` on its school's own Site, on this server's port."""
        address = urlsplit(page.get_full_url())
        self.browser.get(address._replace(netloc=f"{address.hostname}:{self.port}").geturl())

    def type(self, name, text):
        field = self.browser.find_element(By.NAME, name)
        field.clear()
        field.send_keys(str(text))

    def choose(self, name, text=None, value=None):
        select = Select(self.browser.find_element(By.NAME, name))
        if value is not None:
            select.select_by_value(str(value))
        else:
            select.select_by_visible_text(text)

    def date(self, name, day):
        """A date field's value, as its date picker would write it (the picker itself pops
        over the fields below it)."""
        self.browser.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            self.browser.find_element(By.NAME, name),
            day.isoformat(),
        )

    def rich_text(self, name, text):
        """Types into a rich text field's editor and waits until the form's field holds it."""
        editor = WebDriverWait(self.browser, 10).until(
            until.element_to_be_clickable(
                (By.CSS_SELECTOR, f".w-field:has(#id_{name}) [contenteditable=true]")
            )
        )
        click(self.browser, editor)
        editor.send_keys(text)
        WebDriverWait(self.browser, 10).until(
            lambda driver: text in (driver.find_element(By.ID, f"id_{name}").get_attribute("value"))
        )

    def pick(self, within, text=None):
        """Chooses in the chooser ``within`` that CSS scope: the item named ``text``, else the
        first offered."""
        click(
            self.browser,
            self.browser.find_element(By.CSS_SELECTOR, f"{within} [data-chooser-action-choose]"),
        )
        named = f"[normalize-space()='{text}']" if text else ""
        WebDriverWait(self.browser, 20).until(
            until.element_to_be_clickable(
                (
                    By.XPATH,
                    "//div[contains(@class, 'modal-content')]"
                    f"//a[@data-chooser-modal-choice]{named}",
                )
            )
        ).click()
        WebDriverWait(self.browser, 10).until(
            until.invisibility_of_element_located((By.CSS_SELECTOR, ".modal"))
        )

    def pick_page(self, name, page):
        """Chooses ``page`` in the page chooser of the field ``name``, found by its title."""
        within = f".w-field:has(#id_{name})"
        click(
            self.browser,
            self.browser.find_element(By.CSS_SELECTOR, f"{within} [data-chooser-action-choose]"),
        )
        wait_for(self.browser, ".modal-content input[name=q]").send_keys(page.title)
        WebDriverWait(self.browser, 20).until(
            until.element_to_be_clickable(
                (By.CSS_SELECTOR, f".modal-content a.choose-page[data-id='{page.pk}']")
            )
        ).click()
        WebDriverWait(self.browser, 10).until(
            until.invisibility_of_element_located((By.CSS_SELECTOR, ".modal"))
        )

    def save(self):
        """The main button of a Wagtail form's footer."""
        submit(
            self.browser, self.browser.find_element(By.CSS_SELECTOR, "footer button[type=submit]")
        )

    def press(self, selector):
        button = self.browser.find_element(By.CSS_SELECTOR, selector)
        self.browser.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button
        )
        submit(self.browser, button)

    def main_text(self):
        return self.browser.find_element(By.TAG_NAME, "main").text

    def download(self, link_text_near):
        """The bytes behind the Download link of the export row naming ``link_text_near``,
        fetched with the browser's session (only the person who asked may download)."""
        row = self.browser.find_element(
            By.XPATH,
            f"//tr[td[contains(., '{link_text_near}')]][.//a[contains(@href, 'download')]]",
        )
        url = row.find_element(By.CSS_SELECTOR, "a[href*=download]").get_attribute("href")
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in self.browser.get_cookies())
        request = urllib.request.Request(url, headers={"Cookie": cookies})
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.read()


def publish_as_moderator(journey, page):
    journey.admin("meiling-moderator", f"/admin/pages/{page.pk}/edit/")
    submit(journey.browser, footer_action(journey.browser, "批准并发布"))
    page.refresh_from_db()
    assert page.live, (messages(journey.browser), form_errors(journey.browser))


def due_in(journey, kind):
    """The text of a cycle's section on the overdue screen."""
    journey.browser.get(journey.base + reverse("liaison_overdue:index"))
    return journey.browser.find_element(
        By.CSS_SELECTOR, f"section[aria-labelledby=cycle-{kind}-heading]"
    ).text


@pytest.mark.slow
def test_a_countys_year(browser, demo_site, settings):
    from curation.models import Submission
    from pages.models import (
        ActivityIndexPage,
        ActivityReportPage,
        AnnualPlanPage,
        BrandPage,
        ColumnIndexPage,
        ColumnPostPage,
        ExemplarCasePage,
        SchoolHomePage,
    )
    from plugins import api
    from plugins.evaluation.models import Application, Award, Campaign
    from plugins.ledger.models import Compendium, LedgerExport
    from plugins.liaison import supervision
    from plugins.liaison.models import LiaisonLink, SupervisionRecord

    journey = Journey(browser, demo_site)
    today = api.exports.today()
    year = today.year
    school = SchoolHomePage.objects.with_slug("meiling").get()
    county = school.get_parent().specific
    brand = BrandPage.objects.child_of(school).get()
    people = {
        user.username: user
        for user in api.people_of(api.RegionPage.objects.filter(pk=county.pk), api.REGION_ROLES)
    }
    browser.set_window_size(*DESKTOP)
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # as in test_editorial_flow: no autosave race
    # The demo may have written this year's plan for the school: the editor writes it here.
    for plan in AnnualPlanPage.for_year(school, year):
        plan.delete()

    # 1. The editor writes this year's plan and sends it for review; the moderator publishes.
    journey.admin("meiling-editor", f"/admin/pages/add/pages/annualplanpage/{school.pk}/")
    journey.type("title", PLAN_TITLE.format(year=year))
    journey.type("year", year)
    journey.type("summary", "以“红梅讲堂”和党员示范岗为重点，把品牌建设落到每一堂课。")
    journey.rich_text("plan", "春季开学前把任务分解到人，每项任务由一名支委牵头。")
    journey.rich_text("goals", "开设红梅讲堂十讲，每位党员教师至少主讲一次。")
    journey.type("commitment", "全体党员教师亮身份、作表率，不让一名学生在学习上掉队。")
    journey.shot("plan-draft")
    submit(browser, footer_action(browser, "提交给学校审核"))
    plan = AnnualPlanPage.objects.child_of(school).get(year=year)
    assert plan.current_workflow_state.status == "in_progress", form_errors(browser)
    publish_as_moderator(journey, plan)
    browser.delete_all_cookies()
    browser.set_window_size(*PHONE)
    journey.public(brand)
    link = browser.find_element(By.LINK_TEXT, plan.title)
    assert page_problems(browser) == {}
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    journey.shot("brand-links-plan")
    click(browser, link)
    assert browser.find_element(By.TAG_NAME, "h1").text == plan.title
    assert "不让一名学生在学习上掉队" in journey.main_text()
    assert page_problems(browser) == {}
    browser.set_window_size(*DESKTOP)

    # 2. An activity report with its place, organiser and participants, and a column post.
    activities = ActivityIndexPage.objects.child_of(school).get()
    journey.admin("meiling-editor", f"/admin/pages/add/pages/activityreportpage/{activities.pk}/")
    journey.type("title", ACTIVITY_TITLE)
    journey.pick(".w-field:has(#id_activity_type)", "志愿服务")
    journey.date("date", today)
    journey.type("place", "梅园社区党群服务中心")
    journey.type("organiser", "梅岭小学党支部")
    journey.type("participant_count", 36)
    journey.type("summary", "党员教师带领红梅小先锋走进社区，开展敬老助老志愿服务。")
    journey.shot("activity-draft")
    submit(browser, footer_action(browser, "提交给学校审核"))
    activity = ActivityReportPage.objects.get(title=ACTIVITY_TITLE)
    column = ColumnIndexPage.objects.child_of(school).get()
    browser.get(f"{journey.base}/admin/pages/add/pages/columnpostpage/{column.pk}/")
    journey.type("title", POST_TITLE)
    journey.date("date", today)
    journey.type("summary", "党员教师佩戴党员徽章上岗，在课堂和校园里亮身份、见行动。")
    submit(browser, footer_action(browser, "提交给学校审核"))
    post = ColumnPostPage.objects.get(title=POST_TITLE)
    for page in (activity, post):
        publish_as_moderator(journey, page)
    browser.delete_all_cookies()
    browser.set_window_size(*PHONE)
    journey.public(activity)
    assert browser.find_element(By.TAG_NAME, "h1").text == ACTIVITY_TITLE
    assert "梅园社区党群服务中心" in journey.main_text()
    assert page_problems(browser) == {}
    journey.shot("activity-published")
    browser.set_window_size(*DESKTOP)

    # 3. Liaison: the curator links a committee member to the school, who is then due for the
    # month's exchange and the quarter's seminar until both are recorded.
    committee = people["xuanwu-committee"]
    journey.admin("xuanwu-curator", reverse("liaison_links:add"))
    journey.choose("region", value=county.pk)
    journey.pick_page("school", school)
    journey.choose("member", api.name_of(committee))
    journey.date("since", today)
    journey.save()
    link = LiaisonLink.objects.get(member=committee, school=school)
    member = api.name_of(committee)
    assert member in due_in(journey, "monthly") and member in due_in(journey, "quarterly")
    journey.shot("liaison-due")
    for kind, topic in (("monthly", "本月主题党日交流"), ("quarterly", "本季度品牌建设推进研讨")):
        browser.get(journey.base + reverse("liaison_records:add"))
        journey.choose("link", value=link.pk)
        journey.choose("kind", value=kind)
        journey.date("held_on", today)
        journey.type("topic", topic)
        journey.type("participants", "学校党支部书记")
        journey.type("notes", "交流品牌建设进展，明确下一步工作。")
        journey.save()
        assert SupervisionRecord.objects.filter(link=link, kind=kind, held_on=today).exists(), (
            form_errors(browser)
        )
    for kind in ("monthly", "quarterly"):
        assert member not in due_in(journey, kind)
    links = LiaisonLink.objects.filter(pk=link.pk)
    assert not supervision.due(links, supervision.CYCLES[0], today).exists()
    assert not supervision.due(links, supervision.CYCLES[1], today).exists()
    journey.shot("liaison-up-to-date")

    # 4. 报送: the school submits the report; the county adopts it and forwards it to the city.
    journey.admin("meiling-editor", reverse("submission_new"))
    row = browser.find_element(By.XPATH, f"//tr[td[normalize-space()='{ACTIVITY_TITLE}']]")
    submit(browser, row.find_element(By.LINK_TEXT, "报送"))
    browser.find_element(By.NAME, "note").send_keys("社区志愿服务，党员带头")
    journey.press("main form button[type=submit]")
    submission = Submission.objects.get(page=activity, region=county)
    journey.admin("xuanwu-curator", reverse("submission_detail", args=[submission.pk]))
    browser.find_element(By.CSS_SELECTOR, "input[name=action][value=forward]").click()
    journey.press("main form button[type=submit]")
    journey.press("main form button[type=submit]")  # the decision confirmed
    submission.refresh_from_db()
    assert submission.status == Submission.Status.FORWARDED
    assert Submission.objects.filter(page=activity, region=county.get_parent()).exists()
    journey.shot("submission-forwarded")

    # 5. The county's own innovation award: made, opened from its stages screen, applied for,
    # signed off, inspected, reviewed by two bureau members chosen by name, published.
    manager, curator = people["xuanwu-manager"], people["xuanwu-curator"]
    browser.get(journey.base + reverse("evaluation_campaigns:add"))
    journey.choose("region", value=county.pk)
    journey.choose("kind", value=Campaign.Kind.INNOVATION)
    journey.type("title", CAMPAIGN_TITLE)
    journey.date("applications_open", today + datetime.timedelta(days=7))
    journey.date("applications_close", today + datetime.timedelta(days=21))
    journey.date("rating_close", today + datetime.timedelta(days=28))
    journey.date("review_close", today + datetime.timedelta(days=42))
    journey.type("inspection_weight", 40)
    for reviewer in (committee, manager):
        journey.choose("reviewers", api.name_of(reviewer))
    journey.save()
    campaign = Campaign.objects.get(title=CAMPAIGN_TITLE)
    assert campaign.stage(today) == "upcoming", form_errors(browser)
    stages_url = journey.base + reverse("evaluation_campaigns:stages", args=[campaign.pk])
    browser.get(stages_url)
    journey.press("button[name=action][value=open]")
    campaign.refresh_from_db()
    assert campaign.stage(today) == "applying" and campaign.applications_open == today
    journey.shot("campaign-opened")

    journey.admin("meiling-editor", reverse("evaluation_applications:index"))
    entry = browser.find_element(
        By.XPATH, f"//li[contains(., '{CAMPAIGN_TITLE}') and contains(., '{school.title}')]"
    )
    submit(browser, entry.find_element(By.TAG_NAME, "a"))
    journey.type(
        "summary", "梅岭小学以“红梅先锋”品牌为引领，党员教师亮身份、作表率，带动全校师生。"
    )
    journey.choose("brand_page", value=brand.pk)
    click(
        browser,
        browser.find_element(By.CSS_SELECTOR, f"input[name=evidence][value='{activity.pk}']"),
    )
    for number, score in enumerate(browser.find_elements(By.CSS_SELECTOR, "input[name^=score_]")):
        score.clear()
        score.send_keys(str(90 - number))
    journey.press("main form button[type=submit]")
    application = Application.objects.get(campaign=campaign, school=school)
    assert not application.is_filed

    journey.admin("meiling-moderator", reverse("evaluation_applications:index"))
    entry = browser.find_element(By.XPATH, f"//li[contains(., '{CAMPAIGN_TITLE}')][.//form]")
    submit(browser, entry.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    application.refresh_from_db()
    assert application.signed_off_by.username == "meiling-moderator", messages(browser)
    journey.shot("application-signed-off")

    journey.admin("xuanwu-curator", stages_url.removeprefix(journey.base))
    journey.press("button[name=action][value=close]")  # self-assessment → public rating
    browser.get(journey.base + reverse("evaluation_campaigns:results", args=[campaign.pk]))
    row = browser.find_element(By.XPATH, f"//tr[td[normalize-space()='{school.title}']]")
    submit(browser, row.find_element(By.CSS_SELECTOR, "a[href*='/inspection/']"))
    journey.date("date", today)
    click(
        browser, browser.find_element(By.CSS_SELECTOR, f"input[name=members][value='{curator.pk}']")
    )
    journey.type("other_members", "王建国（退休校长）")
    journey.type("findings", "实地查看党建文化长廊和党员示范岗，访谈师生，品牌理念在课堂中落地。")
    journey.type("score", 88)
    journey.press("main form button[type=submit]")
    assert application.inspection.score == 88
    browser.get(stages_url)
    journey.press("button[name=action][value=close]")  # public rating → superior review
    results_url = journey.base + reverse("evaluation_campaigns:results", args=[campaign.pk])
    for reviewer in (committee, manager):
        browser.get(results_url)
        journey.choose("application", value=application.pk)
        journey.choose("reviewer", api.name_of(reviewer))
        journey.press("main form button[type=submit]")
    assert application.assignments.count() == 2, messages(browser)

    for username, base_score in (("xuanwu-committee", 86), ("xuanwu-manager", 90)):
        journey.admin(username, reverse("evaluation_reviews:index"))
        submit(browser, browser.find_element(By.PARTIAL_LINK_TEXT, CAMPAIGN_TITLE))
        for number, score in enumerate(
            browser.find_elements(By.CSS_SELECTOR, "input[name^=score_]")
        ):
            score.clear()
            score.send_keys(str(base_score - number))
        journey.type("comment", "材料翔实，品牌特色鲜明。")
        journey.press("main form button[type=submit]")
        if username == "xuanwu-committee":
            journey.admin("xuanwu-curator", results_url.removeprefix(journey.base))
            assert browser.find_elements(By.CSS_SELECTOR, "main .help-warning")
            assert not browser.find_elements(By.CSS_SELECTOR, "button[name=publish]")
            journey.shot("results-provisional")
    journey.admin("xuanwu-curator", stages_url.removeprefix(journey.base))
    journey.press("button[name=action][value=close]")  # the review closes: results due
    campaign.refresh_from_db()
    assert campaign.stage(today) == "closed"
    browser.get(results_url)
    assert not browser.find_elements(By.CSS_SELECTOR, "main .help-warning")
    journey.press("button[name=publish]")
    award = Award.objects.get(application=application)
    assert award.rank == 1 and award.tier, messages(browser)
    journey.shot("results-published")
    browser.delete_all_cookies()
    browser.set_window_size(*PHONE)
    journey.public(school)
    honours = browser.find_element(
        By.CSS_SELECTOR, "section[aria-labelledby=evaluation-honours-heading]"
    )
    assert CAMPAIGN_TITLE in honours.text and award.tier in honours.text
    browser.execute_script("arguments[0].scrollIntoView()", honours)
    assert page_problems(browser) == {}
    journey.shot("school-honours")
    browser.set_window_size(*DESKTOP)

    # 6. The county's ledger for the year, built by the task and downloaded as a ZIP.
    journey.admin("xuanwu-curator", reverse("ledger:index"))
    form = browser.find_element(By.XPATH, "//form[input[@name='kind'][@value='region_year']]")
    Select(form.find_element(By.NAME, "region")).select_by_value(str(county.pk))
    year_field = form.find_element(By.NAME, "year")
    year_field.clear()
    year_field.send_keys(str(year))
    submit(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    export = LedgerExport.objects.get(kind=LedgerExport.Kind.REGION_YEAR, region=county)
    assert export.status == LedgerExport.Status.DONE, export.message
    journey.shot("ledger-ready")
    archive = zipfile.ZipFile(io.BytesIO(journey.download(f"{county.title} {year}")))
    [workbook_name] = [name for name in archive.namelist() if name.endswith(".xlsx")]
    workbook = load_workbook(io.BytesIO(archive.read(workbook_name)), read_only=True)
    with translation.override(settings.LANGUAGE_CODE):  # the language the task builds in
        kinds = {str(SupervisionRecord.Kind(kind).label) for kind in ("monthly", "quarterly")}
        titles = {
            key: gettext(msgid)
            for key, msgid in (
                ("plan", "Annual plan"),
                ("activities", "Activities"),
                ("posts", "Column posts"),
                ("submissions", "Submissions"),
                ("awards", "Evaluations and honours"),
                ("liaison", "Liaison and supervision"),
            )
        }
    assert set(titles.values()) <= set(workbook.sheetnames), workbook.sheetnames

    def rows(key):
        return [list(row) for row in workbook[titles[key]].iter_rows(min_row=2, values_only=True)]

    assert any(row[0] == school.title and row[2] == plan.title for row in rows("plan"))
    [activity_row] = [row for row in rows("activities") if row[3] == ACTIVITY_TITLE]
    assert activity_row[0] == school.title and activity_row[1].date() == today
    assert activity_row[4:7] == ["梅园社区党群服务中心", "梅岭小学党支部", 36]
    assert any(row[2] == POST_TITLE for row in rows("posts"))
    assert any(row[2] == ACTIVITY_TITLE for row in rows("submissions"))
    assert any(row[2] == CAMPAIGN_TITLE and row[4] == award.tier for row in rows("awards"))
    met = {row[2] for row in rows("liaison") if row[0] == school.title and row[1].date() == today}
    assert kinds <= met, met

    # 7. A compendium of two cases chosen in order, with a foreword, built as a PDF.
    first, second = ExemplarCasePage.objects.live().descendant_of(county).order_by("-path")[:2]
    browser.get(journey.base + reverse("compendiums:add"))
    journey.choose("region", value=county.pk)
    journey.type("title", f"{county.title}{year}年党建品牌优秀案例汇编")
    journey.date("starts_on", datetime.date(year - 1, 1, 1))
    journey.date("ends_on", today)
    journey.rich_text("foreword", "汇编收录本区学校党建品牌建设的优秀案例，供各校学习借鉴。")
    for number, case in enumerate((first, second)):
        click(browser, browser.find_element(By.ID, "id_chosen_cases-ADD"))
        wait_for(browser, f"#inline_child_chosen_cases-{number}")
        journey.pick(f"#inline_child_chosen_cases-{number}", case.title)
    journey.shot("compendium-cases")
    journey.save()
    compendium = Compendium.objects.get(title=f"{county.title}{year}年党建品牌优秀案例汇编")
    chosen = [item.case_id for item in compendium.chosen_cases.order_by("sort_order")]
    assert chosen == [first.pk, second.pk], form_errors(browser)
    if TYPESETTING_MISSING:
        pytest.skip(f"the compendium's PDF needs {TYPESETTING_MISSING}")
    from pypdf import PdfReader

    browser.get(journey.base + reverse("ledger:index"))
    form = browser.find_element(By.XPATH, "//form[input[@name='kind'][@value='compendium']]")
    Select(form.find_element(By.NAME, "compendium")).select_by_value(str(compendium.pk))
    submit(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    export = LedgerExport.objects.get(compendium=compendium)
    assert export.status == LedgerExport.Status.DONE, export.message
    journey.shot("compendium-ready")
    pdf = PdfReader(io.BytesIO(journey.download(compendium.title)))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert compendium.title in pdf.pages[0].extract_text()
    assert "供各校学习借鉴" in text
    chapters = [item.title for item in pdf.outline if not isinstance(item, list)]
    assert chapters[-2:] == [first.title, second.title]
