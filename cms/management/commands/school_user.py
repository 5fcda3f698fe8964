import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from pages import provisioning


class Command(BaseCommand):
    help = "Add a user to a school as editor or moderator (--create makes the user if missing)."

    def add_arguments(self, parser):
        parser.add_argument("school", help="The school's slug.")
        parser.add_argument("username")
        parser.add_argument("--role", choices=provisioning.ROLES, default=provisioning.ROLE_EDITOR)
        parser.add_argument(
            "--create",
            action="store_true",
            help="Create the user with a random password, printed once.",
        )
        parser.add_argument("--email", default="")

    def handle(self, *args, **options):
        school = provisioning.find_school(options["school"])
        if school is None:
            raise CommandError(f"No school has the slug “{options['school']}”; provision it first.")
        User = get_user_model()
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            if not options["create"]:
                raise CommandError(f"No user “{options['username']}”: add --create to make one.")
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(options["username"], options["email"], password)
            self.stdout.write(f"Created user {user.username} with password {password}")
        try:
            added = provisioning.add_school_user(school, user, options["role"])
        except provisioning.ProvisioningError as error:
            raise CommandError(str(error)) from error
        state = "added as" if added else "already"
        self.stdout.write(f"{user.username}: {state} {options['role']} of {school.title}")
