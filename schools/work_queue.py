"""The account manager's work queue on the dashboard: the accounts of their schools and regions
that have never signed in, are locked after failed sign-ins, or still have the initial
password the manager chose. A few queries whatever the number of accounts; a few rows each."""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F, Sum
from django.utils import timezone

from schools import roles
from schools.admin_access import QueuePanel
from schools.models import InitialPassword
from schools.views import managed_groups

SHOWN = 10


def _rows(people):
    """(count, the first SHOWN people by name) of a queryset of accounts."""
    return people.count(), list(people.order_by("last_name", "username")[:SHOWN])


def account_queues(user):
    """{kind: (count, people)} for the accounts ``user`` manages; None for anyone who manages
    none (a platform admin manages accounts in Wagtail's own user admin)."""
    if user.is_superuser or not roles.region_paths(user, roles.MANAGER):
        return None
    people = get_user_model().objects.filter(
        pk__in=get_user_model()
        .groups.through.objects.filter(group_id__in=list(managed_groups(user)))
        .values("user_id"),
        is_active=True,
    )
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    locked = (
        AccessAttempt.objects.filter(
            username__in=people.values("username"), attempt_time__gte=since
        )
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .values("username")
    )
    # The password is still the one the manager chose (schools.sign_in_gate forgets the
    # row at the owner's next sign-in after a change; a change made elsewhere shows here).
    initial = InitialPassword.objects.filter(user__in=people, password=F("user__password"))
    return {
        "never": _rows(people.filter(last_login__isnull=True)),
        "locked": _rows(people.filter(username__in=locked)),
        "initial": _rows(people.filter(pk__in=initial.values("user_id"))),
    }


def account_queue_panel(user):
    queues = account_queues(user)
    if not queues or not any(count for count, _people in queues.values()):
        return None
    return QueuePanel(
        "account_queue", 70, "schools/admin/account_queue_panel.html", {"queues": queues}
    )
