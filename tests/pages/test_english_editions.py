"""Issue 19: English editions of brand pages, cases and posts, made and kept in step through
wagtail-localize's own API, shown to visitors under /en/ with a language switcher and
hreflang links, cached, fed, mapped and searched per language, and translated only inside the
translator's own school."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from pages.models import ActivityType, BrandPage, TagName
from tests.content import case, post, report

pytestmark = pytest.mark.django_db

# What a translator types for each Chinese string of the pages below.
ENGLISH = {
    "党建品牌": "Party-building brand",
    "brand": "brand",
    "红梅先锋": "Red Plum Pioneers",
    "像红梅一样迎寒绽放": "Blooming like plum blossom in the cold",
    "梅岭小学": "Meiling Primary School",
    "以品牌带动学校发展": "Schools growing with their brand",
    "以品牌带动学校发展的摘要": "How a brand carries a school forward",
}


def english():
    return Locale.objects.get(language_code="en")


def brand_of(school, **fields):
    """The school's brand page, published with a name and a slogan."""
    brand = BrandPage.objects.child_of(school).get()
    brand.brand_name = "红梅先锋"
    brand.slogan = "像红梅一样迎寒绽放"
    for name, value in fields.items():
        setattr(brand, name, value)
    brand.save_revision().publish()
    brand.refresh_from_db()
    return brand


def translate(page, user=None, publish=True, strings=ENGLISH):
    """Translate ``page`` into English as the admin's "Translate" action does, type the
    translator's strings in through a PO file (the way work done outside the platform comes
    back) and publish: the English edition."""
    TranslationCreator(user, [english()]).create_translations(page)
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(page), target_locale=english()
    )
    po = translation.export_po()
    for entry in po:
        entry.msgstr = strings.get(entry.msgid, "")
    translation.import_po(po)
    with TestCase.captureOnCommitCallbacks(execute=True):  # wagtail-localize publishes then
        translation.save_target(user=user, publish=publish)
    return page.get_translation(english()).specific


def get(url, host):
    return Client().get(url, HTTP_HOST=host)


def host_of(school):
    return f"{school.slug}.localhost"


def test_a_translation_starts_as_a_draft_holding_the_chinese_text(school_a):
    brand = brand_of(school_a)
    TranslationCreator(None, [english()]).create_translations(brand)

    edition = brand.get_translation(english()).specific
    assert not edition.live  # nothing untranslated goes public on its own
    assert edition.brand_name == "红梅先锋"  # untranslated: the source's text
    assert edition.get_parent().specific.get_translation(Locale.get_default()) == school_a
    assert get("/en/brand/", host_of(school_a)).status_code == 404


def test_translated_strings_published_and_synced_after_the_chinese_page_changes(school_a):
    brand = brand_of(school_a)
    edition = translate(brand)
    assert edition.live
    assert (edition.brand_name, edition.slogan) == (
        "Red Plum Pioneers",
        "Blooming like plum blossom in the cold",
    )

    brand.slogan = "红梅精神代代传"
    brand.save_revision().publish()
    source, _created = TranslationSource.update_or_create_from_instance(brand)
    translation = source.translations.get(target_locale=english())
    total, done = translation.get_progress()
    assert done == total - 1  # the changed slogan waits for its translator

    StringTranslation.objects.create(
        translation_of=source.stringsegment_set.get(string__data="红梅精神代代传").string,
        context=source.stringsegment_set.get(string__data="红梅精神代代传").context,
        locale=english(),
        data="Plum blossom spirit, handed down",
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)
    edition.refresh_from_db()
    assert edition.slogan == "Plum blossom spirit, handed down"
    assert edition.brand_name == "Red Plum Pioneers"


