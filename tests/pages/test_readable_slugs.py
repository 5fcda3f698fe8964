"""Issue 18, item 4: new pages get short pinyin slugs, never percent-encoded Chinese; the
migration gives existing pages the same and redirects their old addresses."""

import importlib
from urllib.parse import quote

import pytest
from django.apps import apps
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision

from pages.models import ColumnIndexPage, ColumnPostPage
from pages.slugs import readable_slug
from tests.content import post, school_host

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "title, slug",
    [
        ("“红梅先锋”党建文化长廊正式启用", "hongmei-xianfeng-dangjianwenhua-changlang-zhengshi"),
        ("主题党日：重温入党誓词", "zhutidangri-chongwen-rudangshici"),
        ("開學第一課", "kaixue-diyi-ke"),  # traditional characters are folded first
        ("2024年“七一”表彰大会", "2024-nian-qiyi-biaozhang-dahui"),
        ("Party Day 2024", "party-day-2024"),
    ],
)
def test_titles_become_short_readable_slugs(title, slug):
    assert readable_slug(title) == slug
    assert len(readable_slug("红梅" * 60)) <= 50


def test_a_title_with_nothing_to_spell_gets_the_date():
    assert readable_slug("！！！").isdigit()


def test_new_pages_get_pinyin_slugs_unique_within_their_column(client, school_a):
    first = post(school_a, "党员示范课展示周")
    second = post(school_a, "党员示范课展示周")
    assert first.slug == "dangyuanshifanke-zhanshi-zhou"
    assert second.slug == f"{first.slug}-2"
    response = client.get(f"/column/{first.slug}/", HTTP_HOST=school_host(school_a))
    assert response.status_code == 200 and "党员示范课展示周" in response.content.decode()


def test_an_editor_typing_a_chinese_slug_gets_its_pinyin(school_a):
    index = ColumnIndexPage.objects.child_of(school_a).get()
    page = ColumnPostPage(title="读书会", slug="红色读书会")
    index.add_child(instance=page)
    assert page.slug == "hongse-dushuhui"
    page.slug = "my-own-slug"
    page.save_revision().publish()
    assert ColumnPostPage.objects.get(pk=page.pk).slug == "my-own-slug"  # ASCII is kept


def test_the_migration_renames_old_chinese_slugs_and_redirects_their_addresses(client, school_a):
    page = post(school_a, "红色读书会")
    old_slug = "红色读书会活动"
    index = page.get_parent()
    Page.objects.filter(pk=page.pk).update(slug=old_slug, url_path=f"{index.url_path}{old_slug}/")
    revision = page.latest_revision
    revision.content["slug"] = old_slug
    revision.save()

    migration = importlib.import_module("pages.migrations.0010_readable_slugs")
    migration.pinyin_slugs(apps, None)

    page.refresh_from_db()
    assert page.slug == "hongse-dushuhui-huodong"
    assert Revision.objects.get(pk=revision.pk).content["slug"] == page.slug
    host = school_host(school_a)
    for address, site_host in [
        (f"/column/{quote(old_slug)}/", host),
        (f"/nanjing/xuanwu/meiling/column/{quote(old_slug)}/", "localhost"),
    ]:
        response = client.get(address, HTTP_HOST=site_host)
        assert response.status_code == 301, address
        assert response["Location"].endswith(f"/column/{page.slug}/")
    assert Redirect.objects.filter(redirect_page=page).count() == 2
    assert client.get(f"/column/{page.slug}/", HTTP_HOST=host).status_code == 200


def test_a_changed_slug_of_a_published_page_leaves_a_redirect(
    client, school_a, django_capture_on_commit_callbacks
):
    """Wagtail creates the redirect itself (its handler reads the Site list our routing
    override leaves on the request; it crashed without it)."""
    page = post(school_a, "读书会")
    old = page.url_path
    page.slug = "dushuhui-2026"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert Redirect.objects.filter(redirect_page=page).exists()
    old_address = old[len(school_a.url_path) - 1 :]
    response = client.get(old_address, HTTP_HOST=school_host(school_a))
    assert response.status_code == 301 and response["Location"].endswith("/dushuhui-2026/")


def test_drafts_get_pinyin_slugs_too(school_a):
    page = post(school_a, "未发布的读书会", live=False)
    assert page.slug == "wei-fabu-de-dushuhui"
