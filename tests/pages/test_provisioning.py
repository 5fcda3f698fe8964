import pytest
from django.contrib.auth.models import Group
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowPage,
)

from pages.models import (
    BrandPage,
    ColumnIndexPage,
    RegionPage,
    SchoolHomePage,
)
from schools import provisioning
from schools.models import SchoolModerationTask
from tests.content import post, school_host

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "sites": Site.objects.count(),
        "groups": Group.objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
        "collection_permissions": GroupCollectionPermission.objects.count(),
        "collections": Collection.objects.count(),
        "workflows": Workflow.objects.count(),
    }


def test_province_takes_over_the_default_site(province, settings):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == province.pk
    assert (site.hostname, site.port) == (settings.SITE_HOSTNAME, settings.SITE_PORT)
    # Wagtail's stock welcome page is gone; only root and the province remain at the top.
    assert list(Page.objects.filter(depth__lte=2).values_list("depth", flat=True)) == [1, 2]


def test_school_gets_every_part(county, settings):
    result = provisioning.provision_school(county, "游府西街小学", "youfu", stage="primary")
    school = result.page
    assert result.created[:2] == ["page", "site"]

    site = Site.objects.get(root_page=school)
    assert site.hostname == f"youfu.{settings.SITE_HOSTNAME}"
    assert site.port == settings.SITE_PORT
    children = [page.specific_class for page in school.get_children()]
    assert sorted(c.__name__ for c in children) == [
        "ActivityIndexPage",
        "BrandPage",
        "CaseIndexPage",
        "ColumnIndexPage",
    ]
    assert not BrandPage.objects.child_of(school).get().live  # a draft until written
    assert ColumnIndexPage.objects.child_of(school).get().title == "校园党建专栏"

    assert school.collection.get_parent() == county.collection
    assert county.collection.get_parent().get_parent() == RegionPage.objects.get(depth=2).collection
    for group, publish in ((school.editor_group, False), (school.moderator_group, True)):
        perms = set(group.page_permissions.values_list("page_id", "permission__codename"))
        assert {page_id for page_id, _ in perms} == {school.pk}  # rows at the root only
        assert ("publish_page" in {c for _, c in perms}) is publish
        collections = set(group.collection_permissions.values_list("collection_id", flat=True))
        assert collections == {school.collection_id}
        assert group.permissions.filter(codename="access_admin").exists()

    workflow = WorkflowPage.objects.get(page=school).workflow
    assert isinstance(workflow.tasks.get().specific, SchoolModerationTask)
    # Every school shares that one workflow and task, so the admin's per-task checks do
    # not grow with the number of schools.
    tasks = Task.objects.filter(active=True).count()
    other = provisioning.provision_school(county, "第二小学", "second").page
    assert WorkflowPage.objects.get(page=other).workflow == workflow
    assert Task.objects.filter(active=True).count() == tasks


def test_provisioning_twice_changes_nothing(county):
    first = provisioning.provision_school(county, "游府西街小学", "youfu")
    before = counts()
    second = provisioning.provision_school(county, "游府西街小学", "youfu")
    assert second.page.pk == first.page.pk
    assert second.created == []
    assert counts() == before


def test_provisioning_completes_a_partial_school(school_a):
    SchoolHomePage.objects.filter(pk=school_a.pk).update(collection=None)
    Site.objects.filter(root_page=school_a).delete()
    ColumnIndexPage.objects.child_of(school_a).get().delete()
    result = provisioning.provision_school(school_a.get_parent().specific, "梅岭小学", "meiling")
    assert {"site", "columnindexpage", "collection"} <= set(result.created)
    assert Site.objects.filter(root_page=school_a).exists()


def test_a_failure_leaves_nothing_behind(county, monkeypatch):
    before = counts()

    def broken(school, user):
        raise RuntimeError("disk full")

    monkeypatch.setattr(provisioning.schools, "_ensure_workflow", broken)
    with pytest.raises(RuntimeError):
        provisioning.provision_school(county, "游府西街小学", "youfu")
    assert counts() == before
    assert provisioning.find_school("youfu") is None


@pytest.mark.parametrize("slug", ["Meiling", "mei ling", "-meiling", "梅岭", "a" * 64, ""])
def test_bad_slugs_are_refused(county, slug):
    with pytest.raises(provisioning.ProvisioningError):
        provisioning.provision_school(county, "梅岭小学", slug)


def test_a_slug_cannot_be_taken_twice_across_regions(school_a, other_county):
    before = counts()
    with pytest.raises(provisioning.ProvisioningError, match="meiling"):
        provisioning.provision_school(other_county, "另一所学校", "meiling")
    assert counts() == before


def test_region_levels_must_descend(county, province):
    with pytest.raises(provisioning.ProvisioningError):
        provisioning.provision_region("某市", "mou", "320900", "city", parent=county)
    with pytest.raises(provisioning.ProvisioningError):
        provisioning.provision_region("某省", "mousheng", "330000", "province")
    again = provisioning.provision_region(
        "玄武区", "xuanwu", "320102", "county", parent=county.get_parent().specific
    )
    assert again.created == [] and again.page.pk == county.pk


def test_archive_takes_the_school_offline_and_restore_brings_it_back(school_a, client):
    live_post = post(school_a, "已发布的文章")
    draft = post(school_a, "草稿文章", live=False)
    host = school_host(school_a)
    assert client.get("/", HTTP_HOST=host).status_code == 200

    provisioning.archive_school(school_a)
    assert not Page.objects.descendant_of(school_a, inclusive=True).live().exists()
    assert client.get("/", HTTP_HOST=host).status_code == 404
    assert (
        client.get(live_post.url_path[len(school_a.url_path) - 1 :], HTTP_HOST=host).status_code
        == 404
    )
    assert SchoolHomePage.objects.get(pk=school_a.pk).archived_at is not None
    assert Page.objects.filter(pk=live_post.pk).exists()  # kept, not deleted

    provisioning.restore_school(SchoolHomePage.objects.get(pk=school_a.pk))
    assert client.get("/", HTTP_HOST=host).status_code == 200
    assert Page.objects.get(pk=live_post.pk).live
    assert not Page.objects.get(pk=draft.pk).live  # drafts stay drafts
    assert not BrandPage.objects.child_of(school_a).get().live
    assert SchoolHomePage.objects.get(pk=school_a.pk).archived_at is None


def test_add_school_user_is_idempotent(school_a, make_user):
    user = make_user("teacher")
    assert provisioning.add_school_user(school_a, user, "editor") is True
    assert provisioning.add_school_user(school_a, user, "editor") is False
    assert list(user.groups.all()) == [school_a.editor_group]
    with pytest.raises(provisioning.ProvisioningError):
        provisioning.add_school_user(school_a, user, "principal")
