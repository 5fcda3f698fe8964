from django.utils.translation import gettext_lazy as _

from plugins.contract import Plugin

plugin = Plugin(
    name="ledger",
    version="1.0.0",
    app="plugins.ledger",
    label=_("Ledgers and compendiums"),
    description=_(
        "A school's yearly ledger as a workbook with its attachments, and a region's "
        "exemplar-case compendium as a printable PDF, built in the background."
    ),
    requires={"core": ">=1.0,<2"},
    admin_viewsets=(
        "plugins.ledger.viewsets.ledger_viewset",
        "plugins.ledger.compendium_admin.compendium_viewset",
        "plugins.ledger.compendium_admin.case_chooser_viewset",
    ),
    dashboard_panels=("plugins.ledger.compendium_admin.dashboard_panel",),
    demo_data="plugins.ledger.demo.load",
)
