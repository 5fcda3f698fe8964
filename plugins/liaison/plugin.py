from django.utils.translation import gettext_lazy as _

from plugins.contract import Plugin

plugin = Plugin(
    name="liaison",
    version="1.0.0",
    app="plugins.liaison",
    label=_("Liaison points"),
    description=_(
        "Bureau members linked to one or two schools each, their supervision records "
        "(monthly exchanges, quarterly seminars, annual summaries, visits) and follow-ups."
    ),
    requires={"core": ">=1.0,<2"},
    admin_viewsets=(
        "plugins.liaison.viewsets.link_viewset",
        "plugins.liaison.viewsets.record_viewset",
        "plugins.liaison.viewsets.overdue_viewset",
    ),
    dashboard_panels=("plugins.liaison.views.dashboard_panel",),
    demo_data="plugins.liaison.demo.load",
)
