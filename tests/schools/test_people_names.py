"""Issue 16, finding 3: the admin named whoever acted on a school's pages (site history, page
history, the edit screen, the aging-pages report), platform admins included, to that school's
staff. People outside the viewer's colleagues are now named by role only."""

import pytest
from django.urls import reverse

from pages import publishing
from tests.content import post

pytestmark = pytest.mark.django_db


def test_school_staff_see_their_colleagues_names_and_no_one_elses(client, make_user, school_a):
    root = make_user("platform_root", is_superuser=True)
    colleague = make_user("ml_colleague", school=school_a, role="moderator")
    by_root = post(school_a, "平台代发")
    with publishing.acting_as(publishing.PLATFORM):  # as restoring an archived school does
        by_root.save_revision(user=root).publish(user=root)
    by_root.locked, by_root.locked_by = True, root
    by_root.save()
    by_colleague = post(school_a, "同事发布")
    by_colleague.save_revision(user=colleague).publish(user=colleague)
    urls = [
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_pages:history", args=[by_root.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[by_root.pk]),
        reverse("wagtailadmin_pages:edit", args=[by_root.pk]),
        reverse("wagtailadmin_explore", args=[by_root.get_parent().pk]),
    ]

    def bodies(user):
        client.force_login(user)
        return {url: client.get(url).content.decode() for url in urls}

    seen = bodies(make_user("ml_editor", school=school_a, role="editor"))
    assert [url for url, body in seen.items() if "platform_root" in body] == []
    assert "平台管理员" in seen[urls[0]]  # named by role instead
    assert "ml_colleague" in seen[urls[0]]
    as_admin = bodies(root)  # the control: the same screens do name the platform admin
    assert "platform_root" in as_admin[urls[0]] and "platform_root" in as_admin[urls[3]]
