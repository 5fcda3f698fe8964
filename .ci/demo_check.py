"""Checks a running demo over HTTP as a new user would: the portal, every Site, the admin login.

Usage: python3 .ci/demo_check.py PORT SITES_FILE
SITES_FILE holds one hostname per line (every Site of the demo database). Standard library
only: CI runs it with the machine's python3, outside any virtualenv. Prints one line per check
and a closing "N passed, N failed" line; exits 1 on any failure.
"""

import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

port, sites_file = int(sys.argv[1]), sys.argv[2]
ORIGIN = f"http://127.0.0.1:{port}"
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
results = []


def get(path, host="localhost", data=None):
    request = urllib.request.Request(
        ORIGIN + path,
        data=urllib.parse.urlencode(data).encode() if data is not None else None,
        headers={"Host": f"{host}:{port}", "Accept-Language": "zh-hans"},
    )
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.geturl(), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.url, error.read().decode("utf-8", "replace")


def check(name, ok, detail=""):
    results.append(ok)
    print(f"  {'ok  ' if ok else 'FAIL'} {name}{'  ' + detail if detail else ''}", flush=True)


status, _url, body = get("/")
check("portal http://localhost/", status == 200, str(status))

hosts = Path(sites_file).read_text(encoding="utf-8").split()
for host in hosts:
    status, _url, body = get("/", host)
    title = re.search(r"<title>(.*?)</title>", body, re.S)
    check(f"site http://{host}/", status == 200, f"{status} {title[1].strip() if title else ''}")

status, _url, body = get("/admin/login/")
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
check("admin login page in Chinese", status == 200 and "登录" in body and token is not None)
if token:
    status, url, body = get(
        "/admin/login/",
        data={
            "csrfmiddlewaretoken": token[1],
            "username": "admin",
            "password": "yxyp-demo",
            "next": "/admin/",
        },
    )
    signed_in = (
        status == 200
        and urllib.parse.urlparse(url).path == "/admin/"
        and "<title>控制面板" in body  # the dashboard, in Chinese
        and 'name="password"' not in body
    )
    check(
        "admin signs in with the printed password and sees the dashboard",
        signed_in,
        f"{status} {urllib.parse.urlparse(url).path}",
    )

passed = sum(results)
print(f"demo: {passed} passed, {len(results) - passed} failed")
sys.exit(0 if passed == len(results) and len(hosts) > 1 else 1)
