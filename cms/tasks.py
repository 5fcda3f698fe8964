"""Background tasks that fail are tried again, and operators can see those that gave up.

django-tasks records a failed run (its exception and traceback) and stops there. Every task of
the platform (search indexing, ledgers, plugins' tasks) is safe to run again, so a failure on a
backend that can defer work (the database backend run by ``manage.py db_worker``) is enqueued
again after TASK_RETRY_SECONDS, doubling at each failure, until TASK_ATTEMPTS runs of the same
call have failed since it last succeeded. Each failure is logged with its attempt number, and a
call that gives up is logged as an error; ``manage.py task_status`` lists them and exits
non-zero while any has given up (for a monitoring check). Tasks run in the request (the
embedded default) cannot be deferred: their failures are logged, not retried.
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

logger = logging.getLogger("yxyp.tasks")


def same_call(path, args, kwargs):
    """Every run of one task with the same arguments (a retry is one of them)."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=path, args_kwargs={"args": args, "kwargs": kwargs})


def failures_since_success(path, args, kwargs):
    calls = same_call(path, args, kwargs)
    succeeded = calls.filter(status=TaskResultStatus.SUCCESSFUL).order_by("-finished_at").first()
    failed = calls.filter(status=TaskResultStatus.FAILED)
    if succeeded is not None:
        failed = failed.filter(finished_at__gt=succeeded.finished_at)
    return failed.count()


def retry_failed(sender, task_result, **kwargs):
    if task_result.status != TaskResultStatus.FAILED:
        return
    task = task_result.task
    if not task.get_backend().supports_defer:
        return
    try:
        path, args, call_kwargs = task.module_path, task_result.args, task_result.kwargs
        failures = failures_since_success(path, args, call_kwargs)
        error = task_result.errors[-1].exception_class_path if task_result.errors else "?"
        if failures >= settings.TASK_ATTEMPTS:
            logger.error(
                "Task %s%s gave up after %d failed attempts (last: %s); see manage.py task_status",
                path,
                tuple(args),
                failures,
                error,
            )
            return
        delay = settings.TASK_RETRY_SECONDS * 2 ** (failures - 1)
        run_after = timezone.now() + datetime.timedelta(seconds=delay)
        retry = task.using(run_after=run_after).enqueue(*args, **call_kwargs)
        logger.warning(
            "Task %s%s failed (attempt %d of %d: %s); retried after %s as %s",
            path,
            tuple(args),
            failures,
            settings.TASK_ATTEMPTS,
            error,
            run_after.isoformat(timespec="seconds"),
            retry.id,
        )
    except Exception:  # a retry that cannot be made must not stop the worker
        logger.exception("Task %s could not be retried", task.module_path)


def connect():
    task_finished.connect(retry_failed, dispatch_uid="yxyp_retry_failed_tasks")
