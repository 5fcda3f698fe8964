"""manage.py backup and restore: a round trip through a real archive brings back every row of
every table (pages, revisions, images, documents, users, groups, submissions, logs) and every
media file, after the content was changed and deleted in between; bad archives are refused
with nothing changed."""

import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from cms.backup import _count, _tables
from curation.models import Submission
from pages.models import ColumnPostPage
from tests.content import adopted, document, image, post

# pg_dump and pg_restore see committed rows only; the province is restored after the test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def every_table():
    with connection.cursor() as cursor:
        return _count(cursor, _tables())


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return {path.relative_to(root): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_a_backup_restores_every_row_and_file_after_changes(school_a, county, make_user, tmp_path):
    photo = image("校园红色长廊", "corridor.png", collection=school_a.collection)
    ledger = document(school_a.collection, "党建台账")
    page = post(school_a, "红色长廊启用", cover=photo)
    page.title = "红色长廊启用（修订稿）"
    page.save_revision()  # a draft on top of the live page
    adopted(page, school_a, county)
    editor = make_user("meiling-editor", school=school_a, role="editor")
    before, files = every_table(), media_files()
    revisions = list(Revision.page_revisions.filter(object_id=str(page.pk)).values("pk", "content"))
    assert files and before["wagtailcore_page"] > 0 and before[Submission._meta.db_table] == 1

    archive = tmp_path / "backups" / "yxyp.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)
    assert not archive.with_name("yxyp.tar.gz.partial").exists()
    with tarfile.open(archive) as opened:
        assert opened.getnames()[0] == "manifest.json"

    # Life goes on, and goes wrong: pages, files and accounts change or disappear.
    Page.objects.get(pk=page.pk).delete()
    ledger_pk = ledger.pk
    ledger.delete()
    get_image_model().objects.all().delete()
    editor.delete()
    Group.objects.filter(name__contains="meiling").delete()
    post(school_a, "备份之后的新文章")
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()

    call_command("restore", str(archive), yes=True, verbosity=0)

    assert every_table() == before
    assert media_files() == files
    restored = ColumnPostPage.objects.get(pk=page.pk)
    assert restored.title == "红色长廊启用" and restored.has_unpublished_changes
    assert restored.cover_id == photo.pk
    assert (
        list(Revision.page_revisions.filter(object_id=str(page.pk)).values("pk", "content"))
        == revisions
    )
    assert get_document_model().objects.get(pk=ledger_pk).file.read()
    assert Submission.objects.get(page_id=page.pk).school_id == school_a.pk
    account = apps.get_model(settings.AUTH_USER_MODEL).objects.get(username="meiling-editor")
    assert account.check_password("pw-for-tests")
    assert account.groups.filter(name__contains="meiling").exists()
    assert not ColumnPostPage.objects.filter(title="备份之后的新文章").exists()


def test_what_is_not_a_backup_is_refused_with_nothing_changed(school_a, tmp_path):
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), yes=True)
    stranger = tmp_path / "stranger.tar.gz"
    with tarfile.open(stranger, "w:gz") as archive:
        archive.add(__file__, "notes.txt")
    with pytest.raises(CommandError, match="not a backup made by manage.py backup"):
        call_command("restore", str(stranger), yes=True)
    assert Page.objects.count() == pages
