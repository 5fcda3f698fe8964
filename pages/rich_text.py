"""Internal page links in rich text, expanded with one query per request.

Wagtail's handler fetches every linked page's specific object (a query for the pages and one
per page type) to build a URL that needs neither: the base page's fields and its class
(``specific_deferred``, no query) give the same URL through the same methods, the school
pages' canonical-Site rule included.

A link to a page visitors cannot read (unpublished since, or under a view restriction) keeps
its text but loses its address, which would name the page: Wagtail renders the address of any
page. Publishing refuses such links (pages.references); this holds the ones made before the
page linked to was unpublished or restricted.
"""

from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from pages.invalidation import request_memo
from pages.visibility import public


class SingleQueryPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        found = request_memo("rich-text-links")  # a page's texts often link to the same pages
        found = {} if found is None else found
        wanted = [id_ for id_ in ids if id_.isdigit() and id_ not in found]
        if wanted:
            found.update(dict.fromkeys(wanted))
            linkable = public(Page.objects.filter(pk__in=[int(id_) for id_ in wanted]).live())
            for page in linkable:
                found[str(page.pk)] = page.specific_deferred
        return [found.get(id_) for id_ in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            f'<a href="{escape(page.localized.url)}">' if page else "<a>"
            for page in cls.get_many(attrs_list)
        ]
