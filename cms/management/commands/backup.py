import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back the platform up while it runs: the database (a consistent snapshot) and every "
        "media file, in one .tar.gz archive with a manifest of row counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="archive path (default: VAR_DIR/backups/yxyp-<date>-<time>.tar.gz)",
        )

    def handle(self, *args, output=None, **options):
        if output is None:
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.VAR_DIR) / "backups" / f"yxyp-{stamp}.tar.gz"
        try:
            manifest = backup(output, progress=options["verbosity"] > 0)
        except BackupError as error:
            raise CommandError(error) from error
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"Backed up {rows} rows in {len(manifest['rows'])} tables and "
            f"{manifest['media_files']} media files to {output}"
        )
