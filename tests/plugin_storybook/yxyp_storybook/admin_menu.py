from django.urls import reverse
from wagtail.admin.menu import MenuItem


def stories_menu_item():
    """Every red story the user may see, through the admin's page search."""
    url = reverse("wagtailadmin_pages:search") + "?content_type=yxyp_storybook.storypage"
    return MenuItem("Red stories", url, icon_name="openquote", order=330)
