"""The lead is a member now: lead_school goes, each school is listed once per alliance and
an alliance has one lead."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("alliance", "0003_leads_to_members")]

    operations = [
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
