from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database and media with a backup made by manage.py backup. Stop the "
        "web and task workers first; the media found are kept beside the restored ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a .tar.gz archive written by manage.py backup")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask before replacing the data"
        )

    def handle(self, *args, archive, yes, **options):
        if (
            not yes
            and input(
                "This replaces every page, account and file with the backup's. Type yes to go on: "
            ).strip()
            != "yes"
        ):
            raise CommandError("Nothing was restored.")
        try:
            manifest, kept = restore(archive)
        except BackupError as error:
            raise CommandError(error) from error
        self.stdout.write(
            f"Restored the backup of {manifest['created']}: "
            f"{sum(manifest['rows'].values())} rows, {manifest['media_files']} media files."
        )
        if kept is not None:
            self.stdout.write(f"The media that were there are kept in {kept}.")
