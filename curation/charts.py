"""Charts on the admin dashboard, each with its numbers as a table.

A chart is drawn in the browser by Chart.js, served from our own static files
(static/vendor/chart.js, the version package.json names), from numbers the page carries as
JSON; the same numbers stand in a table under it, for screen readers, for printing and for
anyone who wants the figures. Plugins build theirs through plugins.api (Chart, ChartsPanel).
"""

from django.forms import Media
from wagtail.admin.ui.components import Component


class Chart:
    """``series`` is ``[(name, [value per label])]``; one series reads as a two-column table
    (label, value), several as a row per series and a column per label."""

    KINDS = ("bar", "line", "doughnut")

    def __init__(self, key, title, kind, labels, series, stacked=False, horizontal=False):
        if kind not in self.KINDS:
            raise ValueError(f"chart kind must be one of {self.KINDS}")
        self.key, self.title, self.kind = key, title, kind
        self.labels = [str(label) for label in labels]
        self.series = [(str(name), list(values)) for name, values in series]
        self.stacked, self.horizontal = stacked, horizontal

    def __bool__(self):
        return any(any(values) for _name, values in self.series)

    @property
    def spec(self):
        return {
            "kind": self.kind,
            "title": str(self.title),
            "labels": self.labels,
            "series": [{"name": name, "values": values} for name, values in self.series],
            "stacked": self.stacked,
            "horizontal": self.horizontal,
        }

    @property
    def single(self):
        return len(self.series) == 1

    @property
    def rows(self):
        """The table's rows: (header, cells)."""
        if self.single:
            values = self.series[0][1]
            return [(label, [value]) for label, value in zip(self.labels, values, strict=True)]
        return self.series


class ChartsPanel(Component):
    """A dashboard panel of charts; it is left out when none of them has a number."""

    template_name = "curation/admin/charts_panel.html"
    # Collected once per dashboard by Wagtail, however many panels draw charts.
    media = Media(
        css={"all": ["curation/css/charts.css"]},
        js=["vendor/chart.js/chart.umd.min.js", "curation/js/charts.js"],
    )

    def __init__(self, name, order, heading, charts, note=""):
        self.name, self.order, self.heading, self.note = name, order, heading, note
        self.charts = [chart for chart in charts if chart]
        for chart in self.charts:
            chart.element_id = f"chart-{name}-{chart.key}"

    def __bool__(self):
        return bool(self.charts)

    def get_context_data(self, parent_context=None):
        return {"panel": self, "charts": self.charts}
