"""Wagtail's v3 API (django-ninja) left unloaded when the project does not install it.

Upstream: wagtail#14360 (API v3 foundations; no issue found about opting out). Since Wagtail 8.0
the redirects, images, documents and snippets apps register v3 routers and build pydantic
schemas for their models in ready() whether or not "wagtail.api.v3" is installed and its URLs
mounted. That imports django-ninja into every process: 27 MB of each worker (129 against
102 MB after django.setup()), for URLs this platform never mounts (it serves the v2 API).
With "wagtail.api.v3" not installed, the modules those ready() methods import are stand-ins
that register nothing. OverridesConfig puts them in place while Django loads the app configs,
before any ready() runs. Can go when Wagtail registers them only with the v3 app installed.
"""

import sys
from types import ModuleType, SimpleNamespace

V3_APP = "wagtail.api.v3"


def _register_nothing(*args, **kwargs):
    return None


STAND_INS = {
    "wagtail.api.v3": {},
    "wagtail.api.v3.api": {"api": SimpleNamespace(add_router=_register_nothing)},
    "wagtail.contrib.redirects.api.v3": {"router": None},
    "wagtail.images.api.v3": {},
    "wagtail.images.api.v3.registry": {"register_content_types": _register_nothing},
    "wagtail.images.api.v3.router": {"router": None},
    "wagtail.documents.api.v3": {},
    "wagtail.documents.api.v3.registry": {"register_content_types": _register_nothing},
    "wagtail.documents.api.v3.router": {"router": None},
    "wagtail.snippets.api.v3": {"register_content_types": _register_nothing},
    "wagtail.snippets.api.v3.router": {"router": None},
}


def leave_unloaded(installed_apps):
    if V3_APP in installed_apps:
        return
    for name, attributes in STAND_INS.items():
        if name not in sys.modules:
            module = ModuleType(name, f"A stand-in: {V3_APP} is not installed (overrides).")
            module.__path__ = []
            module.__dict__.update(attributes)
            sys.modules[name] = module
