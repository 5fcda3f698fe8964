"""The search page (HTML) and the search API (JSON), both scoped to the current site."""

import logging
from hashlib import sha256
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Site

from pages.models import RegionPage, SchoolHomePage, canonical
from search import facets, service
from search.engines.base import EXACT_FACETS_UP_TO
from search.forms import SearchForm
from search.suggestions import popular_searches, suggest

logger = logging.getLogger(__name__)


def _site_scope(request):
    """The page a search on this site covers by default: its school or its region."""
    site = Site.find_for_request(request)
    return site.root_page.specific if site is not None else None


def _region(code):
    region = canonical(RegionPage.objects.filter(region_code=code)).first()
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
        chosen = canonical(RegionPage.objects.filter(depth=2)).first()
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
    language = data["language"] or translation.get_language()
    search_request = service.SearchRequest(
        q=data["q"],
        scope=scope,
        language=language,
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
        query = Query.get((response.split_from or response.parsed.text)[:255])
        query.add_hit()
        promoted = list(query.editors_picks.select_related("page").order_by("sort_order"))
    suggestions = []
    if response.parsed and response.empty:
        suggestions = suggest(
            data["q"],
            lambda q: service.count(service.SearchRequest(q=q, scope=scope, language=language)) > 0,
        )
    return scope, response, promoted, suggestions


def _popular(language):
    """Popular searches that find something in the visitor's language: an English visitor is
    not offered Chinese queries that would find nothing in English."""
    return popular_searches(
        lambda query: service.count(service.SearchRequest(q=query, language=language)) > 0,
        language,
    )


def _filters():
    """The filters a visitor can set on the search page, with their headings."""
    return [
        ("type", _("Content type")),
        ("region", _("Region")),
        ("school", _("School")),
        ("activity_type", _("Activity type")),
        ("tag", _("Tag")),
        ("year", _("Year")),
        *[(facet.name, facet.label) for facet in facets.registered()],
    ]


def _active_filters(params, response):
    """The filters in force, each with its heading and the value's name, for the removable
    chips and the page title. A region or school that is the search's scope is not a filter.
    Names come from the facets already counted; a value no result carries any more (a school
    chosen in a region, then the region narrowed away) is named from the database."""
    scope = params.get("scope")
    active = []
    for key, heading in _filters():
        value = params.get(key, "")
        if not value or (key == scope and key in ("region", "school")):
            continue
        label = next(
            (
                entry["label"]
                for entry in response.facets.get(key, [])
                if str(entry["value"]) == value
            ),
            None,
        )
        if label is None and key == "region":
            label = _region(value).title
        elif label is None and key == "school":
            label = _school(value).title
        active.append({"key": key, "value": value, "heading": heading, "label": label or value})
    return active


def _without_filters(params):
    kept = {key: params[key] for key in ("q", "scope", "sort") if params.get(key)}
    if params.get("scope") in ("region", "school"):
        kept[params["scope"]] = params[params["scope"]]
    return "?" + urlencode(kept)


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
    context = {
        "query": request.GET.get("q", "")[:200],
        "scope": scope,
        "site_scope": site_scope,
        "response": response,
        "promoted": promoted,
        "suggestions": suggestions,
        "popular": _popular(response.request.language) if response.empty else [],
        "params": request.GET,
        "exact_facets_up_to": EXACT_FACETS_UP_TO,
        "active_filters": _active_filters(request.GET, response),
        "without_filters": _without_filters(request.GET),
        "plugin_facets": [
            (facet.name, facet.label, response.facets.get(facet.name))
            for facet in facets.registered()
        ],
    }
    context["results"] = _results(request, context)
    return render(request, "search/search.html", context)


def _results(request, context):
    """The hits and facets, rendered, and kept in the default cache as long as the answer they
    show (service.search's key and generations): a results page has a link per facet value,
    and rendering them was most of a repeated search. Only when the address holds the search
    form's parameters alone, each once, since every link carries them: no visitor can make an
    entry of a junk parameter."""
    response = context["response"]
    params = request.GET
    known = {*SearchForm.base_fields, *facets.names()}

    def rendered():
        return render_to_string("search/results.html", context, request)

    if (
        response.kept_as is None
        or response.empty
        or not params.keys() <= known
        or any(len(values) > 1 for _name, values in params.lists())
    ):
        return rendered()
    answer, tokens = response.kept_as
    address = f"{answer}|{request.get_host()}|{translation.get_language()}|{params.urlencode()}"
    key = f"search-html:{sha256(f'{address}|{tokens}'.encode()).hexdigest()}"
    found = cache.get(key)
    if found is None:
        found = rendered()
        cache.set(key, found, settings.SEARCH_CACHE_SECONDS)
    return found


def search_api(request):
    try:
        scope, response, promoted, suggestions = _run(request, _site_scope(request))
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse(
        {
            "query": response.parsed.text if response.parsed else "",
            "split_from": response.split_from,
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
