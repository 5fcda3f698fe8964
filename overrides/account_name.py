"""The account page asks one 姓名, kept whole in Chinese order (schools.forms.PersonNameField).

No upstream issue found (verified against Wagtail 8.0.1): the account page builds its name
panel from ``NameEmailSettingsPanel.form_class``, Wagtail's form with 名 and 姓 both required,
and ``register_account_settings_panel`` can add panels but not replace that one. A new
account's first save there failed with a bare "必需字段", and 李红 became "红 李". The user
admin's forms are replaced through Wagtail's own viewset setting (schools.apps). Can go when
Wagtail lets a project choose the account page's name form.
"""

from wagtail.admin.views.account import NameEmailSettingsPanel

from overrides import fence
from schools.forms import AccountNameEmailForm

FENCE = fence.warned(
    fence.Code("wagtail.admin.views.account", "NameEmailSettingsPanel", "950954cf08e7c361")
)


def install():
    NameEmailSettingsPanel.form_class = AccountNameEmailForm
