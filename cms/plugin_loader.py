"""Finds plugins, checks their declarations, and wires what they contribute into Wagtail.

Plugins come from two places: the ``PLUGINS`` setting (references ``module:attribute``, or a
package whose ``plugin`` module holds ``plugin``) and the ``yxyp.plugins`` entry-point group, so
that ``pip install`` of a package is enough to add one. Every plugin found is installed as a
Django app, enabled or not, so that its tables and data outlive a switch-off; only enabled
plugins contribute page types, blocks, admin screens, URLs and settings. Problems stop the
start-up with one message listing every fault and what to do about it: a platform that half
loads its plugins is worse than one that does not start.
"""

import functools
import importlib
from dataclasses import dataclass
from importlib.metadata import entry_points

from django.core.exceptions import ImproperlyConfigured
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from plugins.contract import CORE, NAME_PATTERN, PLATFORM_VERSION, SEARCH_PARAMETERS, Plugin

ENTRY_POINT_GROUP = "yxyp.plugins"


class PluginError(ImproperlyConfigured):
    pass


@dataclass(frozen=True)
class Installed:
    plugin: Plugin
    source: str
    enabled: bool


def _load(reference):
    module_name, _colon, attribute = reference.partition(":")
    if not attribute:
        module_name, attribute = f"{reference}.plugin", "plugin"
    return getattr(importlib.import_module(module_name), attribute)


def discover(references, group=ENTRY_POINT_GROUP):
    """(declaration, where it came from) for every plugin named in settings or by an entry
    point. A reference that cannot be imported is an unknown plugin."""
    found, errors = [], []
    for reference in references:
        try:
            found.append((_load(reference), f"PLUGINS: {reference}"))
        except (ImportError, AttributeError) as error:
            errors.append(
                f"Unknown plugin {reference!r} in PLUGINS ({error}). Install the package that "
                "provides it, or remove it from PLUGINS."
            )
    for entry_point in entry_points(group=group):
        where = f"entry point {entry_point.value} of {entry_point.dist.name}"
        try:
            found.append((entry_point.load(), where))
        except (ImportError, AttributeError) as error:
            errors.append(
                f"The plugin {entry_point.name!r} ({where}) cannot be loaded: {error}. "
                "Reinstall or uninstall that package."
            )
    if errors:
        raise PluginError("\n".join(errors))
    return found


def _check_declaration(plugin, source):
    if not isinstance(plugin, Plugin):
        return [f"{source} is not a plugins.contract.Plugin but {type(plugin).__name__}."]
    errors = []
    if not NAME_PATTERN.match(plugin.name) or plugin.name == CORE:
        errors.append(
            f"{source}: the plugin name {plugin.name!r} must be 2-40 lower-case letters, "
            f"digits or underscores, starting with a letter, and not {CORE!r}."
        )
    try:
        Version(plugin.version)
    except InvalidVersion:
        errors.append(f"{source}: {plugin.version!r} is not a version such as 1.2.0.")
    for facet in plugin.search_facets:
        if not NAME_PATTERN.match(facet.name) or facet.name in SEARCH_PARAMETERS:
            errors.append(
                f"{source}: the search facet name {facet.name!r} must be lower case and not "
                f"one of the search's own parameters ({', '.join(sorted(SEARCH_PARAMETERS))})."
            )
    return errors


