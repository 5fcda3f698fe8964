"""sitemap.xml with every language's pages of the Site.

Wagtail's sitemap lists the Site's root page and what lies below it: the Chinese tree only.
A Site's English pages lie below its root page's English edition, elsewhere in the tree; each
language's live public pages are listed at their own addresses (/en/… for English).
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from pages.visibility import public


class EditionsSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True).live()
        paths = roots.values_list("path", flat=True)
        within = reduce(or_, (Q(path__startswith=path) for path in paths))
        return (
            public(Page.objects.live().filter(within))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
