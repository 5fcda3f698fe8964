"""The arithmetic of an evaluation, in exact decimals.

Per criterion, self-assessment and review scores are 0–100 and the criterion weights add up to
100, so each stage's score is a weighted mean on 0–100:

* self-assessment: Σ weight × score / 100;
* public rating: the visitors' 1–5 stars × 20, averaged as if every application had also
  received PRIOR_RATINGS ratings at the campaign's mean (a Bayesian average): with many
  ratings the score is their own mean, with few it stays near the campaign's mean, and with
  none it is the campaign's mean (3 stars when nobody rated at all). A handful of friends'
  five-star ratings cannot beat a school rated well by hundreds, and an application nobody
  happened to rate is not scored 0;
* superior review: the mean over submitted reviews of Σ weight × score / 100 (the review of
  materials), combined with the on-site inspection's score at the campaign's
  ``inspection_weight`` (the guideline's "评审材料和实地考查相结合");
* total: (self weight × self + public weight × public + superior weight × superior) / 100,
  rounded half up to two decimals only at the end.

Ranking is by total, equal totals share a rank (1, 2, 2, 4); award tiers take the next
``places`` ranks in order, so tied applications get the same award.

Only applications their school's secretary signed off count. The results are provisional
while any is pending: a review assigned but not submitted, none assigned at all, or (when
the inspection is scored) no inspection. A pending application's superior score is not
known, and while any is pending no award is given to anyone.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum

from plugins.evaluation.models import Application, PublicRating

CENT = Decimal("0.01")
PRIOR_RATINGS = 5
NEUTRAL_STARS = Decimal(3)


@dataclass
class Result:
    application: Application
    self_score: Decimal
    public_score: Decimal
    superior_score: Decimal
    total: Decimal
    ratings: int
    reviews: int
    rank: int = 0
    tier: str = ""
    pending: bool = False
    material_score: Decimal | None = None
    inspection_score: int | None = None
    criteria: list = field(default_factory=list)


def weighted(scores, weights):
    """Σ weight × score / 100 over the criteria; a criterion without a score counts 0."""
    return (
        sum(
            (
                Decimal(weight) * Decimal(scores.get(criterion, 0))
                for criterion, weight in weights.items()
            ),
            Decimal(0),
        )
        / 100
    )


def results(campaign):
    """Every application of the campaign with its stage scores, total, rank and award,
    best first. Four queries whatever the number of applications."""
    criteria = list(campaign.criteria.all())
    weights = {criterion.pk: criterion.weight for criterion in criteria}
    applications = (
        Application.objects.filter(campaign=campaign)
        .filed()
        .select_related("school", "inspection")
        .prefetch_related("self_assessments", "assignments__scores")
    )
    ratings = {
        row["application"]: row
        for row in PublicRating.objects.filter(application__campaign=campaign)
        .values("application")
        .annotate(stars=Sum("stars"), count=Count("pk"))
    }
    given = sum(row["count"] for row in ratings.values())
    mean = (
        Decimal(sum(row["stars"] for row in ratings.values())) / given if given else NEUTRAL_STARS
    )
    rows = []
    for application in applications:
        own = {item.criterion_id: item.score for item in application.self_assessments.all()}
        assignments = application.assignments.all()
        given = [
            {item.criterion_id: item.score for item in assignment.scores.all()}
            for assignment in assignments
            if assignment.submitted_at
        ]
        reviews = [weighted(scores, weights) for scores in given]
        inspection = getattr(application, "inspection", None)
        inspection_score = inspection.score if inspection else None
        pending = not given or len(given) < len(assignments)
        pending = pending or (campaign.inspection_weight > 0 and inspection is None)
        material = sum(reviews, Decimal(0)) / len(reviews) if reviews else Decimal(0)
        rating = ratings.get(application.pk)
        stage_scores = (
            weighted(own, weights),
            public_score(rating, mean),
            superior_score(material, inspection_score, campaign.inspection_weight),
        )
        stage_weights = (campaign.self_weight, campaign.public_weight, campaign.superior_weight)
        total = (
            sum(
                (
                    Decimal(weight) * score
                    for weight, score in zip(stage_weights, stage_scores, strict=True)
                ),
                Decimal(0),
            )
            / 100
        )
        rows.append(
            Result(
                application,
                *(score.quantize(CENT, ROUND_HALF_UP) for score in stage_scores),
                total=total.quantize(CENT, ROUND_HALF_UP),
                ratings=rating["count"] if rating else 0,
                reviews=len(reviews),
                pending=pending,
                material_score=material.quantize(CENT, ROUND_HALF_UP) if reviews else None,
                inspection_score=inspection_score,
                criteria=[
                    (own.get(criterion.pk), _mean(scores.get(criterion.pk) for scores in given))
                    for criterion in criteria
                ],
            )
        )
    rows.sort(key=lambda row: (-row.total, row.application.school.title))
    tiers = [] if provisional(rows) else [(tier.name, tier.places) for tier in campaign.tiers.all()]
    _rank_and_award(rows, tiers)
    return rows


def provisional(rows):
    """Whether the results are still 待定: some application's superior review is incomplete."""
    return any(row.pending for row in rows)


def superior_score(material, inspection, inspection_weight):
    """The review of materials and the on-site inspection combined at ``inspection_weight``
    (%); without an inspection (or at 0 %) the materials alone."""
    if inspection is None or not inspection_weight:
        return material
    return (Decimal(100 - inspection_weight) * material + inspection_weight * inspection) / 100


def _mean(values):
    values = [value for value in values if value is not None]
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(CENT, ROUND_HALF_UP)


def public_score(rating, mean):
    """0–100 from an application's ratings (``{"stars": Σ, "count": n}`` or None) and the
    campaign's mean stars."""
    stars, count = (rating["stars"], rating["count"]) if rating else (0, 0)
    return (PRIOR_RATINGS * mean + stars) * 20 / (PRIOR_RATINGS + count)


def _rank_and_award(rows, tiers):
    bounds, last = [], 0
    for name, places in tiers:
        last += places
        bounds.append((last, name))
    for position, row in enumerate(rows, start=1):
        tied = position > 1 and row.total == rows[position - 2].total
        row.rank = rows[position - 2].rank if tied else position
        row.tier = next((name for bound, name in bounds if row.rank <= bound), "")
