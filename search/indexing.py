"""Keeping the search index in step with the page tree.

A page is indexed when it is live, public (no view restriction on it or above it) and of a
searchable type; everything else is removed. Work is done per subtree, because publishing a
school's home page (its name) or restricting a region changes every document below it.

The SearchDocument table is the truth. A search cluster mirrors it only after the transaction
that changed it commits: a rolled-back publish must not leave a document a visitor can find,
and the cluster cannot take part in the database's transaction.
"""

import threading

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Locale, Page, PageViewRestriction

from analysis import head_tokens, index_tokens, to_simplified
from pages.invalidation import bump, now_and_after_commit
from pages.models import SchoolHomePage
from pages.text import page_text, plain_text
from search import facets
from search.engines import remote_engine
from search.models import FacetValue, SearchDocument

TEXT_LIMIT = 20_000


def kind_of(page):
    return getattr(page, "search_kind", None)


def build_document(page, ancestors, school_type_id, language=settings.LANGUAGE_CODE):
    """An unsaved SearchDocument for a specific page in ``language``, given its ancestors
    (root first) as light pages with ``title``, ``depth`` and ``content_type_id``."""
    if page.content_type_id == school_type_id:
        school = page
    else:
        school = next((a for a in reversed(ancestors) if a.content_type_id == school_type_id), None)
    places = " ".join(a.title for a in ancestors if a.depth > 1)
    own_text = page_text(page)
    tags = sorted({tag.name for tag in page.tags.all()}) if hasattr(page, "tags") else []
    date = getattr(page, "date", None)
    summary = getattr(page, "summary", "") or ""
    text = to_simplified(plain_text(getattr(page, "body", None)) or own_text)[:TEXT_LIMIT]
    document = SearchDocument(
        page_id=page.pk,
        path=page.path,
        language=language,
        kind=kind_of(page),
        school_id=school.pk if school is not None else None,
        activity_type_id=getattr(page, "activity_type_id", None),
        date=date,
        year=getattr(page, "year", None) or (date.year if date else None),
        title=page.title,
        summary=summary,
        text=text,
        tokens=index_tokens(
            "\n".join([page.title, summary, own_text, " ".join(tags), places]), language
        ),
        head_tokens=head_tokens("\n".join([page.title, " ".join(tags)]), language),
    )
    document.tag_names = tags
    document.keys = (page.translation_key, getattr(school, "translation_key", None))
    return document


def _as_chinese_pages(documents, default_locale_id):
    """Give documents of other languages' editions the path and school of their Chinese pages
    (scopes and facets are the Chinese tree's), found by translation key in one query; an
    edition with no Chinese page keeps its own."""
    chinese = Page.objects.filter(
        locale_id=default_locale_id,
        translation_key__in={key for d in documents for key in d.keys if key is not None},
    )
    by_key = {
        key: (pk, path) for key, pk, path in chinese.values_list("translation_key", "pk", "path")
    }
    for document in documents:
        page_key, school_key = document.keys
        if page_key in by_key:
            document.path = by_key[page_key][1]
        if school_key in by_key:
            document.school_id = by_key[school_key][0]


def _restricted_paths():
    return set(PageViewRestriction.objects.values_list("page__path", flat=True))


def _is_restricted(page, restricted_paths):
    """True when the page or an ancestor (a prefix of its path) is restricted: as many set
    lookups as the page is deep, whatever the number of restricted pages."""
    return any(
        page.path[: Page.steplen * depth] in restricted_paths for depth in range(1, page.depth + 1)
    )


