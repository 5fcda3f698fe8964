"""System checks of the overrides: the Wagtail version they were verified against, and the
upstream code of the patches that do not enforce a rule (those that do refuse to start,
overrides.fence)."""

import wagtail
from django.core import checks

from overrides import VERIFIED_WAGTAIL, fence, fenced


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


def fenced_upstream(app_configs=None, **kwargs):
    return [
        checks.Warning(
            f"{name} patches upstream code that changed: " + "; ".join(changes),
            hint=fence.WHAT_TO_DO,
            id="overrides.W002",
        )
        for name, changes in fence.warnings(fenced())
    ]


def register():
    checks.register(wagtail_version)
    checks.register(fenced_upstream)
