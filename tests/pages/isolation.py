"""The world the isolation tests probe: two schools in two counties of one city, with
objects in every state, and the roles that look at it."""

import io
import json

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

ROLES = (
    "anonymous",
    "editor_a",
    "moderator_a",
    "editor_b",
    "county_curator",
    "other_curator",
    "city_curator",
    "admin",
)
PAGE = "page"
# What school B's people made; none of it may show in a listing to anyone outside school B.
SCHOOL_B_MARKERS = ["草稿b", "待审b", "有修改b·新", "内部b", "照片b", "台账b"]


def image(collection, title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 0, 0)).save(buffer, "PNG")
    image = get_image_model()(
        title=title, collection=collection, file=ImageFile(buffer, name=f"{title}.png")
    )
    image.save()
    return image


def text_of(response):
    """A response's text, with JSON decoded so that Chinese titles read as themselves."""
    text = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return text
