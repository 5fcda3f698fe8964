"""The bureau and school admin screens of issue 4, through real requests: submissions,
featured work, school accounts, the page chooser, tag suggestions, moves and copies across
schools, and the pre-publish warnings."""

import json
import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page, Workflow

from curation.models import Feature, Submission
from pages.models import BrandPage, ColumnIndexPage
from schools.models import InitialPassword
from tests.content import case, new_account, post, report, school_host
from tests.pages.test_permissions import post_form

pytestmark = pytest.mark.django_db


def test_submission_round_trip_through_the_admin(client, people, school_a, county):
    page = post(school_a, "读书会纪实")
    client.force_login(people["editor_a"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    submit_url = reverse("submission_submit", args=[page.pk])
    assert submit_url in edit  # the header offers "submit to the bureau"
    response = client.post(submit_url, {"note": "请县教育工委审阅"})
    submission = Submission.objects.get(page=page)
    assert response.status_code == 302 and submission.region_id == county.pk
    assert mail.outbox[-1].to == ["curator@example.cn"]

    client.force_login(people["other_curator"])
    detail = reverse("submission_detail", args=[submission.pk])
    assert client.get(detail).status_code == 404
    assert "读书会纪实" not in client.get(reverse("submission_index")).content.decode()

    client.force_login(people["curator"])
    assert "读书会纪实" in client.get(reverse("submission_index")).content.decode()
    response = client.post(detail, {"action": "decline", "reason": ""})
    assert response.status_code == 200 and "reason" in response.content.decode().lower()
    client.post(detail, {"action": "decline", "reason": "请补充照片", "confirmed": "True"})
    submission.refresh_from_db()
    assert submission.status == Submission.Status.DECLINED

    client.force_login(people["editor_a"])  # improved and submitted again, then adopted
    client.post(submit_url, {"note": "已补充照片"})
    again = Submission.objects.get(page=page, status=Submission.Status.PENDING)
    client.force_login(people["curator"])
    client.post(
        reverse("submission_detail", args=[again.pk]), {"action": "accept", "confirmed": "True"}
    )
    index = client.get(reverse("submission_index")).content.decode()
    adoption_table = index[index.rindex("<table") :]
    assert "梅岭小学" in adoption_table and "<td>1</td>" in adoption_table

    client.force_login(people["editor_b"])
    assert client.get(detail).status_code == 404
    assert client.get(submit_url).status_code == 404


def test_curator_features_only_inside_the_region(client, people, school_a, school_b, county):
    own, foreign = case(school_a, "本县案例"), case(school_b, "外县案例")
    client.force_login(people["curator"])
    add = reverse("features:add")
    form = {"region": county.pk, "reason": "值得学习", "sort_order": 0, "starts_on": "2026-01-01"}
    client.post(add, {**form, "page": foreign.pk})
    assert not Feature.objects.exists()
    other_region = school_b.get_parent().pk
    client.post(add, {**form, "region": other_region, "page": foreign.pk})
    assert not Feature.objects.exists()
    client.post(add, {**form, "page": own.pk})
    feature = Feature.objects.get()
    assert (feature.region_id, feature.page_id) == (county.pk, own.pk)

    client.force_login(people["other_curator"])
    client.get(reverse("features:index"))  # shows (and so clears) the earlier messages
    assert "本县案例" not in client.get(reverse("features:index")).content.decode()
    assert client.get(reverse("features:edit", args=[feature.pk])).status_code == 404
    client.post(reverse("features:delete", args=[feature.pk]))
    assert Feature.objects.exists()
    # Curators never edit a school's own content.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[own.pk]))
    assert response.status_code in (302, 403, 404)


def test_page_chooser_shows_only_the_users_own_part_of_the_tree(client, people, school_a, school_b):
    post(school_a, "梅岭草稿", live=False)
    post(school_b, "清凉山草稿", live=False)
    column_a = ColumnIndexPage.objects.child_of(school_a).get()
    column_b = ColumnIndexPage.objects.child_of(school_b).get()
    browse = "wagtailadmin_choose_page_child"
    search = reverse("wagtailadmin_choose_page_search")

    def html(url, **params):
        response = client.get(url, params)
        if response["Content-Type"].startswith("application/json"):
            return response.json()["html"]
        return response.content.decode()

    client.force_login(people["editor_a"])
    assert "梅岭草稿" in html(reverse(browse, args=[column_a.pk]))
    assert client.get(reverse(browse, args=[column_b.pk])).status_code == 404
    assert "梅岭草稿" in html(search, q="梅岭草稿")
    assert "清凉山草稿" not in html(search, q="清凉山草稿")

    # A curator browses the county to pick features: its live public pages, not the drafts
    # (issue 16, finding 3: curators see their region's live public pages only).
    post(school_a, "梅岭已发布")
    client.force_login(people["curator"])
    listed = html(reverse(browse, args=[column_a.pk]))
    assert "梅岭已发布" in listed and "梅岭草稿" not in listed
    assert client.get(reverse(browse, args=[column_b.pk])).status_code == 404


def test_tag_suggestions_hide_other_schools_drafts(client, people, school_a, school_b):
    own = post(school_a, "本校草稿", live=False)
    own.tags.add("红色研学甲")
    own.save_revision()
    own.save()
    foreign = post(school_b, "外校草稿", live=False)
    foreign.tags.add("红色研学乙")
    foreign.save()
    public = post(school_b, "外校发布")
    public.tags.add("红色研学丙")
    public.save_revision().publish()
    client.force_login(people["editor_a"])
    url = reverse("wagtailadmin_tag_model_autocomplete", args=["taggit", "tag"])
    assert client.get(url, {"term": "红色"}).json() == ["红色研学丙", "红色研学甲"]
    client.force_login(people["admin"])
    assert len(client.get(url, {"term": "红色"}).json()) == 3


def test_no_move_or_copy_between_schools_even_for_the_platform_admin(
    client, people, school_a, school_b
):
    page = post(school_a, "不可搬走")
    column_b = ColumnIndexPage.objects.child_of(school_b).get()
    client.force_login(people["admin"])
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, column_b.pk]))
    assert Page.objects.get(pk=page.pk).get_parent().pk != column_b.pk
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {"new_title": "副本", "new_slug": "copy", "new_parent_page": column_b.pk},
    )
    assert response.status_code == 200  # the form again, with the error
    assert not Page.objects.child_of(column_b).exists()
    column_a = ColumnIndexPage.objects.child_of(page.get_parent().get_parent()).get()
    client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {"new_title": "本校副本", "new_slug": "copy", "new_parent_page": column_a.pk},
    )
    assert Page.objects.child_of(column_a).filter(title="本校副本").exists()


