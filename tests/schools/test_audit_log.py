"""The audit log (issue 16, finding 7): a read-only auditor sees every school's and region's
entries, filters them, and can change nothing; no other role reaches it, and nothing in the
admin edits or deletes a log entry."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import get_resolver, reverse

from tests.content import post

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor(make_user, capsys):
    """An auditor made the way the platform admin makes one."""
    user = make_user("auditor")
    call_command("staff_user", "auditor", "--auditor")
    assert "added as auditor" in capsys.readouterr().out
    client = Client()
    client.force_login(user)
    return client


def test_the_auditor_reads_every_schools_entries_and_filters_them(
    auditor, make_user, school_a, school_b, county
):
    post(school_a, "梅岭的发布")
    post(school_b, "清凉山的发布")
    make_user("wang", school=school_b, role="moderator")
    everything = auditor.get(reverse("audit_log")).content.decode()
    assert "梅岭的发布" in everything and "清凉山的发布" in everything
    granted = re.compile("审核员[:：] ?wang")  # never "Wang"
    assert granted.search(everything)
    grants = auditor.get(reverse("audit_log"), {"action": "yxyp.role.grant"}).content.decode()
    assert granted.search(grants) and "清凉山的发布" not in grants
    # Read-only: no page of any school is theirs to open, nothing to post.
    assert auditor.get(reverse("wagtailadmin_pages:edit", args=[school_a.pk])).status_code in (
        302,
        403,
        404,
    )
    assert auditor.post(reverse("audit_log")).status_code in (403, 405)


def test_no_other_role_reaches_the_audit_log(make_user, school_a, county):
    for name, kwargs in (
        ("editor", {"school": school_a, "role": "editor"}),
        ("moderator", {"school": school_a, "role": "moderator"}),
        ("curator", {"region": county, "role": "curator"}),
        ("manager", {"region": county, "role": "manager"}),
    ):
        client = Client()
        client.force_login(make_user(name, **kwargs))
        assert client.get(reverse("audit_log")).status_code in (302, 403), name
        assert "audit/" not in client.get("/admin/").content.decode(), name


def test_nothing_in_the_admin_changes_a_log_entry():
    """Wagtail's log has listings and reports only; no URL edits or deletes an entry."""

    def names(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                yield from names(pattern.url_patterns, namespace)
            elif pattern.name:
                yield prefix + pattern.name

    writable = [
        name
        for name in names(get_resolver().url_patterns)
        if ("log" in name.lower() or "audit" in name.lower() or "history" in name.lower())
        and any(verb in name for verb in ("edit", "delete", "create", "add", "update"))
    ]
    assert writable == []
