import csv

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from schools import provisioning

CSV_COLUMNS = ("region", "name", "slug")
PROFILE_COLUMNS = ("full_name", "stage", "party_organisation", "address", "phone", "email")


class Command(BaseCommand):
    help = (
        "Provision one school (--region/--name/--slug) or many from a CSV file with the columns "
        "region,name,slug and optionally " + ",".join(PROFILE_COLUMNS) + ". "
        "Idempotent; --archive/--restore take a school offline and back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", help="Region path below the province, e.g. nanjing/xuanwu")
        parser.add_argument("--name")
        parser.add_argument("--slug")
        parser.add_argument("--stage", default="primary")
        parser.add_argument("--full-name", default="")
        parser.add_argument("--party-organisation", default="")
        parser.add_argument("--csv", help="Provision every school listed in this CSV file.")
        parser.add_argument("--archive", metavar="SLUG", help="Unpublish a school, keeping data.")
        parser.add_argument("--restore", metavar="SLUG", help="Bring an archived school back.")

    def handle(self, *args, **options):
        try:
            if options["archive"] or options["restore"]:
                self._archive_or_restore(options)
            elif options["csv"]:
                self._from_csv(options["csv"])
            elif options["region"] is not None and options["name"] and options["slug"]:
                region = provisioning.find_region(options["region"])
                result = provisioning.provision_school(
                    region,
                    options["name"],
                    options["slug"],
                    stage=options["stage"],
                    full_name=options["full_name"],
                    party_organisation=options["party_organisation"],
                )
                self._report(result)
            else:
                raise CommandError(
                    "Give --region, --name and --slug for one school, or --csv FILE for many."
                )
        except provisioning.ProvisioningError as error:
            raise CommandError(str(error)) from error

    def _archive_or_restore(self, options):
        slug = options["archive"] or options["restore"]
        school = provisioning.find_school(slug)
        if school is None:
            raise CommandError(f"No school has the slug “{slug}”.")
        action = provisioning.archive_school if options["archive"] else provisioning.restore_school
        self._report(action(school))

    def _report(self, result):
        page = result.page
        if result.changed:
            self.stdout.write(f"{page.title}: {', '.join(result.created)}")
        else:
            self.stdout.write(f"{page.title}: unchanged")

    def _from_csv(self, filename):
        try:
            with open(filename, newline="", encoding="utf-8-sig") as handle:
                rows = list(csv.DictReader(handle))
        except OSError as error:
            raise CommandError(f"Cannot read {filename}: {error.strerror}.") from error
        if rows and not set(CSV_COLUMNS) <= set(rows[0]):
            raise CommandError(
                f"{filename} must have the columns {', '.join(CSV_COLUMNS)} in its first line."
            )
        created = unchanged = 0
        errors = []
        for line, row in enumerate(tqdm(rows, desc="schools", unit="school"), start=2):
            profile = {key: row[key].strip() for key in PROFILE_COLUMNS if row.get(key)}
            try:
                region = provisioning.find_region(row["region"])
                result = provisioning.provision_school(region, row["name"], row["slug"], **profile)
            except provisioning.ProvisioningError as error:
                errors.append(f"line {line}: {error}")
                continue
            created += result.changed
            unchanged += not result.changed
        for error in errors:
            self.stderr.write(error)
        self.stdout.write(
            f"{created} provisioned, {unchanged} unchanged, {len(errors)} failed "
            f"of {len(rows)} rows."
        )
        if errors:
            raise CommandError("Fix the lines above and run the same file again.")
