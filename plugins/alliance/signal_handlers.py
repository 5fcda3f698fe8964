"""Alliances show on their region's portal and their schools' home pages: a change drops
those cached pages (and the portals above). Connected in AllianceConfig.ready()."""

from django.db.models.signals import post_delete, post_save

from plugins import api
from plugins.alliance.models import Alliance, AllianceMember, DemonstrationCluster


def on_alliance_change(sender, instance, **kwargs):
    """The region's portal and every member's home page name the alliance (members deleted
    with it refresh their own pages)."""
    api.refresh_public_pages(instance.region)
    for member in instance.members.select_related("school"):
        api.refresh_public_pages(member.school)


def on_member_change(sender, instance, **kwargs):
    api.refresh_public_pages(instance.school)


def on_cluster_change(sender, instance, **kwargs):
    api.refresh_public_pages(instance.region)


def connect():
    for signal in (post_save, post_delete):
        for model, handler in (
            (Alliance, on_alliance_change),
            (AllianceMember, on_member_change),
            (DemonstrationCluster, on_cluster_change),
        ):
            signal.connect(
                handler,
                sender=model,
                dispatch_uid=f"alliance_cache_{model.__name__}_{signal is post_save}",
            )
