"""Page-serving benchmark: a generated province served by gunicorn (2 workers) over loopback.

    python bench/pages.py [--schools 2000] [--pages 50] [--seconds 8] [--concurrency 8]

Builds two provinces with bench/generate.py, one of 10 schools and one of ``--schools``
(each once: they are kept in var/bench/ and reused), as SQLite databases. For each it serves
the same school's home page and first column post, a city portal, a province-wide search and
/healthz/ (a trivial view through the same stack: the ceiling), and measures requests/s and
p50/p99 latency with a keep-alive Python load generator, with the page cache off and on. With
the cache off at the large scale every page is measured twice, to see whether a worker's
memory grows. Prints every figure, the ratios the targets are stated in, each worker's
resident memory (RSS, and PSS: the shared pages split between the processes sharing them)
and the SQL queries each page costs at both scales (bench/query_counts.py).
"""

import argparse
import json
import signal
import subprocess
import sys

from query_counts import TARGETS
from serving import ROOT, load, province, serve, show_memory, worker_memory


def measure(env, cached, options, passes=1):
    env = dict(env, ALLOWED_HOSTS="*", PAGE_CACHE_SECONDS="600" if cached else "0")
    server = serve(env)
    results = {}
    try:
        for number in range(1, passes + 1):
            for name, (host, path) in TARGETS.items():
                load(host, path, 1, options.concurrency)  # warm both workers
                results[name] = load(host, path, options.seconds, options.concurrency)
            show_memory(
                f"pass {number} ({'cached' if cached else 'uncached'})", worker_memory(server.pid)
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=2000)
    parser.add_argument("--pages", type=int, default=50, help="pages per school")
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--concurrency", type=int, default=8)
    options = parser.parse_args()
    scales = (10, options.schools)
    results, queries = {}, {}
    for schools in scales:
        env = province(schools, options.pages)
        counted = subprocess.run(
            [str(ROOT / ".venv/bin/python"), "bench/query_counts.py"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        queries[schools] = json.loads(counted.stdout.strip().splitlines()[-1])
        for cached in (False, True):
            print(f"{schools} schools, page cache {'on' if cached else 'off'}:", flush=True)
            passes = 2 if schools == options.schools and not cached else 1
            for name, figures in measure(env, cached, options, passes).items():
                results[(schools, name, cached)] = figures

    print(f"\n{'schools':>7} {'page':<14} {'cache':<6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for (schools, name, cached), (rate, p50, p99) in results.items():
        cache = "on" if cached else "off"
        print(f"{schools:>7} {name:<14} {cache:<6} {rate:>8.0f} {p50:>8.1f} {p99:>8.1f}")
    for schools in scales:
        ceiling = results[(schools, "trivial view", False)][0]
        print(f"\n{schools} schools, against the trivial view ({ceiling:.0f} req/s):")
        for name in ("school home", "column post", "region portal", "search"):
            off, on = results[(schools, name, False)][0], results[(schools, name, True)][0]
            print(f"  {name:<14} uncached {off / ceiling:.2f}   cached {on / ceiling:.2f}")
    small, large = scales
    print(f"\nSQL queries per page (page cache off), {small} schools / {large} schools:")
    for name in TARGETS:
        print(f"  {name:<14} {queries[small][name]:>3} / {queries[large][name]:>3}")
    print(f"\n{large} schools against {small}, uncached:")
    for name in ("school home", "column post", "region portal", "search"):
        ratio = results[(large, name, False)][0] / results[(small, name, False)][0]
        print(f"  {name:<14} {ratio:.2f}")
    print(
        "targets: uncached column post at the large scale >= 0.9 x at 10 schools;"
        " cached >= 0.80 x trivial; uncached column post >= 0.35 x trivial;"
        " worker RSS <= 150 MB, not growing over the second pass"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
