"""The import graph keeps the architecture of docs/architecture.md.

import-linter (on grimp's graph of every import, including those inside functions) checks the
contracts in pyproject.toml: apps import only apps in lower layers, schools and search never
import each other, and no two sibling modules of an app import each other in a circle.
"""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]


def test_the_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(CONFIG['contracts'])} kept, 0 broken." in result.stdout


def test_every_application_package_has_a_layer():
    """A new app cannot slip past the contract: every top-level package is in a layer."""
    packages = {
        path.name
        for path in ROOT.iterdir()
        if (path / "__init__.py").exists() and path.name not in {"tests", "bench"}
    }
    assert set(CONFIG["root_packages"]) == packages
    (layers,) = [c["layers"] for c in CONFIG["contracts"] if c["type"] == "layers"]
    layered = {name.strip() for layer in layers for name in layer.split("|")}
    assert layered == packages


def test_every_first_party_plugin_is_held_to_the_sdk():
    plugins = {
        f"plugins.{path.name}"
        for path in (ROOT / "plugins").iterdir()
        if (path / "__init__.py").exists()
    }
    (sdk,) = [c for c in CONFIG["contracts"] if c["id"] == "plugins-use-the-sdk"]
    assert set(sdk["source_modules"]) == plugins
    assert set(sdk["forbidden_modules"]) == set(CONFIG["root_packages"]) - {"plugins"}
