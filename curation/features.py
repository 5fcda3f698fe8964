"""Featuring: a school's brand or case lifted onto a region's portal, by a curator's screen or
by a procedure that ends in awards (a plugin's evaluation)."""

from wagtail.log_actions import log

from curation.models import Feature


def feature(region, page, reason, sort_order=0, user=None):
    """Feature ``page`` on ``region``'s portal, or update the reason and order it is featured
    with; raises ValidationError (nothing saved) when the rules of Feature.clean refuse it."""
    found = Feature.objects.filter(region=region, page=page).first()
    found = found or Feature(region=region, page=page, created_by=user)
    found.reason = reason[:200]
    found.sort_order = sort_order
    found.full_clean()
    found.save()
    log(found, "yxyp.feature", user=user, data={"reason": found.reason})
    return found
