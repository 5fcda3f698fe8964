"""Provisioning: the one way regions and schools come into being, and schools are archived.

The admin view, the management commands, CSV import and the demo all call these functions, so
every school has the same parts: its Site, home page with brand and three index pages, a media
Collection, editor and moderator Groups with permissions at the school's root only, and its
moderation Workflow. Every function runs in one transaction and is idempotent: it creates what
is missing and reports what it created, so running it again changes nothing.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
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
    RegionPage,
    SchoolHomePage,
    SchoolModerationTask,
)

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
LEVEL_ORDER = [RegionPage.Level.PROVINCE, RegionPage.Level.CITY, RegionPage.Level.COUNTY]

ROLE_EDITOR = "editor"
ROLE_MODERATOR = "moderator"
ROLE_CURATOR = "curator"
ROLE_MANAGER = "manager"
ROLES = (ROLE_EDITOR, ROLE_MODERATOR)
REGION_ROLES = (ROLE_CURATOR, ROLE_MANAGER)

PAGE_PERMISSIONS = {
    ROLE_EDITOR: ("add_page", "change_page"),
    ROLE_MODERATOR: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
COLLECTION_PERMISSIONS = {
    ROLE_EDITOR: (
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ),
    ROLE_MODERATOR: (
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


class ProvisioningError(Exception):
    """Bad input for provisioning; the message says what to change."""


@dataclass
class Result:
    """What a provisioning call found or made; ``created`` is empty when nothing changed."""

    page: Page
    created: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(self.created)


def school_hostname(slug):
    return f"{slug}.{settings.SITE_HOSTNAME}"


def find_school(slug):
    """The school whose Site is ``<slug>.<BASE_DOMAIN>``, or None."""
    site = Site.objects.filter(hostname=school_hostname(slug)).first()
    if site is None:
        return None
    return SchoolHomePage.objects.filter(pk=site.root_page_id).first()


def find_region(path):
    """A region by slash-separated slugs below the province, e.g. ``nanjing/xuanwu``.

    An empty path is the province itself.
    """
    province = RegionPage.objects.filter(depth=2).first()
    if province is None:
        raise ProvisioningError(_("No province exists yet: run provision_region first."))
    region = province
    for slug in [part for part in path.strip("/").split("/") if part]:
        region = RegionPage.objects.child_of(region).filter(slug=slug).first()
        if region is None:
            raise ProvisioningError(_("No region with the path “%(path)s”.") % {"path": path})
    return region


def _publish(page, user=None):
    page.save_revision(user=user, log_action=True).publish(user=user)


def _permissions(names):
    """Permission objects for "app_label.codename" names (or bare Wagtail page codenames)."""
    wanted = [name.partition(".")[::2] if "." in name else ("wagtailcore", name) for name in names]
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(codename__in=[c for _, c in wanted]).select_related(
            "content_type"
        )
    }
    missing = [f"{a}.{c}" for a, c in wanted if (a, c) not in found]
    if missing:
        raise ProvisioningError(
            _("Permissions are missing (%(names)s): run “manage.py migrate” first.")
            % {"names": ", ".join(missing)}
        )
    return [found[key] for key in wanted]


# Regions


@transaction.atomic
def provision_region(name, slug, region_code, level, parent=None, bureau_name="", user=None):
    """Create a region (the province when ``parent`` is None) with its media Collection."""
    name, slug = name.strip(), slug.strip()
    if not name:
        raise ProvisioningError(_("A region needs a name."))
    if not SLUG_RE.match(slug):
        raise ProvisioningError(
            _("“%(slug)s” is not a valid slug: use lower-case letters, digits and hyphens.")
            % {"slug": slug}
        )
    if level not in LEVEL_ORDER:
        raise ProvisioningError(_("Unknown region level “%(level)s”.") % {"level": level})
    result_created = []
    region = RegionPage.objects.filter(region_code=region_code).first()
    if region is None:
        region = _create_region(name, slug, region_code, level, parent, bureau_name, user)
        result_created.append("page")
    elif parent is not None and not region.is_child_of(parent):
        raise ProvisioningError(
            _("Region code %(code)s already belongs to “%(name)s” elsewhere in the tree.")
            % {"code": region_code, "name": region.title}
        )
    if parent is None and _ensure_portal_site(region):
        result_created.append("site")
    if _ensure_region_collection(region):
        result_created.append("collection")
    with translation.override(settings.LANGUAGE_CODE):
        result_created += _ensure_region_groups(region)
    return Result(region, result_created)


def _create_region(name, slug, region_code, level, parent, bureau_name, user):
    if parent is None:
        if RegionPage.objects.filter(depth=2).exists():
            raise ProvisioningError(
                _("A province already exists; give the new region a parent region.")
            )
        if level != RegionPage.Level.PROVINCE:
            raise ProvisioningError(_("The top-level region must be a province."))
        parent_page = Page.get_first_root_node()
    else:
        if LEVEL_ORDER.index(level) <= LEVEL_ORDER.index(parent.level):
            raise ProvisioningError(
                _("A %(level)s cannot be placed under a %(parent)s.")
                % {"level": level, "parent": parent.level}
            )
        parent_page = parent
    if parent_page.get_children().filter(slug=slug).exists():
        raise ProvisioningError(
            _("The slug “%(slug)s” is already used under “%(parent)s”.")
            % {"slug": slug, "parent": parent_page.title}
        )
    region = parent_page.add_child(
        instance=RegionPage(
            title=name, slug=slug, region_code=region_code, level=level, bureau_name=bureau_name
        )
    )
    _publish(region, user)
    return region


def _ensure_portal_site(province):
    """Point the default Site at the province, replacing Wagtail's stock welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    wanted = {"hostname": settings.SITE_HOSTNAME, "port": settings.SITE_PORT}
    if site is None:
        Site.objects.create(
            root_page=province, is_default_site=True, site_name=province.title, **wanted
        )
        return True
    if site.root_page_id == province.pk and all(getattr(site, k) == v for k, v in wanted.items()):
        return False
    previous_root = site.root_page
    site.root_page = province
    site.site_name = province.title
    site.hostname, site.port = wanted["hostname"], wanted["port"]
    site.save()
    is_stock_welcome_page = (
        previous_root.specific_class is Page
        and previous_root.depth == 2
        and not previous_root.get_children().exists()
    )
    if is_stock_welcome_page:
        previous_root.delete()
    return True


