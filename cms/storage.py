"""Media files on the local disk, never left half-written.

Django's file storage streams an upload into its final path; when the disk fills (or a quota
is reached) mid-way, the truncated file stays there under the name the next upload of the same
name will avoid, and nothing refers to it. Here a failed write removes the file it created, and
the error goes on to the request, which answers 507 with a clear page (cms.urls.server_error);
the database row is never written, because Django saves a file before the row that names it.
"""

import errno

from django.core.files.storage import FileSystemStorage

DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def is_disk_full(error):
    return isinstance(error, OSError) and error.errno in DISK_FULL


class MediaStorage(FileSystemStorage):
    def _save(self, name, content):
        # Storage.save chose a name no file has; if one appears and the write fails, it is ours.
        existed = self.exists(name)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed and self.exists(name):
                self.delete(name)
            raise
