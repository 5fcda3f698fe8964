"""The message confirming a change of the admin's language is in the language chosen.

No upstream issue found (verified against Wagtail 8.0.1): the account view saves the locale
form's own UserProfile object, then words its success message in the preferred language of
another object it read before saving, so a translator switching to English was told so in
Chinese. Here a request's user has one UserProfile object, which both read; it also spares a
query each time the admin asks for it. Can go when Wagtail reads the saved profile.
"""

from wagtail.users.models import UserProfile

from overrides import fence

FENCE = fence.warned(
    fence.Code("wagtail.users.models", "UserProfile.get_for_user", "907d6e91baca87bc")
)

_wagtail_get_for_user = UserProfile.get_for_user.__func__
KEPT = "_yxyp_wagtail_profile"


def _get_for_user(cls, user):
    profile = user.__dict__.get(KEPT)
    if profile is None:
        profile = user.__dict__[KEPT] = _wagtail_get_for_user(cls, user)
    return profile


def install():
    UserProfile.get_for_user = classmethod(_get_for_user)
