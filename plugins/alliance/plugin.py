from django.utils.translation import gettext_lazy as _

from plugins.contract import Plugin, UrlRoutes

plugin = Plugin(
    name="alliance",
    version="1.0.0",
    app="plugins.alliance",
    label=_("Alliances"),
    description=_(
        "School alliances pairing strong and weaker schools under a lead school, grouped in "
        "regional demonstration clusters, with a public page of the members' latest work."
    ),
    requires={"core": ">=1.0,<2"},
    admin_viewsets=(
        "plugins.alliance.viewsets.alliance_viewset",
        "plugins.alliance.viewsets.cluster_viewset",
    ),
    urls=UrlRoutes(prefix="alliances", urlconf="plugins.alliance.urls"),
    demo_data="plugins.alliance.demo.load",
)
