"""Lighthouse scores of every public page type of a running demo, phone preset.

    PORT=8000 bin/demo &                  # in another shell, or any running demo
    python bench/lighthouse.py [--base-domain localhost:8000] [--school meiling] [--min 98]

Runs Lighthouse (npm ``lighthouse``, installed on first use into var/lighthouse from the npm
registry, pinned below) with Debian's Chromium on the portal, a city and a county portal, a
school's home, brand, column index and post, an activity report, an exemplar case, the search
page, the evaluation page and the site map, and prints performance, accessibility, best
practices and SEO for each. SEO is not asked of pages that are deliberately ``noindex`` (search).
Exits 1 when a score is below ``--min``. Scores move a point or two between runs on a busy
2-core machine: run it on a quiet one. Never part of the test run.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.8.2"  # the last release that runs on Node 20 (Debian's)
PREFIX = ROOT / "var" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse():
    binary = PREFIX / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        print(f"Installing lighthouse {LIGHTHOUSE_VERSION} into {PREFIX} (once) ...", flush=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(PREFIX),
                "--no-audit",
                "--no-fund",
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
        )
    return binary


def fetch(url):
    """The page at ``url``, asked of the loopback address with the URL's host name: Chromium
    resolves every *.localhost to it, Python's resolver may not."""
    parts = urllib.parse.urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    request = urllib.request.Request(
        f"http://127.0.0.1{port}{parts.path}?{parts.query}", headers={"Host": parts.netloc}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


def first_link(url, prefix):
    """The first link under ``prefix`` on the page at ``url`` (an item of a list)."""
    html = fetch(url)
    found = re.search(rf'href="({re.escape(prefix)}[^"/?#]+/)"', html)
    if not found:
        sys.exit(f"No link under {prefix} on {url}: is the demo loaded?")
    return found.group(1)


def pages(base_domain, school):
    portal = f"http://{base_domain}"
    site = f"http://{school}.{base_domain}"
    campaign = None
    for region in ("/", "/nanjing/", "/nanjing/xuanwu/"):  # linked from the region running it
        campaign = campaign or re.search(r'href="(/evaluation/\d+/)"', fetch(portal + region))
    found = {
        "portal": f"{portal}/",
        "city": f"{portal}/nanjing/",
        "county": f"{portal}/nanjing/xuanwu/",
        "school home": f"{site}/",
        "brand": f"{site}/brand/",
        "column index": f"{site}/column/",
        "column post": site + first_link(f"{site}/column/", "/column/"),
        "activity report": site + first_link(f"{site}/activities/", "/activities/"),
        "exemplar case": site + first_link(f"{site}/cases/", "/cases/"),
        "search": f"{portal}/search/?q=%E5%85%9A%E5%BB%BA",
        "site map": f"{portal}/sitemap/",
        "English portal": f"{portal}/en/",
        "English brand": f"{site}/en/brand/",
        "English case": site + first_link(f"{site}/en/cases/", "/en/cases/"),
    }
    if campaign:
        found["evaluation"] = portal + campaign.group(1)
    return found


def score(binary, chromium, url, attempts=3):
    """Lighthouse now and then fails to record a trace (NO_NAVSTART): tried again."""
    for attempt in range(attempts):
        try:
            return _score(binary, chromium, url)
        except subprocess.CalledProcessError:
            if attempt == attempts - 1:
                raise
    return None


def _score(binary, chromium, url):
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [
                str(binary),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-path={chromium}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            check=True,
            timeout=300,
        )
        data = json.loads(report.read_text())
    noindex = not data["audits"]["is-crawlable"]["score"]
    return {
        name: round(100 * (data["categories"][name]["score"] or 0)) for name in CATEGORIES
    }, noindex


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-domain", default="localhost:8000")
    parser.add_argument("--school", default="meiling")
    parser.add_argument("--min", type=int, default=98)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("Chromium is needed: apt-get install chromium")
    binary = lighthouse()
    print(f"{'page type':<16} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  url")
    failing = []
    for name, url in pages(args.base_domain, args.school).items():
        scores, noindex = score(binary, chromium, url)
        cells = [f"{scores[c]:>5}" for c in CATEGORIES[:3]]
        cells.append(f"{'noidx' if noindex else scores['seo']:>5}")
        print(f"{name:<16} {' '.join(cells)}  {url}", flush=True)
        checked = CATEGORIES[:3] if noindex else CATEGORIES
        failing += [(name, c, scores[c]) for c in checked if scores[c] < args.min]
    if failing:
        print(f"below {args.min}: {failing}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
