"""A background task that fails is run again by the worker until it succeeds or gives up, and
operators see both in the log and in manage.py task_status (issue 20, item 7)."""

import logging
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

# The worker takes its tasks in transactions of its own; the province is restored afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@task()
def unreliable(counter, failures):
    """Fails its first ``failures`` runs, as a call to a cluster that is restarting would."""
    path = Path(counter)
    runs = int(path.read_text()) + 1 if path.exists() else 1
    path.write_text(str(runs))
    if runs <= failures:
        raise ConnectionError(f"the search cluster did not answer (run {runs})")
    return runs


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_RETRY_SECONDS = 0
    settings.TASK_ATTEMPTS = 3


def work_off():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def statuses():
    return list(DBTaskResult.objects.order_by("enqueued_at").values_list("status", flat=True))


def test_a_failing_task_is_retried_until_it_succeeds(tmp_path, caplog, capsys):
    unreliable.enqueue(str(tmp_path / "runs"), 2)
    with caplog.at_level(logging.WARNING, logger="yxyp.tasks"):
        work_off()
    assert statuses() == ["FAILED", "FAILED", "SUCCESSFUL"]
    assert (tmp_path / "runs").read_text() == "3"
    retried = [r.getMessage() for r in caplog.records if r.name == "yxyp.tasks"]
    assert len(retried) == 2 and "attempt 1 of 3" in retried[0] and "ConnectionError" in retried[0]
    call_command("task_status")
    assert "failed runs in 7 days: 2" in capsys.readouterr().out


def test_a_task_that_keeps_failing_gives_up_and_task_status_says_so(tmp_path, caplog, capsys):
    unreliable.enqueue(str(tmp_path / "runs"), 99)
    with caplog.at_level(logging.WARNING, logger="yxyp.tasks"):
        work_off()
    assert statuses() == ["FAILED"] * 3
    assert any(
        r.levelno == logging.ERROR and "gave up after 3 failed attempts" in r.getMessage()
        for r in caplog.records
    )
    with pytest.raises(CommandError, match="1 task calls gave up"):
        call_command("task_status")
    out = capsys.readouterr().out
    assert "gave up:" in out and "3 failed attempts" in out and "did not answer (run 3)" in out
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