def searchable_models():
    """Page types that declare a ``search_kind`` (the core's and plugins' alike): the public
    search indexes their live public pages and shows them as that kind."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and getattr(model, "search_kind", None)
    ]


def _attach_facet_values(pages, documents):
    """Values of the registered label facets, asked for once per batch of pages."""
    values = {}
    for facet in facets.registered():
        for page_id, names in facet.values(pages).items():
            values.setdefault(page_id, []).extend((facet.name, str(name)[:100]) for name in names)
    for document in documents:
        document.facet_values = sorted(set(values.get(document.page_id, [])))


def _labels_of(document):
    """(facet, value) pairs a document is counted under: its tags (facet empty), then its
    plugin facet values; one line each, as FacetValue and ``labels`` keep them."""
    pairs = [("", tag) for tag in document.tag_names] + document.facet_values
    return [(facet, name.replace("\n", " ")[:100]) for facet, name in pairs]


def labels_text(pairs):
    """``SearchDocument.labels`` for (facet, value) pairs: 'facet|value' a line."""
    return "\n".join(f"{facet}|{name}" for facet, name in pairs)


INDEX_TOKEN = "search-index"


def index_changed():
    """Searches kept in the cache (search.service) are answered afresh in every process: after
    each change to the documents, and again once it commits."""
    now_and_after_commit(lambda: bump(INDEX_TOKEN))


def _save(pages, documents, default_locale_id):
    if not documents:
        return 0
    editions = [d for d in documents if d.language != settings.LANGUAGE_CODE]
    if editions:
        _as_chinese_pages(editions, default_locale_id)
    _attach_facet_values(pages, documents)
    labelled = [(document, _labels_of(document)) for document in documents]
    for document, labels in labelled:
        document.labels = labels_text(labels)
    ids = [document.page_id for document in documents]
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["page"],
        update_fields=[f.name for f in SearchDocument._meta.concrete_fields if not f.primary_key],
    )
    FacetValue.objects.filter(document_id__in=ids).delete()
    FacetValue.objects.bulk_create(
        FacetValue(document_id=document.page_id, facet=facet, name=name)
        for document, labels in labelled
        for facet, name in labels
    )
    mirror_after_commit(ids)
    index_changed()
    return len(documents)


_pending = threading.local()


def mirror_after_commit(page_ids):
    """Have the cluster copy these pages' rows (or drop them, if gone) once the current
    transaction commits; at once outside one. Ids of a rolled-back transaction stay pending
    and are mirrored with the next commit, which is harmless: the copy is read from the table.
    Every call registers the flush (the first to run empties the pending set, the others find
    it empty), so a rolled-back registration never leaves ids waiting."""
    if remote_engine() is None:
        return
    if getattr(_pending, "ids", None) is None:
        _pending.ids = set()
    _pending.ids.update(page_ids)
    transaction.on_commit(_mirror_pending, robust=True)


def _mirror_pending(batch_size=500):
    ids, _pending.ids = sorted(getattr(_pending, "ids", None) or ()), set()
    if not ids:
        return
    remote = remote_engine()
    if remote is None:
        return
    fields = ("page_id", "path", "language", "kind", "school_id", "activity_type_id", "date")
    fields += ("year",)
    fields += ("tokens", "head_tokens", "labels")
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        documents = list(SearchDocument.objects.filter(page_id__in=chunk).only(*fields))
        remote.index_documents(documents)
        remote.delete_documents(sorted(set(chunk) - {d.page_id for d in documents}))
    bump(INDEX_TOKEN)  # the cluster's copy changed, after the commit that changed the table


@transaction.atomic
def reindex_subtree(page_id, batch_size=500):
    """Bring the index in step for a page and everything below it; returns documents kept.

    Queries are per page type and per batch, never per page: ancestors are looked up in one
    map of the subtree's titles built up front.
    """
    root = Page.objects.filter(pk=page_id).first()
    if root is None:
        SearchDocument.objects.filter(page_id=page_id).delete()
        index_changed()
        return 0
    school_type_id = ContentType.objects.get_for_model(SchoolHomePage).pk
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    default_locale_id = Locale.get_default().pk
    restricted = _restricted_paths()
    light = ("path", "depth", "title", "content_type_id", "translation_key")
    outside = list(root.get_ancestors().only(*light))
    inside = {
        page.path: page
        for page in Page.objects.descendant_of(root, inclusive=True).only(*light).iterator()
    }

    def ancestors_of(page):
        steps = range(root.depth, page.depth)
        return outside + [inside[page.path[: Page.steplen * d]] for d in steps]

    # By page (an edition's document holds its Chinese page's path, outside this subtree).
    page_ids = [page.pk for page in inside.values()]
    existing = set()
    for start in range(0, len(page_ids), batch_size):
        existing |= set(
            SearchDocument.objects.filter(
                page_id__in=page_ids[start : start + batch_size]
            ).values_list("page_id", flat=True)
        )
    kept = []
    for model in searchable_models():
        queryset = model.objects.descendant_of(root, inclusive=True).live().order_by("path")
        if hasattr(model, "tags"):
            queryset = queryset.prefetch_related("tags")
        pages, batch = [], []
        for page in queryset.iterator(chunk_size=batch_size):
            if _is_restricted(page, restricted):
                continue
            pages.append(page)
            language = languages.get(page.locale_id, settings.LANGUAGE_CODE)
            batch.append(build_document(page, ancestors_of(page), school_type_id, language))
            if len(batch) >= batch_size:
                _save(pages, batch, default_locale_id)
                kept += [d.page_id for d in batch]
                pages, batch = [], []
        _save(pages, batch, default_locale_id)
        kept += [d.page_id for d in batch]
    stale = sorted(existing - set(kept))
    for start in range(0, len(stale), batch_size):
        SearchDocument.objects.filter(page_id__in=stale[start : start + batch_size]).delete()
    if stale:
        index_changed()
    return len(kept)
