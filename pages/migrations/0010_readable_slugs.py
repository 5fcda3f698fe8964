"""Existing school pages with Chinese slugs get the readable pinyin slugs new pages get
(pages.slugs), and every old address keeps working: a permanent redirect on each Site the
page was reachable on (the school's own and the portal), as Wagtail itself creates when a slug
is changed in the admin. The page's revisions learn the new slug too, so publishing a draft
made before this migration does not bring the old address back."""

from django.db import migrations

from pages.slugs import readable_slug

SCHOOL_PAGE_TYPES = (
    "schoolhomepage",
    "brandpage",
    "columnindexpage",
    "columnpostpage",
    "activityindexpage",
    "activityreportpage",
    "caseindexpage",
    "exemplarcasepage",
)


def _unique(slug, taken):
    candidate, suffix = slug, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{slug}-{suffix}"
    taken.add(candidate)
    return candidate


def pinyin_slugs(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    Site = apps.get_model("wagtailcore", "Site")
    Redirect = apps.get_model("wagtailredirects", "Redirect")
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.filter(app_label="pages", model__in=SCHOOL_PAGE_TYPES)
    sites = [(site, site.root_page.url_path, site.root_page.path) for site in Site.objects.all()]
    # Parents before children, so a child's new address is built on its parent's new one.
    for page in Page.objects.filter(content_type__in=types).order_by("path").iterator():
        if page.slug.isascii():
            continue
        page = Page.objects.get(pk=page.pk)  # its url_path may have changed with a parent
        parent_path = page.path[: -4]
        parent = Page.objects.get(path=parent_path)
        siblings = Page.objects.filter(path__startswith=parent_path, depth=page.depth)
        taken = set(siblings.exclude(pk=page.pk).values_list("slug", flat=True))
        slug = _unique(readable_slug(page.slug), taken)
        old_url_path, new_url_path = page.url_path, f"{parent.url_path}{slug}/"
        for site, root_url_path, root_path in sites:
            if page.path.startswith(root_path) and old_url_path.startswith(root_url_path):
                old_path = "/" + old_url_path[len(root_url_path) :].rstrip("/")
                Redirect.objects.get_or_create(
                    site=site,
                    old_path=old_path,
                    defaults={
                        "redirect_page_id": page.pk,
                        "is_permanent": True,
                        "automatically_created": True,
                    },
                )
        Page.objects.filter(pk=page.pk).update(slug=slug, url_path=new_url_path)
        for below in Page.objects.filter(path__startswith=page.path, depth__gt=page.depth):
            below.url_path = new_url_path + below.url_path[len(old_url_path) :]
            below.save(update_fields=["url_path"])
        for revision in Revision.objects.filter(
            content_type_id=page.content_type_id, object_id=str(page.pk)
        ).iterator():
            revision.content["slug"] = slug
            revision.content["url_path"] = new_url_path
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0009_site_furniture"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(pinyin_slugs, migrations.RunPython.noop)]
