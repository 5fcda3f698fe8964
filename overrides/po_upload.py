"""A PO file uploaded to a translation without wagtail-localize's header is refused with a 400
that says so, instead of a 500.

No upstream issue found (wagtail-localize 1.14.5, verified): ``upload_pofile`` reads the
``X-WagtailLocalize-TranslationID`` header with ``po.metadata[…]``, a KeyError when the file
lacks it (a PO file made by another tool, or the header deleted in an editor); a request
without a file is a KeyError too. Here the upload is read first: missing, or parsed with no
header, it is refused and nothing is imported; anything else goes to wagtail-localize's view,
which answers a file that is not PO and a header of another translation with its own messages.
The view is replaced in its module, where wagtail-localize's admin URLs read it. Can go when
wagtail-localize reads the header with ``.get``.
"""

import contextlib
import os
import tempfile

import polib
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail_localize.views import edit_translation

from overrides import fence

HEADER = "X-WagtailLocalize-TranslationID"
TEXT = "text/plain; charset=utf-8"
FENCE = fence.warned(
    fence.Code("wagtail_localize.views.edit_translation", "upload_pofile", "852bbd3ebf799fcd"),
    fence.Route("wagtail_localize.wagtail_hooks", "upload_pofile", "f64a9acc30959dc6"),
)
_wagtail_upload_pofile = edit_translation.upload_pofile


def _metadata(upload):
    """The PO file's header entries, or None when it is no PO file. Parsed from a file on
    disk, as wagtail-localize does: polib reads a path it is given as contents."""
    handle, name = tempfile.mkstemp(suffix=".po")
    try:
        with os.fdopen(handle, "wb") as file:
            for chunk in upload.chunks():
                file.write(chunk)
        return polib.pofile(name).metadata
    except (OSError, UnicodeDecodeError):
        return None
    finally:
        upload.seek(0)
        with contextlib.suppress(OSError):
            os.remove(name)


@require_POST
def upload_pofile(request, translation_id):
    upload = request.FILES.get("file")
    if upload is None:
        return HttpResponseBadRequest(_("Choose a PO file to upload."), content_type=TEXT)
    metadata = _metadata(upload)
    if metadata is not None and HEADER not in metadata:
        return HttpResponseBadRequest(
            _(
                "This PO file has no %(header)s header, so it cannot be matched with a "
                "translation. Download the PO file of this translation, translate it and "
                "upload that file."
            )
            % {"header": HEADER},
            content_type=TEXT,
        )
    return _wagtail_upload_pofile(request, translation_id)


def install():
    edit_translation.upload_pofile = upload_pofile
