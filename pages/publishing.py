"""The one point every publication of a page passes, whatever route asked for it.

Wagtail publishes through an action that views, the admin API, workflows, the scheduler and
wagtail-localize each start their own way, some without a user or with permission checks
skipped, and some code makes a page live by saving it (aliases, copies). All of them end in
saving the page live with a new live revision, or in recording a revision's approval to go
live later. These are caught here, on every Page subclass (plugins' included) as Django saves
it, and handed to the gate that ``install`` names (schools.publishing); with no gate installed
every publication is refused, and the system check below fails.

Who acts is the gate's to find; code may declare it: ``acting_as`` for a block whose
publications are someone's (the platform's own provisioning and commands), ``action_by`` for
the user a publishing action was given (overrides.publish_actor), ``when_unattended`` for
publications nothing else accounts for (the tests' own set-up).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core import checks
from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision

# The platform operator's own code (provisioning, loading data): no person, every right.
PLATFORM = "platform"
PUBLISH, SCHEDULE = "publish", "schedule"

_declared = ContextVar("publishing_actor", default=None)
_unattended = ContextVar("unattended_publishing_actor", default=None)
_action = ContextVar("publishing_action_user", default=None)
_gate = None


class PublishRefused(PermissionDenied):
    """A publication the gate refused: a 403 for the view that asked, nothing saved."""


@contextmanager
def _setting(variable, actor):
    token = variable.set(actor)
    try:
        yield
    finally:
        variable.reset(token)


def acting_as(actor):
    """Publications inside the block are by ``actor``: a user, or PLATFORM."""
    return _setting(_declared, actor)


def when_unattended(actor):
    """Publications inside the block that no request or declaration accounts for are by
    ``actor``."""
    return _setting(_unattended, actor)


def action_by(user):
    """Publications inside the block belong to a publishing action given ``user`` (set by
    overrides.publish_actor around Wagtail's action)."""
    return _setting(_action, user)


def action_user():
    return _action.get()


def unattended_from_now(actor):
    """Name the actor of unattended publications for the rest of this thread: a benchmark's
    process, which builds its data as the operator's own loading does."""
    _unattended.set(actor)


def declared_actor():
    return _declared.get()


def unattended_actor():
    return _unattended.get()


def install(gate):
    """Name the gate: ``gate(page, revision, kind)`` raises PublishRefused to refuse."""
    global _gate
    _gate = gate


def _check(page, revision, kind):
    if _gate is None:
        raise PublishRefused(_("Publishing is switched off: no publishing gate is installed."))
    _gate(page, revision, kind)


def _goes_live(page, update_fields):
    """Whether this save makes the page live or gives it another live revision."""
    if not page.live:
        return False
    if update_fields is not None and not {"live", "live_revision", "live_revision_id"} & set(
        update_fields
    ):
        return False
    if page.pk is None:
        return True
    before = Page.objects.filter(pk=page.pk).values_list("live", "live_revision_id").first()
    return before is None or before != (True, page.live_revision_id)


# Page fields that are what visitors read, besides those of each page type's own table.
SHOWN_PAGE_FIELDS = {"title", "slug", "seo_title", "search_description"}


def _rewrites_live_content(page, update_fields):
    """Whether this whole-row save keeps the live revision but changes what visitors read:
    wagtail-localize writes a translation straight into a live edition's row before the
    publication it schedules on commit, so the row would show what no one published."""
    if update_fields is not None or page.pk is None or not page.live:
        return False
    model = type(page)
    stored = model.objects.filter(pk=page.pk).first()
    if stored is None:
        return False
    return any(
        field.get_prep_value(field.value_from_object(page))
        != field.get_prep_value(field.value_from_object(stored))
        for field in model._meta.concrete_fields
        if field.name in SHOWN_PAGE_FIELDS or (field.model is not Page and not field.primary_key)
    )


def on_page_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    if not _goes_live(instance, update_fields):
        if _rewrites_live_content(instance, update_fields):
            _check(instance, None, PUBLISH)  # no reviewed revision stands behind it
        return
    revision = instance.live_revision if instance.live_revision_id else None
    if revision is None and instance.alias_of_id:
        revision = Page.objects.get(pk=instance.alias_of_id).live_revision  # what it mirrors
    _check(instance, revision, PUBLISH)


def on_revision_save(sender, instance, update_fields=None, raw=False, **kwargs):
    """A revision approved to go live at a set time: the scheduler publishes it later without
    anyone acting, so the approval is the publication to check."""
    if raw or instance.approved_go_live_at is None or instance.pk is None:
        return
    if update_fields is not None and "approved_go_live_at" not in update_fields:
        return
    if Revision.objects.filter(pk=instance.pk, approved_go_live_at__isnull=False).exists():
        return
    page = instance.content_object
    if isinstance(page, Page):
        _check(page.specific, instance, SCHEDULE)


def connect():
    pre_save.connect(on_page_save, dispatch_uid="yxyp_publishing_gate_pages")
    pre_save.connect(
        on_revision_save, sender=Revision, dispatch_uid="yxyp_publishing_gate_revisions"
    )


def gate_installed(app_configs=None, **kwargs):
    """Without a gate nothing can be published: say so at start-up, not at the first publish."""
    if _gate is not None:
        return []
    return [
        checks.Error(
            "No publishing gate is installed: every publication of a page will be refused.",
            hint="Install one with pages.publishing.install() in an app's ready() "
            "(schools does, when it is in INSTALLED_APPS).",
            id="pages.E010",
        )
    ]
