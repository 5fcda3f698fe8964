from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from plugins.liaison import supervision
from plugins.liaison.models import LiaisonLink


class Command(BaseCommand):
    help = (
        "E-mail each bureau member the schools they are linked to that have had no monthly "
        "exchange this month, and everyone the follow-ups they own that are past due. Run "
        "daily from cron (docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be written to; send nothing."
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        links = LiaisonLink.objects.select_related("school", "member", "region")
        due = defaultdict(lambda: {"silent": [], "late": []})
        for link in supervision.without_monthly_exchange(links, today):
            due[link.member_id]["silent"].append(link)
        for item in supervision.late_follow_ups(links, today):
            due[item.owner_id]["late"].append(item)
        people = get_user_model().objects.in_bulk(list(due))
        self.stdout.write(f"{len(due)} people have something overdue on {today}.")
        sent = skipped = 0
        for number, (pk, items) in enumerate(sorted(due.items()), start=1):
            person = people[pk]
            if not person.email:
                skipped += 1
                self.stdout.write(
                    f"[{number}/{len(due)}] {person.get_username()}: no e-mail address"
                )
                continue
            self.stdout.write(
                f"[{number}/{len(due)}] {person.get_username()}: {len(items['silent'])} schools, "
                f"{len(items['late'])} follow-ups"
            )
            if options["dry_run"]:
                continue
            with override(settings.LANGUAGE_CODE):
                body = render_to_string("liaison/reminder_email.txt", {"person": person, **items})
                subject = _("Liaison points: what is overdue")
            send_mail(subject, body, None, [person.email])
            sent += 1
        self.stdout.write(f"Sent {sent} reminders; {skipped} people have no e-mail address.")
