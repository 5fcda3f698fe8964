"""Members carry their role; the lead school becomes the alliance's lead member, and a school
may be in several alliances. Every alliance's lead_school is kept as a member marked lead
(a lead already listed as a member is marked so), and back again when unapplied."""

import django.db.models.deletion
from django.db import migrations, models


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
    dependencies = [
        ("alliance", "0001_initial"),
        ("pages", "0008_bannedword"),
    ]

    operations = [
        migrations.AddField(
            model_name="alliancemember",
            name="role",
            field=models.CharField(
                choices=[
                    ("lead", "Lead school (strong school)"),
                    ("supported", "Supported school"),
                ],
                default="supported",
                max_length=10,
                verbose_name="role",
            ),
        ),
        migrations.AlterField(
            model_name="alliancemember",
            name="school",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="alliance_memberships",
                to="pages.schoolhomepage",
                verbose_name="school",
            ),
        ),
        migrations.AlterField(
            model_name="alliance",
            name="lead_school",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="led_alliance",
                to="pages.schoolhomepage",
                verbose_name="lead school",
            ),
        ),
        migrations.RunPython(leads_to_members, members_to_leads),
        migrations.RemoveField(model_name="alliance", name="lead_school"),
        migrations.AddConstraint(
            model_name="alliancemember",
            constraint=models.UniqueConstraint(
                fields=("alliance", "school"), name="alliance_member_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="alliancemember",
            constraint=models.UniqueConstraint(
                condition=models.Q(("role", "lead")),
                fields=("alliance",),
                name="alliance_one_lead",
            ),
        ),
    ]
