"""One sign-in gate (issue 33, item 4): a session that still owes a step of its sign-in is
anonymous everywhere until it has paid.

A password alone does not sign an account in when the account has an authenticator, must
have one (``STAFF_SECOND_FACTOR_REQUIRED``, schools.second_factor), or is still on the
password its account manager chose (schools.models.InitialPassword). Checking that screen by
screen left every screen outside the admin open (documents, login-only pages, the API,
``/_util/login/``), so the check sits here, just after django-otp has read the session:
``request.user`` (and ``request.auser``) is the anonymous user for every view except the few
where the debt is paid, and each view, middleware, template, API authentication or plugin
written later sees only that. Admin URLs and the sign-in forms send the session on to where
it pays, with the address it was going to.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from schools import second_factor
from schools.models import InitialPassword

CODE, ENROL, OWN_PASSWORD = "second_factor", "second_factor_setup", "wagtailadmin_account"
_ALWAYS = {"wagtailadmin_logout", "wagtailadmin_javascript_catalog", "wagtailadmin_sprite"}
# What a session owing each step may use, signed in: the views where it pays, and leaving.
PAYING = {
    CODE: {CODE, ENROL, *_ALWAYS},
    ENROL: {CODE, ENROL, *_ALWAYS},
    OWN_PASSWORD: {OWN_PASSWORD, *_ALWAYS},
}
# Sign-in forms a session that owes a step is sent on from: the admin's, and Wagtail's for
# login-only pages (``/_util/login/``). A POST to them is a new sign-in and goes through.
SIGN_IN_FORMS = {"wagtailadmin_login", "wagtailcore_login"}
# The sign-in for which the session found no second factor required: not asked again.
NOT_REQUIRED = "yxyp_second_factor_not_required"
OWN_PASSWORD_CHOSEN = "yxyp_own_password"


class SignInGateMiddleware:
    """Placed right after django-otp's middleware, before anything that reads the user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only a request with a session cookie can be signed in; reading the session of any
        # other would mark every public response "Vary: Cookie".
        if settings.SESSION_COOKIE_NAME in request.COOKIES and SESSION_KEY in request.session:
            request.sign_in_owed = owed(request, request.user)
            if request.sign_in_owed and _view_name(request) not in PAYING[request.sign_in_owed]:
                request.user = AnonymousUser()
                request.auser = _anonymous
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        debt = getattr(request, "sign_in_owed", None)
        name = request.resolver_match.view_name
        if debt is None or name in PAYING[debt]:
            return None
        if name in SIGN_IN_FORMS:
            if request.method not in ("GET", "HEAD"):
                return None
            going_to = request.GET.get("next", "")
        elif request.path_info.startswith(reverse("wagtailadmin_home")):
            going_to = request.get_full_path()
        else:
            return None
        if debt == OWN_PASSWORD:
            chosen = _("Your account manager chose your password: choose one of your own first.")
            messages.warning(request, chosen)
            return redirect(OWN_PASSWORD)
        return redirect(f"{reverse(debt)}?{urlencode({'next': going_to})}")


async def _anonymous():
    return AnonymousUser()


def _view_name(request):
    try:
        return resolve(request.path_info, getattr(request, "urlconf", None)).view_name
    except Resolver404:
        return None


def owed(request, user):
    """The view where the signed-in ``user``'s session pays what it still owes: the code of
    their authenticator, enrolment when one is required and they have none, or a password of
    their own; None once it owes nothing. Whether the account has an authenticator is asked
    at each request of a session that gave no code, so one opened with the password before the
    owner enrolled owes the code from then on; the rest, once settled, the session remembers."""
    if not user.is_authenticated:
        return None
    if not user.is_verified():
        if second_factor.confirmed_device(user) is not None:
            return CODE
        if request.session.get(NOT_REQUIRED) != str(user.last_login):
            if second_factor.required(user):
                return ENROL
            request.session[NOT_REQUIRED] = str(user.last_login)
    if request.session.get(OWN_PASSWORD_CHOSEN):
        return None
    initial = InitialPassword.objects.filter(user=user).first()
    if initial is not None and initial.password != user.password:
        initial.delete()
        initial = None
    if initial is None:
        request.session[OWN_PASSWORD_CHOSEN] = True
        return None
    return OWN_PASSWORD
