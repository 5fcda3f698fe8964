"""Admin benchmark: what bureau and school staff pay in the admin as schools are added.

    python bench/admin.py [--schools 1000] [--counties 10] [--runs 5]

Provisions a city with counties and schools through the real provisioning service, then for a
city curator, a county account manager, a school editor and the platform admin requests their
everyday admin screens in-process (Django's test client, no network) and prints each one's SQL
query count and median time, first at 10 schools and again at the full number, with the ratio.
Runs against DATABASE_URL (default: a fresh SQLite file in a temporary folder). Never part of
the test run: timings on a shared 2-core machine are noisy, so compare within one run.
"""

import argparse
import os
import statistics
import time

from django_setup import setup_django


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=1000)
    parser.add_argument("--counties", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup_django("yxyp-admin-bench-")

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from tqdm import tqdm

    from schools import provisioning

    province = provisioning.provision_region("江苏省", "jiangsu", "320000", "province").page
    city = provisioning.provision_region(
        "南京市", "nanjing", "320100", "city", parent=province
    ).page
    counties = [
        provisioning.provision_region(
            f"第{n}区", f"county{n}", f"3201{n + 10:02d}", "county", parent=city
        ).page
        for n in range(args.counties)
    ]
    User = get_user_model()

    def user(name, **extra):
        return User.objects.filter(username=name).first() or User.objects.create_user(
            name, password="bench", **extra
        )

    admin = user("admin", is_superuser=True, is_staff=True)
    curator, manager, editor = user("city-curator"), user("county-manager"), user("editor")
    provisioning.add_region_user(city, curator, "curator")
    provisioning.add_region_user(counties[0], manager, "manager")

    def provision(start, stop):
        started = time.perf_counter()
        for number in tqdm(range(start, stop), desc="provisioning", unit="school", mininterval=2):
            provisioning.provision_school(
                counties[number % len(counties)], f"测试学校{number}", f"school{number}"
            )
        return (stop - start) / (time.perf_counter() - started)

    provision(0, 10)
    school = provisioning.find_school("school0")
    provisioning.add_school_user(school, editor, "editor")
    client = Client(HTTP_HOST=settings.BASE_DOMAIN)
    screens = [
        (curator, "city curator: dashboard", "/admin/"),
        (curator, "city curator: page chooser, city", f"/admin/choose-page/{city.pk}/"),
        (curator, "city curator: page chooser, county", f"/admin/choose-page/{counties[0].pk}/"),
        (curator, "city curator: featured work", "/admin/features/"),
        (curator, "city curator: submissions", "/admin/submissions/"),
        (curator, "city curator: explorer (none: no page rights)", f"/admin/pages/{city.pk}/"),
        (manager, "county manager: school accounts", "/admin/school-accounts/"),
        (editor, "school editor: dashboard", "/admin/"),
        (editor, "school editor: explorer, own school", f"/admin/pages/{school.pk}/"),
        (admin, "platform admin: dashboard", "/admin/"),
        (admin, "platform admin: explorer, city", f"/admin/pages/{city.pk}/"),
        (admin, "platform admin: explorer, county", f"/admin/pages/{counties[0].pk}/"),
    ]

    def measure():
        figures = {}
        for person, label, url in screens:
            client.force_login(person)
            status = client.get(url).status_code  # warm
            samples, queries = [], 0
            for _ in range(args.runs):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    client.get(url)
                    samples.append((time.perf_counter() - started) * 1000)
                queries = len(captured)
            figures[label] = (status, queries, statistics.median(samples))
        return figures

    small = measure()
    rate = provision(10, args.schools)
    large = measure()
    print(
        f"\n# admin benchmark: {connection.vendor}, {os.cpu_count()} CPUs, "
        f"{args.counties} counties; provisioning {rate:.1f} schools/s"
    )
    header = (
        f"{'screen':<48} {'status':>6} {'queries 10':>10} {f'queries {args.schools}':>13}"
        f" {'ms 10':>8} {f'ms {args.schools}':>9} {'time ratio':>10}"
    )
    print(header)
    print("-" * len(header))
    for label, (status, queries, milliseconds) in large.items():
        _status, small_queries, small_ms = small[label]
        print(
            f"{label:<48} {status:>6} {small_queries:>10} {queries:>13} {small_ms:>8.1f}"
            f" {milliseconds:>9.1f} {milliseconds / small_ms:>9.2f}x"
        )


if __name__ == "__main__":
    main()
