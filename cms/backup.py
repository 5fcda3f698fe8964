"""Backups of the whole platform (database and media) in one archive, and their restoration.

The database is copied by the engine's own consistent means while the site runs: SQLite's online
backup API, or pg_dump inside a repeatable-read transaction whose snapshot also counts the rows.
Media files are copied after the database, so every file a backed-up row names is in the archive
(files are written before the rows that name them are committed). The archive's manifest holds
each table's row count in the snapshot; restoring checks the restored database against it.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from tqdm import tqdm

from cms.private_files import open_private, private_directory
from search.engines import remote_engine

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says what to do."""


def _engine():
    if connection.vendor not in DATABASE:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def _tables():
    """Every installed model's table (many-to-many tables included), once each."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.add(model._meta.db_table)
    return sorted(tables)


def _count(cursor, tables):
    existing = set(connection.introspection.table_names(cursor))
    counts = {}
    for table in tables:
        if table in existing:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _pg_arguments():
    database = settings.DATABASES["default"]
    arguments = ["--dbname", database["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            arguments += [option, str(database[key])]
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return arguments, env


def _run(command, env):
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} is not installed: install PostgreSQL's client programs "
            "(Debian: postgresql-client) in the version of the server."
        ) from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from error


def _dump_database(engine, target):
    """Copies the database into ``target`` and returns the row counts of that same copy."""
    if engine == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
            counts = _count(copy.cursor(), _tables())
        copy.close()
        return counts
    arguments, env = _pg_arguments()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _count(cursor, _tables())
        _run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"]
            + arguments,
            env,
        )
    return counts


def _media_files():
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def backup(output, progress=False):
    """Writes the archive to ``output`` (a .tar.gz path) and returns its manifest."""
    engine = _engine()
    output = Path(output)
    private_directory(output.parent)
    with tempfile.TemporaryDirectory(dir=output.parent) as work:
        database = Path(work) / DATABASE[engine]
        counts = _dump_database(engine, database)
        files = _media_files()
        manifest = {
            "format": FORMAT,
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "engine": engine,
            "rows": counts,
            "media_files": len(files),
        }
        manifest_file = Path(work) / MANIFEST
        manifest_file.write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
        partial = output.with_name(output.name + ".partial")
        with (
            os.fdopen(open_private(partial), "wb") as file,  # every row and file: 0600
            tarfile.open(fileobj=file, mode="w:gz") as archive,
        ):
            archive.add(manifest_file, MANIFEST)  # first: restore reads it before the rest
            archive.add(database, DATABASE[engine])
            root = Path(settings.MEDIA_ROOT)
            for path in tqdm(files, desc="media", unit="file", disable=not progress):
                archive.add(path, f"media/{path.relative_to(root).as_posix()}")
        partial.replace(output)  # never a half-written archive under the final name
    return manifest


def _read_manifest(archive):
    try:
        member = archive.extractfile(MANIFEST)
    except KeyError as error:
        raise BackupError("This file is not a backup made by manage.py backup.") from error
    manifest = json.load(member)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Backup format {manifest.get('format')} is not {FORMAT}.")
    return manifest


def _restore_database(engine, source):
    if engine == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(source) as copy:
            copy.backup(connection.connection)
        copy.close()
        return
    connection.close()
    arguments, env = _pg_arguments()
    _run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
        + arguments
        + [str(source)],
        env,
    )


def _restore_media(work):
    """Swaps the archive's media in; what was there is kept beside it, never deleted."""
    root = Path(settings.MEDIA_ROOT)
    restored = Path(work) / "media"
    restored.mkdir(exist_ok=True)
    kept = None
    if root.exists() and any(root.iterdir()):
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = root.with_name(f"{root.name}-before-restore-{stamp}")
        root.rename(kept)
    elif root.exists():
        root.rmdir()
    root.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(restored), root)
    return kept


def restore(path):
    """Replaces the database and media with the archive's; returns (manifest, kept media
    folder or None). The database must be the engine the backup was made on."""
    engine = _engine()
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with (
        tarfile.open(path, "r:gz") as archive,
        tempfile.TemporaryDirectory(dir=media_root.parent) as work,
    ):
        manifest = _read_manifest(archive)
        if manifest["engine"] != engine:
            raise BackupError(
                f"This backup is of a {manifest['engine']} database; this site runs on {engine}."
            )
        archive.extractall(work, filter="data")
        _restore_database(engine, Path(work) / DATABASE[engine])
        kept = _restore_media(work)
    with connection.cursor() as cursor:
        counts = _count(cursor, list(manifest["rows"]))
    different = {
        table: (rows, counts.get(table))
        for table, rows in manifest["rows"].items()
        if counts.get(table) != rows
    }
    if different:
        raise BackupError(f"The restored database differs from the backup: {different}")
    call_command("migrate", interactive=False, verbosity=0)  # a backup of an older version
    for cache in caches.all():
        cache.clear()  # pages, tokens and kept values of the replaced content
    if remote_engine() is not None:
        call_command("rebuild_search")  # the cluster's copy follows the restored table
    return manifest, kept
