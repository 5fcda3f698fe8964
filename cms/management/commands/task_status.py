import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from cms.tasks import failures_since_success, same_call


class Command(BaseCommand):
    help = (
        "The background tasks' state for operators: waiting, scheduled for a retry, running, "
        "failed in the last days, and the calls that gave up (exit status 1 while any has, "
        "for a monitoring check). Needs TASKS_BACKEND=database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="failures of how many days")

    def handle(self, *args, days, **options):
        now = timezone.now()
        pending = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        since = now - datetime.timedelta(days=days)
        failed = DBTaskResult.objects.filter(
            status=TaskResultStatus.FAILED, finished_at__gte=since
        ).order_by("-finished_at")
        self.stdout.write(
            f"waiting: {pending.filter(run_after__lte=now).count()}, "
            f"scheduled (retries and deferred): {pending.filter(run_after__gt=now).count()}, "
            f"running: {DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count()}, "
            f"failed runs in {days} days: {failed.count()}"
        )
        gave_up, seen = [], set()
        for result in failed:
            call = (result.task_path, repr(result.args_kwargs))
            if call in seen:
                continue
            seen.add(call)
            args, kwargs = result.args_kwargs["args"], result.args_kwargs["kwargs"]
            same = same_call(result.task_path, args, kwargs)
            if same.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).exists():
                continue  # a retry is on its way
            attempts = failures_since_success(result.task_path, args, kwargs)
            if attempts:
                last_line = result.traceback.strip().splitlines()[-1:] or [""]
                gave_up.append(
                    f"{result.finished_at:%Y-%m-%d %H:%M} {result.task_path}"
                    f"{tuple(args)}: {attempts} failed attempts, "
                    f"last {last_line[0]}"
                )
        for line in gave_up:
            self.stdout.write(f"gave up: {line}")
        if gave_up:
            raise CommandError(
                f"{len(gave_up)} task calls gave up: fix the cause, then enqueue them again "
                "(or delete their results with manage.py prune_db_task_results)."
            )
