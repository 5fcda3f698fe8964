"""SchoolModerationTask moves here from ``pages``: its table stays as it was, and its content
type (which Wagtail's task rows and the permission rows point at) is relabelled, so existing
tasks, workflows and permissions carry on unchanged."""

import django.db.models.deletion
from django.db import migrations, models


def relabel(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label=old, model="schoolmoderationtask"
    ).update(app_label=new)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("pages", "0005_page_path_indexes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SchoolModerationTask",
                    fields=[
                        (
                            "task_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to="wagtailcore.task",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "school moderator approval",
                        "verbose_name_plural": "school moderator approvals",
                        "db_table": "pages_schoolmoderationtask",
                    },
                    bases=("wagtailcore.task",),
                ),
            ],
        ),
        migrations.RunPython(
            lambda apps, editor: relabel(apps, editor, "pages", "schools"),
            lambda apps, editor: relabel(apps, editor, "schools", "pages"),
        ),
    ]
