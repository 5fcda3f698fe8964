"""Signal handlers that queue index updates; connected in SearchConfig.ready()."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from pages.models import RegionPage
from search.engines.base import forget_school_paths
from search.indexing import index_changed, mirror_after_commit
from search.models import SearchDocument
from search.tasks import reindex_subtree_task


def _reindex(page_id):
    reindex_subtree_task.enqueue(page_id)


def on_published(sender, instance, revision=None, **kwargs):
    if isinstance(instance, RegionPage):
        # Region names are part of every document below; only a new name needs the subtree.
        previous = None
        if revision is not None:
            previous = (
                revision.__class__.objects.filter(
                    base_content_type_id=revision.base_content_type_id,
                    object_id=revision.object_id,
                    pk__lt=revision.pk,
                )
                .order_by("-pk")
                .first()
            )
        if previous is not None and previous.content.get("title") == instance.title:
            return
    _reindex(instance.pk)


def on_unpublished(sender, instance, **kwargs):
    """Only the page's own document goes: pages below stay live and findable. Not a reindex,
    because Wagtail also sends this just before it deletes a page, while the row is still
    live: a reindex then wrote the page's facet values again, under the delete's feet."""
    SearchDocument.objects.filter(page_id=instance.pk).delete()
    index_changed()


def on_moved(sender, instance, **kwargs):
    forget_school_paths()
    _reindex(instance.pk)


def on_restriction_changed(sender, instance, **kwargs):
    _reindex(instance.page_id)


def on_document_deleted(sender, instance, **kwargs):
    """Documents go when their page is deleted (a cascade) or stops being searchable."""
    mirror_after_commit([instance.page_id])


def connect():
    page_published.connect(on_published, dispatch_uid="search_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="search_moved")
    post_delete.connect(on_document_deleted, sender=SearchDocument, dispatch_uid="search_doc")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search_restriction_{signal is post_save}",
        )
