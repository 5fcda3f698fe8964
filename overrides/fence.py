"""The fence: each patch records the upstream code it replaces or relies on, and start-up
compares that record with the libraries installed.

A patch stops applying silently when the library changes under it: a method renamed, a view
moved to another URL, a template no longer included, one more module binding the function
that was replaced. For a patch that keeps the school boundary or people's privacy, that is a
hole no test of the old version shows. So each fenced override (``overrides.FENCED``) declares
a ``FENCE``: what it replaces, each with the fingerprint of its source and signature when the
patch was verified. ``verify`` runs in ``overrides.install`` (OverridesConfig.ready), before any
patch is put in place: when a patch that enforces a rule (``closed``) finds its upstream code
changed or gone, the process refuses to start (ImproperlyConfigured, saying what changed and
what to do) rather than run without the rule; any other patch (``warned``) gets a system check
warning (overrides.W002).

Sources are read from the originals: each is resolved once, at the first verification, before
the patches replace them in their modules.
"""

import ast
import functools
import hashlib
import importlib
import importlib.util
import inspect
import os
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


class Gone(LookupError):
    """The upstream code a record names is not in the installed library."""


class AlreadyPatched(LookupError):
    """What a record names was replaced by a patch before the record was first read: its
    fingerprint would be the patch's (read records before ``install``, as ``verify`` does)."""


def fingerprint(text):
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@functools.cache
def _original(module, name):
    """The object ``module``.``name`` names, as first found (so before any patch)."""
    try:
        found = importlib.import_module(module)
        for part in name.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError) as error:
        raise Gone(f"{module}.{name}: {error}") from error
    return found


def _module_file(module):
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise Gone(f"module {module}")
    return Path(spec.origin)


@dataclass(frozen=True)
class Code:
    """A function, method, property or class: its source and its signature."""

    module: str
    name: str
    fingerprint: str

    @property
    def where(self):
        return f"{self.module}.{self.name}"

    def installed(self):
        found = _original(self.module, self.name)
        found = getattr(found, "func", None) or getattr(found, "fget", None) or found
        if getattr(found, "__module__", "").split(".")[0] == __package__:
            raise AlreadyPatched(f"{self.where} is {found.__module__}'s")
        try:
            signature = str(inspect.signature(found))
        except (TypeError, ValueError):  # some classes have none to tell
            signature = ""
        return textwrap.dedent(inspect.getsource(found)) + signature


@dataclass(frozen=True)
class Template:
    """A template of an installed app, as the app ships it (the project may override it)."""

    package: str
    name: str
    fingerprint: str

    @property
    def where(self):
        return f"{self.package}: templates/{self.name}"

    def installed(self):
        path = _module_file(self.package).parent / "templates" / self.name
        if not path.is_file():
            raise Gone(self.where)
        return path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Route:
    """The ``path(…)`` that names a URL in a library's URL module, read from its source (the
    module is not imported: Wagtail's admin URLs run every app's hooks when imported)."""

    module: str
    url_name: str
    fingerprint: str

    @property
    def where(self):
        return f"{self.module}: the URL named {self.url_name!r}"

    def installed(self):
        source = _module_file(self.module).read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and any(
                keyword.arg == "name"
                and isinstance(keyword.value, ast.Constant)
                and keyword.value.value == self.url_name
                for keyword in node.keywords
            ):
                return ast.get_source_segment(source, node)
        raise Gone(self.where)


@dataclass(frozen=True)
class Importers:
    """The modules of a package that import ``name`` (``from … import name``): a patch that
    rebinds the name in each must know them all. Tests, migrations and non-code folders are
    not read."""

    package: str
    name: str
    fingerprint: str

    SKIPPED = frozenset({"tests", "migrations", "static", "templates", "locale", "__pycache__"})

    @property
    def where(self):
        return f"the modules of {self.package} importing {self.name}"

    def installed(self):
        root = _module_file(self.package).parent
        name = re.escape(self.name)
        imports = re.compile(
            rf"^[ \t]*from[ \t]+[\w.]+[ \t]+import[ \t]+"
            rf"(?:\([^)]*\b{name}\b[^)]*\)|[^\n(]*\b{name}\b)",
            re.MULTILINE,
        )
        needle, found = self.name.encode(), []
        for folder, folders, files in os.walk(root):
            folders[:] = sorted(entry for entry in folders if entry not in self.SKIPPED)
            for file in sorted(entry for entry in files if entry.endswith(".py")):
                path = Path(folder, file)
                text = path.read_bytes()
                if needle in text and imports.search(text.decode("utf-8")):
                    module = path.relative_to(root.parent).with_suffix("").parts
                    found.append(".".join(module).removesuffix(".__init__"))
        return "\n".join(sorted(found))


@dataclass(frozen=True)
class Fence:
    enforces: bool
    upstream: tuple

    def changes(self):
        """A line for each record whose upstream code changed or is gone."""
        lines = []
        for record in self.upstream:
            try:
                now = fingerprint(record.installed())
            except (Gone, OSError, TypeError) as error:
                lines.append(f"{record.where} is gone ({error})")
                continue
            except AlreadyPatched as error:
                lines.append(f"{record.where} was read after its patch ({error})")
                continue
            if now != record.fingerprint:
                lines.append(
                    f"{record.where} changed: fingerprint {now}, verified {record.fingerprint}"
                )
        return lines


def closed(*upstream):
    """The fence of a patch that enforces a rule: a change stops the start."""
    return Fence(enforces=True, upstream=upstream)


def warned(*upstream):
    """The fence of any other patch: a change is a system check warning."""
    return Fence(enforces=False, upstream=upstream)


WHAT_TO_DO = (
    "Read the new upstream code against the module and its tests in tests/overrides/, adapt "
    "the patch (or drop it if upstream now does the same), then record the fingerprints shown "
    "here (those of the installed code, read before any patch) in its FENCE."
)


def verify(modules):
    """Refuses to start when a patch that enforces a rule finds its upstream code changed.
    Every record is read here, before the patches replace what they name."""
    refused = []
    for module in modules:
        changes = module.FENCE.changes()
        if module.FENCE.enforces and changes:
            refused.append(f"{module.__name__}:\n  " + "\n  ".join(changes))
    if refused:
        raise ImproperlyConfigured(
            "Patches that enforce the school boundary or privacy no longer match the installed "
            "libraries; they would stop applying, so the process does not start.\n"
            + "\n".join(refused)
            + "\n"
            + WHAT_TO_DO
        )


def warnings(modules):
    """(module name, changes) of each patch that does not enforce a rule and whose upstream
    code changed."""
    return [
        (module.__name__, changes)
        for module in modules
        if not module.FENCE.enforces and (changes := module.FENCE.changes())
    ]