def test_untranslated_strings_fall_back_to_chinese_and_so_do_untranslated_names(school_a):
    brand = brand_of(school_a)
    edition = translate(brand, strings={"红梅先锋": "Red Plum Pioneers"})
    assert edition.slogan == "像红梅一样迎寒绽放"

    html = get("/en/brand/", host_of(school_a)).content.decode()
    assert "Red Plum Pioneers" in html
    assert "像红梅一样迎寒绽放" in html  # the source's slogan until it is translated
    # The school's name: its home page is not translated yet (an alias of the Chinese one).
    assert '<a class="site-title" href="/en/">梅岭小学</a>' in html
    assert 'lang="en"' in html and "Skip to main content" in html

    translate(school_a)  # now it is
    html = get("/en/brand/", host_of(school_a)).content.decode()
    assert '<a class="site-title" href="/en/">Meiling Primary School</a>' in html
    assert ">Meiling Primary School</a>" in html.split('class="breadcrumbs wrap"')[1]


def test_language_switcher_and_hreflang_on_pages_in_both_languages(school_a, school_b):
    brand = brand_of(school_a)
    translate(brand)

    chinese = get("/brand/", host_of(school_a)).content.decode()
    english_page = get("/en/brand/", host_of(school_a)).content.decode()
    site = "http://meiling.localhost:8000"
    for html in (chinese, english_page):
        assert f'<link rel="alternate" hreflang="zh-Hans" href="{site}/brand/">' in html
        assert f'<link rel="alternate" hreflang="en" href="{site}/en/brand/">' in html
        assert f'hreflang="x-default" href="{site}/brand/"' in html
    assert '<a href="/en/brand/" hreflang="en" lang="en">English</a>' in chinese
    assert '<a href="/brand/" hreflang="zh-Hans" lang="zh-hans">简体中文</a>' in english_page

    brand_of(school_b)
    alone = get("/brand/", host_of(school_b))  # no English edition
    assert alone.status_code == 200
    assert "hreflang" not in alone.content.decode()
    assert "English" not in alone.content.decode()


def test_the_page_cache_keeps_languages_apart_and_hears_of_new_editions(settings, school_a):
    settings.PAGE_CACHE_SECONDS = 600
    brand = brand_of(school_a)
    assert get("/brand/", host_of(school_a))["X-Page-Cache"] == "miss"
    assert "English" not in get("/brand/", host_of(school_a)).content.decode()

    translate(brand)  # publishing the English edition refreshes the Chinese page too
    chinese = get("/brand/", host_of(school_a))
    assert chinese["X-Page-Cache"] == "miss" and "English" in chinese.content.decode()
    english_page = get("/en/brand/", host_of(school_a))
    assert english_page["X-Page-Cache"] == "miss"
    assert get("/en/brand/", host_of(school_a))["X-Page-Cache"] == "hit"
    assert "Red Plum Pioneers" in get("/en/brand/", host_of(school_a)).content.decode()
    assert "Red Plum Pioneers" not in get("/brand/", host_of(school_a)).content.decode()


def test_each_language_has_its_own_feed_site_map_and_sitemap_entries(school_a):
    index = case(school_a).get_parent()
    exemplar = index.get_children().live().first().specific
    edition = translate(exemplar)
    english_index = index.get_translation(english())  # live: an alias of the Chinese index
    assert english_index.live and english_index.alias_of_id == index.pk

    feed = get(f"/feeds/{english_index.pk}/", host_of(school_a)).content.decode()
    assert "Schools growing with their brand" in feed and 'xml:lang="en"' in feed
    chinese_feed = get(f"/feeds/{index.pk}/", host_of(school_a)).content.decode()
    assert "以品牌带动学校发展" in chinese_feed and "Schools growing" not in chinese_feed

    site_map = get("/en/sitemap/", host_of(school_a)).content.decode()
    assert english_index.url_path.split("/")[-2] in site_map and "Site map" in site_map

    sitemap = get("/sitemap.xml", host_of(school_a)).content.decode()
    assert f"http://meiling.localhost:8000/en/cases/{edition.slug}/" in sitemap
    assert f"http://meiling.localhost:8000/cases/{exemplar.slug}/" in sitemap


