from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from plugins import api
from plugins.liaison import kept_files, supervision
from plugins.liaison.models import LiaisonLink


class Command(BaseCommand):
    help = (
        "E-mail each bureau member the schools they are linked to whose monthly exchange, "
        "quarterly seminar or annual summary is overdue (missed last period) or due (not yet "
        "held in the period's last month), and everyone the follow-ups they own that are past "
        "due. Members named without an account get no mail. Also removes the attachments "
        "kept for forms left unsaved for a day. Run daily from cron (docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be written to; send nothing."
        )

    def handle(self, *args, **options):
        if not options["dry_run"]:
            removed = kept_files.sweep()
            self.stdout.write(f"Removed {removed} attachments of forms left unsaved for a day.")
        today = api.exports.today()
        links = LiaisonLink.objects.select_related("school", "member", "region")
        with_account = links.filter(member__isnull=False)
        due = defaultdict(lambda: {"meetings": defaultdict(list), "late": []})
        for cycle in supervision.CYCLES:
            lists = [(cycle.overdue_heading, supervision.overdue(with_account, cycle, today))]
            if cycle.closing(today):
                lists.append((cycle.due_heading, supervision.due(with_account, cycle, today)))
            for heading, found in lists:
                for link in found:
                    due[link.member_id]["meetings"][heading].append(link)
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
                f"[{number}/{len(due)}] {person.get_username()}: "
                f"{sum(map(len, items['meetings'].values()))} meetings, "
                f"{len(items['late'])} follow-ups"
            )
            if options["dry_run"]:
                continue
            with override(settings.LANGUAGE_CODE):
                body = render_to_string(
                    "liaison/reminder_email.txt",
                    {
                        "name": api.name_of(person),
                        "meetings": dict(items["meetings"]).items(),
                        "late": items["late"],
                    },
                )
                subject = _("Liaison points: what is overdue")
            send_mail(subject, body, None, [person.email])
            sent += 1
        self.stdout.write(f"Sent {sent} reminders; {skipped} people have no e-mail address.")
