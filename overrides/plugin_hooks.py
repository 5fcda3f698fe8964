"""The ``wagtail_hooks`` modules of disabled plugins are never imported.

No upstream issue: Wagtail has no notion of an installed app that is switched off. It imports
the ``wagtail_hooks`` module of every app in INSTALLED_APPS (wagtail.hooks.search_for_hooks,
verified against Wagtail 8.0.1), and a disabled plugin stays installed so that its tables and
data outlive the switch-off; without this its menus, views and hooks would still load. Can go
if the plugin loader ever stops installing disabled plugins' apps.

Fails closed (overrides.fence): were search_for_hooks to stop calling the name replaced, a
switched-off plugin's screens would come back; a change to it stops the start.
"""

from importlib import import_module

import wagtail.hooks
from django.apps import apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule

from overrides import fence

FENCE = fence.closed(fence.Code("wagtail.hooks", "search_for_hooks", "886e2ac231f47af5"))


def enabled_app_submodules(submodule_name):
    """wagtail.utils.apps.get_app_submodules without the apps of disabled plugins."""
    disabled = set(settings.PLUGIN_APPS_DISABLED)
    for app in apps.get_app_configs():
        if app.name not in disabled and module_has_submodule(app.module, submodule_name):
            yield app.name, import_module(f"{app.name}.{submodule_name}")


def install():
    wagtail.hooks.get_app_submodules = enabled_app_submodules
