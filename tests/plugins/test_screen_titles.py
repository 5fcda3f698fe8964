"""Every plugin admin screen is headed with its own title (issue 34 item 9): a plain view's
header showed only its breadcrumbs, "首页", with the title left to screen readers."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.admin.viewsets import viewsets

pytestmark = pytest.mark.django_db


def header_of(html):
    """The visible header's last breadcrumb, and the title given to screen readers."""
    soup = BeautifulSoup(html, "html.parser")
    crumbs = soup.select("header [data-w-breadcrumbs] li")
    return crumbs[-1].get_text(" ", strip=True), soup.select_one("header h1").get_text(strip=True)


def plugin_index_urls():
    reverse("wagtailadmin_home")  # the admin's URLs, and with them its viewsets, are loaded
    for viewset in viewsets.viewsets:
        if type(viewset).__module__.startswith("plugins.") and any(
            pattern.name == "index" for pattern in viewset.get_urlpatterns()
        ):
            yield reverse(viewset.get_url_name("index"))


def test_each_plugin_screen_and_the_cores_own_screens_are_headed_with_their_title(
    client, make_user
):
    client.force_login(make_user("admin", is_superuser=True, is_staff=True))
    core = ("submission_index", "submission_new", "school_accounts")
    urls = [*plugin_index_urls(), *(reverse(name) for name in core)]
    assert len(urls) >= 8  # evaluation, liaison, alliance and ledger screens
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        shown, title = header_of(response.content.decode())
        assert title and title in shown and shown not in ("首页", "Home"), (url, shown)
