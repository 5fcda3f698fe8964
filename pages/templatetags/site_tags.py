from dataclasses import replace

from django import template
from django.conf import settings
from django.template.base import token_kwargs
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Site

from pages import care_mode, fragments, page_cache
from pages.identity import frame_for, localized_root, site_name
from pages.models import TagName
from pages.visibility import public

register = template.Library()


@register.simple_tag(takes_context=True)
def page_frame(context):
    """The footer's facts and the page's modes (care, mourning) for base.html: of the page
    shown, or for views that are not pages (search) of the Site's root."""
    request = context["request"]
    site = Site.find_for_request(request)
    anchor = context.get("page")
    if anchor is None and site is not None:
        anchor = localized_root(request, site).specific
    return replace(
        fragments.kept(request, anchor, "frame", lambda: frame_for(anchor)),
        care=care_mode.is_on(request),
        back=page_cache.own_address(request),
        site_name=site_name(site, localized_root(request, site)) if site is not None else "",
    )


@register.inclusion_tag("components/site_header.html", takes_context=True)
def site_header(context):
    """The current Site's name and the menu of its root page's children.

    Works the same on the provincial portal (cities) and on a school site (brand, column,
    reports, cases).
    """
    request = context["request"]
    site = Site.find_for_request(request)
    nav, root = [], None
    if site is not None:  # found with its root page (select_related): no query for it
        root = localized_root(request, site)
        nav = fragments.kept(
            request,
            root,
            "nav",
            lambda: list(root.get_children().live().in_menu().only("title", "url_path", "path")),
        )
    current = context.get("page")
    for item in nav:
        item.is_current = current is not None and current.pk == item.pk
        item.is_active = current is not None and current.path.startswith(item.path)
    return {
        "request": request,
        "root": root,
        "site_name": site_name(site, root) if root is not None else "",
        "nav": nav,
    }


@register.simple_tag(takes_context=True)
def meta_description(context, page):
    """Every page has a description for search engines and shared links: the editor's, the
    summary or slogan, the introduction's first words, or at least what and whose the page is."""
    for name in ("search_description", "summary", "slogan"):
        if text := getattr(page, name, ""):
            return text
    if introduction := strip_tags(getattr(page, "introduction", "") or "").strip():
        return introduction
    school = context.get("school")
    owner = school.title if school is not None and school.pk != page.pk else ""
    site = Site.find_for_request(context["request"])
    owner = owner or (site.site_name if site is not None else "")
    return f"{page.title} · {owner}" if owner else page.title


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Rendered inside base.html's ``{% keep "breadcrumbs" %}``: asked for only when the kept
    HTML is not there."""
    ancestors = page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "path")
    return {"request": context["request"], "ancestors": list(ancestors), "page": page}


@register.simple_tag
def platform_name():
    """The platform's own name (WAGTAIL_SITE_NAME), for the admin's browser tab."""
    return settings.WAGTAIL_SITE_NAME


# How each language is named in the switcher and tagged in hreflang (BCP 47).
HREFLANG = {"zh-hans": "zh-Hans", "en": "en"}


@register.simple_tag(takes_context=True)
def page_editions(context, page):
    """The page in each language it is published in, in LANGUAGES order, for the language
    switcher and the hreflang links; empty when it exists in one language only. One query."""
    if page is None or not getattr(page, "pk", None):
        return []
    request = context["request"]
    return fragments.kept(request, page, "editions", lambda: _editions(request, page))


def _editions(request, page):
    found = {
        edition.locale.language_code: edition
        for edition in public(page.get_translations(inclusive=True).live())
        .select_related("locale")
        .only("url_path", "path", "depth", "locale__language_code")
    }
    if len(found) < 2:
        return []
    return [
        {
            "code": code,
            "hreflang": HREFLANG.get(code, code),
            "name": name,
            "url": found[code].get_url(request),
            "full_url": found[code].get_full_url(request),
            "current": found[code].pk == page.pk,
        }
        for code, name in settings.LANGUAGES
        if code in found
    ]


class KeepNode(template.Node):
    def __init__(self, nodelist, name, scope, vary):
        self.nodelist, self.name, self.scope, self.vary = nodelist, name, scope, vary

    def render(self, context):
        vary = "" if self.vary is None else self.vary.resolve(context)
        if vary is None:  # the view says this rendering is not one to keep
            return self.nodelist.render(context)
        variant = f":{vary}" if vary != "" else ""
        return fragments.kept(
            context.get("request"),
            context.get("page"),
            f"html:{self.name}{variant}",
            lambda: self.nodelist.render(context),
            scope=self.scope,
        )


KEEP_USAGE = '{% keep "name" [scope="tree"] [vary=value] %}'


@register.tag
def keep(parser, token):
    """``{% keep "name" %}…{% endkeep %}``: the HTML between, rendered once for the page shown
    and then read back while its school's generation tokens stand (pages.fragments), as
    Django's ``{% cache %}`` keeps fragments for a time. ``scope="tree"`` for parts that show
    other schools' pages; ``vary=`` a value of few possible values the part also depends on
    (a page number the view has checked), or None for a rendering not to keep (a list filtered
    by a tag the visitor typed). Only for parts that depend on nothing else but the page, its
    host, language and day: not on the query string, the visitor or the care mode."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a quoted name: {KEEP_USAGE}")
    options = token_kwargs(bits[2:], parser)
    if len(bits) - 2 != len(options) or not options.keys() <= {"scope", "vary"}:
        raise template.TemplateSyntaxError(f"{bits[0]} takes scope= and vary=: {KEEP_USAGE}")
    scope = options["scope"].var if "scope" in options else "school"  # a quoted literal
    if scope not in ("school", "tree"):
        raise template.TemplateSyntaxError(f'{bits[0]}: scope is "school" or "tree"')
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(nodelist, bits[1][1:-1], scope, options.get("vary"))


@register.simple_tag
def tags_of(page):
    """The page's tags, each with ``label``, its name in the language of the page shown
    (pages.TagName): one query on an English page, none on a Chinese one."""
    tags = page.tag_list()
    labels = TagName.labels([tag.name for tag in tags], translation.get_language())
    for tag in tags:
        tag.label = labels[tag.name]
    return tags


@register.simple_tag
def tag_label(name):
    """One tag's name in the language of the page shown (an index page's tag filter)."""
    return TagName.labels([name], translation.get_language())[name]
