"""Feature and Submission now belong to the ``curation`` app (their tables are unchanged)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0006_schoolmoderationtask_to_schools"),
        ("curation", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Submission"),
                migrations.DeleteModel(name="Feature"),
            ],
        ),
    ]