def test_english_queries_find_english_editions_and_languages_never_mix(school_a):
    from django_tasks import default_task_backend  # noqa: F401  (tasks run at once in tests)

    brand = brand_of(school_a)
    translate(brand)

    def found(q, language=None):
        params = {"q": q, "scope": "all"}
        if language:
            params["language"] = language
        data = Client().get("/api/search/", params).json()
        urls = [result["url"] for result in data["results"]]
        assert data["total"] == len(urls)  # counted in the one language too
        return urls

    assert any(url.endswith("/en/brand/") for url in found("pioneer", "en"))  # stemmed
    assert any(url.endswith("/en/brand/") for url in found("Red plum pioneers", "en"))
    assert found("pioneer") == []  # a Chinese search: Chinese documents only
    chinese = found("红梅先锋")
    assert chinese and not any("/en/" in url for url in chinese)
    assert found("红梅先锋", "en") == []  # the English edition is no longer in Chinese
    # A name left in Chinese in an English title: found in English, never in Chinese.
    translate(
        post(school_a, "党建品牌巡礼"),
        strings={"党建品牌巡礼": "党建品牌巡礼 tour", "党建品牌巡礼的摘要": "A tour"},
    )
    in_english, in_chinese = found("巡礼", "en"), found("巡礼")
    assert in_english and all("/en/" in url for url in in_english)
    assert in_chinese and not any("/en/" in url for url in in_chinese)
    assert Client().get("/api/search/", {"q": "x", "language": "fr"}).status_code == 400
    page = Client().get("/en/search/", {"q": "pioneers", "scope": "all"}).content.decode()
    assert 'href="http://meiling.localhost:8000/en/brand/">Party-building brand<' in page
    assert "Red Plum <mark>Pioneer</mark>s" in page and "1 result" in page


@pytest.mark.parametrize(
    "url_name, argument",
    [
        ("wagtail_localize:submit_page_translation", "page"),
        ("wagtail_localize:update_translations", "source"),
        ("wagtail_localize:download_pofile", "translation"),
        ("wagtail_localize:stop_translation", "translation"),
        ("wagtail_localize:preview_translation", "translation"),
        ("wagtailadmin_pages:edit", "edition"),
        ("wagtailadmin_explore", "english home"),
    ],
)
def test_translation_actions_stay_inside_the_school(
    url_name, argument, school_a, school_b, make_user
):
    editor_a = make_user("editor_a", school_a, "editor")
    editor_b = make_user("editor_b", school_b, "editor")
    brand = brand_of(school_a)
    translate(brand, publish=False)
    source = TranslationSource.objects.get_for_instance(brand)
    edition = brand.get_translation(english())
    kwargs = {
        "page": {"page_id": brand.pk},
        "source": {"translation_source_id": source.pk},
        "translation": {"translation_id": source.translations.get().pk},
        "edition": {"page_id": edition.pk},
        "english home": {"parent_page_id": edition.get_parent().pk},
    }[argument]
    url = reverse(url_name, kwargs=kwargs)
    outsider, insider = Client(), Client()
    outsider.force_login(editor_b)
    insider.force_login(editor_a)
    method = "post" if url_name.endswith("stop_translation") else "get"
    assert getattr(outsider, method)(url).status_code == 404
    assert getattr(insider, method)(url).status_code in (200, 302)


def test_translations_report_lists_only_the_users_schools(school_a, school_b, make_user):
    editor_a = make_user("editor_a", school_a, "editor")
    editor_b = make_user("editor_b", school_b, "editor")
    brand = brand_of(school_a)
    translate(brand, publish=False)
    report = reverse("wagtail_localize:translations_report")
    for user, shown in ((editor_a, True), (editor_b, False)):
        client = Client()
        client.force_login(user)
        html = client.get(report).content.decode()
        assert (f'href="/admin/pages/{brand.pk}/edit/"' in html) is shown


def test_a_school_editor_translates_from_the_admin_into_their_schools_english_tree(
    school_a, make_user
):
    editor = make_user("editor_a", school_a, "editor")
    brand = brand_of(school_a)
    client = Client()
    client.force_login(editor)
    url = reverse("wagtail_localize:submit_page_translation", args=[brand.pk])
    response = client.post(url, {"locales": [english().pk]})
    assert response.status_code == 302
    edition = brand.get_translation(english())
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[edition.pk])
    assert client.get(response["Location"]).status_code == 200  # the translation editor
    home = edition.get_parent()
    assert home.permissions_for_user(editor).can_edit()  # roles given at the English root
    assert not Page.objects.get(pk=home.pk).permissions_for_user(editor).can_publish()


