"""bench/bulk.py (add_pages) writes the rows an editor's create-and-publish writes."""

import datetime
import json

import pytest
from taggit.models import Tag
from wagtail.log_actions import LogContext
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

from bench.bulk import add_pages
from pages import publishing
from pages.models import ColumnIndexPage, ColumnPostPage
from search.indexing import reindex_subtree
from search.models import SearchDocument
from tests import content

pytestmark = pytest.mark.django_db

IGNORED = {
    "id",
    "page_ptr_id",
    "path",
    "translation_key",
    "url_path",
    "latest_revision_id",
    "live_revision_id",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
}


def new_post(image, link_target, tags, live=True):
    page = ColumnPostPage(
        title="读书会：党员教师共读红色经典",
        slug="reading",
        date=datetime.date(2026, 4, 23),
        summary="世界读书日，党员教师共读红色经典。",
        author="党支部",
        live=live,
        body=[
            {
                "type": "text",
                "value": {
                    "heading": "活动经过",
                    "text": f'<p>详见<a linktype="page" id="{link_target.pk}">品牌</a>。</p>',
                },
            },
            {"type": "image", "value": {"image": image.pk, "caption": "合影", "alt_text": "合影"}},
        ],
    )
    page.tags.add(*tags)
    return page


def editor_path(parent, page, user):
    """What the admin's create view does when the editor presses Publish (or Save draft),
    inside the log context the admin opens for each request."""
    with LogContext(user=user), publishing.acting_as(publishing.PLATFORM):  # benchmark data
        parent.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        if page.live:
            revision.publish(user=user)
    return ColumnPostPage.objects.get(pk=page.pk)


def without_ids(value):
    """Revision content less what differs by nature: block ids, tag link and page ids."""
    if isinstance(value, str) and value.startswith("[{"):
        value = json.loads(value)
    if isinstance(value, list):
        return [without_ids(item) for item in value]
    if isinstance(value, dict):
        return {
            k: without_ids(v) for k, v in value.items() if k not in {"id", "pk", "content_object"}
        }
    return value


def rows(page):
    base = {f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields}
    specific = {f.attname: getattr(page, f.attname) for f in page._meta.local_concrete_fields}
    specific["body"] = [(b.block_type, dict(b.value)) for b in page.body]
    revision = Revision.objects.get(pk=page.latest_revision_id)
    content = {
        f"revision {key}": without_ids(value)
        for key, value in revision.content.items()
        if key not in IGNORED | {"pk"}
    }
    return content | {
        "page": {k: v for k, v in base.items() if k not in IGNORED},
        "specific": {k: v for k, v in specific.items() if k not in IGNORED},
        "url": page.url_path.rsplit("/", 2)[-2],
        "published": (
            page.live_revision_id == page.latest_revision_id,
            page.first_published_at is not None,
            page.last_published_at is not None,
        ),
        "depth": page.depth,
        "tags": sorted(page.tags.names()),
        "revision": (
            revision.object_str,
            revision.user_id,
            revision.base_content_type_id,
            revision.content_type_id,
        ),
        "log": sorted(
            (e.action, e.revision_id is not None, e.content_changed, e.user_id, e.label)
            for e in PageLogEntry.objects.filter(page_id=page.pk)
        ),
        "log groups": PageLogEntry.objects.filter(page_id=page.pk)
        .values("uuid")
        .distinct()
        .count(),
        "references": sorted(
            (r.to_content_type_id, r.to_object_id, r.model_path)
            for r in ReferenceIndex.get_references_for_object(page)
        ),
        "wagtail search": list(
            IndexEntry.objects.filter(object_id=str(page.pk)).values_list("title", "body")
        ),
    }


@pytest.fixture
def image(school_a):
    return content.image("合影", "photo.png", collection=school_a.collection)


@pytest.mark.slow
@pytest.mark.parametrize("live", [True, False])
def test_bulk_rows_equal_the_editors(school_a, school_b, image, make_user, live):
    user = make_user("writer", is_superuser=True)
    tags = [Tag.objects.create(name="读书会"), Tag.objects.create(name="党员")]
    target = school_a.get_children().live().first()  # published pages link to live ones
    by_editor = editor_path(
        ColumnIndexPage.objects.child_of(school_a).get(),
        new_post(image, target, tags, live),
        user,
    )
    column_b = ColumnIndexPage.objects.child_of(school_b).get()
    [bulk] = add_pages(column_b, [new_post(image, target, tags, live)], user=user)
    bulk = ColumnPostPage.objects.get(pk=bulk.pk)

    expected, written = rows(by_editor), rows(bulk)
    for part in expected:
        assert written[part] == expected[part], (part, written[part], expected[part])
    assert bulk.get_parent().pk == column_b.pk
    assert Page.objects.get(pk=column_b.pk).numchild == 1
    Page.fix_tree(fix_paths=False)  # raises nothing and changes nothing on a sound tree
    assert Page.find_problems() == ([], [], [], [], [])

    reindex_subtree(school_a.pk)
    reindex_subtree(school_b.pk)
    fields = ("title", "kind", "date", "year", "summary", "text")
    documents = SearchDocument.objects.filter(page_id__in=[bulk.pk, by_editor.pk])
    assert len(set(documents.values_list(*fields))) == (1 if live else 0)
    assert documents.count() == (2 if live else 0)


def test_many_pages_keep_the_tree_sound(school_a, image):
    column = ColumnIndexPage.objects.child_of(school_a).get()
    target = school_a.get_children().live().first()  # published pages link to live ones
    first = [new_post(image, target, []) for _ in range(3)]
    for number, page in enumerate(first):
        page.slug = f"first-{number}"
    add_pages(column, first)
    column.refresh_from_db()
    second = [new_post(image, target, []) for _ in range(2)]
    for number, page in enumerate(second):
        page.slug = f"second-{number}"
    add_pages(column, second)

    assert Page.find_problems() == ([], [], [], [], [])
    children = column.get_children()
    assert [p.slug for p in children] == ["first-0", "first-1", "first-2", "second-0", "second-1"]
    assert Page.objects.get(pk=column.pk).numchild == 5
    assert all(p.url_path == f"{column.url_path}{p.slug}/" for p in children)
    last_path = children.last().path
    editor_added = editor_path(column, new_post(image, target, []), None)
    assert editor_added.path > last_path
