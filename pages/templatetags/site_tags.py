from django import template
from django.conf import settings
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("components/site_header.html", takes_context=True)
def site_header(context):
    """The current Site's name and the menu of its root page's children.

    Works the same on the provincial portal (cities) and on a school site (brand, column,
    reports, cases).
    """
    request = context["request"]
    site = Site.find_for_request(request)
    nav = []
    if site is not None:  # found with its root page (select_related): no query for it
        nav = list(site.root_page.get_children().live().in_menu().only("title", "url_path", "path"))
    current = context.get("page")
    for item in nav:
        item.is_current = current is not None and current.pk == item.pk
        item.is_active = current is not None and current.path.startswith(item.path)
    return {"request": request, "site": site, "nav": nav}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = list(page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "path"))
    return {"request": context["request"], "ancestors": ancestors, "page": page}


@register.simple_tag
def platform_name():
    """The platform's own name (WAGTAIL_SITE_NAME), for the admin's browser tab."""
    return settings.WAGTAIL_SITE_NAME