def test_activity_types_are_named_in_the_visitors_language_where_named(school_a):
    activity = report(school_a)  # a themed Party day, named in English by the platform
    translate(activity, strings={"主题党日：重温入党誓词": "Themed Party day: the oath again"})
    english_url = activity.get_translation(english()).url
    assert (
        '<span class="badge">Themed Party day</span>'
        in get(english_url, host_of(school_a)).content.decode()
    )
    assert (
        '<span class="badge">主题党日</span>'
        in get(activity.url, host_of(school_a)).content.decode()
    )

    kind = ActivityType.objects.get(pk=activity.activity_type_id)
    kind.english_name = ""
    kind.save()
    assert (
        '<span class="badge">主题党日</span>'
        in get(  # unnamed: the Chinese name
            english_url, host_of(school_a)
        ).content.decode()
    )
    data = Client().get("/api/search/", {"q": "oath", "scope": "all", "language": "en"}).json()
    assert [entry["label"] for entry in data["facets"]["activity_type"]] == ["主题党日"]
    kind.english_name = "Party day"
    kind.save()
    data = Client().get("/api/search/", {"q": "oath", "scope": "all", "language": "en"}).json()
    assert [entry["label"] for entry in data["facets"]["activity_type"]] == ["Party day"]


def test_a_schools_first_english_page_is_served_at_once_though_its_site_was_known(school_a):
    brand = brand_of(school_a)
    assert get("/brand/", host_of(school_a)).status_code == 200  # Sites now kept in memory
    translate(brand)  # the school's home page is translated for the first time with it
    assert get("/en/brand/", host_of(school_a)).status_code == 200
    assert get("/en/", host_of(school_a)).status_code == 200


def test_po_files_go_out_to_a_translator_and_come_back_through_the_admin(school_a, make_user):
    editor = make_user("editor_a", school_a, "editor")
    brand = brand_of(school_a)
    translate(brand, publish=False, strings={})
    translation = TranslationSource.objects.get_for_instance(brand).translations.get()
    client = Client()
    client.force_login(editor)
    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    assert {entry.msgid for entry in po} >= {"红梅先锋", "像红梅一样迎寒绽放"}
    for entry in po:
        entry.msgstr = ENGLISH.get(entry.msgid, "")
    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("brand.po", str(po).encode(), "text/x-gettext-translation")},
    )
    assert upload.status_code == 302
    total, done = translation.get_progress()
    assert done == total


def test_tags_are_named_in_english_where_the_platform_names_them(school_a):
    exemplar = case(school_a)  # tagged 典型案例 and 品牌建设
    exemplar.tags.add("典型案例", "品牌建设")
    exemplar.save_revision().publish()
    edition = translate(exemplar)
    named = TagName.objects.create(
        tag=Tag.objects.get(name="典型案例"), english_name="Exemplar case"
    )

    html = get(edition.url, host_of(school_a)).content.decode()
    assert '?tag=%E5%85%B8%E5%9E%8B%E6%A1%88%E4%BE%8B">Exemplar case</a>' in html
    assert ">品牌建设</a>" in html  # not named in English: as written
    assert '<meta name="Keywords" content="Exemplar case,品牌建设">' in html
    chinese = get(exemplar.url, host_of(school_a)).content.decode()
    assert ">典型案例</a>" in chinese and "Exemplar case" not in chinese
    index = get(edition.get_parent().url + "?tag=典型案例", host_of(school_a)).content.decode()
    assert "Tagged “Exemplar case”" in index

    data = Client().get("/api/search/", {"q": "brand", "scope": "all", "language": "en"}).json()
    assert {"value": "典型案例", "label": "Exemplar case", "count": 1} in data["facets"]["tag"]
    named.delete()
    html = get(edition.url, host_of(school_a)).content.decode()
    assert ">典型案例</a>" in html  # the page cache heard of it
