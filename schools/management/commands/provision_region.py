from django.core.management.base import BaseCommand, CommandError

from pages.models import RegionPage
from schools import provisioning


class Command(BaseCommand):
    help = "Create a province, city or county portal (idempotent: keyed by region code)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--parent",
            default=None,
            help="Path of the parent region below the province, e.g. "
            "'nanjing'; '' for the province itself; omit to create the "
            "province.",
        )
        parser.add_argument("--name", required=True)
        parser.add_argument("--slug", required=True)
        parser.add_argument("--code", required=True, help="Six-digit administrative code.")
        parser.add_argument("--level", required=True, choices=RegionPage.Level.values)
        parser.add_argument("--bureau", default="", help="Name of the education bureau.")

    def handle(self, *args, **options):
        try:
            parent = (
                None if options["parent"] is None else provisioning.find_region(options["parent"])
            )
            result = provisioning.provision_region(
                options["name"],
                options["slug"],
                options["code"],
                options["level"],
                parent=parent,
                bureau_name=options["bureau"],
            )
        except provisioning.ProvisioningError as error:
            raise CommandError(str(error)) from error
        verb = "created " + ", ".join(result.created) if result.changed else "unchanged"
        self.stdout.write(f"{result.page.title} ({result.page.url_path}): {verb}")
