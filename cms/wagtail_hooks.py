"""Enabled plugins' admin contributions, registered through Wagtail's own hooks."""

from wagtail import hooks

from cms import plugin_loader
from cms.api import AdminPagesAPIViewSet


@hooks.register("register_admin_viewset")
def plugin_viewsets():
    return plugin_loader.admin_viewsets()


for _factory in plugin_loader.menu_items():
    hooks.register("register_admin_menu_item", _factory)


@hooks.register("construct_admin_api")
def bounded_admin_api(router):
    router.register_endpoint("pages", AdminPagesAPIViewSet)


@hooks.register("construct_homepage_panels")
def plugin_dashboard_panels(request, panels):
    for factory in plugin_loader.dashboard_panels():
        panel = factory(request)
        if panel is not None:
            panels.append(panel)
