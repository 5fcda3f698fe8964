import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from schools import provisioning, second_factor
from schools.roles import AUDITOR, REGION_ROLES, SCHOOL_ROLES


class Command(BaseCommand):
    help = (
        "Give a user a role: editor or moderator of a school (--school SLUG), curator, "
        "account manager, committee member or auditor of a region (--region PATH), or "
        "auditor of the platform (--auditor). "
        "--create makes the user if missing. --reset-second-factor removes a user's "
        "authenticator (a lost phone)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        place = parser.add_mutually_exclusive_group(required=True)
        place.add_argument(
            "--reset-second-factor",
            action="store_true",
            help="Remove the user's authenticator; they set up a new one at next sign-in.",
        )
        place.add_argument("--school", help="The school's slug.")
        place.add_argument(
            "--region", help="The region's path below the province, e.g. nanjing/xuanwu."
        )
        place.add_argument(
            "--auditor",
            action="store_true",
            help="Read-only access to the audit log of the whole platform, nothing else.",
        )
        parser.add_argument("--role", choices=(*SCHOOL_ROLES, *REGION_ROLES, AUDITOR))
        parser.add_argument(
            "--create",
            action="store_true",
            help="Create the user with a random password, printed once.",
        )
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--name", default="", help="The new user's 姓名, whole, in Chinese order (李红)."
        )

    def handle(self, *args, **options):
        role = options["role"]
        if options["reset_second_factor"]:
            user = self._user({**options, "create": False})
            removed = second_factor.reset(user)
            self.stdout.write(f"{user.username}: {removed} authenticator(s) removed")
            return
        if options["auditor"]:
            user = self._user(options)
            added = provisioning.add_auditor(user)
            self.stdout.write(f"{user.username}: {'added as' if added else 'already'} auditor")
            return
        if role is None:
            raise CommandError(
                "Name the role: --role editor, moderator, curator, manager, committee or auditor."
            )
        try:
            if options["school"] is not None:
                place = provisioning.find_school(options["school"])
                if place is None:
                    raise CommandError(
                        f"No school has the slug “{options['school']}”; provision it first."
                    )
                if role not in SCHOOL_ROLES:
                    raise CommandError("A school's roles are editor and moderator.")
                add = provisioning.add_school_user
            else:
                place = provisioning.find_region(options["region"])
                if role not in (*REGION_ROLES, AUDITOR):
                    raise CommandError(
                        "A region's roles are curator, manager, committee and auditor."
                    )
                add = provisioning.add_region_user
            user = self._user(options)
            added = add(place, user, role)
        except provisioning.ProvisioningError as error:
            raise CommandError(str(error)) from error
        state = "added as" if added else "already"
        self.stdout.write(f"{user.username}: {state} {role} of {place.title}")

    def _user(self, options):
        User = get_user_model()
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            if not options["create"]:
                raise CommandError(f"No user “{options['username']}”: add --create to make one.")
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                options["username"], options["email"], password, last_name=options["name"]
            )
            self.stdout.write(f"Created user {user.username} with password {password}")
        return user
