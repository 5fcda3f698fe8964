"""A bureau's own documents: its curators upload, change and choose them in the region's bureau
collection (schools.BureauCollection) and name one as a campaign's notice, without reaching a
school's collection; a school's staff never see them until a public page or campaign uses them."""

import datetime
import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission

from plugins.evaluation.models import Campaign
from plugins.evaluation.tests.test_attack_findings import campaign_of, edit
from schools.models import BureauCollection
from tests.content import document

pytestmark = pytest.mark.django_db

Document = get_document_model()


@pytest.fixture
def curator(county, make_user):
    return make_user("xuanwu-curator", region=county, role="curator")


def upload(client, collection, title):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile("tongzhi.pdf", b"%PDF-1.4 notice", "application/pdf"),
            "collection": collection.pk,
        },
    )


def listed(client, url_name):
    """The listing's HTML (a chooser answers with it in JSON)."""
    response = client.get(reverse(url_name))
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def test_provisioning_gives_each_region_a_bureau_collection_only_its_curators_use(
    province, county, other_county, school_a
):
    bureau = county.bureau_collection.collection
    assert bureau.get_parent().pk == county.collection_id
    assert bureau.name.startswith(f"{county.title}·")
    assert not school_a.collection.is_descendant_of(bureau)
    granted = GroupCollectionPermission.objects.filter(group=county.curator_group)
    assert {row.collection_id for row in granted} == {bureau.pk}
    assert {row.permission.codename for row in granted} == {
        "add_document",
        "change_document",
        "choose_document",
        "add_image",
        "change_image",
        "choose_image",
    }
    regions = {province.pk, county.pk, other_county.pk}
    assert set(BureauCollection.objects.values_list("region", flat=True)) >= regions


def test_the_migration_gives_earlier_regions_theirs_once():
    """Regions provisioned before the bureau collections get one each from the migration, the
    tree kept valid, and a second run (migrating back and forth) adds nothing."""
    from django.apps import apps

    migration = importlib.import_module("schools.migrations.0009_bureau_collection")
    earlier = list(BureauCollection.objects.select_related("collection", "region"))
    GroupCollectionPermission.objects.filter(
        collection__in=[row.collection for row in earlier]
    ).delete()
    for row in earlier:
        Collection.objects.get(pk=row.collection_id).delete()
    assert not BureauCollection.objects.exists()

    for _run in range(2):
        migration.bureau_collections(apps, None)
        assert BureauCollection.objects.count() == len(earlier)
        assert Collection.find_problems() == ([], [], [], [], [])
        for row in BureauCollection.objects.select_related("region", "collection"):
            assert row.collection.get_parent().pk == row.region.collection_id
            granted = GroupCollectionPermission.objects.filter(collection=row.collection)
            assert set(granted.values_list("group", flat=True)) == {row.region.curator_group_id}
            assert granted.count() == 6


def test_a_county_curator_uploads_its_notice_and_names_it(county, school_a, curator, client):
    client.force_login(curator)
    bureau = county.bureau_collection.collection
    assert client.get(reverse("wagtaildocs:add")).status_code == 200
    # Neither the region's collection (its schools' lie below it) nor a school's takes it:
    # Wagtail files an upload in the one collection the user may add to.
    for elsewhere in (county.collection, school_a.collection):
        upload(client, elsewhere, "越界上传")
    landed = Document.objects.filter(title="越界上传").values_list("collection", flat=True)
    assert set(landed) == {bureau.pk}
    assert upload(client, bureau, "关于开展创新奖评选的通知").status_code == 302
    notice = Document.objects.get(title="关于开展创新奖评选的通知")
    assert notice.collection == bureau and notice.uploaded_by_user == curator
    edit_url = reverse("wagtaildocs:edit", args=[notice.pk])
    assert client.get(edit_url).status_code == 200

    visitor = Client()
    assert client.get(notice.url).status_code == 200  # the bureau reads its own draft file
    assert visitor.get(notice.url).status_code == 404  # nobody else, before it is published

    campaign = campaign_of(county, datetime.date(2027, 3, 1))
    assert notice.title in listed(client, "wagtaildocs_chooser:choose")
    form = client.get(reverse("evaluation_campaigns:edit", args=[campaign.pk]))
    offered = form.context["form"].fields["notice"].queryset
    assert notice in offered and {made.collection_id for made in offered} == {bureau.pk}
    school_file = document(school_a.collection, "梅岭小学内部材料", "neibu.txt")
    refused = edit(client, campaign, notice=str(school_file.pk))
    assert refused.status_code == 200 and refused.context["form"].errors["notice"]
    assert edit(client, campaign, notice=str(notice.pk)).status_code == 302
    assert Campaign.objects.get(pk=campaign.pk).notice == notice

    # Public once the campaign is: linked on its page, read by anyone.
    page = visitor.get(reverse("evaluation:campaign", args=[campaign.pk])).content.decode()
    assert notice.url in page
    assert visitor.get(notice.url).status_code == 200
    assert visitor.get(school_file.url).status_code == 404


