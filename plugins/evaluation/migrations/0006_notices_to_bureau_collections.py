from django.db import migrations
from django.db.models import F
from wagtail.documents import get_document_model_string


def notices_to_bureau_collections(apps, schema_editor):
    """A notice named while the rule was "the region's own collection" lies there, where the
    curators cannot reach it and the rule no longer looks: it moves to the region's bureau
    collection, so the campaign keeps its published notice. A school's document named before
    any rule stays where it is and stays refused."""
    Campaign = apps.get_model("evaluation", "Campaign")
    BureauCollection = apps.get_model("schools", "BureauCollection")
    Document = apps.get_model(get_document_model_string())
    bureaus = dict(BureauCollection.objects.values_list("region_id", "collection_id"))
    named = Campaign.objects.filter(notice__collection=F("region__collection"))
    for notice_id, region_id in named.values_list("notice_id", "region_id"):
        if region_id in bureaus:
            Document.objects.filter(pk=notice_id).update(collection_id=bureaus[region_id])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0005_stage_days_bounded"),
        ("schools", "0009_bureau_collection"),
    ]

    operations = [
        migrations.RunPython(notices_to_bureau_collections, migrations.RunPython.noop),
    ]
