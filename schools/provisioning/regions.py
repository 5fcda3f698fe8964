"""Regions: the province, its cities and counties, each with a media Collection and its
bureau's curator and account-manager Groups."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Collection, GroupCollectionPermission, Page, Site

from pages.models import RegionPage, canonical
from schools.models import BureauCollection
from schools.provisioning.common import (
    ProvisioningError,
    Result,
    as_the_platform,
    check_slug,
    permissions,
    publish,
)
from schools.roles import CURATOR, MANAGER

LEVEL_ORDER = [RegionPage.Level.PROVINCE, RegionPage.Level.CITY, RegionPage.Level.COUNTY]
# What the curators may do in their bureau's Collection: upload its files, edit them and
# choose them (a campaign's notice, a picture on the region's pages).
BUREAU_COLLECTION_PERMISSIONS = [
    f"{app}.{action}_{model}"
    for app, model in (("wagtaildocs", "document"), ("wagtailimages", "image"))
    for action in ("add", "change", "choose")
]


def find_region(path):
    """A region by slash-separated slugs below the province, e.g. ``nanjing/xuanwu``.

    An empty path is the province itself.
    """
    province = canonical(RegionPage.objects.filter(depth=2)).first()
    if province is None:
        raise ProvisioningError(_("No province exists yet: run provision_region first."))
    region = province
    for slug in [part for part in path.strip("/").split("/") if part]:
        region = RegionPage.objects.child_of(region).filter(slug=slug).first()
        if region is None:
            raise ProvisioningError(_("No region with the path “%(path)s”.") % {"path": path})
    return region


@transaction.atomic
@as_the_platform
def provision_region(name, slug, region_code, level, parent=None, bureau_name="", user=None):
    """Create a region (the province when ``parent`` is None) with its media Collection."""
    name, slug = name.strip(), slug.strip()
    if not name:
        raise ProvisioningError(_("A region needs a name."))
    check_slug(slug)
    if level not in LEVEL_ORDER:
        raise ProvisioningError(_("Unknown region level “%(level)s”.") % {"level": level})
    result_created = []
    region = canonical(RegionPage.objects.filter(region_code=region_code)).first()
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
    if ensure_region_collection(region):
        result_created.append("collection")
    with translation.override(settings.LANGUAGE_CODE):
        result_created += ensure_region_groups(region)
        result_created += ensure_bureau_collection(region)
    if result_created:
        log(region, "yxyp.provision", user=user, data={"created": result_created})
    return Result(region, result_created)


def _create_region(name, slug, region_code, level, parent, bureau_name, user):
    if parent is None:
        if canonical(RegionPage.objects.filter(depth=2)).exists():
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
    publish(region, user)
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


def ensure_region_collection(region):
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


def ensure_region_groups(region):
    """The region's curators (features, submissions) and managers (school accounts). Their
    powers come from these Groups through schools.roles, not from page permission rows: a
    bureau never edits a school's own pages."""
    created = []
    for role, label in ((CURATOR, _("curators")), (MANAGER, _("account managers"))):
        field_name = f"{role}_group"
        if getattr(region, field_name) is None:
            group, _new = Group.objects.get_or_create(
                name=f"{region.title}·{label}（{region.region_code}）"
            )
            setattr(region, field_name, group)
            RegionPage.objects.filter(pk=region.pk).update(**{field_name: group})
            created.append(field_name)
        getattr(region, field_name).permissions.add(*permissions(["wagtailadmin.access_admin"]))
    return created


def ensure_bureau_collection(region):
    """The bureau's own Collection below the region's (``BureauCollection``), its curators
    allowed to add, change and choose documents and images there, and nowhere below."""
    created = []
    bureau = BureauCollection.objects.filter(region=region).select_related("collection").first()
    if bureau is None:
        collection = region.collection.add_child(name=f"{region.title}·{_('Bureau files')}")
        bureau = BureauCollection.objects.create(region=region, collection=collection)
        created.append("bureau collection")
    for permission in permissions(BUREAU_COLLECTION_PERMISSIONS):
        _row, new = GroupCollectionPermission.objects.get_or_create(
            group=region.curator_group, collection=bureau.collection, permission=permission
        )
        if new:
            created.append(f"{CURATOR} {permission.codename}")
    return created
