import pytest
from django.urls import reverse
from wagtail.models import Page

from pages.models import ColumnIndexPage, ColumnPostPage, SchoolHomePage
from schools import provisioning
from tests.content import post
from tests.pages.isolation import text_of
from tests.pages.test_permissions import post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "", "pw-for-tests"))
    return client


def test_platform_admin_provisions_a_school_from_the_admin(admin_client, county):
    url = reverse("provision_school")
    page = admin_client.get(url)
    assert page.status_code == 200 and "开通学校" in page.content.decode()
    data = {
        "region": county.pk,
        "name": "钟山初级中学",
        "slug": "zhongshan",
        "stage": "junior",
        "full_name": "",
        "party_organisation": "中共钟山初级中学支部委员会",
    }
    response = admin_client.post(url, data)
    school = provisioning.find_school("zhongshan")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[school.pk])
    assert school.stage == "junior" and school.get_parent().pk == county.pk

    again = admin_client.post(url, data, follow=True)
    assert "已存在" in again.content.decode()
    assert SchoolHomePage.objects.filter(slug="zhongshan").count() == 1


def test_bad_input_in_the_admin_form_changes_nothing(admin_client, county):
    response = admin_client.post(
        reverse("provision_school"),
        {"region": county.pk, "name": "某校", "slug": "Bad Slug", "stage": "primary"},
    )
    assert response.status_code == 200
    assert "小写字母" in response.content.decode()
    assert not SchoolHomePage.objects.filter(title="某校").exists()


def test_provision_region_from_the_admin(admin_client, city):
    response = admin_client.post(
        reverse("provision_region"),
        {
            "parent": city.pk,
            "name": "秦淮区",
            "slug": "qinhuai",
            "region_code": "320104",
            "level": "county",
            "bureau_name": "",
        },
    )
    assert response.status_code == 302
    assert provisioning.find_region("nanjing/qinhuai").region_code == "320104"


def test_only_platform_admins_may_provision(client, county, school_a, make_user):
    moderator = make_user("moderator", school_a, "moderator")
    client.force_login(moderator)
    for name in ("provision_school", "provision_region"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    client.post(
        reverse("provision_school"),
        {"region": county.pk, "name": "越权学校", "slug": "intruder", "stage": "primary"},
    )
    assert provisioning.find_school("intruder") is None


def test_a_page_created_twice_at_once_is_a_form_error_not_a_server_error(
    client, people, school_a, monkeypatch
):
    """Two identical create requests (a double submission) both pass the form's slug check
    before either saves; the one that saved second used to end in a 500. Here the form's
    check is made to pass as it would in the race, with the slug already taken."""
    column = ColumnIndexPage.objects.child_of(school_a).get()
    add = reverse("wagtailadmin_pages:add", args=("pages", "columnpostpage", column.pk))
    post(school_a, "先到的请求", slug="double")
    checks = []
    real_check = Page._slug_is_available

    def form_check_passes(slug, parent_page, page=None):
        checks.append(slug)
        return len(checks) == 1 or real_check(slug, parent_page, page)

    monkeypatch.setattr(Page, "_slug_is_available", staticmethod(form_check_passes))
    client.force_login(people["editor_a"])
    response = client.post(add, post_form(ColumnPostPage(title="双击提交", slug="double")))
    assert response.status_code == 200 and len(checks) >= 2  # the form's, then the save's
    assert "未能创建" in response.content.decode()
    assert not ColumnPostPage.objects.filter(title="双击提交").exists()


def test_the_privacy_screen_offers_only_the_users_own_groups(client, people, school_a, school_b):
    """A moderator making a page private to groups chooses among their school's Groups, never
    another school's, the auditors' or Wagtail's defaults."""
    provisioning.add_auditor(people["admin"])
    page = post(school_a, "内部通知")
    client.force_login(people["moderator_a"])
    response = client.get(reverse("wagtailadmin_pages:set_privacy", args=[page.pk]))
    html = text_of(response)
    assert school_a.editor_group.name in html and school_a.moderator_group.name in html
    for name in (school_b.editor_group.name, "auditors", "系统默认编辑组"):
        assert name not in html, name
