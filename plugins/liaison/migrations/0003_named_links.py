"""Links to members without an account: one per member and school, each either an account or
a name. Undoing drops the links to named members, which the earlier layout cannot hold; the
data step is not in 0002, whose table changes PostgreSQL refuses with row changes pending in
the same transaction."""

from django.db import migrations, models


def drop_named_links(apps, schema_editor):
    """Undoing: the earlier layout needs an account on every link, so links to named members go."""
    apps.get_model("liaison", "LiaisonLink").objects.filter(member=None).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('liaison', '0002_committee_names_topics'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, drop_named_links),
        migrations.AddConstraint(
            model_name='liaisonlink',
            constraint=models.UniqueConstraint(condition=models.Q(('member__isnull', True)), fields=('region', 'member_name', 'school'), name='liaison_named_link_once', violation_error_message='This member is linked to this school already.'),
        ),
        migrations.AddConstraint(
            model_name='liaisonlink',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('member__isnull', False), ('member_name', '')), models.Q(('member__isnull', True), models.Q(('member_name', ''), _negated=True)), _connector='OR'), name='liaison_link_account_or_name'),
        ),
    ]
