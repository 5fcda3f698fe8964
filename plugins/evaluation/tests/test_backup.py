"""The platform's backup carries a campaign whole: its criteria, applications with their
self-assessments, public ratings and reviews come back from the archive after the campaign
was deleted."""

import pytest
from django.core.management import call_command

from plugins import api
from plugins.evaluation import procedure
from plugins.evaluation.models import Application, Campaign, PublicRating
from plugins.evaluation.tests.test_evaluation import (
    APPLYING,
    RATING,
    REVIEWING,
    campaign_for,
    review_scores,
    scores,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_campaign_survives_a_backup_and_restore(county, school_a, make_user, tmp_path, sign_off):
    campaign = campaign_for(county)
    reviewer = make_user("reviewer-1", region=county, role="curator")
    campaign.reviewers.set([reviewer])
    editor = make_user("meiling-editor", school=school_a, role="editor")
    brand = api.BrandPage.objects.child_of(school_a).get()
    brand.save_revision().publish()
    application = procedure.apply(
        campaign, school_a, editor, "品牌概述", scores(campaign, [90] * 5, "自评"), on=APPLYING
    )
    sign_off(application)
    procedure.rate(application, 5, "browser-1", "10.0.0.1", now=RATING)
    assignment = procedure.assign(application, reviewer, reviewer)
    procedure.review(assignment, reviewer, review_scores(campaign, [80] * 5), "好", on=REVIEWING)
    archive = tmp_path / "campaign.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)

    Campaign.objects.all().delete()
    assert not Application.objects.exists() and not PublicRating.objects.exists()
    call_command("restore", str(archive), yes=True, verbosity=0)

    restored = Application.objects.get(pk=application.pk)
    assert restored.campaign.title == campaign.title and restored.summary == "品牌概述"
    assert restored.signed_off_at == application.signed_off_at
    assert [a.score for a in restored.self_assessments.order_by("pk")] == [90] * 5
    assert PublicRating.objects.get(application=restored).stars == 5
    review = restored.assignments.get()
    assert review.reviewer == reviewer and review.comment == "好" and review.submitted_at