def test_saving_warns_about_banned_words_and_future_dates(client, people, school_a):
    page = post(school_a, "正常的文章")
    client.force_login(people["editor_a"])
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(
        url, post_form(page, summary="严禁賭博进校园", date="2099-01-01"), follow=True
    )
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert any("赌博" in warning for warning in warnings)  # traditional 賭 folded
    assert len(warnings) == 2
    response = client.post(url, post_form(page, summary="读书分享"), follow=True)
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


def test_the_schools_and_the_bureaus_submission_screens(client, people, school_a, school_b):
    """Issue 17, item 6: a school lands on its submission's status, not on a decision form
    preset to withdraw; it finds its work to submit under 新建报送; every decision (and the
    withdrawal) is confirmed before it is taken."""
    page, other = post(school_a, "红色研学纪实"), post(school_b, "清凉山纪实")
    client.force_login(people["editor_a"])
    index = client.get(reverse("submission_index")).content.decode()
    assert reverse("submission_new") in index
    listing = client.get(reverse("submission_new")).content.decode()
    assert reverse("submission_submit", args=[page.pk]) in listing and "清凉山纪实" not in listing
    landed = client.post(reverse("submission_submit", args=[page.pk]), {"note": ""}, follow=True)
    status = landed.content.decode()
    assert 'name="action" value="withdraw"' in status and 'type="radio"' not in status
    assert "待处理" in status and "<h1" in status
    assert "“" not in landed.context["view"].get_page_title()
    submission = Submission.objects.get(page=page)
    detail = reverse("submission_detail", args=[submission.pk])
    asked = client.post(detail, {"action": "withdraw"}).content.decode()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PENDING and "确认" in asked
    client.post(detail, {"action": "withdraw", "confirmed": "True"})
    submission.refresh_from_db()
    assert submission.status == Submission.Status.WITHDRAWN
    listing = client.get(reverse("submission_new")).content.decode()
    assert reverse("submission_submit", args=[page.pk]) in listing  # may be sent again

    client.post(reverse("submission_submit", args=[page.pk]), {"note": ""})
    again = Submission.objects.get(page=page, status=Submission.Status.PENDING)
    client.force_login(people["curator"])
    assert reverse("submission_new") not in client.get(reverse("submission_index")).content.decode()
    detail = reverse("submission_detail", args=[again.pk])
    form = client.get(detail).content.decode()
    assert 'type="radio"' in form and "checked" not in form.split('name="action"', 1)[1][:200]
    client.post(detail, {"action": "accept"})
    again.refresh_from_db()
    assert again.status == Submission.Status.PENDING  # asked to confirm first
    client.post(detail, {"action": "accept", "confirmed": "True"})
    again.refresh_from_db()
    assert again.status == Submission.Status.ACCEPTED
    assert Submission.objects.filter(page=other).count() == 0


