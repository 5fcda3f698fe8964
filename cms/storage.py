"""Media files on the local disk, never left half-written.

Django's file storage streams an upload into its final path; when the disk fills (or a quota
is reached) mid-way, the truncated file stays there under the name the next upload of the same
name will avoid, and nothing refers to it. Here a failed write removes the file it created, and
the error goes on to the request, which answers 507 with a clear page (cms.urls.server_error);
the database row is never written, because Django saves a file before the row that names it.

Image renditions are public files (the web server serves the media folder's ``images/``), and
Wagtail names them after the original and the filter (``photo.fill-400x300.png``): anyone who
knew or guessed an original's name could fetch renditions of an image no page uses, a draft's
or another school's (issue 33, item 6). Every rendition's name carries RANDOM_BITS random bits
here, written where every rendition is saved, whichever code makes it. Wagtail keeps each
rendition's name in its row, so pages find them as before.
"""

import errno
import posixpath
import secrets

from django.core.files.storage import FileSystemStorage

DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def is_disk_full(error):
    return isinstance(error, OSError) and error.errno in DISK_FULL


RENDITIONS = "images"  # AbstractRendition.get_upload_to's folder
RANDOM_BITS = 64


def unguessable(name):
    """``images/photo.fill-20x20.png`` as ``images/photo.fill-20x20.<16 hex digits>.png``."""
    root, extension = posixpath.splitext(name)
    return f"{root}.{secrets.token_hex(RANDOM_BITS // 8)}{extension}"


class MediaStorage(FileSystemStorage):
    def generate_filename(self, filename):
        name = super().generate_filename(filename)
        return unguessable(name) if posixpath.dirname(name) == RENDITIONS else name

    def _save(self, name, content):
        # Storage.save chose a name no file has; if one appears and the write fails, it is ours.
        existed = self.exists(name)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed and self.exists(name):
                self.delete(name)
            raise
