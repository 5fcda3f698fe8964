from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class ActivityType(index.Indexed, models.Model):
    """A form of activity (读书会, 主题党日…): a managed list so reports can be counted by form.

    Seeded with the forms the provincial guideline names; operators add their own.
    """

    name = models.CharField(_("name"), max_length=50, unique=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")

    def __str__(self):
        return self.name
