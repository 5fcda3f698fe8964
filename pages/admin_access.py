"""Who sees which admin menu items and objects, for the core's screens and plugins' alike."""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from wagtail.admin.menu import MenuItem


class RoleMenuItem(MenuItem):
    """A menu item for superusers and for whoever ``shown_to(user)`` admits."""

    def __init__(self, *args, shown_to=lambda user: False, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request):
        return request.user.is_superuser or bool(self.shown_to(request.user))


class ScopedObjectMixin:
    """Only rows the permission policy grants this user: others are not listed and 404."""

    def scoped_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(self.request.user, "change")

    def get_object(self, queryset=None):
        return get_object_or_404(self.scoped_queryset(), pk=unquote(str(self.kwargs["pk"])))
