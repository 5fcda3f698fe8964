"""Real processes for tests that need more than one: manage.py commands, and gunicorn on a free
loopback port."""

import http.client
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args):
    """``manage.py *args`` in a process of its own with ``env``."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def fetch(port, host, path="/"):
    """(status, X-Page-Cache, body) of one GET."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.getheader("X-Page-Cache"), response.read().decode()
    finally:
        connection.close()


def gunicorn(env, access_log, workers=2):
    """gunicorn serving the project with ``env``, each request logged to ``access_log`` as
    "<worker pid> <X-Page-Cache>"; returns (process, port) once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "cms.wsgi", "--bind", f"127.0.0.1:{port}"),
            *("--workers", str(workers), "--access-logfile", str(access_log)),
            *("--access-logformat", "%(p)s %({x-page-cache}o)s"),
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(150):
        try:
            fetch(port, "localhost", "/healthz/")
            return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")
