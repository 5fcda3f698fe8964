"""What every provisioning step shares: its errors, its result and the permission lookup."""

import re
from dataclasses import dataclass, field

from django.contrib.auth.models import Permission
from django.utils.translation import gettext as _
from wagtail.models import Page

from pages import publishing

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


class ProvisioningError(Exception):
    """Bad input for provisioning; the message says what to change."""


@dataclass
class Result:
    """What a provisioning call found or made; ``created`` is empty when nothing changed."""

    page: Page
    created: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(self.created)


def publish(page, user=None):
    page.save_revision(user=user, log_action=True).publish(user=user)


# Provisioning publishes a school's or region's skeleton and restores archived schools: the
# platform's own acts, which only platform admins and the operator's commands start.
as_the_platform = publishing.acting_as(publishing.PLATFORM)


def permissions(names):
    """Permission objects for "app_label.codename" names (or bare Wagtail page codenames)."""
    wanted = [name.partition(".")[::2] if "." in name else ("wagtailcore", name) for name in names]
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(codename__in=[c for _, c in wanted]).select_related(
            "content_type"
        )
    }
    missing = [f"{a}.{c}" for a, c in wanted if (a, c) not in found]
    if missing:
        raise ProvisioningError(
            _("Permissions are missing (%(names)s): run “manage.py migrate” first.")
            % {"names": ", ".join(missing)}
        )
    return [found[key] for key in wanted]


def check_slug(slug):
    if not SLUG_RE.match(slug):
        raise ProvisioningError(
            _("“%(slug)s” is not a valid slug: use lower-case letters, digits and hyphens.")
            % {"slug": slug}
        )
