"""Chooser widgets show only the pages, images and documents their viewer may see.

Upstream: none found. Wagtail 8.0.1's ``BaseChooser.get_instance`` looks up whatever id the form
holds, and a form rendered again with its errors shows that object's title (an image's also as a
thumbnail). Found by the admin URL matrix (tests/pages/test_every_admin_url.py): a county
curator posting another county's school's draft page to the featured-work form read its title,
and any form with a page, image or document chooser did the same for any id posted to it. Here a
school's staff and curators get an empty chooser for an object outside their part of the
platform, decided as the school boundary decides the page chooser's rows
(``schools.isolation.allowed``); platform admins and code outside a request (no viewer) are
unchanged. Can go if Wagtail checks a chooser's initial value against the user's permissions.

A form shown again with its errors hands the widget the raw value posted, and ``abc`` made the
lookup raise ValueError: a 500 on every screen with a chooser (a liaison point's school, an
alliance member's, a compendium's case). Here, as Django's ModelChoiceField does while
cleaning, a value no key can be is no object: the chooser shows empty beside the field's error.
(An id beyond the column matches no row: overrides.integer_lookups.)

Fails closed (overrides.fence): ``BaseChooser.get_instance`` and the page chooser's own
``get_instance`` (which calls it) are fingerprinted; a change stops the start.
"""

from django.core.exceptions import ValidationError
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from overrides import fence
from schools import isolation

FENCE = fence.closed(
    fence.Code("wagtail.admin.widgets.chooser", "BaseChooser.get_instance", "9eb378fc26c3f74c"),
    fence.Code(
        "wagtail.admin.widgets.chooser", "AdminPageChooser.get_instance", "18688b136e60ecdc"
    ),
)
# What the page chooser lets each role see: its schools, its regions' pages for curators, and
# the way down to them (schools.isolation).
AS_IN = "wagtailadmin_choose_page_child"

_wagtail_get_instance = BaseChooser.get_instance


def kind_of(model):
    if issubclass(model, Page):
        return isolation.PAGE
    if issubclass(model, get_image_model()):
        return isolation.IMAGE
    if issubclass(model, get_document_model()):
        return isolation.DOCUMENT
    return None


def get_instance(self, value):
    try:
        instance = _wagtail_get_instance(self, value)
    except (ValueError, TypeError, ValidationError):
        return None
    user = isolation.current_viewer.get()
    if instance is None or user is None or not user.is_authenticated or user.is_superuser:
        return instance
    kind = kind_of(type(instance))
    if kind is None or isolation.allowed(user, kind, instance.pk, AS_IN):
        return instance
    return None


def install():
    BaseChooser.get_instance = get_instance
