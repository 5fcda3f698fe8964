"""The platform's own actions are in Wagtail's log: role grants and removals, provisioning,
archiving, submissions and their decisions, featuring. They show in the site history report,
with who did what, in the admin's language."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry

from curation import features
from curation import submissions as curation
from pages.models import BrandPage
from schools import provisioning
from tests.content import post

pytestmark = pytest.mark.django_db


def actions(model, **filters):
    return list(model.objects.filter(**filters).order_by("pk").values_list("action", flat=True))


def test_provisioning_and_roles_are_in_the_schools_history(county, make_user):
    admin = make_user("platform", is_superuser=True)
    school = provisioning.provision_school(county, "游府西街小学", "youfu", user=admin).page
    (entry,) = PageLogEntry.objects.filter(page=school, action="yxyp.provision")
    assert entry.user == admin and "site" in entry.data["created"]
    provisioning.provision_school(county, "游府西街小学", "youfu", user=admin)  # no change
    assert actions(PageLogEntry, page=school, action="yxyp.provision") == ["yxyp.provision"]

    teacher = make_user("teacher")
    provisioning.add_school_user(school, teacher, "editor")
    provisioning.add_school_user(school, teacher, "editor")  # already: nothing new
    provisioning.remove_school_user(school, teacher, "editor")
    granted = actions(PageLogEntry, page=school, action__startswith="yxyp.role")
    assert granted == ["yxyp.role.grant", "yxyp.role.revoke"]

    provisioning.archive_school(school, admin)
    provisioning.restore_school(school, admin)
    assert {"yxyp.archive", "yxyp.restore"} <= set(actions(PageLogEntry, page=school))


def test_submissions_and_featuring_are_logged_with_who_acted(school_a, county, make_user):
    editor = make_user("editor", school_a, "editor")
    curator = make_user("curator")
    provisioning.add_region_user(county, curator, "curator")
    submission = curation.submit(post(school_a), editor)
    curation.decide(submission, curator, "accept")
    logged = ModelLogEntry.objects.filter(object_id=str(submission.pk)).order_by("pk")
    assert [(e.action, e.user) for e in logged] == [
        ("yxyp.submission.submit", editor),
        ("yxyp.submission.decide", curator),
    ]
    brand = BrandPage.objects.child_of(school_a).get()
    brand.save_revision().publish()
    features.feature(county, brand, "品牌鲜明", user=curator)
    (featured,) = ModelLogEntry.objects.filter(action="yxyp.feature")
    assert featured.user == curator and featured.data == {"reason": "品牌鲜明"}
    with pytest.raises(ValidationError):  # a column post cannot be featured: nothing logged
        features.feature(county, post(school_a, "另一篇"), "不应推荐", user=curator)
    assert ModelLogEntry.objects.filter(action="yxyp.feature").count() == 1


def test_the_site_history_report_shows_the_platforms_actions(admin_client, school_a, county):
    teacher = get_user_model().objects.create_user("wang")
    provisioning.add_school_user(school_a, teacher, "moderator")
    html = admin_client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    granted = re.compile("审核员[:：] ?wang")  # the role in the admin's language
    assert granted.search(html) and "Wang" not in html  # the username as typed
    filtered = admin_client.get(
        reverse("wagtailadmin_reports:site_history"), {"action": "yxyp.role.grant"}
    )
    assert filtered.status_code == 200 and granted.search(filtered.content.decode())
