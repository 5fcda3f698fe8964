"""Whether this run must have the real services: CI sets REQUIRE_SERVICES=1, and then a
missing database, cache, cluster or browser fails the run instead of skipping tests."""

import os

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
