"""Archiving: a school taken offline without losing anything, and brought back as it was."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from pages.models import SchoolHomePage
from schools.provisioning.common import Result, as_the_platform, publish


@transaction.atomic
def archive_school(school, user=None):
    """Take a school offline without losing anything: every live page is unpublished and its
    live revision remembered, so ``restore_school`` can bring exactly that state back."""
    if school.archived_at:
        return Result(school, [])
    own = Page.objects.descendant_of(school, inclusive=True)
    # Its pages' editions in other languages too (pages.editions unpublishes them with their
    # sources), so that a restore brings them back; aliases come and go with what they stand for.
    editions = Page.objects.filter(translation_key__in=own.values("translation_key")).exclude(
        pk__in=own.values("pk")
    )
    live_pages = (own | editions.filter(alias_of__isnull=True)).live().specific()
    remembered = {str(page.pk): page.live_revision_id for page in live_pages}
    for page in own.live().specific().order_by("-depth"):
        page.unpublish(user=user, log_action=True)
    for page in editions.live().filter(alias_of__isnull=True).specific():  # live on their own
        page.unpublish(user=user, log_action=True)
    SchoolHomePage.objects.filter(pk=school.pk).update(
        archived_at=timezone.now(), archived_live_revisions=remembered
    )
    school.refresh_from_db()
    log(school, "yxyp.archive", user=user, data={"pages": len(remembered)})
    return Result(school, [f"unpublished {len(remembered)} pages"])


@transaction.atomic
@as_the_platform
def restore_school(school, user=None):
    """Undo ``archive_school``: republish the revisions that were live when it was archived."""
    if not school.archived_at:
        return Result(school, [])
    remembered = school.archived_live_revisions
    revisions = Revision.objects.filter(pk__in=[r for r in remembered.values() if r])
    by_id = {revision.pk: revision for revision in revisions}
    pages = Page.objects.filter(pk__in=[int(pk) for pk in remembered])
    own = pages.descendant_of(school, inclusive=True)
    # The school's own pages first: an edition goes live only behind a live source.
    for page in [*own.order_by("depth"), *pages.exclude(pk__in=own.values("pk")).order_by("depth")]:
        revision = by_id.get(remembered[str(page.pk)])
        if revision is not None:
            revision.publish(user=user)
        else:
            publish(page.specific, user)
    SchoolHomePage.objects.filter(pk=school.pk).update(archived_at=None, archived_live_revisions={})
    school.refresh_from_db()
    log(school, "yxyp.restore", user=user, data={"pages": len(remembered)})
    return Result(school, [f"republished {len(remembered)} pages"])
