"""A page created twice at once (a double click, Enter in a field and then a button) is
refused with the form's message, not a server error.

Upstream: none found (Wagtail 8.0.1). The create view checks the slug when it validates the
form, then saves; a second identical request validated before the first saved passes the
check, and the model's own check at save raises ValidationError, a 500. Here that
ValidationError becomes an error on the form, shown as any other. Nothing is written by then:
the model checks before treebeard inserts the row or counts the parent's new child (no
transaction is opened here: the search and reference tasks that saving runs at once must not
run inside one). Wagtail 8's autosave makes the race likelier: it creates the page from the
add form half a second after a change. Can go when Wagtail's create view handles
ValidationError from save.
"""

from django.core.exceptions import ValidationError
from wagtail.admin.views.pages.create import CreateView

from overrides import fence

FENCE = fence.warned(
    fence.Code("wagtail.admin.views.pages.create", "CreateView.form_valid", "ec2ab8a55a05a4d8")
)

_wagtail_form_valid = CreateView.form_valid


def form_valid(self, form):
    try:
        return _wagtail_form_valid(self, form)
    except ValidationError as error:
        form.add_error(None, error)
        return self.form_invalid(form)


def install():
    CreateView.form_valid = form_valid