def test_manager_adds_and_removes_people_of_own_schools_only(client, people, school_a, school_b):
    client.force_login(people["manager"])
    url = reverse("school_accounts")
    account = new_account(school_a, password="初始密码-2026")
    client.post(url, account)
    teacher = User.objects.get(username="new_teacher")
    assert list(teacher.groups.all()) == [school_a.editor_group]
    assert not teacher.is_staff and not teacher.is_superuser

    client.post(url, {**account, "school": school_b.pk, "username": "intruder"})
    assert not User.objects.filter(username="intruder").exists()
    # Someone of another school cannot be pulled in, nor can a platform admin.
    for username in ("editor_b", "admin"):
        client.post(url, {**account, "username": username, "password": ""})
        assert (
            not User.objects.get(username=username)
            .groups.filter(pk=school_a.editor_group_id)
            .exists()
        )
    remove = {"op": "remove", "confirmed": "1"}
    foreign = {**remove, "user": people["editor_b"].pk, "group": school_b.editor_group_id}
    assert client.post(url, foreign).status_code in (302, 403)  # Wagtail's "no permission"
    assert people["editor_b"].groups.filter(pk=school_b.editor_group_id).exists()
    asked = client.post(
        url, {"op": "remove", "user": teacher.pk, "group": school_a.editor_group_id}
    )
    assert asked.status_code == 200 and teacher.groups.exists()  # confirmed first
    client.post(url, {**remove, "user": teacher.pk, "group": school_a.editor_group_id})
    assert not teacher.groups.exists()

    client.force_login(people["curator"])
    assert client.get(url).status_code in (302, 403)


def test_managers_keep_their_schools_accounts(client, people, school_a, school_b):
    """Issue 17, item 7: name, phone and e-mail on file; the staff list with last sign-in; a
    new initial password (shown once, to be changed at next sign-in) and disabling, each
    confirmed and refused for anyone outside the manager's schools."""
    client.force_login(people["manager"])
    url = reverse("school_accounts")
    bad_phone = client.post(url, new_account(school_a, password="初始密码-2026", phone="电话"))
    assert bad_phone.status_code == 200 and not User.objects.filter(username="new_teacher").exists()
    client.post(url, new_account(school_a, password="初始密码-2026", phone="025-8888 6666"))
    teacher = User.objects.get(username="new_teacher")
    page = client.get(url).content.decode()
    assert "025-8888 6666" in page and "王老师" in page and "从未登录" in page

    asked = client.post(url, {"op": "reset", "user": teacher.pk})
    assert asked.status_code == 200 and User.objects.get(pk=teacher.pk).password == teacher.password
    shown = client.post(url, {"op": "reset", "user": teacher.pk, "confirmed": "1"})
    password = re.search(r'class="initial-password">([^<]+)<', shown.content.decode()).group(1)
    assert "no-store" in shown["Cache-Control"]
    teacher.refresh_from_db()
    assert teacher.check_password(password) and not teacher.check_password("初始密码-2026")
    assert InitialPassword.objects.get(user=teacher).password == teacher.password  # must change

    client.post(url, {"op": "disable", "user": teacher.pk, "confirmed": "1"})
    teacher.refresh_from_db()
    assert not teacher.is_active and "已停用" in client.get(url).content.decode()
    other = Client()
    assert (
        other.post("/admin/login/", {"username": "new_teacher", "password": password}).status_code
        == 200
    )
    client.post(url, {"op": "enable", "user": teacher.pk, "confirmed": "1"})
    teacher.refresh_from_db()
    assert teacher.is_active
    for target in (people["editor_b"], people["admin"]):
        for op in ("reset", "disable"):
            before = target.password
            response = client.post(url, {"op": op, "user": target.pk, "confirmed": "1"})
            assert response.status_code in (302, 403), (target, op)
            target.refresh_from_db()
            assert target.is_active and target.password == before, (target, op)
    assert client.post(url, {"op": "explode", "user": teacher.pk}).status_code == 400
    assert ModelLogEntry.objects.filter(action__startswith="yxyp.account.").count() == 3


