"""SchoolModerationTask now belongs to the ``schools`` app (its table is unchanged)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_page_path_indexes"),
        ("schools", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SchoolModerationTask")],
        ),
    ]
