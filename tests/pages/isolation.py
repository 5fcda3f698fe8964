"""The world the isolation tests probe: two schools in two counties of one city, with
objects in every state, and the roles that look at it."""

import io
import json

from django.core.files.images import ImageFile
from django.urls import get_resolver
from django.urls.resolvers import URLResolver
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


def admin_routes():
    """(URL name or None, route) of every view Django's resolver serves under /admin/,
    including every namespace's; the matrix tests fail on any they do not cover."""

    def walk(patterns, namespace=None, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                if inner and namespace:
                    inner = f"{namespace}:{inner}"
                yield from walk(pattern.url_patterns, inner or namespace, route)
            elif route.startswith("admin/"):
                name = pattern.name
                yield (f"{namespace}:{name}" if namespace and name else name), route

    return list(walk(get_resolver().url_patterns))
