"""Issue 18, item 1 (part): what every Site answers besides its pages: robots.txt pointing
at its own site map, and the icons browsers and phones ask for."""

import pytest

from tests.content import school_host

pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sites_own_map(client, school_a):
    host = school_host(school_a)
    response = client.get("/robots.txt", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines and "Disallow: /search/" in lines
    assert f"Sitemap: http://{host}/sitemap.xml" in lines
    assert client.get("/sitemap.xml", HTTP_HOST=host).status_code == 200


def test_pages_name_their_icons_and_the_root_favicon_is_served(client, school_a):
    home = client.get("/", HTTP_HOST=school_host(school_a)).content.decode()
    icons = {
        "/static/img/favicon.ico": "image/",
        "/static/img/favicon.svg": "image/svg+xml",
        "/static/img/apple-touch-icon.png": "image/png",
    }
    for url, kind in icons.items():
        assert f'href="{url}"' in home
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"].startswith(kind), url
    redirect = client.get("/favicon.ico")
    assert redirect.status_code == 301 and redirect["Location"] == "/static/img/favicon.ico"