def resolve(found, disabled=(), platform_version=PLATFORM_VERSION):
    """The installed plugins, dependencies first, each marked enabled or disabled; raises
    PluginError naming every unknown, duplicate, missing or conflicting plugin at once."""
    errors, by_name, apps, facets = [], {}, {}, {}
    for plugin, source in found:
        problems = _check_declaration(plugin, source)
        if problems:
            errors.extend(problems)
            continue
        if plugin.name in by_name:
            if by_name[plugin.name][0] != plugin:
                errors.append(
                    f"Two plugins claim the name {plugin.name!r}: {by_name[plugin.name][1]} "
                    f"and {source}. Uninstall one of them."
                )
            continue
        if plugin.app in apps:
            errors.append(
                f"The plugins {apps[plugin.app]!r} and {plugin.name!r} both declare the app "
                f"{plugin.app!r}. Uninstall one of them."
            )
            continue
        by_name[plugin.name] = (plugin, source)
        apps[plugin.app] = plugin.name
        for facet in plugin.search_facets:
            if facet.name in facets:
                errors.append(
                    f"The plugins {facets[facet.name]!r} and {plugin.name!r} both add the "
                    f"search facet {facet.name!r}. Uninstall one of them."
                )
            facets[facet.name] = plugin.name

    disabled = set(disabled)
    for name in sorted(disabled - set(by_name)):
        errors.append(
            f"PLUGINS_DISABLED names {name!r}, but no installed plugin is called that "
            f"(installed: {', '.join(sorted(by_name)) or 'none'})."
        )
    versions = {CORE: Version(platform_version)} | {
        name: Version(plugin.version) for name, (plugin, _source) in by_name.items()
    }
    for name, (plugin, _source) in sorted(by_name.items()):
        for needed, wanted in plugin.requires.items():
            try:
                specifier = SpecifierSet(wanted)
            except InvalidSpecifier:
                errors.append(f"{name} requires {needed} {wanted!r}, which is not a version range.")
                continue
            if needed not in versions:
                errors.append(
                    f"{name} needs the plugin {needed!r}, which is not installed. Install it, "
                    f"or disable or uninstall {name}."
                )
            elif versions[needed] not in specifier:
                errors.append(
                    f"Version conflict: {name} needs {needed} {wanted}, but {needed} "
                    f"{versions[needed]} is installed."
                )
            elif needed in disabled and name not in disabled:
                errors.append(
                    f"{name} needs the plugin {needed!r}, which is disabled. Enable {needed}, "
                    f"or add {name} to PLUGINS_DISABLED too."
                )
    if errors:
        raise PluginError("Plugins cannot be loaded:\n" + "\n".join(f"- {e}" for e in errors))
    return [
        Installed(plugin, source, plugin.name not in disabled)
        for plugin, source in _dependencies_first(by_name)
    ]


def _dependencies_first(by_name):
    ordered, visiting, done = [], set(), set()

    def visit(name, chain):
        if name in done or name == CORE:
            return
        if name in visiting:
            raise PluginError(f"Plugins depend on each other in a circle: {' -> '.join(chain)}.")
        visiting.add(name)
        for needed in sorted(by_name[name][0].requires):
            visit(needed, [*chain, needed])
        visiting.discard(name)
        done.add(name)
        ordered.append(by_name[name])

    for name in sorted(by_name):
        visit(name, [name])
    return ordered


@functools.cache
def load(references, disabled=()):
    """Discovered and checked once per process: settings (for INSTALLED_APPS) and the wiring
    ask with the same tuples."""
    return tuple(resolve(discover(references), disabled))


def installed():
    """The plugins of this process, as settings named them at start-up."""
    from django.conf import settings

    return load(tuple(settings.PLUGINS), tuple(settings.PLUGINS_DISABLED))


def enabled():
    return [entry.plugin for entry in installed() if entry.enabled]


def resolve_reference(reference):
    """The object a contribution names by dotted path ("package.module.attribute")."""
    module_name, _dot, attribute = reference.rpartition(".")
    return getattr(importlib.import_module(module_name), attribute)


def wire():
    """Adds enabled plugins' page types, body blocks, site settings and search facets; called once
    the models exist (CmsConfig.ready). Pages of a disabled plugin stay in the tree and keep
    rendering, but no new ones can be created."""
    from django.apps import apps
    from wagtail.contrib.settings.registry import register_setting

    from overrides.body_blocks import add_body_block
    from overrides.subpages import allow_under_parents
    from search import facets as search_facets

    for entry in installed():
        page_models = [apps.get_model(label) for label in entry.plugin.page_types]
        if not entry.enabled:
            for model in page_models:
                model.is_creatable = False
            continue
        for model in page_models:
            allow_under_parents(model)
        for block in entry.plugin.blocks:
            contributed = resolve_reference(block.block)
            add_body_block(
                block.name, contributed() if isinstance(contributed, type) else contributed
            )
        for label in entry.plugin.site_settings:
            register_setting(apps.get_model(label))
        for facet in entry.plugin.search_facets:
            search_facets.register(facet.name, facet.label, resolve_reference(facet.values))


def admin_viewsets():
    return [resolve_reference(path) for plugin in enabled() for path in plugin.admin_viewsets]


def menu_items():
    return [resolve_reference(path) for plugin in enabled() for path in plugin.menu_items]


def dashboard_panels():
    return [resolve_reference(path) for plugin in enabled() for path in plugin.dashboard_panels]


def url_routes():
    return [plugin.urls for plugin in enabled() if plugin.urls]


def demo_loaders():
    return [
        (plugin, resolve_reference(plugin.demo_data)) for plugin in enabled() if plugin.demo_data
    ]
