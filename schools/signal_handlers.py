"""Sign-ins in Wagtail's log (issue 16, finding 7): successes, failures and lockouts of known
accounts appear in the site history report beside the platform's other actions, filterable
by action and user. Attempts on usernames that do not exist have no account to log against;
django-axes keeps those (with their address) in its own tables."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission, WorkflowPage
from wagtail.signals import copy_for_translation_done

from schools import second_factor


def _address(request):
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def on_logged_in(sender, request, user, **kwargs):
    log(user, "yxyp.login", user=user, data={"address": _address(request)})


def _known(username):
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


def on_login_failed(sender, credentials, request=None, **kwargs):
    if (user := _known(credentials.get("username"))) is not None:
        log(user, "yxyp.login_failed", user=None, data={"address": _address(request)})


def on_locked_out(sender, request, username, ip_address, **kwargs):
    if (user := _known(username)) is not None:
        log(user, "yxyp.lockout", user=None, data={"address": ip_address or ""})


def on_translated(sender, source_obj, target_obj, **kwargs):
    """A school's or region's page in another language (made when one of its pages is first
    translated) is its root in that language's tree: the roles given at the Chinese root are
    given there too, and its pages go through the same review."""
    for grant in GroupPagePermission.objects.filter(page=source_obj):
        GroupPagePermission.objects.get_or_create(
            group_id=grant.group_id, page=target_obj, permission_id=grant.permission_id
        )
    link = WorkflowPage.objects.filter(page=source_obj).first()
    if link is not None:
        WorkflowPage.objects.get_or_create(page=target_obj, defaults={"workflow": link.workflow})


def connect():
    copy_for_translation_done.connect(on_translated, dispatch_uid="yxyp_translation_roles")
    user_logged_in.connect(on_logged_in, dispatch_uid="yxyp_audit_login")
    user_logged_in.connect(
        second_factor.drop_pending_at_sign_in, dispatch_uid="yxyp_second_factor_pending"
    )
    user_login_failed.connect(on_login_failed, dispatch_uid="yxyp_audit_login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="yxyp_audit_lockout")
