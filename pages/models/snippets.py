from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from analysis import fold


class ActivityType(index.Indexed, models.Model):
    """A form of activity (读书会, 主题党日…): a managed list so reports can be counted by form.

    Seeded with the forms the provincial guideline names; operators add their own.
    """

    name = models.CharField(_("name"), max_length=50, unique=True)
    # A platform list of a dozen names, named in English here rather than translated page by
    # page: English editions of reports share their Chinese page's type (wagtail-localize
    # copies the link), and English visitors read this name.
    english_name = models.CharField(
        _("English name"),
        max_length=50,
        blank=True,
        help_text=_("Shown on English pages and in English searches. Empty: the name."),
    )
    slug = models.SlugField(_("slug"), max_length=50, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")

    def __str__(self):
        return self.name_in(translation.get_language())

    def name_in(self, language):
        """The name in ``language``: English where one is given, the name otherwise."""
        return self.english_name if language == "en" and self.english_name else self.name


class TagName(models.Model):
    """A tag's name in English, for English pages and English searches.

    wagtail-localize copies a page's tags to its English edition as they are (it cannot
    translate tags), so the platform names the tags it wants read in English once, here, for
    every page that carries them; a tag without an English name shows as written.
    """

    tag = models.OneToOneField(
        "taggit.Tag", verbose_name=_("tag"), on_delete=models.CASCADE, related_name="+"
    )
    english_name = models.CharField(_("English name"), max_length=100)

    class Meta:
        ordering = ["tag__name"]
        verbose_name = _("tag in English")
        verbose_name_plural = _("tags in English")

    def __str__(self):
        return f"{self.tag.name} → {self.english_name}"

    @classmethod
    def labels(cls, names, language):
        """{tag name: its name in ``language``} for ``names``: one query, none in Chinese."""
        labels = {name: name for name in names}
        if language == "en" and labels:
            found = cls.objects.filter(tag__name__in=labels).values_list(
                "tag__name", "english_name"
            )
            labels.update(found)
        return labels


class BannedWord(models.Model):
    """A word or phrase that must not appear on a school site (gambling, fraud, exam cheating…).

    The platform's words apply everywhere and are kept by platform admins; a region's bureau
    adds words for its own schools. Matches are looked for after folding (full-width to
    half-width, traditional to simplified, lower case) in page titles, summaries, bodies and
    tags, image titles, evaluation narratives and visitors' popular searches. A match warns
    the editor and the reviewer; nothing is blocked automatically (pages.content_checks).
    """

    word = models.CharField(_("word or phrase"), max_length=50)
    region = models.ForeignKey(
        "pages.RegionPage",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="banned_words",
        help_text=_("Empty: the whole platform. A region's words apply to its own schools."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["word"]
        verbose_name = _("banned word")
        verbose_name_plural = _("banned words")
        constraints = [
            models.UniqueConstraint(fields=["word", "region"], name="banned_word_once_per_region"),
            models.UniqueConstraint(
                fields=["word"], condition=models.Q(region=None), name="banned_word_once_platform"
            ),
        ]

    def __str__(self):
        return self.word

    def clean(self):
        self.word = fold(self.word).strip()
        if len(self.word) < 2:
            raise ValidationError(
                {"word": _("Enter at least two characters: one would flag too much.")}
            )
