"""Who may publish a school's page, in any language: the rule behind pages.publishing's gate.

A page inside a school (or inside its English edition, which shares its Groups and review) is
published by the school's moderators, or by a platform admin where the school's review has
passed: the revision was approved through the school's workflow, or was published before
(republishing what was live). No one publishes in an archived school but the platform's own
restore. Without a person acting (the scheduler, a command) only such an approved revision goes
live, or one a permitted person scheduled. Pages outside every school (the region portals) keep
Wagtail's own permissions, and their aliases (the portals' editions that translating a school's
page makes) follow their live source.

Who acts is the actor declared with ``acting_as``, else the user the publishing action was
given, else the signed-in user of the current request (schools.isolation keeps it), else the
one named ``when_unattended``, else no one.
"""

from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry, WorkflowState

from pages import publishing
from pages.models import SchoolHomePage
from schools import roles
from schools.isolation import current_viewer

PUBLISHED = ("wagtail.publish", "wagtail.publish.scheduled")


def actor():
    """Who publishes now: a user, PLATFORM, or None (no one: the scheduler, a command)."""
    for found in (
        publishing.declared_actor,
        publishing.action_user,
        current_viewer.get,
        publishing.unattended_actor,
    ):
        if (who := found()) is not None:
            return who
    return None


def reviewed(page):
    """Whether the school's review applies to the page (a workflow is assigned above it)."""
    return page.get_workflow() is not None


def approved(revision, kind):
    """Whether the revision passed review: approved through the workflow, published before,
    or (when it now goes live) scheduled by someone who might."""
    if revision is None or revision.pk is None:
        return False
    if kind == publishing.PUBLISH and revision.approved_go_live_at is not None:
        return True
    finished = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_APPROVED, current_task_state__revision=revision
    )
    return (
        finished.exists()
        or PageLogEntry.objects.filter(revision=revision, action__in=PUBLISHED).exists()
    )


def archived(school):
    """Whether the school (of either language: archiving marks its Chinese home page) is
    archived: its staff keep their Groups, so only the platform's restore brings it back."""
    return SchoolHomePage.objects.filter(
        translation_key=school.translation_key, archived_at__isnull=False
    ).exists()


def may_publish(user, page, revision, kind=publishing.PUBLISH):
    if user == publishing.PLATFORM:
        return True
    school = SchoolHomePage.objects.containing(page).first()
    if school is None:
        # Wagtail's rules, as before the gate: and whoever translates a school's first page
        # gets the regions above it in the other language as aliases of the live portals.
        if user is None or (page.alias_of_id and revision is not None):
            return True
        return user.is_active and page.permissions_for_user(user).can_publish()
    if archived(school):
        return False
    if user is None:
        return approved(revision, kind)
    if not (user.is_authenticated and user.is_active):
        return False
    if roles.works_for_school_of(user, page, (roles.MODERATOR,)):
        return True
    return user.is_superuser and (not reviewed(page) or approved(revision, kind))


def gate(page, revision, kind):
    if may_publish(actor(), page, revision, kind):
        return
    school = SchoolHomePage.objects.containing(page).first()
    if school is not None and archived(school):
        message = _(
            "“%(title)s” was not published: its school is archived, and only the platform "
            "brings it back."
        )
    else:
        message = _(
            "“%(title)s” was not published: its school's moderators publish it, others "
            "only what the school's review approved."
        )
    raise publishing.PublishRefused(message % {"title": page.title})


def install():
    publishing.install(gate)
