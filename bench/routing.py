"""Routing benchmark: the cost of page URLs as the number of Sites grows (wagtail #14620).

    python bench/routing.py [--sites 2000] [--renders 200]

Renders a rich-text body with 10 internal page links (as a page body is rendered), first
with the demo-sized handful of Sites, then after adding ``--sites`` Sites (one per page, as
schools have), each time with Wagtail's own URL code and with overrides/routing.py, and prints the
time per rendering and the ratios. Runs on DATABASE_URL or a fresh SQLite file.
"""

import argparse
import statistics
import time
from unittest import mock

from django_setup import setup_django


def render_time(body, renders):
    """Median ms to expand the body's links (one query for the pages, then a URL each)."""
    from wagtail.rich_text import expand_db_html

    samples = []
    for _ in range(renders):
        started = time.perf_counter()
        html = expand_db_html(body)
        samples.append((time.perf_counter() - started) * 1000)
    assert html.count('<a href="') == 10, html
    return statistics.median(samples)


def measure(body, renders):
    """(stock ms, ours ms) per rendering of the body."""
    from wagtail.models import Page, Site

    from overrides import routing

    ours = render_time(body, renders)
    with (
        mock.patch.object(
            Page, "_get_relevant_site_root_paths", routing.WAGTAIL_RELEVANT_SITE_ROOT_PATHS
        ),
        mock.patch.object(Page, "get_url", routing.WAGTAIL_GET_URL),
        mock.patch.object(Page, "url", property(routing.WAGTAIL_GET_URL)),
    ):
        Site.clear_site_root_paths_cache()
        stock = render_time(body, renders)
    return stock, ours


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=2000)
    parser.add_argument("--renders", type=int, default=200)
    options = parser.parse_args()
    setup_django("yxyp-bench-routing-")

    from tqdm import tqdm
    from wagtail.models import Page, Site

    from pages.models import ColumnIndexPage, ColumnPostPage
    from schools import provisioning

    province = provisioning.provision_region("江苏省", "jiangsu", "320000", "province").page
    city = provisioning.provision_region("南京市", "nanjing", "320100", "city", parent=province)
    county = provisioning.provision_region(
        "玄武区", "xuanwu", "320102", "county", parent=city.page
    ).page
    school = provisioning.provision_school(county, "梅岭小学", "meiling").page
    column = ColumnIndexPage.objects.child_of(school).get()
    targets = []
    for number in range(10):
        target = ColumnPostPage(title=f"文章{number}", slug=f"post-{number}")
        column.add_child(instance=target)
        target.save_revision().publish()
        targets.append(target)
    body = "".join(f'<p><a linktype="page" id="{p.pk}">链接{p.pk}</a></p>' for p in targets)

    rows = [("few", Site.objects.count(), *measure(body, options.renders))]
    started = time.perf_counter()
    for number in tqdm(range(options.sites), desc="sites", unit="site"):
        page = county.add_child(instance=Page(title=f"学校{number}", slug=f"school-{number}"))
        Site.objects.create(hostname=f"school-{number}.bench.test", port=80, root_page=page)
    made = time.perf_counter() - started
    print(f"{options.sites} Sites made in {made:.1f} s")
    rows.append(("many", Site.objects.count(), *measure(body, options.renders)))

    print(f"{'Sites':>6}  {'Wagtail ms':>10}  {'ours ms':>8}  {'Wagtail/ours':>12}")
    for _label, sites, stock, ours in rows:
        print(f"{sites:>6}  {stock:>10.2f}  {ours:>8.2f}  {stock / ours:>11.1f}x")
    (_, _, stock_few, ours_few), (_, _, stock_many, ours_many) = rows
    print(
        f"growth from {rows[0][1]} to {rows[1][1]} Sites: Wagtail {stock_many / stock_few:.1f}x, "
        f"ours {ours_many / ours_few:.2f}x"
    )


if __name__ == "__main__":
    main()
