"""The audit log and Wagtail's site history count their rows as log entries (issue 34 item 9):
they list entries of every kind (pages, accounts, submissions), and Wagtail's paginator named
them all "页面日志条目" (overrides.log_count for the site history)."""

import re

import pytest
from django.urls import reverse
from wagtail.log_actions import log

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("report", ["audit_log", "wagtailadmin_reports:site_history"])
def test_the_logs_count_log_entries_not_page_log_entries(client, make_user, school_a, report):
    admin = make_user("admin", is_superuser=True, is_staff=True)
    for number in range(60):  # more than one page of entries, none of them about a page
        log(make_user(f"teacher{number}"), "wagtail.create", user=admin)
    client.force_login(admin)
    html = client.get(reverse(report)).content.decode()
    count = re.search(r'<div class="pagination__end">\s*(.*?)\s*</div>', html).group(1)
    assert re.fullmatch(r"\d+ 日志条目", count), count
