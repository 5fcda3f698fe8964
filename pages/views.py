"""Admin views for platform admins: provision regions and schools through the one service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from pages import provisioning
from pages.forms import ProvisionRegionForm, ProvisionSchoolForm


class SuperuserFormView(WagtailAdminTemplateMixin, FormView):
    template_name = "pages/admin/provision_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            result = self.provision(form.cleaned_data)
        except provisioning.ProvisioningError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        if result.changed:
            messages.success(
                self.request, _("“%(title)s” is ready.") % {"title": result.page.title}
            )
        else:
            messages.info(
                self.request,
                _("“%(title)s” already existed; nothing was changed.")
                % {"title": result.page.title},
            )
        return redirect("wagtailadmin_explore", result.page.pk)


class ProvisionSchoolView(SuperuserFormView):
    form_class = ProvisionSchoolForm
    page_title = gettext_lazy("Provision a school")
    header_icon = "home"

    def provision(self, data):
        return provisioning.provision_school(
            data["region"],
            data["name"],
            data["slug"],
            user=self.request.user,
            full_name=data["full_name"],
            stage=data["stage"],
            party_organisation=data["party_organisation"],
        )

    def get_breadcrumbs_items(self):
        return [{"url": reverse("provision_school"), "label": self.page_title}]


class ProvisionRegionView(SuperuserFormView):
    form_class = ProvisionRegionForm
    page_title = gettext_lazy("Provision a region")
    header_icon = "site"

    def provision(self, data):
        return provisioning.provision_region(
            data["name"],
            data["slug"],
            data["region_code"],
            data["level"],
            parent=data["parent"],
            bureau_name=data["bureau_name"],
            user=self.request.user,
        )

    def get_breadcrumbs_items(self):
        return [{"url": reverse("provision_region"), "label": self.page_title}]
