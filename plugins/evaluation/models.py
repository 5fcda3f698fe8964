"""The evaluation procedure as data: a bureau's campaign, schools' applications with their
self-assessment, visitors' ratings and reviewers' scores.

Scores are kept as given (0–100 per criterion, 1–5 stars for a rating); totals are never
stored, they are computed from these rows (``scoring.py``) so a corrected score can never
leave a stale total behind.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.documents import get_document_model
from wagtail.models import Orderable

from plugins import api

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]

# The guideline's five construction requirements, the default criteria, equally weighted.
DEFAULT_CRITERIA = [
    _("Advanced philosophy, clear theme"),
    _("Culture and environment that educate"),
    _("Sound channels, complete rules"),
    _("Rich content, varied forms"),
    _("Marked results, satisfied teachers and students"),
]
DEFAULT_TIERS = [(_("First prize"), 1), (_("Second prize"), 2), (_("Third prize"), 3)]
# The guideline: the province's innovation award is held "每两年" (every two years).
PROVINCE_CYCLE_YEARS = 2
PROVINCE_DEPTH = 2
# A campaign's days lie in this century: a typing slip (9999) would otherwise be stored and
# every later stage computed from it would run past the calendar's last day.
FIRST_DAY, LAST_DAY = datetime.date(2000, 1, 1), datetime.date(2099, 12, 31)
STAGE_DAYS = [MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)]


def notice_documents(regions):
    """The documents that may be the notice of a campaign of one of ``regions``: those in the
    bureau's own collection (``api.bureau_collections``), where its curators upload. Its
    schools' collections hold their own files, never the bureau's to publish."""
    return get_document_model().objects.filter(collection__in=api.bureau_collections(regions))


class CampaignQuerySet(models.QuerySet):
    def public(self):
        """Campaigns visitors may see: every one but a rehearsal, whatever its stage."""
        return self.filter(rehearsal=False)

    def with_bureau_notice(self):
        """Campaigns whose notice is their bureau's (``notice_documents``), whatever route
        wrote the row."""
        return self.filter(notice__collection__bureau_of__region=F("region"))


class Campaign(ClusterableModel):
    """One evaluation run by one bureau for the schools of its region: the yearly brand
    evaluation, or the innovation award each level runs (the province's every two years).
    A rehearsal runs the whole procedure inside the admin and never publishes anything."""

    class Kind(models.TextChoices):
        EVALUATION = "evaluation", _("Yearly brand evaluation")
        INNOVATION = "innovation", _("Innovation award")

    region = models.ForeignKey(
        "pages.RegionPage",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Schools inside this region may apply; its portal features the winners."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.EVALUATION)
    title = models.CharField(_("title"), max_length=120)
    rehearsal = models.BooleanField(
        _("rehearsal"),
        default=False,
        help_text=_(
            "A rehearsal runs at any date and never publishes: no public page, no "
            "awards, no honours."
        ),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    notice = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The bureau's notice of the campaign: applicant schools see it on their application "
            "screen, visitors on the campaign's public page."
        ),
    )
    applications_open = models.DateField(_("applications open"), validators=STAGE_DAYS)
    applications_close = models.DateField(_("applications close"), validators=STAGE_DAYS)
    rating_close = models.DateField(
        _("public rating closes"),
        validators=STAGE_DAYS,
        help_text=_("Visitors rate the applications from the close of applications to this day."),
    )
    review_close = models.DateField(_("review closes"), validators=STAGE_DAYS)
    show_ratings = models.BooleanField(
        _("show ratings while rating runs"),
        default=False,
        help_text=_("Visitors see each application's average stars and number of ratings."),
    )
    self_weight = models.PositiveSmallIntegerField(
        _("self-assessment weight (%)"), default=20, validators=PERCENT
    )
    public_weight = models.PositiveSmallIntegerField(
        _("public rating weight (%)"),
        default=30,
        validators=PERCENT,
        help_text=_(
            "Visitors' stars count as if every application also had five ratings at the "
            "campaign's average: a few ratings move a score little, and an application "
            "nobody rated gets the average, not zero."
        ),
    )
    superior_weight = models.PositiveSmallIntegerField(
        _("superior review weight (%)"), default=50, validators=PERCENT
    )
    inspection_weight = models.PositiveSmallIntegerField(
        _("on-site inspection share of the superior review (%)"),
        default=0,
        validators=PERCENT,
        help_text=_(
            "The guideline combines the review of materials with an on-site inspection: the "
            "superior review's score is the reviewers' mean on the materials and the "
            "inspection's score in this proportion. At 0 the inspection record is shown to "
            "reviewers but not scored; above 0 every application needs one before results."
        ),
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewers"), blank=True, related_name="+"
    )
    results_published_at = models.DateTimeField(
        _("results published at"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation campaign")
        verbose_name_plural = _("evaluation campaigns")
        ordering = ["-applications_open", "pk"]

    def __str__(self):
        """A rehearsal says so wherever the campaign is named in a list."""
        if self.rehearsal:
            return _("%(title)s (rehearsal)") % {"title": self.title}
        return self.title

    def clean(self):
        """Dates follow the procedure's order; the yearly evaluation ends before 1 July
        unless rehearsed; the province's innovation award keeps to its two-year cycle;
        weights add up to 100; the notice is the bureau's own document."""
        errors = {}
        if (notice_error := self.notice_error()) is not None:
            errors["notice"] = notice_error
        dates = [self.applications_open, self.applications_close, self.rating_close]
        dates.append(self.review_close)
        if all(dates) and dates != sorted(dates):
            errors["rating_close"] = _(
                "The dates must follow the procedure: applications open, applications close, "
                "public rating closes, review closes."
            )
        if (
            self.kind == self.Kind.EVALUATION
            and not self.rehearsal
            and self.review_close
            and self.applications_open
            and self.review_close >= datetime.date(self.applications_open.year, 7, 1)
        ):
            errors["review_close"] = _("The yearly evaluation must finish before 1 July.")
        if (cycle_error := self.cycle_error()) is not None:
            errors["applications_open"] = cycle_error
        if self.rehearsal and self.results_published_at:
            errors["rehearsal"] = _(
                "The results of this campaign are published: it cannot become a rehearsal."
            )
        weights = (self.self_weight, self.public_weight, self.superior_weight)
        if None not in weights and sum(weights) != 100:
            errors["superior_weight"] = _("The three stage weights must add up to 100.")
        if errors:
            raise ValidationError(errors)

    def notice_error(self):
        """Naming a document publishes it (``notices.readable``): only a document of the
        bureau's own collection may be named, never a school's file."""
        if self.notice_id is None or not self.region_id:
            return None
        regions = api.RegionPage.objects.filter(pk=self.region_id)
        if notice_documents(regions).filter(pk=self.notice_id).exists():
            return None
        return _(
            "The notice must be a document in the bureau files of %(region)s, its own "
            "collection; a school's documents cannot be published as a campaign's notice."
        ) % {"region": self.region.title}

    @property
    def bureau_notice(self):
        """The notice, if it is the bureau's own document (a row written before the rule, or
        around it, may name another): the only one shown or linked."""
        notice = self.notice
        if notice is None or self.notice_error() is not None:
            return None
        return notice

    def cycle_error(self):
        """The province's innovation award runs once every two years. A cycle is the two
        calendar years from the year a campaign opens: another one (not a rehearsal) opening
        within it is refused, naming the campaign that holds the cycle and the first day the
        next may open. Cities and counties run theirs as often as they decide."""
        if (
            self.kind != self.Kind.INNOVATION
            or self.rehearsal
            or not self.region_id
            or self.applications_open is None
            or self.region.depth != PROVINCE_DEPTH
        ):
            return None
        year = self.applications_open.year
        holder = (
            Campaign.objects.filter(
                region_id=self.region_id,
                kind=self.Kind.INNOVATION,
                rehearsal=False,
                applications_open__year__gt=year - PROVINCE_CYCLE_YEARS,
                applications_open__year__lt=year + PROVINCE_CYCLE_YEARS,
            )
            .exclude(pk=self.pk)
            .order_by("applications_open")
            .first()
        )
        if holder is None:
            return None
        first = holder.applications_open.year
        return _(
            "“%(title)s” holds the province's innovation award for %(first)d–%(last)d: it is "
            "held once every two years, so the next may open from 1 January %(next)d."
        ) % {
            "title": holder.title,
            "first": first,
            "last": first + PROVINCE_CYCLE_YEARS - 1,
            "next": first + PROVINCE_CYCLE_YEARS,
        }

    def stage(self, on=None):
        """Where the procedure stands on a day: applying, rating, reviewing or finished."""
        on = on or timezone.localdate()
        if on < self.applications_open:
            return "upcoming"
        if on <= self.applications_close:
            return "applying"
        if on <= self.rating_close:
            return "rating"
        if on <= self.review_close:
            return "reviewing"
        return "closed"


class Criterion(Orderable):
    campaign = ParentalKey(Campaign, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=120)
    weight = models.PositiveSmallIntegerField(_("weight (%)"), validators=PERCENT)

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.name


class AwardTier(Orderable):
    """An award given to the next ``places`` applications in ranking order."""

    campaign = ParentalKey(Campaign, on_delete=models.CASCADE, related_name="tiers")
    name = models.CharField(_("award"), max_length=60)
    places = models.PositiveSmallIntegerField(_("places"), validators=[MinValueValidator(1)])

    class Meta(Orderable.Meta):
        verbose_name = _("award tier")
        verbose_name_plural = _("award tiers")

    def __str__(self):
        return self.name


def brand_pages_of(school):
    """The brand pages a school may apply with: its own, published."""
    return api.BrandPage.objects.child_of(school).live()


class ApplicationQuerySet(models.QuerySet):
    def filed(self):
        """Applications signed off by their school's secretary: the only ones that count."""
        return self.filter(signed_off_at__isnull=False)


class Application(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="applications", verbose_name=_("campaign")
    )
    school = models.ForeignKey(
        "pages.SchoolHomePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    brand_page = models.ForeignKey(
        "pages.BrandPage",
        verbose_name=_("brand page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    evidence = models.ManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("cases and reports"),
        blank=True,
        related_name="+",
        help_text=_("Exemplar cases and activity reports of the school that show its work."),
    )
    attachments = models.ManyToManyField(
        "wagtaildocs.Document", verbose_name=_("attachments"), blank=True, related_name="+"
    )
    summary = models.TextField(_("summary"), max_length=2000)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True, editable=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["campaign", "school__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "school"], name="evaluation_one_application_per_school"
            )
        ]

    def __str__(self):
        return f"{self.school.title} · {self.campaign.title}"

    def clean(self):
        """The brand page is one the school publishes: a live brand page of its own site."""
        if self.brand_page_id is None:
            return
        if not brand_pages_of(self.school).filter(pk=self.brand_page_id).exists():
            raise ValidationError(
                {
                    "brand_page": _("The brand page must be a published brand page of %(school)s.")
                    % {"school": self.school.title}
                }
            )

    @property
    def is_filed(self):
        return self.signed_off_at is not None

    @property
    def signer_name(self):
        return api.name_of(self.signed_off_by) if self.signed_off_by else ""

    def sign_off(self, user, now=None):
        """Files the application: the school's party secretary (its moderator) answers for
        what the editor prepared. Until then it is a draft no one rates, reviews or ranks."""
        if not api.works_for_school_of(user, self.school, (api.MODERATOR,)):
            raise PermissionDenied(
                _("Only the secretary (moderator) of %(school)s signs its application off.")
                % {"school": self.school.title}
            )
        self.signed_off_by, self.signed_off_at = user, now or timezone.now()
        self.save(update_fields=["signed_off_by", "signed_off_at", "updated_at"])

    def reopen(self):
        """A change after the sign-off is a new draft: the secretary signs off again."""
        self.signed_off_by = self.signed_off_at = None


class SelfAssessment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="self_assessments"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"), validators=PERCENT)
    narrative = models.TextField(_("narrative"), max_length=2000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="evaluation_one_self_score"
            )
        ]

    def __str__(self):
        return f"{self.application} · {self.criterion}: {self.score}"


