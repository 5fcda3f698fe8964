"""Every alliance's lead_school becomes a member marked lead (a lead already listed as a
member is marked so), and back again when unapplied: alone in its migration, so that
PostgreSQL has no row changes pending when 0002 or 0004 alter the tables."""

from django.db import migrations


def leads_to_members(apps, schema_editor):
    Alliance = apps.get_model("alliance", "Alliance")
    AllianceMember = apps.get_model("alliance", "AllianceMember")
    for alliance in Alliance.objects.exclude(lead_school=None):
        AllianceMember.objects.update_or_create(
            alliance=alliance, school_id=alliance.lead_school_id, defaults={"role": "lead"}
        )


def members_to_leads(apps, schema_editor):
    Alliance = apps.get_model("alliance", "Alliance")
    AllianceMember = apps.get_model("alliance", "AllianceMember")
    for lead in AllianceMember.objects.filter(role="lead"):
        Alliance.objects.filter(pk=lead.alliance_id).update(lead_school_id=lead.school_id)
        lead.delete()


class Migration(migrations.Migration):
    dependencies = [("alliance", "0002_member_roles")]

    operations = [migrations.RunPython(leads_to_members, members_to_leads)]
