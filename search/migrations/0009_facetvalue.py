"""SearchTag is called FacetValue, for what it holds (a tag or a plugin facet's value); its
table keeps its name, which the engines' SQL and indexes use, so nothing changes on disk."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0008_searchdocument_labels")]

    operations = [
        migrations.AlterModelTable(name="searchtag", table="search_searchtag"),
        migrations.RenameModel(old_name="SearchTag", new_name="FacetValue"),
        migrations.AlterField(
            model_name="searchdocument",
            name="labels",
            field=models.TextField(
                blank=True,
                null=True,
                help_text="The values in FacetValue again, 'facet|value' a line, so that "
                "PostgreSQL counts them in the matching rows instead of joining every match's "
                "tags.",
            ),
        ),
    ]
