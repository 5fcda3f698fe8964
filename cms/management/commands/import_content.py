from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from pages import publishing
from pages.importing import import_lines


class Command(BaseCommand):
    help = (
        "Import column posts, activity reports and exemplar cases from a JSON Lines file: "
        "one object a line with school, type (column/activity/case), title, date, tags, "
        "body_html and optionally activity_type, summary, publish. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", help="Username recorded as the pages' owner.")

    def execute(self, *args, **options):
        with publishing.acting_as(publishing.PLATFORM):  # the operator's own data
            return super().execute(*args, **options)

    def handle(self, *args, **options):
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user “{options['user']}”.")
        try:
            with open(options["file"], encoding="utf-8-sig") as handle:
                lines = handle.readlines()
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{options['file']} is not UTF-8 text.") from error
        report = import_lines(tqdm(lines, desc="lines", unit="line"), user=user)
        for number, reason in report.errors:
            self.stderr.write(f"line {number}: {reason}")
        self.stdout.write(
            f"{len(report.created)} imported, {len(report.skipped)} already present, "
            f"{len(report.errors)} rejected."
        )
        if report.errors:
            raise CommandError(
                "Some lines were rejected; fix them and run the same file again "
                "(lines already imported are skipped)."
            )
