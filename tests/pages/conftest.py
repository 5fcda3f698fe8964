from datetime import date

import pytest
from taggit.models import Tag
from wagtail.models import Collection, Locale, PageViewRestriction, Site, Workflow

from curation import submissions as curation
from curation.models import Feature
from pages.models import ActivityType, BannedWord, BrandPage, MourningPeriod, TagName
from schools import provisioning
from tests.content import case, document, post
from tests.pages.isolation import PAGE, image


@pytest.fixture
def world(school_a, school_b, county, other_county, city, make_user):
    """Two schools in two counties of one city, with objects in every state."""
    users = {
        "editor_a": make_user("editor_a", school_a, "editor"),
        "moderator_a": make_user("moderator_a", school_a, "moderator"),
        "editor_b": make_user("editor_b", school_b, "editor"),
        "admin": make_user("admin", is_superuser=True, is_staff=True),
    }
    for name, region in (
        ("county_curator", county),
        ("other_curator", other_county),
        ("city_curator", city),
    ):
        users[name] = make_user(name)
        provisioning.add_region_user(region, users[name], "curator")

    def pages_of(school, letter):
        found = {
            f"home_{letter}": school,
            f"brand_{letter}": BrandPage.objects.child_of(school).get(),
            f"index_{letter}": school.get_children().get(slug="column"),
            f"live_{letter}": post(school, f"已发布{letter}"),
            f"draft_{letter}": post(school, f"草稿{letter}", live=False),
            f"case_{letter}": case(school, f"案例{letter}"),
        }
        changed = post(school, f"有修改{letter}")
        changed.title = f"有修改{letter}·新"
        changed.save_revision()
        found[f"changed_{letter}"] = changed
        private = post(school, f"内部{letter}")
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        found[f"private_{letter}"] = private
        moderated = post(school, f"待审{letter}", live=False)
        workflow = Workflow.objects.get(workflow_pages__page=school)
        workflow_state = workflow.start(moderated, users[f"editor_{letter}"])
        moderated.task_id = workflow_state.current_task_state.task_id
        moderated.ts_id = workflow_state.current_task_state.pk
        moderated.workflow_state_id = workflow_state.pk
        found[f"moderated_{letter}"] = moderated
        return found

    pages = {**pages_of(school_a, "a"), **pages_of(school_b, "b")}
    for page in pages.values():
        page.refresh_from_db()  # children were added after some were loaded
        for attribute in ("task_id", "ts_id", "workflow_state_id"):
            if not hasattr(page, attribute):
                setattr(page, attribute, 0)
    submission = curation.submit(pages["live_a"], users["editor_a"])
    workflow = Workflow.objects.get(workflow_pages__page=school_a)
    workflow.page_pk = school_a.pk
    objects = {
        **{
            name: (PAGE, page, school_a if name.endswith("_a") else school_b)
            for name, page in pages.items()
        },
        "image_a": ("image", image(school_a.collection, "照片a"), school_a),
        "image_b": ("image", image(school_b.collection, "照片b"), school_b),
        "document_a": ("document", document(school_a.collection, "台账a", "台账a.txt"), school_a),
        "document_b": ("document", document(school_b.collection, "台账b", "台账b.txt"), school_b),
        "collection_a": ("collection", Collection.objects.get(pk=school_a.collection_id), school_a),
        "collection_b": ("collection", Collection.objects.get(pk=school_b.collection_id), school_b),
        "feature_county": (
            "feature",
            Feature.objects.create(region=county, page=pages["case_a"], reason="示范"),
            county,
        ),
        "feature_other": (
            "feature",
            Feature.objects.create(region=other_county, page=pages["case_b"], reason="示范"),
            other_county,
        ),
        "submission_a": ("submission", submission, school_a),
        "banned_word_county": (
            "banned_word",
            BannedWord.objects.create(word="县级禁词", region=county),
            county,
        ),
        "banned_word_other": (
            "banned_word",
            BannedWord.objects.create(word="他县禁词", region=other_county),
            other_county,
        ),
        "mourning_county": (
            "mourning_period",
            MourningPeriod.objects.create(
                region=county, starts_on=date(2026, 4, 4), ends_on=date(2026, 4, 4), note="县悼念"
            ),
            county,
        ),
        "mourning_other": (
            "mourning_period",
            MourningPeriod.objects.create(
                region=other_county,
                starts_on=date(2026, 4, 4),
                ends_on=date(2026, 4, 4),
                note="他县悼念",
            ),
            other_county,
        ),
        "activity_type": ("snippet", ActivityType.objects.first(), None),
        "tag_name": (
            "tag_name",
            TagName.objects.create(tag=Tag.objects.create(name="共享标签"), english_name="Shared"),
            None,
        ),
        "site_a": ("site", Site.objects.get(root_page=school_a), None),
        "locale": ("locale", Locale.objects.first(), None),
        "user_editor_a": ("user", users["editor_a"], None),
        "group_editors_a": ("group", school_a.editor_group, None),
        "workflow_a": ("workflow", workflow, None),
        "task_a": ("task", workflow.tasks.first(), None),
    }
    return users, objects


@pytest.fixture
def people(make_user, school_a, school_b, county, other_county):
    """One of each role around schools A and B (curators of both counties)."""
    found = {
        "editor_a": make_user("editor_a", school_a, "editor", email="a@example.cn"),
        "moderator_a": make_user("moderator_a", school_a, "moderator"),
        "editor_b": make_user("editor_b", school_b, "editor"),
        "admin": make_user("admin", is_superuser=True, is_staff=True),
    }
    for name, region, role in (
        ("curator", county, "curator"),
        ("other_curator", other_county, "curator"),
        ("manager", county, "manager"),
    ):
        found[name] = make_user(name, email=f"{name}@example.cn")
        provisioning.add_region_user(region, found[name], role)
    return found