def _ensure_region_collection(region):
    if region.collection_id:
        return False
    parent = region.get_parent().specific
    parent_collection = (
        parent.collection if isinstance(parent, RegionPage) and parent.collection else None
    )
    if parent_collection is None:
        parent_collection = Collection.get_first_root_node()
    region.collection = parent_collection.add_child(name=region.title)
    RegionPage.objects.filter(pk=region.pk).update(collection=region.collection)
    return True


def _ensure_region_groups(region):
    """The region's curators (features, submissions) and managers (school accounts). Their
    powers come from these Groups through pages.roles, not from page permission rows: a
    bureau never edits a school's own pages."""
    created = []
    for role, label in ((ROLE_CURATOR, _("curators")), (ROLE_MANAGER, _("account managers"))):
        field_name = f"{role}_group"
        if getattr(region, field_name) is None:
            group, _new = Group.objects.get_or_create(
                name=f"{region.title}·{label}（{region.region_code}）"
            )
            setattr(region, field_name, group)
            RegionPage.objects.filter(pk=region.pk).update(**{field_name: group})
            created.append(field_name)
        getattr(region, field_name).permissions.add(*_permissions(["wagtailadmin.access_admin"]))
    return created


# Schools


@transaction.atomic
def provision_school(region, name, slug, user=None, **profile):
    """Create a school with every part it needs, or complete a partly provisioned one."""
    name, slug = name.strip(), slug.strip()
    if not name:
        raise ProvisioningError(_("A school needs a name."))
    if not SLUG_RE.match(slug):
        raise ProvisioningError(
            _("“%(slug)s” is not a valid slug: use lower-case letters, digits and hyphens.")
            % {"slug": slug}
        )
    unknown = set(profile) - {f.name for f in SchoolHomePage._meta.get_fields()}
    if unknown:
        raise ProvisioningError(
            _("Unknown school fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    created = []
    # A school is known by its Site; one whose Site was lost is still found under its region.
    school = find_school(slug) or SchoolHomePage.objects.child_of(region).filter(slug=slug).first()
    elsewhere = SchoolHomePage.objects.filter(slug=slug).exclude(pk=getattr(school, "pk", None))
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
    return Result(school, created)


def _create_school(region, name, slug, user, profile):
    if region.get_children().filter(slug=slug).exists():
        raise ProvisioningError(
            _("The slug “%(slug)s” is already used under “%(region)s”.")
            % {"slug": slug, "region": region.title}
        )
    school = region.add_child(instance=SchoolHomePage(title=name, slug=slug, **profile))
    _publish(school, user)
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
            _publish(page, user)
        created.append(model._meta.model_name)
    return created


def _ensure_collection(school, user):
    if school.collection_id:
        return []
    region = school.get_parent().specific
    _ensure_region_collection(region)
    school.collection = region.collection.add_child(name=school.title)
    SchoolHomePage.objects.filter(pk=school.pk).update(collection=school.collection)
    return ["collection"]


def _group_name(school, role):
    label = _("editors") if role == ROLE_EDITOR else _("moderators")
    return f"{school.title}·{label}（{school.slug}）"


def _ensure_groups(school, user):
    created = []
    for role in ROLES:
        field_name = f"{role}_group"
        group = getattr(school, field_name)
        if group is None:
            group, _new = Group.objects.get_or_create(name=_group_name(school, role))
            setattr(school, field_name, group)
            SchoolHomePage.objects.filter(pk=school.pk).update(**{field_name: group})
            created.append(field_name)
        group.permissions.add(*_permissions(["wagtailadmin.access_admin"]))
        for permission in _permissions(PAGE_PERMISSIONS[role]):
            _, new = GroupPagePermission.objects.get_or_create(
                group=group, page=school, permission=permission
            )
            if new:
                created.append(f"{role} {permission.codename}")
        for permission in _permissions(COLLECTION_PERMISSIONS[role]):
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


# People


def add_school_user(school, user, role):
    """Make ``user`` an editor or moderator of ``school``; returns False if they already were."""
    if role not in ROLES:
        raise ProvisioningError(
            _("Unknown role “%(role)s”: choose editor or moderator.") % {"role": role}
        )
    group = getattr(school, f"{role}_group")
    if group is None:
        raise ProvisioningError(
            _("“%(school)s” is not fully provisioned: run provision_school for it again.")
            % {"school": school.title}
        )
    return _join(user, group)


def add_region_user(region, user, role):
    """Make ``user`` a curator or account manager of ``region``."""
    if role not in REGION_ROLES:
        raise ProvisioningError(
            _("Unknown role “%(role)s”: choose curator or manager.") % {"role": role}
        )
    if getattr(region, f"{role}_group") is None:
        with translation.override(settings.LANGUAGE_CODE):
            _ensure_region_groups(region)
    return _join(user, getattr(region, f"{role}_group"))


def _join(user, group):
    """Put ``user`` in ``group``; False if they already were."""
    if user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.add(group)
    return True


# Archiving


@transaction.atomic
def archive_school(school, user=None):
    """Take a school offline without losing anything: every live page is unpublished and its
    live revision remembered, so ``restore_school`` can bring exactly that state back."""
    if school.archived_at:
        return Result(school, [])
    live_pages = Page.objects.descendant_of(school, inclusive=True).live().specific()
    remembered = {str(page.pk): page.live_revision_id for page in live_pages}
    for page in live_pages.order_by("-depth"):
        page.unpublish(user=user, log_action=True)
    SchoolHomePage.objects.filter(pk=school.pk).update(
        archived_at=timezone.now(), archived_live_revisions=remembered
    )
    school.refresh_from_db()
    return Result(school, [f"unpublished {len(remembered)} pages"])


@transaction.atomic
def restore_school(school, user=None):
    """Undo ``archive_school``: republish the revisions that were live when it was archived."""
    if not school.archived_at:
        return Result(school, [])
    remembered = school.archived_live_revisions
    revisions = Revision.objects.filter(pk__in=[r for r in remembered.values() if r])
    by_id = {revision.pk: revision for revision in revisions}
    pages = Page.objects.filter(pk__in=[int(pk) for pk in remembered]).order_by("depth")
    for page in pages:
        revision = by_id.get(remembered[str(page.pk)])
        if revision is not None:
            revision.publish(user=user)
        else:
            _publish(page.specific, user)
    SchoolHomePage.objects.filter(pk=school.pk).update(archived_at=None, archived_live_revisions={})
    school.refresh_from_db()
    return Result(school, [f"republished {len(remembered)} pages"])
