from django.utils.translation import gettext_lazy as _

from plugins.contract import Plugin, SearchFacet, UrlRoutes

plugin = Plugin(
    name="evaluation",
    version="1.0.0",
    app="plugins.evaluation",
    label=_("Brand evaluation"),
    description=_(
        "Yearly brand evaluation and innovation award: school self-assessment, public rating "
        "and superior review, weighted results and awards."
    ),
    requires={"core": ">=1.0,<2"},
    admin_viewsets=(
        "plugins.evaluation.viewsets.campaign_viewset",
        "plugins.evaluation.viewsets.applications_viewset",
        "plugins.evaluation.viewsets.reviews_viewset",
    ),
    dashboard_panels=(
        "plugins.evaluation.dashboard.dashboard_panel",
        "plugins.evaluation.dashboard.results_panel",
        "plugins.evaluation.review_queue.review_queue_panel",
    ),
    search_facets=(
        SearchFacet(
            name="award",
            label=_("Evaluation awards"),
            values="plugins.evaluation.search.award_values",
        ),
    ),
    urls=UrlRoutes(prefix="evaluation", urlconf="plugins.evaluation.urls"),
    demo_data="plugins.evaluation.demo.load",
)
