"""People's names kept whole, in Chinese order, in ``last_name`` (schools.forms.PersonNameField):
Wagtail's two fields made 李红 into "红 李", and the managers' form put the whole name in
``first_name``. A name in Latin letters keeps the order its owner typed it in."""

from django.db import migrations


def whole(first, last):
    if not first:
        return last
    if not last:
        return first
    if (first + last).isascii():
        return f"{first} {last}"
    return last + first


def keep_names_whole(apps, schema_editor):
    User = apps.get_model("auth", "User")
    people = User.objects.exclude(first_name="").only("first_name", "last_name")
    for person in people.iterator():
        person.last_name = whole(person.first_name.strip(), person.last_name.strip())[:150]
        person.first_name = ""
        person.save(update_fields=["first_name", "last_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("schools", "0007_regiongroup"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(keep_names_whole, migrations.RunPython.noop)]
