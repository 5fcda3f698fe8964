"""The bureau's compendium screens: the compendiums of the regions a curator works for
(RegionCuratorPolicy), a case chooser that offers the cases the bureau adopted, honoured or
featured first, and the dashboard's reminder when two years have passed since the last one."""

from django import forms
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenMultipleView,
    ChosenView,
    CreateView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.permissions import register_permission_policy

from plugins import api
from plugins.ledger.models import Compendium, choosable_cases

REMINDERS_SHOWN = 20


def distinguished(regions):
    """Public cases of ``regions`` with ``offered`` 0 for the ones these regions' bureaus
    adopted (报送) or featured, or that carry honours, 1 for the others."""
    adopted = api.Submission.objects.filter(
        page=OuterRef("pk"), region__in=regions, status__in=api.Submission.ADOPTED
    )
    featured = api.Feature.objects.filter(page=OuterRef("pk"), region__in=regions)
    return choosable_cases(regions).annotate(
        adopted=Exists(adopted),
        featured=Exists(featured),
        offered=Case(
            When(Q(adopted=True) | Q(featured=True) | ~Q(honours=""), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
    )


class CaseFilterForm(BaseFilterForm):
    """Searches titles in the database: the chooser's list is annotated and ordered, which the
    search backend would drop."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )

    def filter(self, objects):
        query = self.cleaned_data.get("q")
        if query:
            self.is_searching, self.search_query = True, query
            objects = objects.filter(title__icontains=query)
        return objects


def why_offered(case):
    reasons = []
    if case.adopted:
        reasons.append(_("Adopted"))
    if case.honours.strip():
        reasons.append(_("Awarded"))
    if case.featured:
        reasons.append(_("Featured"))
    return "、".join(str(reason) for reason in reasons)


class CaseChooseMixin:
    ordering = ["offered", "-date", "path"]
    filter_form_class = CaseFilterForm

    def get_object_list(self):
        return distinguished(api.curated_regions(self.request.user))

    def get_results_page(self, request):
        page = super().get_results_page(request)
        page.object_list = api.SchoolHomePage.objects.attach_to(list(page.object_list))
        return page

    @property
    def columns(self):
        return [
            *super().columns,
            Column("school", label=_("School"), accessor=lambda case: case.school),
            Column("date", label=_("Date")),
            Column("offered", label=_("Offered first as"), accessor=why_offered),
        ]


class CaseChooseView(CaseChooseMixin, ChooseView):
    pass


class CaseChooseResultsView(CaseChooseMixin, ChooseResultsView):
    pass


def curated_cases(user):
    return choosable_cases(api.curated_regions(user))


class CaseChosenView(ChosenView):
    """Answers for the cases the list offers only: a guessed id of a draft names nothing."""

    def get_object(self, pk):
        if not (pk.isascii() and pk.isdigit()):
            raise api.ExemplarCasePage.DoesNotExist
        return curated_cases(self.request.user).get(pk=pk)


class CaseChosenMultipleView(ChosenMultipleView):
    def get_objects(self, pks):
        pks = [pk for pk in pks if pk.isascii() and pk.isdigit()]
        return curated_cases(self.request.user).filter(pk__in=pks)


class CaseCreateView(CreateView):
    """Cases are pages written in their school's tree, never here: Wagtail would let anyone
    who may add pages post to a create view that has no form (a 500)."""

    def can_create(self):
        return False


class CaseChooser(BaseChooser):
    show_edit_link = False


class CaseChooserViewSet(ChooserViewSet):
    """Only curators use it; every case it lists is one they could put in a compendium."""

    model = api.ExemplarCasePage
    icon = "doc-full"
    choose_one_text = _("Choose a case")
    choose_another_text = _("Choose another case")
    page_title = _("Choose a case for the compendium")
    choose_view_class = CaseChooseView
    choose_results_view_class = CaseChooseResultsView
    chosen_view_class = CaseChosenView
    chosen_multiple_view_class = CaseChosenMultipleView
    create_view_class = CaseCreateView
    base_widget_class = CaseChooser
    register_widget = False
    per_page = 20


class CompendiumForm(api.RegionChoiceMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_regions()
        chosen = self.formsets["chosen_cases"]
        for form in chosen.forms:
            form.instance.compendium = self.instance  # its clean() checks the case's region

    def clean(self):
        """Refuses a case chosen twice, read from the posted rows: the rows are validated
        after this form, once its region is known."""
        cleaned = super().clean()
        chosen = self.formsets["chosen_cases"]
        seen, twice = set(), set()
        for form in chosen.forms:
            value = form.data.get(form.add_prefix("case"), "")
            if form.data.get(form.add_prefix("DELETE")) or not (
                value.isascii() and value.isdigit()
            ):
                continue
            (twice if value in seen else seen).add(value)
        if twice:
            titles = (
                curated_cases(self.for_user).filter(pk__in=twice).values_list("title", flat=True)
            )
            self.add_error(
                None, _("A case is chosen twice: %(cases)s.") % {"cases": "、".join(titles)}
            )
        return cleaned


case_chooser_viewset = CaseChooserViewSet("compendium_case_chooser")


class CompendiumViewSet(api.ScopedModelViewSet):
    model = Compendium
    icon = "doc-full-inverse"
    menu_label = _("Case compendiums")
    menu_order = 341
    add_to_admin_menu = True
    list_select_related = ["region"]
    list_display = ["title", "region", "starts_on", "ends_on"]
    search_fields = ["title"]
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("region"),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            FieldPanel("bureau"),
            FieldPanel("foreword"),
            InlinePanel(
                "chosen_cases",
                heading=_("Cases, in the compendium's order"),
                label=_("Case"),
                panels=[FieldPanel("case", widget=case_chooser_viewset.widget_class)],
            ),
        ],
        base_form_class=CompendiumForm,
    )


register_permission_policy(Compendium, api.RegionCuratorPolicy(Compendium))
compendium_viewset = CompendiumViewSet("compendiums")


def regions_due(user, today):
    """The user's curated regions whose last compendium's period ended two years ago or more
    (or that have none), with ``last`` the end of that period: one query."""
    last = Compendium.objects.filter(region=OuterRef("pk")).order_by("-ends_on")
    years = Compendium.DUE_AFTER_YEARS
    try:
        due_since = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        due_since = today.replace(year=today.year - years, day=28)
    regions = api.regions_of(user, api.CURATOR).annotate(last=Subquery(last.values("ends_on")[:1]))
    return regions.filter(Q(last__isnull=True) | Q(last__lte=due_since)).order_by("path")


def dashboard_panel(request):
    user = request.user
    if user.is_superuser or not api.region_paths(user, api.CURATOR):
        return None
    regions = list(regions_due(user, timezone.localdate())[:REMINDERS_SHOWN])
    if not regions:
        return None
    return api.QueuePanel(
        "ledger_compendium_due",
        145,
        "ledger/compendium_due_panel.html",
        {"regions": regions, "add_url": reverse("compendiums:add")},
    )
