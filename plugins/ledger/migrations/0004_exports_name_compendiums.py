"""An export names its compendium, which holds the period: the export's own period goes. Not
in 0003, whose data step leaves row changes pending that PostgreSQL will not alter a table
under in the same transaction."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('ledger', '0003_compendium'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='ledgerexport',
            name='ends_on',
        ),
        migrations.RemoveField(
            model_name='ledgerexport',
            name='starts_on',
        ),
    ]
