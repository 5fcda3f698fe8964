"""Wagtail's own migrations leave two Groups (Editors, Moderators) and a workflow and task
("Moderators approval") that the platform never uses but staff see in filters and reports,
and a tree root titled "Root" that the page chooser shows. They keep their rows and get
Chinese names, only where no one has renamed them."""

from django.db import migrations

NAMES = [
    ("auth", "Group", "Editors", "系统默认编辑组"),
    ("auth", "Group", "Moderators", "系统默认审核组"),
    ("wagtailcore", "Workflow", "Moderators approval", "系统默认审批流程"),
    ("wagtailcore", "Task", "Moderators approval", "系统默认审批"),
]
ROOT = ("Root", "全部站点")


def rename(apps, pairs):
    for app_label, model_name, old, new in pairs:
        apps.get_model(app_label, model_name).objects.filter(name=old).update(name=new)


def retitle_root(apps, old, new):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=old).update(
        title=new, draft_title=new
    )


def forwards(apps, schema_editor):
    rename(apps, NAMES)
    retitle_root(apps, *ROOT)


def backwards(apps, schema_editor):
    rename(apps, [(app, model, new, old) for app, model, old, new in NAMES])
    retitle_root(apps, *reversed(ROOT))


class Migration(migrations.Migration):
    dependencies = [
        ("schools", "0004_staffcontact"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