def test_the_moderator_sees_the_flagged_words_before_approving(client, people, school_a):
    """Issue 16, finding 8: the banned-word warning reached only the editor who saved."""
    page = post(school_a, "正常的文章")
    client.force_login(people["editor_a"])
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.post(url, post_form(page, summary="严禁赌博进校园"))
    client.force_login(people["moderator_a"])
    response = client.get(url)
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert any("赌博" in warning and "审核" in warning for warning in warnings), warnings
    client.force_login(people["editor_a"])  # the editor was told on saving, not again here
    assert not [m for m in client.get(url).context["messages"] if "审核" in str(m)]


def test_brands_and_cases_are_named_with_their_school(client, people, school_a, county):
    """Issue 17, item 8: every brand page is titled 党建品牌 in its school's menu; the admin's
    lists, choosers and featuring screens, the browser tab and shared titles name the brand
    and its school instead."""
    brand = BrandPage.objects.child_of(school_a).get()
    brand.brand_name = "红梅先锋"
    brand.save_revision().publish()
    found = case(school_a, "支部建在年级上")
    Feature.objects.create(region=county, page=brand, reason="示范")
    client.force_login(people["curator"])
    search = {"q": "党建品牌", "page_type": "pages.brandpage"}
    chooser = client.get(reverse("wagtailadmin_choose_page_search"), search).content.decode()
    assert "红梅先锋（梅岭小学）" in chooser
    assert "红梅先锋（梅岭小学）" in client.get(reverse("features:index")).content.decode()
    assert found.get_admin_display_title() == "支部建在年级上（梅岭小学）"
    client.logout()
    public = client.get(brand.url, HTTP_HOST=school_host(school_a)).content.decode()
    assert "<title>红梅先锋 · 梅岭小学</title>" in public
    assert 'property="og:title" content="红梅先锋 · 梅岭小学"' in public


def test_dashboards_open_on_what_waits_for_the_user(client, people, school_a, school_b):
    """Issue 17, item 4 (part): an editor's dashboard shows their drafts, pages sent back
    with the moderator's comment and their submissions; a curator's the submissions waiting
    for a decision (also counted on the menu) and their region's schools gone quiet for two
    weeks; nothing of another region's."""
    draft = post(school_a, "未完成的草稿", live=False)
    draft.owner = people["editor_a"]
    draft.save()
    returned = post(school_a, "待修改的文章", live=False)
    workflow = Workflow.objects.get(workflow_pages__page=school_a)
    state = workflow.start(returned, people["editor_a"])
    state.current_task_state.reject(user=people["moderator_a"], comment="请补充活动照片")
    published = post(school_a, "已发布的纪实")
    client.force_login(people["editor_a"])
    client.post(reverse("submission_submit", args=[published.pk]), {"note": ""})
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = home.split('id="my-work-heading"', 1)[1].split("</section>", 1)[0]
    assert "未完成的草稿" in panel and "待修改的文章" in panel and "请补充活动照片" in panel
    assert "已发布的纪实" in panel and "待处理" in panel

    Page.objects.filter(path__startswith=school_b.path).update(last_published_at=None)
    client.force_login(people["curator"])
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = home.split('id="bureau-queue-heading"', 1)[1].split("</section>", 1)[0]
    assert "1 份报送等待您处理" in panel
    assert "报送 (1)" in home or "\\u62a5\\u9001 (1)" in home  # the menu (JSON)
    stale = [item for item in panel.split("<li>") if "两周未发布" in item]
    assert not any(school_a.title in item for item in stale)  # it just published
    client.force_login(people["other_curator"])  # 清凉山's bureau: quiet school, no submission
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = home.split('id="bureau-queue-heading"', 1)[1].split("</section>", 1)[0]
    assert school_b.title in panel and "等待您处理" not in panel


