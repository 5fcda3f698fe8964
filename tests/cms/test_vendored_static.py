"""Chart.js is served from our static files (no CDN), vendored from npm: the copy must be the
release package.json names, byte for byte, so an upgrade is one edit and one copy."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from tests.services import REQUIRE_SERVICES

ROOT = Path(settings.BASE_DIR)
VENDORED = ROOT / "static" / "vendor" / "chart.js" / "chart.umd.min.js"
INSTALLED = ROOT / "node_modules" / "chart.js" / "dist" / "chart.umd.min.js"


def test_the_vendored_chart_js_is_the_release_package_json_names():
    version = json.loads((ROOT / "package.json").read_text())["devDependencies"]["chart.js"]
    assert f"Chart.js v{version}\n" in VENDORED.read_text(encoding="utf-8")[:200]
    assert (VENDORED.parent / "LICENSE.md").exists()
    if not INSTALLED.exists():
        if REQUIRE_SERVICES:
            raise AssertionError("npm ci has not run (REQUIRE_SERVICES=1)")
        pytest.skip("npm ci has not run")
    assert VENDORED.read_bytes() == INSTALLED.read_bytes()
