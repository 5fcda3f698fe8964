"""The repository's test root: every test, the core's (tests/) and the plugins'
(plugins/<name>/tests/), gets the fixtures and hooks of tests/fixtures.py."""

pytest_plugins = ["tests.fixtures"]
