"""The background task that builds an export and keeps the user informed of its progress."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from plugins import api
from plugins.ledger.compendium import compendium
from plugins.ledger.models import LedgerExport
from plugins.ledger.workbook import ledger

logger = logging.getLogger(__name__)


def region_schools(region):
    """Every live school of the region (never an English edition), in tree order."""
    return list(api.schools_below(api.RegionPage.objects.filter(pk=region.pk)).live())


@task()
def build(export_id):
    """Builds in the platform's language whoever asked: a ledger is filed with a Chinese
    bureau, and a worker has no request to take a language from."""
    with translation.override(settings.LANGUAGE_CODE):
        _build(export_id)


def _build(export_id):
    export = LedgerExport.objects.select_related("school", "region", "compendium").get(pk=export_id)
    rows = LedgerExport.objects.filter(pk=export_id)

    def progress(percent, note=None):
        """How far the export has got, and what it is doing if it says (the schools done)."""
        changes = {"progress": min(percent, 99)}
        if note is not None:
            changes["message"] = note
        rows.update(**changes)

    rows.update(status=LedgerExport.Status.RUNNING, progress=1)
    try:
        if export.kind == LedgerExport.Kind.SCHOOL_YEAR:
            school = export.school
            content = ledger(school.title, [school], export.year, progress)
            name = f"{school.slug}-{export.year}.zip"
        elif export.kind == LedgerExport.Kind.REGION_YEAR:
            region = export.region
            content = ledger(region.title, region_schools(region), export.year, progress)
            name = f"{region.slug}-{export.year}.zip"
        else:
            content = compendium(export.compendium, progress)
            name = api.exports.safe_part(f"{export.compendium.title}.pdf")
    except Exception:
        logger.exception("Export %s failed", export_id)
        rows.update(
            status=LedgerExport.Status.FAILED,
            message=_("The export failed; the platform administrator has been told."),
            finished_at=timezone.now(),
        )
        return
    export.file.save(name, ContentFile(content), save=False)
    rows.update(
        file=export.file.name,
        status=LedgerExport.Status.DONE,
        progress=100,
        finished_at=timezone.now(),
    )
