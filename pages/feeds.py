"""Atom and RSS feeds of a school column, a school and a region: the newest published posts,
reports and cases below the page, for readers, aggregators and a bureau's own systems."""

from django.contrib.syndication.views import Feed
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from pages.models import (
    ActivityIndexPage,
    ActivityReportPage,
    CaseIndexPage,
    ColumnIndexPage,
    ColumnPostPage,
    ExemplarCasePage,
    RegionPage,
    SchoolHomePage,
)
from pages.visibility import public

FEEDABLE = (ColumnIndexPage, ActivityIndexPage, CaseIndexPage, SchoolHomePage, RegionPage)
ITEM_TYPES = (ColumnPostPage, ActivityReportPage, ExemplarCasePage)


class PageFeed(Feed):
    feed_type = Atom1Feed
    limit = 20

    def get_object(self, request, page_id):
        self.request = request
        page = (
            public(Page.objects.live().filter(pk=page_id))
            .select_related("locale")
            .specific()
            .first()
        )
        if not isinstance(page, FEEDABLE):
            raise Http404
        return page

    def get_feed(self, obj, request):
        """In the page's language: an English edition's feed is English, items and all."""
        with translation.override(obj.locale.language_code):
            return super().get_feed(obj, request)

    def title(self, page):
        school = getattr(page, "school", None)
        if school is not None and school.pk != page.pk:
            return f"{page.title} · {school.title}"
        return page.title

    def link(self, page):
        return page.get_full_url(self.request)

    def subtitle(self, page):
        return _("The newest posts, activity reports and exemplar cases of %(name)s") % {
            "name": self.title(page)
        }

    description = subtitle

    def items(self, page):
        found = public(Page.objects.live().descendant_of(page).type(*ITEM_TYPES))
        items = list(found.order_by("-first_published_at", "-pk")[: self.limit].specific())
        for model in ITEM_TYPES:
            prefetch_related_objects([item for item in items if type(item) is model], "tags")
        return SchoolHomePage.objects.attach_to(items)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_author_name(self, item):
        return item.author or (item.school.title if item.school else "")

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class PageRssFeed(PageFeed):
    feed_type = Rss201rev2Feed
