"""The "evaluation awards" facet of the public search: visitors narrow results to the brands
awarded in a campaign."""

from plugins.evaluation.models import Award


def award_values(pages):
    """{brand page id: ["<campaign>：<award>", …]} for the pages in this batch that are the
    brand pages of awarded applications of published campaigns."""
    awards = (
        Award.objects.filter(
            application__brand_page_id__in=[page.pk for page in pages],
            application__campaign__results_published_at__isnull=False,
            application__campaign__rehearsal=False,
        )
        .exclude(tier="")
        .select_related("application__campaign")
    )
    values = {}
    for award in awards:
        values.setdefault(award.application.brand_page_id, []).append(
            f"{award.application.campaign.title}：{award.tier}"
        )
    return values
