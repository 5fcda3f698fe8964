"""Who sees which admin menu items and objects, for the core's screens and plugins' alike."""

from django import forms
from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.urls import reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from schools import roles


class RoleMenuItem(MenuItem):
    """A menu item for superusers and for whoever ``shown_to(user)`` admits."""

    def __init__(self, *args, shown_to=lambda user: False, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request):
        return request.user.is_superuser or bool(self.shown_to(request.user))


class AdminScreenMixin(WagtailAdminTemplateMixin):
    """For an admin screen of our own (a plugin's, a bureau's): Wagtail's header shows a plain
    view's breadcrumbs, which stop at "Home", and its title only to screen readers; this
    puts the screen's title after them, as Wagtail's own listings do."""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]


class RoleViewSet(ViewSet):
    """A viewset of plain views whose menu item (to its ``index`` view) only the users
    ``shown_to(user)`` admits, and superusers, see."""

    add_to_admin_menu = True

    @staticmethod
    def shown_to(user):
        raise NotImplementedError

    def get_menu_item(self, order=None):
        return RoleMenuItem(
            self.menu_label,
            reverse(self.get_url_name("index")),
            icon_name=self.icon,
            order=order or self.menu_order,
            shown_to=self.shown_to,
        )


class ScopedObjectMixin:
    """Only rows the permission policy grants this user: others are not listed and 404."""

    def scoped_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(self.request.user, "change")

    def get_object(self, queryset=None):
        return get_object_or_404(self.scoped_queryset(), pk=unquote(str(self.kwargs["pk"])))


class ScopedIndexView(ScopedObjectMixin, generic.IndexView):
    select_related = ()

    def get_base_queryset(self):
        return self.scoped_queryset().select_related(*self.select_related)


def _scoped(view_class):
    return type(f"Scoped{view_class.__name__}", (ScopedObjectMixin, view_class), {})


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose listing and every object view see only the rows its permission
    policy grants the user (a curator's regions, say): others are neither listed nor found.
    ``list_select_related`` names the relations the listing shows."""

    list_select_related = ()
    index_view_class = ScopedIndexView
    edit_view_class = _scoped(generic.EditView)
    delete_view_class = _scoped(generic.DeleteView)
    history_view_class = _scoped(generic.HistoryView)
    usage_view_class = _scoped(generic.UsageView)
    inspect_view_class = _scoped(generic.InspectView)
    copy_view_enabled = False

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(select_related=self.list_select_related, **kwargs)


class RegionChoiceMixin:
    """For the admin forms of bureau screens with a ``region`` field (a RegionPage): the
    region is picked from a list of those the user curates (every region for platform admins),
    where Wagtail would offer a page chooser over the whole tree, province included; a curator
    of one region finds it picked already. Call ``limit_regions()`` from ``__init__``."""

    def limit_regions(self):
        field = self.fields["region"]
        field.widget = forms.Select()
        field.queryset = roles.curated_regions(self.for_user).order_by("path")
        if not self.instance.pk and len(regions := list(field.queryset[:2])) == 1:
            self.initial.setdefault("region", regions[0].pk)
        return field.queryset


class QueuePanel(Component):
    """A dashboard panel of a template and its context, for the work queues of every role
    (curation, accounts, plugins through ``api.QueuePanel``)."""

    def __init__(self, name, order, template_name, context):
        self.name, self.order, self.template_name = name, order, template_name
        self.context = context

    def get_context_data(self, parent_context=None):
        return self.context