def chart_spec(home, key):
    found = re.search(rf'<script id="chart-{key}" type="application/json">(.*?)</script>', home)
    return json.loads(found[1]) if found else None


def test_region_charts_and_site_check_count_only_the_curators_region(
    client, people, school_a, school_b, county, make_school, django_assert_max_num_queries
):
    """Issue 17, item 4: a curator's dashboard charts posts and reports per month per school,
    activity types and adoptions for their region only, each with its numbers in a table;
    it lists the region's empty columns; and its queries do not grow with the schools."""
    today = timezone.localdate()
    post(school_a, "甲校文章一", date=today)
    post(school_a, "甲校文章二", date=today)
    report(school_a, date=today)
    post(school_b, "乙校文章", date=today)  # another county's
    post(school_a, "去年的文章", date=today.replace(year=today.year - 2))  # before the chart
    submission = Submission.objects.create(
        page=post(school_a, "甲校报送", date=today),
        school=school_a,
        region=county,
        submitted_by=people["editor_a"],
    )
    submission.status = Submission.Status.ACCEPTED
    submission.save()

    client.force_login(people["curator"])
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    monthly = chart_spec(home, "region_charts-posts_per_month")
    assert {series["name"]: sum(series["values"]) for series in monthly["series"]} == {
        school_a.title: 4
    }
    assert len(monthly["labels"]) == 12 and monthly["series"][0]["values"][-1] == 4
    assert chart_spec(home, "region_charts-activity_types")["series"][0]["values"] == [1]
    adoption = chart_spec(home, "region_charts-adoption")
    assert adoption["labels"] == [school_a.title]
    assert [series["values"] for series in adoption["series"]] == [[1], [1]]
    charts = home.split('id="region_charts-heading"', 1)[1].split("</section>", 1)[0]
    assert school_b.title not in charts and charts.count("<table") == 3
    assert "chart.umd.min.js" in home and "curation/js/charts.js" in home
    queue = home.split('id="bureau-queue-heading"', 1)[1].split("</section>", 1)[0]
    assert f"{school_a.title}·典型案例" in queue and school_b.title not in queue

    def dashboard_queries():
        from curation import dashboard

        with django_assert_max_num_queries(30) as captured:
            for panel in (
                dashboard.region_charts_panel(people["curator"]),
                dashboard.bureau_queue_panel(people["curator"]),
            ):
                panel.render_html({"request": None})
        return len(captured)

    few = dashboard_queries()
    for number in range(6):
        school = make_school(county, f"新建第{number}小学", f"new-{number}")
        post(school, f"新校文章{number}")
    people["curator"].__dict__.pop("_role_cache", None)
    assert dashboard_queries() == few


def chooser_html(response):
    assert response.status_code == 200, response.status_code
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["html"]
    return response.content.decode()  # the results part of a modal already open


def test_the_curators_chooser_opens_in_the_region_and_finds_brands_by_any_name(
    client, school_a, school_b, county, city, make_user
):
    """Issue 17, item 8: a city curator's page chooser opens at the city and never offers the
    province, even when asked for it; one search finds a school's brand and cases by the
    brand's name, the school's or a region's, and nothing of another region's."""
    brand = BrandPage.objects.child_of(school_a).get()
    brand.brand_name = "红梅先锋"
    brand.save_revision().publish()
    case(school_a, "以品牌带动学校发展")
    case(school_b, "乙校的案例")
    province = city.get_parent()
    client.force_login(make_user("city-curator", region=city, role="curator"))

    for url in (
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[province.pk]),
        reverse("wagtailadmin_choose_page_child", args=[province.get_parent().pk]),
    ):
        html = chooser_html(client.get(url))
        assert province.title not in html and county.title in html, url

    search = reverse("wagtailadmin_choose_page_search")
    assert "红梅先锋（梅岭小学）" in chooser_html(client.get(search, {"q": "红梅"}))
    for query in (school_a.title, county.title):
        html = chooser_html(client.get(search, {"q": query}))
        assert "红梅先锋（梅岭小学）" in html, query
        assert "以品牌带动学校发展（梅岭小学）" in html, query
        assert "乙校的案例" not in html, query
