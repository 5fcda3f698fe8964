"""Members carry their role, and a school may be in several alliances; lead_school may be
empty while 0003 moves every lead into the members. PostgreSQL cannot alter a table with row
changes pending in the same transaction, so the data step is a migration of its own."""

import django.db.models.deletion
from django.db import migrations, models


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
    ]
