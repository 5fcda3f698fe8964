"""The serve floor's site: a home page, a section under it and fifty pages in that section,
at the depths of a school's home and column posts, all indexed by Wagtail's database search."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serve_floor.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

call_command("migrate", verbosity=0)
if not Site.objects.filter(root_page__slug="home").exists():
    root = Page.get_first_root_node()
    home = root.add_child(instance=Page(title="Home", slug="home"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    section = home.add_child(instance=Page(title="Column", slug="column"))
    for number in range(1, 51):
        section.add_child(instance=Page(title=f"Party building story {number}", slug=f"p{number}"))
    call_command("update_index", verbosity=0)
