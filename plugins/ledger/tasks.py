"""The background task that builds an export and keeps the user informed of its progress."""

import logging

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from plugins import api
from plugins.ledger.compendium import compendium
from plugins.ledger.models import LedgerExport
from plugins.ledger.workbook import school_year

logger = logging.getLogger(__name__)


@task()
def build(export_id):
    export = LedgerExport.objects.select_related("school", "region", "compendium").get(pk=export_id)
    rows = LedgerExport.objects.filter(pk=export_id)

    def progress(percent):
        rows.update(progress=min(percent, 99))

    rows.update(status=LedgerExport.Status.RUNNING, progress=1)
    try:
        if export.kind == LedgerExport.Kind.SCHOOL_YEAR:
            content = school_year(export.school, export.year, progress)
            name = f"{export.school.slug}-{export.year}.zip"
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