class ReviewAssignment(models.Model):
    """A reviewer of the campaign's panel given one application to score."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="evaluation_one_review_per_reviewer"
            )
        ]

    def __str__(self):
        return f"{self.application} · {self.reviewer}"

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.clean()
        super().save(*args, **kwargs)

    def clean(self):
        """Only a member of the campaign's panel reviews, and never for a school they work
        for: checked when an assignment is created, whichever route creates it."""
        campaign, name = self.application.campaign, api.name_of(self.reviewer)
        if not campaign.reviewers.filter(pk=self.reviewer_id).exists():
            raise ValidationError(
                _("%(name)s is not on this campaign's review panel.") % {"name": name}
            )
        if api.works_for_school_of(self.reviewer, self.application.school):
            raise ValidationError(
                _("%(name)s works for %(school)s and cannot review its application.")
                % {"name": name, "school": self.application.school.title}
            )

    @property
    def reviewer_name(self):
        return api.name_of(self.reviewer)


class ReviewScore(models.Model):
    assignment = models.ForeignKey(
        ReviewAssignment, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"), validators=PERCENT)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="evaluation_one_review_score"
            )
        ]

    def __str__(self):
        return f"{self.assignment} · {self.criterion}: {self.score}"


class Inspection(models.Model):
    """The on-site inspection (实地考查) of an application: who of the bureau went, when, what
    they found and their score, which the superior review combines with the review of
    materials at the campaign's ``inspection_weight``."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="inspection"
    )
    date = models.DateField(_("date of the visit"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspection members"),
        blank=True,
        related_name="+",
        help_text=_("Bureau staff of the campaign's region who took part."),
    )
    other_members = models.TextField(
        _("other members"),
        blank=True,
        max_length=1000,
        help_text=_("Members without an account (experts, teachers), one name per line."),
    )
    findings = models.TextField(_("findings"), max_length=4000)
    score = models.PositiveSmallIntegerField(_("inspection score"), validators=PERCENT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("on-site inspection")
        verbose_name_plural = _("on-site inspections")

    def __str__(self):
        return f"{self.application} · {self.date}"

    @property
    def other_member_list(self):
        return [line.strip() for line in self.other_members.splitlines() if line.strip()]


class Rater(models.Model):
    """A browser that may rate, issued by the server after a challenge and named in the
    browser by a signed cookie. Only a keyed hash of its key is stored; the address it was
    issued to is kept (hashed) for a day, to limit how many new raters one address may have.
    Clearing cookies therefore buys a new identity only at the price of another challenge,
    and only so often from one network."""

    key_hash = models.CharField(max_length=64, unique=True)
    address_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"rater {self.pk}"


class RatingChallenge(models.Model):
    """A question a visitor answers before their browser becomes a rater: a sum, drawn as an
    image (which can be enlarged) and written out in words for those who cannot see it. Each
    is answered once, within CHALLENGE_LIFETIME."""

    key = models.CharField(max_length=43, unique=True)
    first = models.PositiveSmallIntegerField()
    second = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"challenge {self.pk}"

    @property
    def answer(self):
        return self.first + self.second


class PublicRating(models.Model):
    """One rater's stars for one application. The rater is kept as a keyed hash per campaign,
    the address as a keyed hash for the rate limit, and nothing else about the visitor;
    publishing the results erases even those. Many raters may share an address (a school's
    network, a proxy): addresses are limited by rate, not to one rating."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="ratings")
    stars = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    browser_hash = models.CharField(max_length=64)
    address_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "browser_hash"], name="evaluation_one_rating_per_browser"
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.stars}"


class Award(models.Model):
    """An award given when the results are published; kept so the published results do not
    move if a score is corrected later."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="award")
    rank = models.PositiveSmallIntegerField(_("rank"))
    total = models.DecimalField(_("total"), max_digits=6, decimal_places=2)
    tier = models.CharField(_("award"), max_length=60, blank=True)

    class Meta:
        ordering = ["rank"]

    def __str__(self):
        return f"{self.application}: {self.rank} {self.tier}"
