"""Every package the code imports is installed by a requirement that names it, and the locks agree.

A fresh clone's bin/demo installs requirements.lock only: a runtime module that imports a package
which merely arrives with a development tool (pytest brought `packaging`) works in the test run
and fails on the first user's machine. So each imported top-level package must belong to a
distribution named in requirements.txt itself, not one that another requirement happens to pull
in; tests and benchmarks may use requirements-dev.txt as well.
"""

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
DEV_DIRS = ("tests", "bench")
# Every top-level package of the application (cms, pages, search, plugins, ...), found rather
# than listed, so that a new app is checked from its first commit.
RUNTIME_DIRS = sorted(
    p.name for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name not in DEV_DIRS
)
RUNTIME_FILES = ("manage.py", "gunicorn.conf.py")
# The project's own top-level packages and modules, those of the plugin the tests install, and
# the benchmarks' helpers (scripts run from bench/, which imports its siblings).
LOCAL = (
    {p.stem for p in ROOT.iterdir() if p.suffix == ".py" or p.is_dir()}
    | {p.name for p in (ROOT / "tests" / "plugin_storybook").iterdir() if p.is_dir()}
    | {p.stem for p in (ROOT / "bench").glob("*.py")}
)


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def named_in(requirements_file):
    """Distribution names a requirements file lists itself (following its -r includes)."""
    names = set()
    for line in (ROOT / requirements_file).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            names |= named_in(line[3:].strip())
        elif line and not line.startswith("-"):
            names.add(normalise(re.split(r"[\[=<>!~; ]", line, maxsplit=1)[0]))
    return names


# A locked line: a name, the extras its dependents ask for (fonttools[woff]), its version.
PIN = r"^([A-Za-z0-9._-]+)(?:\[[^]\n]*\])?==(\S+)"


def locked(lock_file):
    text = (ROOT / lock_file).read_text(encoding="utf-8")
    return {normalise(n): v for n, v in re.findall(PIN, text, re.M)}


def imported_packages(paths):
    """Top-level names imported anywhere in these files (inside functions too), with a user."""
    found = {}
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                tops = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                tops = [node.module.split(".")[0]]
            else:
                continue
            for top in tops:
                found.setdefault(top, path.relative_to(ROOT))
    return found


def python_files(dirs, files=()):
    paths = [ROOT / f for f in files]
    for folder in dirs:
        paths += sorted((ROOT / folder).rglob("*.py"))
    return paths


def is_test(path):
    """Tests that live with their app (a plugin's ``tests`` package) count as tests."""
    return "tests" in path.relative_to(ROOT).parts or path.name == "conftest.py"


RUNTIME_CODE = [p for p in python_files(RUNTIME_DIRS, RUNTIME_FILES) if not is_test(p)]
TEST_CODE = python_files(DEV_DIRS, ["conftest.py"]) + [
    p for p in python_files(RUNTIME_DIRS) if is_test(p)
]


def unprovided(imports, allowed):
    distributions = importlib.metadata.packages_distributions()
    gaps = []
    for top, user in sorted(imports.items()):
        if top in sys.stdlib_module_names or top in LOCAL or top == "__future__":
            continue
        owners = {normalise(d) for d in distributions.get(top, ())}
        if not owners & allowed:
            owner = ", ".join(sorted(owners)) or "no installed distribution"
            gaps.append(f"{top} (imported by {user}; provided by {owner})")
    return gaps


def test_runtime_code_imports_only_what_requirements_txt_names():
    imports = imported_packages(RUNTIME_CODE)
    assert {"cms", "pages", "search", "plugins"} <= set(RUNTIME_DIRS)
    assert {"django", "wagtail"} <= imports.keys()  # the walk reads the application
    assert unprovided(imports, named_in("requirements.txt")) == []


def test_installed_apps_come_from_requirements_txt():
    apps = {app.split(".")[0]: "settings.INSTALLED_APPS" for app in settings.INSTALLED_APPS}
    assert unprovided(apps, named_in("requirements.txt")) == []


def test_tests_and_benchmarks_import_only_what_the_requirements_name():
    imports = imported_packages(TEST_CODE)
    assert "pytest" in imports and "plugins/evaluation/tests/test_evaluation.py" in {
        str(path.relative_to(ROOT)) for path in TEST_CODE
    }
    assert unprovided(imports, named_in("requirements-dev.txt")) == []


def test_a_package_left_to_another_requirement_is_reported():
    """The check itself: modelcluster arrives with wagtail, yet only a line of its own counts."""
    imports = {"modelcluster": Path("pages/models.py"), "json": Path("pages/models.py")}
    assert unprovided(imports, {"wagtail"}) == [
        "modelcluster (imported by pages/models.py; provided by django-modelcluster)"
    ]


@pytest.mark.parametrize(
    ("source", "lock"),
    [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")],
)
def test_the_lock_pins_every_requirement_at_its_version(source, lock):
    pins = locked(lock)
    for line in (ROOT / source).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if match := re.match(r"([A-Za-z0-9._-]+)(?:\[[^]]*\])?==(\S+)$", line):
            name, version = normalise(match[1]), match[2]
            assert pins.get(name) == version, f"{lock} is stale for {name}: run bin/lock"


def test_runtime_and_dev_locks_name_the_same_versions():
    runtime, dev = locked("requirements.lock"), locked("requirements-dev.lock")
    assert runtime.keys() <= dev.keys()
    assert {n: v for n, v in dev.items() if n in runtime} == runtime


def test_every_locked_line_carries_hashes():
    for lock in ("requirements.lock", "requirements-dev.lock"):
        text = (ROOT / lock).read_text(encoding="utf-8")
        hashed = PIN + r" \\\n(?:\s+--hash=sha256:[0-9a-f]{64}.*\n)+"
        pinned = re.findall(hashed, text, re.M)
        assert len(pinned) == len(locked(lock)), f"{lock} has pins without hashes: run bin/lock"
