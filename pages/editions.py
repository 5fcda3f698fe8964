"""Translations follow their source: a page's editions in other languages (same
``translation_key``, another locale; the source is the page in the platform's language) are
unpublished with it, carry its view restriction, go when it is deleted and are never live
while it is not.

Kept in step as the source changes, rather than derived when a visitor reads: every public
route reads a page's own ``live`` flag and view restrictions (Wagtail's router and serve hook,
its API's ``.live().public()``, the document serve hook, feeds, sitemaps, short links, the
search index, the page cache through its invalidation signals), many of them Wagtail's code;
a derived rule would have to be patched into each, and missed in the next one. The handlers
below sit on the signals every route of change ends in (Wagtail's unpublish action, which the
admin, bulk actions, the scheduler, deletion and the archive service all use; the restriction
model's own saves and deletes), so each reader stays right without knowing of editions. The
system check ``pages.W030`` reports any drift (rows from before, a raw update) and
``follow_sources`` repairs it.

Publishing the source again leaves its editions unpublished: each went public through its
own review, and comes back the same way (or with the school, ``restore_school``), never by
a side effect of the Chinese page.
"""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.actions.delete_page import DeletePageAction
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished


def _in_source_language():
    return Locale.objects.filter(language_code=settings.LANGUAGE_CODE)


def editions_of(page):
    """The page's editions in other languages when it is a source; none otherwise (an
    edition's editions would be its source and its siblings)."""
    return (
        Page.objects.filter(translation_key=page.translation_key)
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .filter(Exists(_in_source_language().filter(pk=page.locale_id)))
    )


def source_of(page):
    """The page's source when it is an edition with one; None otherwise."""
    if _in_source_language().filter(pk=page.locale_id).exists():
        return None
    return (
        Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .only("live", "locale_id", "translation_key")
        .first()
    )


def copy_restriction(source):
    """Give each edition of ``source`` a copy of its view restriction (type, password, groups),
    or none when it has none."""
    restriction = PageViewRestriction.objects.filter(page=source).first()
    for edition in editions_of(source):
        own = list(PageViewRestriction.objects.filter(page=edition))
        kept = own[:1] if restriction is not None else []
        for stale in own[len(kept) :]:
            stale.delete()  # one by one: the signals of each (search, page cache) fire
        if restriction is None:
            continue
        copy = kept[0] if kept else PageViewRestriction(page=edition)
        wanted = (restriction.restriction_type, restriction.password)
        groups = set(restriction.groups.values_list("pk", flat=True))
        if copy.pk is None or (copy.restriction_type, copy.password) != wanted:
            copy.restriction_type, copy.password = wanted
            copy.save()
        if set(copy.groups.values_list("pk", flat=True)) != groups:
            copy.groups.set(groups)


def _restriction_changed(sender, instance, **kwargs):
    source = Page.objects.filter(pk=instance.page_id).only("translation_key", "locale_id").first()
    if source is not None:
        copy_restriction(source)


def _restriction_groups_changed(sender, instance, action, reverse, **kwargs):
    if action.startswith("post_") and not reverse:
        _restriction_changed(sender, instance)


def _source_unpublished(sender, instance, **kwargs):
    """The source unpublished (by hand, with its parent, on expiry, before deletion, with its
    school): its editions too. Aliases follow the edition they stand for (Wagtail)."""
    for edition in editions_of(instance).live().filter(alias_of__isnull=True).specific():
        edition.unpublish(log_action=True)


def _edition_published(sender, instance, **kwargs):
    """An edition goes live only behind a live source, and with its source's restriction."""
    source = source_of(instance)
    if source is None:
        return
    if not source.live:
        instance.unpublish(log_action=True)
    elif PageViewRestriction.objects.filter(page=source).exists():
        copy_restriction(source)


def _source_deleted(sender, instance, **kwargs):
    """The source deleted (with its subtree or alone): its editions with it, as Wagtail's
    delete view does with ``simple_translation``, whatever route deleted it."""
    if isinstance(instance, Page):
        for edition in editions_of(instance).specific():
            DeletePageAction(edition).execute(skip_permission_checks=True)


def connect():
    page_unpublished.connect(_source_unpublished, dispatch_uid="editions_unpublished")
    page_published.connect(_edition_published, dispatch_uid="editions_published")
    post_delete.connect(_source_deleted, dispatch_uid="editions_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"editions_restriction_{signal is post_save}",
        )
    m2m_changed.connect(
        _restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="editions_restriction_groups",
    )


def drifted():
    """Editions public where their source is not: live behind a source that is not, or without
    the restriction their source has."""
    sources = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=settings.LANGUAGE_CODE
    )
    restricted = PageViewRestriction.objects.values("page_id")
    editions = Page.objects.live().exclude(locale__language_code=settings.LANGUAGE_CODE)
    return editions.filter(
        Exists(sources.filter(live=False))
        | (Exists(sources.filter(pk__in=restricted)) & ~Q(pk__in=restricted))
    )


def follow_sources():
    """Bring every drifted edition in step with its source (data from before these rules)."""
    for edition in drifted().specific():
        source = source_of(edition)
        if source.live:
            copy_restriction(source)
        else:
            edition.unpublish(log_action=True)


@checks.register()
def editions_follow_sources(**kwargs):
    """A warning, not an error: a database from before these rules must still migrate."""
    try:
        pks = list(drifted().order_by("pk").values_list("pk", flat=True)[:20])
    except DatabaseError:  # before migrate: no pages to compare yet
        return []
    if not pks:
        return []
    return [
        checks.Warning(
            f"Editions in another language are public while their source page is not: {pks}.",
            hint="Run pages.editions.follow_sources() (manage.py shell) to bring them in step.",
            id="pages.W030",
        )
    ]
