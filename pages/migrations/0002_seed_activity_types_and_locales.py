from django.db import migrations

# The activity forms named by the provincial guideline, plus the two most common school forms.
ACTIVITY_TYPES = [
    ("essay-contest", "征文比赛"),
    ("speech-contest", "演讲比赛"),
    ("reading-club", "读书会"),
    ("symposium", "座谈会"),
    ("thematic-meeting", "专题会"),
    ("concert", "演唱会"),
    ("knowledge-contest", "知识竞赛"),
    ("themed-party-day", "主题党日"),
    ("volunteering", "志愿服务"),
]


def seed(apps, schema_editor):
    ActivityType = apps.get_model("pages", "ActivityType")
    for order, (slug, name) in enumerate(ACTIVITY_TYPES, start=1):
        ActivityType.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order * 10}
        )
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in ("zh-hans", "en"):
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
