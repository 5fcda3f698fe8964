"""Many pages at once, with the rows Wagtail's own page creation writes.

An editor's new page costs tens of queries and signal handlers (add_child, save_revision,
publish); a province's worth of benchmark data, or content moved over from an older system,
needs the same rows written in batches. ``add_pages`` writes, for every new page, what that
path writes: the page and its specific row (tree path, URL path, translation key), its tags,
a first revision that is the live one when the page is published, the log entries the admin
writes (create, edit, publish), its references (links, images) and Wagtail's own search
entry. The platform's search index is left to the caller, who reindexes the whole subtree once
(``reindex_subtree``).
tests/bench/test_bulk.py compares the rows with the editor's path. Benchmarks only.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Locale, Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backend

BATCH = 250


def _chunks(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _place(parent, pages, locale):
    """Tree paths after the parent's last child, URL paths, and the fields save() would set."""
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    for offset, page in enumerate(pages, start=1):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, step + offset)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale = locale
        page.fill_derived_fields()
        page.translation_key = uuid.uuid4()
        page.draft_title = page.title
        page.has_unpublished_changes = False  # as the first revision records it


def _insert_rows(model, pages):
    """The page rows, then each concrete subclass's own row (multi-table inheritance rows
    are what bulk_create refuses to write)."""
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    rows = [Page(**{f.attname: getattr(page, f.attname) for f in base_fields}) for page in pages]
    for batch in _chunks(rows):
        Page.objects.bulk_create(batch)
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.id = page.page_ptr_id = row.pk
    for concrete in [*reversed(model._meta.get_parent_list()), model]:
        if concrete is Page:
            continue
        fields = concrete._meta.local_concrete_fields
        for batch in _chunks(pages):
            concrete._base_manager._insert(batch, fields=fields)


def _tags(pages):
    """The in-memory tag links (``page.tags.add(tag, ...)`` with saved Tag objects)."""
    links = []
    for page in pages:
        relation = getattr(page, "tagged_items", None)
        if relation is not None:
            links.extend(relation.all())
    if links:
        type(links[0]).objects.bulk_create(links, batch_size=BATCH)


def _revisions(model, pages, user, now):
    content_type = ContentType.objects.get_for_model(model)
    base_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=base_type,
            object_id=str(page.pk),
            created_at=now,
            user=user,
            object_str=str(page),
            content=page.serializable_data(),
        )
        for page in pages
    ]
    Revision.objects.bulk_create(revisions, batch_size=BATCH)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.latest_revision_created_at = now
        page.has_unpublished_changes = not page.live
        if page.live:
            page.live_revision = revision
            page.first_published_at = page.last_published_at = now
    _update_pages(pages)
    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        group = uuid.uuid4()  # one request's entries share one, as in the admin
        actions = ["wagtail.create", "wagtail.edit"] + (["wagtail.publish"] if page.live else [])
        for action in actions:
            entries.append(
                PageLogEntry(
                    content_type=content_type,
                    page_id=page.pk,
                    label=page.get_admin_display_title(),
                    action=action,
                    data={},
                    timestamp=now,
                    uuid=group,
                    user=user,
                    revision=None if action == "wagtail.create" else revision,
                    content_changed=True,
                )
            )
    PageLogEntry.objects.bulk_create(entries, batch_size=BATCH)


def _update_pages(pages):
    """Point the page rows at their revisions: one prepared UPDATE run for every row
    (bulk_update's CASE expressions grow with the batch)."""
    names = (
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "live_revision",
        "first_published_at",
        "last_published_at",
    )
    fields = [Page._meta.get_field(name) for name in names]
    assignments = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
    sql = f"UPDATE {connection.ops.quote_name(Page._meta.db_table)} SET {assignments} WHERE id = %s"
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                [f.get_db_prep_save(getattr(page, f.attname), connection) for f in fields]
                + [page.pk]
                for page in pages
            ],
        )


def _references(pages):
    """Links and images the pages refer to, as ReferenceIndex.create_or_update_for_object
    records them for a new object (nothing to compare with), in one insert."""
    content_type = ContentType.objects.get_for_model(type(pages[0]))
    base_type = ContentType.objects.get_for_model(Page)
    ReferenceIndex.objects.bulk_create(
        [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_type,
                object_id=page.pk,
                to_content_type_id=to_type,
                to_object_id=to_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for page in pages
            for to_type, to_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(page)
            )
        ],
        batch_size=BATCH,
    )


@transaction.atomic
def add_pages(parent, pages, user=None, wagtail_search=True):
    """Add ``pages`` (unsaved instances of one specific model, ``live`` set as wanted, slugs
    unique among the parent's children) as the parent's last children.

    Returns the pages, saved. Search (the platform's index) and page caches are the caller's:
    reindex the parent's subtree once when all batches are in. A caller adding many small
    batches may pass ``wagtail_search=False`` and add Wagtail's search entries itself in large
    batches later: Wagtail's database backend rescans its whole table after every batch.
    """
    if not pages:
        return pages
    model = type(pages[0])
    if any(type(page) is not model for page in pages):
        raise ValueError("add_pages takes pages of one model per call.")
    now = timezone.now()
    _place(parent, pages, parent.locale if parent.locale_id else Locale.get_default())
    _insert_rows(model, pages)
    _tags(pages)
    _revisions(model, pages, user, now)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)
    _references(pages)
    if wagtail_search:
        get_search_backend().add_bulk(model, pages)
    return pages
