"""The image and document forms: a title with a banned word is refused.

Titles of images and documents show on public pages (captions, alt text, download links)
and are short, so unlike a page's text (which only warns, pages.content_checks) a match is
an error the uploader fixes on the spot. The school's region's words apply, found from the
collection the file goes into. Wagtail has no hook after saving media, and a form cannot
warn, so the check is in the forms Wagtail builds on (WAGTAILIMAGES_IMAGE_FORM_BASE,
WAGTAILDOCS_DOCUMENT_FORM_BASE).
"""

from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from pages.content_checks import banned_words_in
from pages.models import SchoolHomePage


def school_path_of_collection(collection):
    """The tree path of the school whose media collection holds ``collection``, if any."""
    steps = range(collection.steplen, len(collection.path) + 1, collection.steplen)
    prefixes = [collection.path[:end] for end in steps]
    school = SchoolHomePage.objects.filter(collection__path__in=prefixes).only("path").first()
    return school.path if school else None


class TitleCheckMixin:
    def clean(self):
        cleaned = super().clean()
        collection = cleaned.get("collection") or getattr(self.instance, "collection", None)
        path = school_path_of_collection(collection) if collection is not None else None
        if found := banned_words_in(cleaned.get("title") or "", path):
            self.add_error(
                "title",
                _(
                    "The title holds words from the banned-word list: %(words)s. Titles show "
                    "on public pages: change it."
                )
                % {"words": "、".join(found)},
            )
        return cleaned


class ImageForm(TitleCheckMixin, BaseImageForm):
    pass


class DocumentForm(TitleCheckMixin, BaseDocumentForm):
    pass
