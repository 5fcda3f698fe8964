"""A campaign's notice (申报通知) is a Wagtail document shown outside pages: on the schools'
application screens and, for a campaign visitors may see, on its public page. Who may
download it is said here, to the core's document gate (hook ``document_readable``); Wagtail's
collection privacy still applies before it."""

from plugins import api
from plugins.evaluation import procedure
from plugins.evaluation.models import Campaign


def readable(document, user):
    """Anyone may read the notice of a public campaign; a rehearsal's only its bureau and the
    staff of the schools inside its region. Only a notice of the bureau's own collection is
    vouched for (``Campaign.with_bureau_notice``): a row naming a school's document, however
    written, publishes nothing."""
    campaigns = Campaign.objects.with_bureau_notice().filter(notice=document)
    for campaign in campaigns.select_related("region"):
        if not campaign.rehearsal:
            return True
        if user.is_authenticated and (
            procedure.may_manage(user, campaign)
            or any(path.startswith(campaign.region.path) for path in api.school_paths(user))
        ):
            return True
    return False


def public_notice(campaign):
    """The notice to link on the public page: none when the campaign is a rehearsal, the
    document is not the bureau's (``Campaign.bureau_notice``) or its collection is private
    (visitors would meet a password or sign-in)."""
    notice = campaign.bureau_notice
    if notice is None or campaign.rehearsal or notice.collection.get_view_restrictions().exists():
        return None
    return notice
