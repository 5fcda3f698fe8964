"""A system check that the overrides were verified against the installed Wagtail."""

import wagtail
from django.core import checks

from overrides import VERIFIED_WAGTAIL


def wagtail_version(app_configs=None, **kwargs):
    if wagtail.__version__ == VERIFIED_WAGTAIL:
        return []
    return [
        checks.Warning(
            f"The overrides were verified against Wagtail {VERIFIED_WAGTAIL}, but Wagtail "
            f"{wagtail.__version__} is installed.",
            hint="Check each module of overrides/ against the new version (its upstream issue "
            "may be fixed), run the tests, then set overrides.VERIFIED_WAGTAIL.",
            id="overrides.W001",
        )
    ]


def register():
    checks.register(wagtail_version)
