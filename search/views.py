"""The search page (HTML) and the search API (JSON), both scoped to the current site."""

import logging

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Site

from pages.models import RegionPage, SchoolHomePage
from search import facets, service
from search.forms import SearchForm
from search.suggestions import popular_searches, suggest

logger = logging.getLogger(__name__)


def _site_scope(request):
    """The page a search on this site covers by default: its school or its region."""
    site = Site.find_for_request(request)
    return site.root_page.specific if site is not None else None


def _region(code):
    region = RegionPage.objects.filter(region_code=code).first()
    if region is None:
        raise ValidationError(_("No region has the code “%(code)s”.") % {"code": code})
    return region


def _school(slug):
    school = SchoolHomePage.objects.with_slug(slug).first()
    if school is None:
        raise ValidationError(_("No school has the slug “%(slug)s”.") % {"slug": slug})
    return school


def _resolve_scope(data, site_scope):
    """The scope asked for, and the region or school that narrows it further, if any."""
    scope = data.get("scope") or "site"
    if scope == "all":
        chosen = RegionPage.objects.filter(depth=2).first()
    elif scope == "region":
        chosen = _region(data["region"])
    elif scope == "school":
        chosen = _school(data["school"])
    else:
        chosen = site_scope if isinstance(site_scope, RegionPage | SchoolHomePage) else None
    region = _region(data["region"]).path if data["region"] and scope != "region" else ""
    school = _school(data["school"]).pk if data["school"] and scope != "school" else None
    return chosen, region, school


def _run(request, site_scope):
    form = SearchForm(request.GET)
    if not form.is_valid():
        raise ValidationError(form.error_text())
    data = form.cleaned_data
    scope, region, school = _resolve_scope(data, site_scope)
    search_request = service.SearchRequest(
        q=data["q"],
        scope=scope,
        kind=data["type"],
        school=school,
        region=region,
        activity_type=data["activity_type"],
        tag=data["tag"],
        labels=form.labels(),
        year=data["year"],
        sort=data["sort"] or "relevance",
        page=data["page"] or 1,
    )
    response = service.search(search_request)
    promoted = []
    if response.parsed and search_request.page == 1:
        query = Query.get(response.parsed.text[:255])
        query.add_hit()
        promoted = list(query.editors_picks.select_related("page").order_by("sort_order"))
    suggestions = []
    if response.parsed and response.empty:
        suggestions = suggest(
            data["q"],
            lambda q: service.count(service.SearchRequest(q=q, scope=scope)) > 0,
        )
    return scope, response, promoted, suggestions


def _counts_in_everything(query):
    return service.count(service.SearchRequest(q=query)) > 0


def search_page(request):
    site_scope = _site_scope(request)
    try:
        scope, response, promoted, suggestions = _run(request, site_scope)
    except ValidationError as error:
        return render(
            request,
            "search/search.html",
            {"error": " ".join(error.messages), "query": request.GET.get("q", "")[:200]},
            status=400,
        )
    if response.num_pages and response.request.page > response.num_pages:
        # A page past the end (an old link, results since withdrawn): the last one.
        params = request.GET.copy()
        params["page"] = response.num_pages
        return redirect(f"{request.path}?{params.urlencode()}")
    return render(
        request,
        "search/search.html",
        {
            "query": request.GET.get("q", "")[:200],
            "scope": scope,
            "site_scope": site_scope,
            "response": response,
            "promoted": promoted,
            "suggestions": suggestions,
            "popular": popular_searches(_counts_in_everything) if response.empty else [],
            "params": request.GET,
            "plugin_facets": [
                (facet.name, facet.label, response.facets.get(facet.name))
                for facet in facets.registered()
            ],
        },
    )


def search_api(request):
    try:
        scope, response, promoted, suggestions = _run(request, _site_scope(request))
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse(
        {
            "query": response.parsed.text if response.parsed else "",
            "scope": {"title": scope.title, "path": scope.url_path} if scope else None,
            "total": response.total,
            "page": response.request.page,
            "num_pages": response.num_pages,
            "results": [
                {
                    "title": hit.title,
                    "url": hit.url,
                    "school": hit.school,
                    "region": hit.region,
                    "type": hit.kind,
                    "type_label": hit.kind_label,
                    "date": hit.date.isoformat() if hit.date else None,
                    "snippet": hit.snippet,
                }
                for hit in response.hits
            ],
            "facets": response.facets,
            "promoted": [
                {
                    "title": pick.page.title,
                    "url": pick.page.get_url(None),
                    "description": pick.description,
                }
                for pick in promoted
            ],
            "suggestions": suggestions,
        },
        json_dumps_params={"ensure_ascii": False},
    )
