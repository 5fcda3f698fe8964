"""Permission policies for the bureaus' own objects: a curator acts only inside the regions
whose curator Group they are in; platform admins (superusers) act everywhere."""

from wagtail.permission_policies.base import ModelPermissionPolicy

from schools import roles


class RegionCuratorPolicy(ModelPermissionPolicy):
    """For models with a ``region`` field: every action is allowed on rows of the user's
    curated regions and refused elsewhere, without per-row permission records."""

    def _regions(self, user):
        return roles.regions_of(user, roles.CURATOR)

    def user_has_permission(self, user, action):
        if not (user.is_active and user.is_authenticated):
            return False
        return user.is_superuser or bool(roles.region_paths(user, roles.CURATOR))

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return user.is_superuser or self._regions(user).filter(pk=instance.region_id).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_permission_for_instance(user, None, instance)

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return self.model.objects.none()
        if user.is_superuser:
            return self.model.objects.all()
        return self.model.objects.filter(region__in=self._regions(user))

    def instances_user_has_any_permission_for(self, user, actions):
        return self.instances_user_has_permission_for(user, None)
