"""What the pages app does when pages, view restrictions, shared settings and media change:
renews the generation tokens of what every process keeps (pages.generations: whole pages and
their kept parts) and drops the depths of view restrictions each process keeps (pages.visibility).
Connected in PagesConfig.ready(), with the handlers that keep a page's editions in other
languages in step with it (pages.editions)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from pages import editions, visibility
from pages.generations import invalidate_above, invalidate_everything
from pages.models import ActivityType, MourningPeriod, RegionPage, SchoolHomePage, TagName


def _invalidate_editions(page):
    """The page's school and portals, in every language it has: each edition links to the
    others in its language switcher, which a publication or withdrawal changes."""
    invalidate_above(page)
    editions = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    for edition in editions.only("path"):
        invalidate_above(edition)


def _on_published(sender, instance, **kwargs):
    if isinstance(instance, RegionPage):
        invalidate_everything()  # its name is in the breadcrumbs of every page below
    else:
        _invalidate_editions(instance)


def _on_page_gone(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _invalidate_editions(instance)


def _on_restriction(sender, instance, **kwargs):
    """A page made private (or public again) changes its school's listings and the portals
    above; a region's restriction changes every school below it."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    if SchoolHomePage.objects.containing(page).exists():
        invalidate_above(page)
    else:
        invalidate_everything()


def _on_moved(sender, **kwargs):
    invalidate_everything()


def _on_shared_change(sender, instance, **kwargs):
    if isinstance(
        instance,
        Site | BaseSiteSetting | BaseGenericSetting | ActivityType | MourningPeriod | TagName,
    ):
        invalidate_everything()


def _on_document_changed(sender, instance, created=False, **kwargs):
    """A document renamed, replaced or deleted: the pages that link to it (Wagtail's reference
    index records what each page's published content uses) show its new title and address."""
    if created:
        return
    page_ids = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(sender),
        to_object_id=str(instance.pk),
    ).values_list("object_id", flat=True)
    for page in Page.objects.filter(pk__in=[int(pk) for pk in page_ids]).only("path"):
        invalidate_above(page)


def _on_rendition_deleted(sender, instance, **kwargs):
    """Wagtail deletes a picture's renditions when its file is replaced or it is deleted: kept
    pages and parts that name those files would show broken pictures. Rare enough to renew
    everything rather than find the pages that show the picture."""
    invalidate_everything()


def connect():
    editions.connect()
    page_published.connect(_on_published, dispatch_uid="page_cache_published")
    page_unpublished.connect(_on_page_gone, dispatch_uid="page_cache_unpublished")
    post_delete.connect(_on_page_gone, dispatch_uid="page_cache_deleted")
    post_page_move.connect(_on_moved, dispatch_uid="page_cache_moved")
    for signal in (post_save, post_delete):
        signal.connect(
            _on_restriction,
            sender=PageViewRestriction,
            dispatch_uid=f"page_cache_restriction_{signal is post_save}",
        )
    for signal in (post_save, post_delete):
        signal.connect(
            _on_document_changed,
            sender=get_document_model(),
            dispatch_uid=f"page_cache_document_{signal is post_save}",
        )
    post_delete.connect(
        _on_rendition_deleted,
        sender=get_image_model().get_rendition_model(),
        dispatch_uid="page_cache_rendition_deleted",
    )
    for signal in (post_save, post_delete):
        signal.connect(_on_shared_change, dispatch_uid=f"page_cache_shared_{signal is post_save}")
        signal.connect(
            visibility.forget_restrictions,
            sender=PageViewRestriction,
            dispatch_uid=f"visibility_restrictions_{signal is post_save}",
        )
