"""Page-serving benchmark: the demo province served by gunicorn (2 workers) over loopback.

    python bench/pages.py [--seconds 8] [--concurrency 8]

Loads the demo data into a fresh database (DATABASE_URL, or a temporary SQLite file), then
for a school home page, a column post, a region portal, a search and /healthz/ (a trivial view
through the same stack: the ceiling) measures requests/s and p50/p99 latency with a
keep-alive Python load generator, once with the page cache off and once on, and prints every
figure, the ratios the targets are stated in, and each worker's resident memory after each
run. Only the demo's 12 schools: the 2,000-school data set (bench/generate.py) is not built yet.
"""

import argparse
import http.client
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

from django_setup import setup_django

ROOT = Path(__file__).resolve().parent.parent
PORT = 8791


def load(host, path, seconds, concurrency):
    """(requests/s, p50 ms, p99 ms) for ``concurrency`` keep-alive clients over ``seconds``."""
    latencies, errors, stop = [], [], time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        mine = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            connection.request("GET", path, headers={"Host": host})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
            mine.append((time.perf_counter() - started) * 1000)
        latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{host}{path}: {len(errors)} responses were not 200 ({errors[:3]})")
    latencies.sort()
    return (
        len(latencies) / (time.monotonic() - began),
        statistics.median(latencies),
        latencies[int(len(latencies) * 0.99) - 1],
    )


def worker_memory(master):
    """Resident MB of each gunicorn worker (the master's children)."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def serve(env):
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "cms.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            connection.request("GET", "/healthz/", headers={"Host": "localhost"})
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--concurrency", type=int, default=8)
    options = parser.parse_args()
    os.environ["BASE_DOMAIN"] = "localhost"
    setup_django("yxyp-bench-pages-")
    from django.core.management import call_command

    from pages.models import ColumnPostPage

    print("loading the demo province ...", flush=True)
    call_command("demo", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    post = ColumnPostPage.objects.live().filter(url_path__contains="/meiling/").first()
    targets = {
        "school home": ("meiling.localhost", "/"),
        "column post": ("meiling.localhost", quote(post.url_path.split("/meiling", 1)[1])),
        "region portal": ("localhost", "/nanjing/"),
        "search": ("localhost", "/search/?q=%E5%85%9A%E5%BB%BA"),
        "trivial view": ("localhost", "/healthz/"),
    }
    env = dict(os.environ, ALLOWED_HOSTS="*")
    results = {}
    for cached in (False, True):
        env["PAGE_CACHE_SECONDS"] = "600" if cached else "0"
        server = serve(env)
        try:
            for name, (host, path) in targets.items():
                load(host, path, 1, options.concurrency)  # warm both workers
                results[(name, cached)] = load(host, path, options.seconds, options.concurrency)
            memory = worker_memory(server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait()
        label = "cached" if cached else "uncached"
        print(f"worker memory after the {label} run: {', '.join(f'{m:.0f} MB' for m in memory)}")

    print(f"\n{'page':<14} {'cache':<9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for (name, cached), (rate, p50, p99) in results.items():
        print(f"{name:<14} {'on' if cached else 'off':<9} {rate:>8.0f} {p50:>8.1f} {p99:>8.1f}")
    ceiling = results[("trivial view", False)][0]
    print(f"\nratios against the trivial view ({ceiling:.0f} req/s, cache off):")
    for name in ("school home", "column post", "region portal", "search"):
        off, on = results[(name, False)][0], results[(name, True)][0]
        print(f"  {name:<14} uncached {off / ceiling:.2f}   cached {on / ceiling:.2f}")
    print("targets: cached >= 0.80, uncached column post >= 0.35")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
