from django.db import migrations


def grant(apps, schema_editor):
    """School Groups made before English editions may translate their school's pages, as
    provisioning now lets new ones (SCHOOL_GROUP_PERMISSIONS)."""
    Permission = apps.get_model("auth.Permission")
    SchoolHomePage = apps.get_model("pages", "SchoolHomePage")
    permission = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    if permission is None:
        return
    for school in SchoolHomePage.objects.all():
        for group_id in (school.editor_group_id, school.moderator_group_id):
            if group_id is not None:
                permission.group_set.add(group_id)


class Migration(migrations.Migration):
    dependencies = [
        ("schools", "0005_chinese_names_for_wagtail_defaults"),
        ("pages", "0011_region_code_per_language"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