def test_the_curators_chooser_lists_no_school_and_no_other_bureau(
    county, other_county, school_a, school_b, curator, client
):
    own = document(county.bureau_collection.collection, "玄武区教育局通知", "xuanwu.txt")
    hidden = [
        document(other_county.bureau_collection.collection, "鼓楼区教育局通知", "gulou.txt"),
        document(school_a.collection, "梅岭小学台账", "meiling.txt"),
        document(school_b.collection, "清凉山小学台账", "qls.txt"),
        document(county.collection, "玄武区早先上传", "jiu.txt"),
    ]
    client.force_login(curator)
    for url_name in ("wagtaildocs_chooser:choose", "wagtaildocs:index"):
        body = listed(client, url_name)
        assert own.title in body
        assert not [made.title for made in hidden if made.title in body], url_name
    for made in hidden:
        refused = client.get(reverse("wagtaildocs:edit", args=[made.pk]))
        assert refused.status_code in (302, 403, 404)
        chosen = client.get(reverse("wagtaildocs_chooser:chosen", args=[made.pk]))
        assert chosen.status_code in (302, 403, 404)


def test_a_school_editor_never_sees_the_bureaus_documents(
    county, school_a, curator, make_user, client
):
    notice = document(county.bureau_collection.collection, "玄武区教育局通知", "xuanwu.txt")
    editor = make_user("ml-editor", school=school_a, role="editor")
    client.force_login(editor)
    for url_name in ("wagtaildocs_chooser:choose", "wagtaildocs:index"):
        assert notice.title not in listed(client, url_name)
    refused = client.get(reverse("wagtaildocs:edit", args=[notice.pk]))
    assert refused.status_code in (302, 403, 404)
    assert client.get(notice.url).status_code == 404
    upload(client, county.bureau_collection.collection, "学校越界上传")
    landed = Document.objects.filter(title="学校越界上传").values_list("collection", flat=True)
    assert set(landed) == {school_a.collection_id}
    school_rights = Q(group__in=editor.groups.all()) & Q(
        collection=county.bureau_collection.collection
    )
    assert not GroupCollectionPermission.objects.filter(school_rights).exists()

    # Named by a public campaign, the notice is read by everyone, still chosen by the bureau only.
    campaign = campaign_of(county, datetime.date(2027, 3, 1))
    Campaign.objects.filter(pk=campaign.pk).update(notice=notice)
    assert client.get(notice.url).status_code == 200
    assert notice.title not in listed(client, "wagtaildocs_chooser:choose")


def test_a_notice_named_in_the_regions_own_collection_moves_to_the_bureaus(county, school_a):
    """Named under the earlier rule (the region's own collection), a notice is moved by the
    evaluation migration into the bureau collection and stays published; a school's document
    named before any rule stays in the school and unpublished."""
    from django.apps import apps

    migration = importlib.import_module(
        "plugins.evaluation.migrations.0006_notices_to_bureau_collections"
    )
    earlier = document(county.collection, "早先的申报通知", "zaoxian.txt")
    school_file = document(school_a.collection, "梅岭小学内部材料", "neibu.txt")
    for opens, notice in (
        (datetime.date(2027, 3, 1), earlier),
        (datetime.date(2028, 3, 1), school_file),
    ):
        campaign = campaign_of(county, opens)
        Campaign.objects.filter(pk=campaign.pk).update(notice=notice)
    visitor = Client()
    assert visitor.get(earlier.url).status_code == 404

    migration.notices_to_bureau_collections(apps, None)
    earlier.refresh_from_db()
    school_file.refresh_from_db()
    assert earlier.collection_id == county.bureau_collection.collection_id
    assert school_file.collection_id == school_a.collection_id
    assert visitor.get(earlier.url).status_code == 200
    assert visitor.get(school_file.url).status_code == 404
