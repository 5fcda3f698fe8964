"""Backups, the SQLite database and the embedded secret key are the service account's only
(issue 33, item 6): they were written with the process's umask, world-readable under 022."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def mode(path):
    return stat.S_IMODE(Path(path).stat().st_mode)


@pytest.fixture
def usual_umask():
    """The umask most services run with, under which a file is created 0644."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


# The backup reads committed rows, as in tests/cms/test_backup.py.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_is_written_0600_in_a_new_directory_0700(tmp_path, usual_umask):
    existing = tmp_path / "srv"
    existing.mkdir(mode=0o755)
    archive = existing / "backups" / "nightly" / "yxyp.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)
    assert mode(archive) == 0o600
    assert mode(archive.parent) == mode(archive.parent.parent) == 0o700
    assert mode(existing) == 0o755  # a directory that was there is the operator's own


def start(var_dir):
    """Loads the settings as every process starting the platform does, embedded (no secret
    key or database in the environment), with the usual umask."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    subprocess.run(
        [sys.executable, "-c", "import cms.settings"],
        cwd=settings.BASE_DIR,
        env=environment | {"VAR_DIR": str(var_dir)},
        umask=0o022,
        check=True,
    )


def test_the_secret_key_and_the_database_are_created_0600(tmp_path):
    start(tmp_path)
    assert mode(tmp_path / "secret_key") == 0o600
    assert mode(tmp_path / "db.sqlite3") == 0o600
    key = (tmp_path / "secret_key").read_text()
    start(tmp_path)
    assert (tmp_path / "secret_key").read_text() == key  # kept, not replaced


def test_files_left_readable_by_an_earlier_version_are_narrowed(tmp_path):
    for name in ("secret_key", "db.sqlite3", "db.sqlite3-wal"):
        (tmp_path / name).write_text("x")
        (tmp_path / name).chmod(0o644)
    start(tmp_path)
    assert [mode(tmp_path / name) for name in ("secret_key", "db.sqlite3", "db.sqlite3-wal")] == [
        0o600
    ] * 3
    assert (tmp_path / "secret_key").read_text() == "x"
