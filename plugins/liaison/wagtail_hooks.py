"""The liaison and supervision sheet of a ledger (the ``ledger_sheets`` contract): one row per
meeting or visit of the year at the ledger's schools, its follow-ups numbered in the cells, and
the records' attachments filed beside the workbook."""

from django.utils.translation import gettext as _
from wagtail import hooks

from plugins import api
from plugins.liaison.models import SupervisionRecord

ORDER = 80


@hooks.register("ledger_sheets")
def liaison_sheet(schools, year):
    title = _("Liaison and supervision")
    records = (
        SupervisionRecord.objects.filter(
            link__school__in=[school.pk for school in schools], held_on__year=year
        )
        .select_related("link__school", "link__member")
        .prefetch_related("follow_ups__owner")
        .order_by("link__school__path", "held_on", "pk")
    )
    rows, files = [], []
    for record in records:
        follow_ups = list(record.follow_ups.all())
        school = record.link.school.title
        kind = record.get_kind_display()
        findings = [record.notes] if record.notes else []
        findings += [
            f"{number}. {item.task}（{_('due')} {item.due_on.isoformat()}）"
            for number, item in enumerate(follow_ups, start=1)
        ]
        rows.append(
            [
                school,
                record.held_on,
                kind,
                record.topic,
                "、".join(filter(None, [record.link.member_label, record.participants])),
                "\n".join(findings),
                "\n".join(
                    f"{number}. {item.owner_name}" for number, item in enumerate(follow_ups, 1)
                ),
                "\n".join(f"{number}. {item.status}" for number, item in enumerate(follow_ups, 1)),
            ]
        )
        if record.attachment:
            files.append(([school, f"{record.held_on.isoformat()} {kind}"], record.attachment))
    headers = [
        _("School"),
        _("Date"),
        _("Kind"),
        _("Topic"),
        _("Members and participants"),
        _("Findings and follow-ups"),
        _("Owner"),
        _("Status"),
    ]
    return [api.exports.Sheet(title, headers, rows, files=files, order=ORDER)]
