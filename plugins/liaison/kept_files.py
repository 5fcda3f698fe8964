"""An attachment chosen in a submission that fails is kept, so that the curator need not choose
it again (a browser sends no file back when a page is shown again).

The file waits under ``liaison/pending/``, as private as the attachments, behind a signed
token bound to the user who sent it, for a day; the form that shows the errors carries the
token, the next submission takes the file from it, and saving the record removes the waiting
copy. ``liaison_reminders`` (daily) removes the copies of forms never saved.
"""

import datetime
import posixpath
import secrets

from django import forms
from django.core import signing
from django.core.files import File
from django.utils import timezone

from plugins.liaison.models import SupervisionRecord

PENDING = "liaison/pending/"
SALT = "liaison.kept-attachment"
MAX_AGE = datetime.timedelta(days=1)


def storage():
    return SupervisionRecord._meta.get_field("attachment").storage


def keep(upload, user):
    """Store ``upload`` until the form is sent again; the token that finds it."""
    upload.seek(0)
    name = storage().save(f"{PENDING}{secrets.token_hex(16)}/{upload.name}", upload)
    return signing.dumps({"user": user.pk, "name": name}, salt=SALT)


def kept(token, user):
    """The file ``token`` stands for, if ``user`` sent it within a day; else None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    name = data.get("name", "") if isinstance(data, dict) else ""
    if data.get("user") != user.pk or not name.startswith(PENDING) or "/../" in f"/{name}/":
        return None
    if not storage().exists(name):
        return None
    found = File(storage().open(name), name=posixpath.basename(name))
    found.kept_as, found.token = name, token
    return found


def forget(name):
    storage().delete(name)


def sweep(now=None):
    """Remove the waiting copies older than a day; how many."""
    now = now or timezone.now()
    removed = 0
    folders, _files = storage().listdir(PENDING) if storage().exists(PENDING) else ([], [])
    for folder in folders:
        for file_name in storage().listdir(f"{PENDING}{folder}")[1]:
            name = f"{PENDING}{folder}/{file_name}"
            if now - storage().get_modified_time(name) > MAX_AGE:
                forget(name)
                removed += 1
    return removed


class KeptFileInput(forms.ClearableFileInput):
    """The file input, and the file kept from the last submission (``kept``: token, name)."""

    template_name = "liaison/kept_file_input.html"
    kept = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.kept:
            token, file_name = self.kept
            context["widget"]["kept"] = {"name": f"{name}-kept", "token": token, "file": file_name}
        return context
