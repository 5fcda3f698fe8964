"""Files that hold every secret of the platform, readable by the service account only (issue 33,
item 6): backups, the SQLite database and the embedded secret key were written with the
process's umask (0644 under the usual 022), so any local account could read every password
hash, draft and session, or sign a session with the key.

Each file is created 0600 in the call that creates it (``os.open`` with the mode, so it is never
readable by others, not even for a moment), and one found wider is narrowed; directories made
for them are made 0700. Existing directories are left as they are: the operator's own.
"""

import os
from pathlib import Path

FILE_MODE = 0o600
DIRECTORY_MODE = 0o700


def open_private(path, flags=os.O_WRONLY | os.O_CREAT | os.O_TRUNC):
    """A descriptor of ``path`` opened with ``flags``, the file created 0600 or narrowed to it."""
    descriptor = os.open(path, flags, FILE_MODE)
    try:
        os.fchmod(descriptor, FILE_MODE)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def keep_private(path):
    """``path`` (created empty if missing) is 0600."""
    os.close(open_private(path, os.O_WRONLY | os.O_CREAT))


def write_new_private(path, text):
    """Writes ``text`` to ``path`` unless the file exists (another process was first): then
    its content stands. Returns whether this call wrote it."""
    try:
        descriptor = open_private(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w") as file:
        file.write(text)
    return True


def private_directory(path):
    """Makes ``path`` and its missing parents 0700; one that exists is left as it is."""
    path = Path(path)
    missing = [parent for parent in (path, *path.parents) if not parent.exists()]
    path.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    for directory in missing:
        directory.chmod(DIRECTORY_MODE)  # mkdir gives parents the umask's mode


def keep_database_private(name):
    """The SQLite database ``name`` and the journal files beside it are 0600 (SQLite gives its
    journals the database file's mode). Nothing for an in-memory database."""
    if not name or str(name) == ":memory:" or str(name).startswith("file:"):
        return
    path = Path(name)
    private_directory(path.parent)
    keep_private(path)
    for suffix in ("-wal", "-shm", "-journal"):
        journal = path.with_name(path.name + suffix)
        if journal.exists():
            keep_private(journal)
