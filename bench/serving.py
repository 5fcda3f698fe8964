"""What the page benchmarks share: a generated province, gunicorn serving it, a keep-alive load
generator and the workers' memory, read from /proc."""

import http.client
import os
import shutil
import statistics
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8791


def load(host, path, seconds, concurrency, port=PORT):
    """(requests/s, p50 ms, p99 ms) for ``concurrency`` keep-alive clients over ``seconds``."""
    latencies, errors, stop = [], [], time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
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
    """(RSS MB, PSS MB) of each gunicorn worker (the master's children)."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = []
    for pid in children:
        fields = {}
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            name, value, *_unit = line.split()
            fields[name] = int(value) / 1024
        sizes.append((fields["Rss:"], fields["Pss:"]))
    return sizes


def show_memory(label, sizes):
    shown = ", ".join(f"RSS {rss:.0f} MB / PSS {pss:.0f} MB" for rss, pss in sizes)
    print(f"  worker memory after {label}: {shown}", flush=True)


def province(schools, pages):
    """The folder of a generated province (database, media, static files), built once."""
    folder = ROOT / "var" / "bench" / f"province-{schools}x{pages}"
    env = dict(os.environ, VAR_DIR=str(folder), BASE_DOMAIN="localhost")
    env.pop("DATABASE_URL", None)
    if not (folder / "ready").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        print(f"generating {schools} schools x {pages} pages in {folder} ...", flush=True)
        python = str(ROOT / ".venv/bin/python")
        generate = [python, "bench/generate.py", "--schools", str(schools), "--pages", str(pages)]
        subprocess.run(generate, cwd=ROOT, env=env, check=True)
        collect = [python, "manage.py", "collectstatic", "--noinput", "-v0"]
        subprocess.run(collect, cwd=ROOT, env=env, check=True)
        (folder / "ready").write_text("generated\n")
    else:  # kept from an earlier revision: bring its schema up to this one
        migrate = [str(ROOT / ".venv/bin/python"), "manage.py", "migrate", "-v0"]
        subprocess.run(migrate, cwd=ROOT, env=env, check=True)
    return env


def serve(env, port=PORT, cwd=ROOT, application="cms.wsgi", probe="/healthz/"):
    """gunicorn with 2 workers serving ``application`` from ``cwd``, once it answers ``probe``."""
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            application,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env=env,
    )
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", probe, headers={"Host": "localhost"})
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")
