"""A campaign shows on its region's portal while rating runs and once results are published:
a change drops that cached portal (and those above). Connected in EvaluationConfig.ready()."""

from django.db.models.signals import post_delete, post_save

from plugins import api
from plugins.evaluation.models import Campaign


def on_campaign_change(sender, instance, **kwargs):
    api.refresh_public_pages(instance.region)


def connect():
    for signal in (post_save, post_delete):
        signal.connect(
            on_campaign_change,
            sender=Campaign,
            dispatch_uid=f"evaluation_cache_campaign_{signal is post_save}",
        )
