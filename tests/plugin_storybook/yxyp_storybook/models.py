from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.fields import RichTextField
from wagtail.models import Page


class StoryPage(Page):
    """A story from the school's history, told by its teachers."""

    teller = models.CharField(max_length=60, blank=True)
    story = RichTextField(blank=True)

    parent_page_types = ["pages.SchoolHomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("teller"), FieldPanel("story")]


class StorySettings(BaseSiteSetting):
    """Per-site wording above the list of stories."""

    introduction = models.CharField(max_length=200, blank=True)
