"""A StreamField's form data with its management fields missing or malformed is refused with a
400 that says which, instead of a 500.

No upstream issue found (Wagtail 8.0.1, verified): StreamBlock and ListBlock read their
``<name>-count``, ``-type``, ``-order`` and ``-deleted`` fields with ``data[…]`` and ``int()``,
so a page form posted without ``body-count`` (a script, a form cut short) raised KeyError, and
a rich text block's malformed JSON raised ValueError. Every StreamField of every form (pages,
snippets, settings, plugins' models) reads its data through BlockWidget.value_from_datadict;
here that read turns missing keys and malformed values into BadRequest, before the form is
valid, so nothing is saved (cms.bad_input shows the message). Can go when Wagtail validates
its management fields (as Django's formsets do).
"""

from django.core.exceptions import BadRequest
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext as _
from wagtail.blocks.base import BlockWidget

from overrides import fence

FENCE = fence.warned(
    fence.Code("wagtail.blocks.base", "BlockWidget.value_from_datadict", "5cbd18f486b8f544"),
    fence.Code("wagtail.blocks.base", "BlockField", "66ca15a08c7bef93"),
)
_wagtail_value_from_datadict = BlockWidget.value_from_datadict


def value_from_datadict(self, data, files, name):
    try:
        return _wagtail_value_from_datadict(self, data, files, name)
    except MultiValueDictKeyError as missing:
        raise BadRequest(
            _("The form was sent without its field %(key)s; reload the page and try again.")
            % {"key": missing.args[0]}
        ) from missing
    except ValueError as malformed:
        raise BadRequest(
            _("The form's data for %(field)s is malformed; reload the page and try again.")
            % {"field": name}
        ) from malformed


def install():
    BlockWidget.value_from_datadict = value_from_datadict
