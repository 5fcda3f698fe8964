"""Short links (``/s/<id>/`` on the portal's domain) of published pages: short enough to read
out or type from a printed sheet, drawn into the QR code of the share control, and stable when
a page is renamed or moved."""

from django.conf import settings


def short_url(request, page):
    return f"{request.scheme}://{settings.BASE_DOMAIN}/s/{page.pk}/"
