import sys

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views import defaults
from django.views.generic import RedirectView, TemplateView
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import bad_input, plugin_loader
from cms.api import api_router
from cms.storage import is_disk_full
from overrides import page_chooser, tag_autocomplete
from pages import care_mode
from pages import views as page_views
from pages.feeds import PageFeed, PageRssFeed
from pages.sitemaps import EditionsSitemap
from search.views import search_api, search_page


def server_error(request):
    """Faults of the machine, not of the page, each with a page that says what happened
    (logged as server errors all the same): a database that is restarting or unreachable is an
    outage the visitor can wait out (503, Retry-After); a full disk refused an upload, which
    was not kept (507). Django calls this while handling the exception, so it is the one being
    handled. The pages are static: neither may need the database."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    if is_disk_full(error):
        return HttpResponse(render_to_string("507.html"), status=507)
    return defaults.server_error(request)


handler500 = server_error
handler400 = bad_input.bad_request


def healthz(request):
    """For load balancers and the page benchmark's ceiling: the stack, no database."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    # Before Wagtail's admin, so these answer on its tag autocomplete and chooser URLs.
    path("", include(tag_autocomplete)),
    path("", include(page_chooser)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/search/", search_api, name="search_api"),
    path("care-mode/", care_mode.switch, name="care_mode"),
    path("feeds/<int:page_id>/", PageFeed(), name="feed"),
    path("feeds/<int:page_id>/rss/", PageRssFeed(), name="feed_rss"),
    path("s/<int:page_id>/", page_views.short_url, name="short_url"),
    path("s/<int:page_id>/qr.svg", page_views.qr_code, name="qr_code"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": EditionsSitemap}}),
    # Every Site's: the admin, search results and the APIs are not for crawlers.
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
    ),
    # Browsers ask for it at the root whatever the page says.
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.ico"), permanent=True)),
]

if settings.SERVE_MEDIA:
    # Image renditions only: original images and documents are served through views that
    # check who may see them (documents: /documents/<id>/; docs/operations.md).
    def media(request, path):
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    urlpatterns += [re_path(r"^media/(?P<path>images/[^/]+)$", media)]

urlpatterns += [
    path(f"{routes.prefix}/", include(routes.urlconf)) for routes in plugin_loader.url_routes()
]
# A visitor's pages in Chinese at their own addresses, in English under /en/.
urlpatterns += i18n_patterns(
    path("search/", search_page, name="search"),
    path("sitemap/", page_views.site_map, name="site_map"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
