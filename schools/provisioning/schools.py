"""Schools: the Site, home page with brand and three index pages, media Collection, editor and
moderator Groups with permissions at the school's root only, and the moderation Workflow."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.log_actions import log
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from pages.models import (
    ActivityIndexPage,
    BrandPage,
    CaseIndexPage,
    ColumnIndexPage,
    SchoolHomePage,
    canonical,
)
from pages.models.schools import school_hostname
from schools.models import SchoolModerationTask
from schools.provisioning.common import (
    ProvisioningError,
    Result,
    as_the_platform,
    check_slug,
    permissions,
    publish,
)
from schools.provisioning.regions import ensure_region_collection
from schools.roles import EDITOR, MODERATOR, SCHOOL_ROLES

# Every school Group's: the admin, and translating the school's pages (wagtail-localize,
# which checks this one permission; the school boundary keeps it to the school's own pages).
SCHOOL_GROUP_PERMISSIONS = ("wagtailadmin.access_admin", "wagtail_localize.submit_translation")
PAGE_PERMISSIONS = {
    EDITOR: ("add_page", "change_page"),
    MODERATOR: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
COLLECTION_PERMISSIONS = {
    EDITOR: (
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ),
    MODERATOR: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
    ),
}

# The standard children of every school home page: (model, slug, title).
STANDARD_CHILDREN = (
    (BrandPage, "brand", gettext_noop("Party-building brand")),
    (ColumnIndexPage, "column", gettext_noop("Campus party-building column")),
    (ActivityIndexPage, "activities", gettext_noop("Activity reports")),
    (CaseIndexPage, "cases", gettext_noop("Exemplar cases")),
)


def find_school(slug):
    """The school whose Site is ``<slug>.<BASE_DOMAIN>``, or None."""
    return SchoolHomePage.objects.with_slug(slug).first()


@transaction.atomic
@as_the_platform
def provision_school(region, name, slug, user=None, **profile):
    """Create a school with every part it needs, or complete a partly provisioned one."""
    name, slug = name.strip(), slug.strip()
    if not name:
        raise ProvisioningError(_("A school needs a name."))
    check_slug(slug)
    unknown = set(profile) - {f.name for f in SchoolHomePage._meta.get_fields()}
    if unknown:
        raise ProvisioningError(
            _("Unknown school fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    created = []
    # A school is known by its Site; one whose Site was lost is still found under its region.
    school = find_school(slug) or SchoolHomePage.objects.child_of(region).filter(slug=slug).first()
    elsewhere = canonical(SchoolHomePage.objects.filter(slug=slug)).exclude(
        pk=getattr(school, "pk", None)
    )
    if school is not None and not school.is_descendant_of(region):
        elsewhere = [school]
    if elsewhere:
        raise ProvisioningError(
            _("The slug “%(slug)s” already belongs to “%(school)s” in another region.")
            % {"slug": slug, "school": elsewhere[0].title}
        )
    if school is None:
        school = _create_school(region, name, slug, user, profile)
        created.append("page")
    with translation.override(settings.LANGUAGE_CODE):
        for step in (
            _ensure_site,
            _ensure_children,
            _ensure_collection,
            _ensure_groups,
            _ensure_workflow,
        ):
            created += step(school, user)
    if created:
        log(school, "yxyp.provision", user=user, data={"created": created})
    return Result(school, created)


def _create_school(region, name, slug, user, profile):
    if region.get_children().filter(slug=slug).exists():
        raise ProvisioningError(
            _("The slug “%(slug)s” is already used under “%(region)s”.")
            % {"slug": slug, "region": region.title}
        )
    school = region.add_child(instance=SchoolHomePage(title=name, slug=slug, **profile))
    publish(school, user)
    return school


def _ensure_site(school, user):
    if Site.objects.filter(root_page=school).exists():
        return []
    Site.objects.create(
        hostname=school_hostname(school.slug),
        port=settings.SITE_PORT,
        root_page=school,
        site_name=school.title,
    )
    return ["site"]


def _ensure_children(school, user):
    existing = set(school.get_children().values_list("content_type__model", flat=True))
    created = []
    for model, slug, title in STANDARD_CHILDREN:
        if model._meta.model_name in existing:
            continue
        page = model(title=_(title), slug=slug, show_in_menus=True)
        if model is BrandPage:
            # The brand stays a draft until the school's moderator has written it.
            page.brand_name = school.title
            page.live = False
            school.add_child(instance=page)
            page.save_revision(user=user)
        else:
            school.add_child(instance=page)
            publish(page, user)
        created.append(model._meta.model_name)
    return created


def _ensure_collection(school, user):
    if school.collection_id:
        return []
    region = school.get_parent().specific
    ensure_region_collection(region)
    school.collection = region.collection.add_child(name=school.title)
    SchoolHomePage.objects.filter(pk=school.pk).update(collection=school.collection)
    return ["collection"]


def _group_name(school, role):
    label = _("editors") if role == EDITOR else _("moderators")
    return f"{school.title}·{label}（{school.slug}）"


def _ensure_groups(school, user):
    created = []
    for role in SCHOOL_ROLES:
        field_name = f"{role}_group"
        group = getattr(school, field_name)
        if group is None:
            group, _new = Group.objects.get_or_create(name=_group_name(school, role))
            setattr(school, field_name, group)
            SchoolHomePage.objects.filter(pk=school.pk).update(**{field_name: group})
            created.append(field_name)
        group.permissions.add(*permissions(SCHOOL_GROUP_PERMISSIONS))
        for permission in permissions(PAGE_PERMISSIONS[role]):
            _, new = GroupPagePermission.objects.get_or_create(
                group=group, page=school, permission=permission
            )
            if new:
                created.append(f"{role} {permission.codename}")
        for permission in permissions(COLLECTION_PERMISSIONS[role]):
            _, new = GroupCollectionPermission.objects.get_or_create(
                group=group, collection=school.collection, permission=permission
            )
            if new:
                created.append(f"{role} {permission.codename}")
    return created


def school_workflow():
    """The one workflow every school is assigned: approval by the school's own moderators."""
    task = SchoolModerationTask.objects.filter(active=True).first()
    if task is None:
        task = SchoolModerationTask.objects.create(name=_("School moderator approval"))
    workflow = Workflow.objects.filter(active=True, workflow_tasks__task=task).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=_("School review"))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def _ensure_workflow(school, user):
    """Assign the shared school workflow. A school provisioned before it existed had its own
    group approval workflow; it is switched over, and that workflow's tasks are retired once
    nothing is in moderation with them."""
    workflow = school_workflow()
    link = WorkflowPage.objects.filter(page=school).select_related("workflow").first()
    if link is not None and link.workflow_id == workflow.pk:
        return []
    if link is None:
        WorkflowPage.objects.create(workflow=workflow, page=school)
        return ["workflow"]
    previous, link.workflow = link.workflow, workflow
    link.save()
    if not previous.workflow_states.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists():
        Task.objects.filter(workflow_tasks__workflow=previous).update(active=False)
        Workflow.objects.filter(pk=previous.pk).update(active=False)
    return ["workflow"]
