"""Featured and adopted work is listed on the region's portal and those above it, so a change
to either drops their cached pages. Connected in CurationConfig.ready()."""

from django.db.models.signals import post_delete, post_save

from curation.models import Feature, Submission
from pages import generations


def on_region_listing_change(sender, instance, **kwargs):
    generations.invalidate_above(instance.region)


def connect():
    for signal in (post_save, post_delete):
        for model in (Feature, Submission):
            signal.connect(
                on_region_listing_change,
                sender=model,
                dispatch_uid=f"page_cache_{model.__name__}_{signal is post_save}",
            )
