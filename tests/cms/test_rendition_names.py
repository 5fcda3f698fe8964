"""Renditions carry an unguessable part in their names (issue 33, item 6): renditions of images
no page uses were public at names made of the original's name and the filter."""

import pytest
from django.conf import settings
from wagtail.images.models import Filter

from tests.content import image

pytestmark = pytest.mark.django_db

SPECS = ("fill-20x20", "max-800x600", "width-400|format-webp")


def guessable_url(photo, spec):
    """Where Wagtail's own naming puts the rendition: the original's name and the filter."""
    rendition = photo.renditions.model(image=photo, filter_spec=spec)
    name = rendition.get_upload_to(photo.generate_rendition_file(Filter(spec)).name)
    return f"{settings.MEDIA_URL}{name}"


@pytest.mark.parametrize("spec", SPECS)
def test_an_unused_images_rendition_is_not_served_at_its_guessable_url(client, spec):
    photo = image("未使用的照片", "photo.png")
    rendition = photo.get_rendition(spec)
    assert client.get(guessable_url(photo, spec)).status_code == 404
    assert client.get(rendition.url).status_code == 200  # what a page using it links to


def test_the_same_rendition_of_two_images_of_one_name_differs_unpredictably(client):
    first, second = image("照片一", "photo.png"), image("照片二", "photo.png")
    names = {photo.get_rendition("fill-20x20").file.name for photo in (first, second)}
    assert len(names) == 2
    assert all(len(name.rsplit(".", 2)[1]) == 16 for name in names)  # 64 random bits each
