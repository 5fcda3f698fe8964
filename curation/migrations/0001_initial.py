"""Feature and Submission move here from ``pages``: their tables stay as they were, and their
content types (which log entries and permission rows point at) are relabelled, so every
feature, submission, decision and permission carries on unchanged."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import curation.models

MOVED = ("feature", "submission")


def relabel(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label=old, model__in=MOVED
    ).update(app_label=new)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("pages", "0006_schoolmoderationtask_to_schools"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Feature',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.CharField(help_text='Why this work is featured, shown with it.', max_length=200, verbose_name='reason')),
                        ('sort_order', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers come first.', verbose_name='order')),
                        ('starts_on', models.DateField(default=curation.models.today, verbose_name='start date')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='end date')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('created_by', models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
                        ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='brand or case')),
                        ('region', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='features', to='pages.regionpage', verbose_name='region')),
                    ],
                    options={
                        'db_table': 'pages_feature',
                        'verbose_name': 'featured work',
                        'verbose_name_plural': 'featured work',
                        'ordering': ['sort_order', '-starts_on', 'pk'],
                        'constraints': [models.UniqueConstraint(fields=('region', 'page'), name='feature_once_per_region')],
                    },
                ),
                migrations.CreateModel(
                    name='Submission',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('pending', 'Awaiting decision'), ('accepted', 'Adopted'), ('forwarded', 'Adopted and forwarded'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn')], default='pending', max_length=10, verbose_name='status')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('reason', models.TextField(blank=True, verbose_name='decision comment')),
                        ('year', models.PositiveSmallIntegerField(default=curation.models.this_year, verbose_name='year')),
                        ('submitted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='submitted at')),
                        ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('forwarded_from', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='forwarded_to', to='curation.submission', verbose_name='forwarded from')),
                        ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='submissions', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='submitted work')),
                        ('region', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='region_submissions', to='pages.regionpage', verbose_name='submitted to')),
                        ('school', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='school_submissions', to='pages.schoolhomepage', verbose_name='school')),
                        ('submitted_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'pages_submission',
                        'verbose_name': 'submission',
                        'verbose_name_plural': 'submissions',
                        'ordering': ['-submitted_at', '-pk'],
                        'indexes': [models.Index(fields=['region', 'status'], name='pages_submi_region__c1eec7_idx'), models.Index(fields=['school', 'year'], name='pages_submi_school__d56ecd_idx')],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('status__in', ['pending', 'accepted', 'forwarded'])), fields=('page', 'region'), name='submission_open_once_per_region')],
                    },
                ),
            ],
        ),
        migrations.RunPython(
            lambda apps, editor: relabel(apps, editor, "pages", "curation"),
            lambda apps, editor: relabel(apps, editor, "curation", "pages"),
        ),
    ]
