"""A database of the layout before the schools and curation apps upgrades with nothing lost.

The demo province is loaded, the database is migrated back to that layout (pages 0005: every
moved model and its content type back in ``pages``), more rows are written there through the
historical models, as the earlier code would have written them, and the database is migrated
forward again. Every page, revision, image, permission, task, log entry, submission and
feature must still be there and reachable through the models' new homes.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.images import get_image_model
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    ModelLogEntry,
    Page,
    PageLogEntry,
    Revision,
    Task,
)

from curation.models import Feature, Submission
from schools.models import SchoolModerationTask

# Migrating needs real transactions; the rows the migrations wrote (the tree's root, locales)
# are restored before the test, like every transactional test that needs them.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OLD_LAYOUT = [("pages", "0005_page_path_indexes"), ("schools", None), ("curation", None)]
MOVED = {"schoolmoderationtask": "schools", "feature": "curation", "submission": "curation"}


def migrate(targets=None):
    """Migrate to ``targets`` (the newest migrations when None); the apps of that state."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            Revision,
            get_image_model(),
            GroupPagePermission,
            GroupCollectionPermission,
            Group.permissions.through,
            Task,
            ModelLogEntry,
            PageLogEntry,
            Submission,
            Feature,
        )
    }


@pytest.mark.slow
def test_a_database_of_the_earlier_layout_upgrades_intact():
    call_command("demo", verbosity=0)
    assert Submission.objects.exists() and Feature.objects.exists()
    # The earlier layout knew no English editions: they came with pages 0011, which makes a
    # region's code unique per language, and cannot be undone while a region has two.
    Page.objects.get(depth=2, locale__language_code="en").specific.delete()
    try:
        old = migrate(OLD_LAYOUT)
        labels = dict(ContentType.objects.filter(model__in=MOVED).values_list("model", "app_label"))
        assert labels == dict.fromkeys(MOVED, "pages")

        # Written under the old layout, through its own models.
        OldFeature = old.get_model("pages", "Feature")
        OldRegion = old.get_model("pages", "RegionPage")
        OldPage = old.get_model("wagtailcore", "Page")
        region = OldRegion.objects.get(depth=2)
        taken = OldFeature.objects.filter(region=region).values("page_id")
        brand = OldPage.objects.filter(
            content_type__model="brandpage", live=True, path__startswith=region.path
        ).exclude(pk__in=taken)[0]
        OldFeature.objects.create(region=region, page=brand, reason="升级前的推荐")
        curators = Group.objects.create(name="升级前的推荐编辑")
        old_permission = old.get_model("auth", "Permission").objects.get(
            content_type__app_label="pages", codename="change_feature"
        )
        curators.permissions.add(old_permission.pk)
        before = counts()
    finally:
        migrate()

    assert counts() == before
    labels = dict(ContentType.objects.filter(model__in=MOVED).values_list("model", "app_label"))
    assert labels == MOVED
    assert not ContentType.objects.filter(app_label="pages", model__in=MOVED).exists()
    feature = Feature.objects.get(reason="升级前的推荐")
    assert feature.page.specific.brand_name and feature.region.depth == 2
    assert Permission.objects.get(codename="change_feature").content_type.app_label == "curation"
    assert curators.permissions.filter(codename="change_feature").exists()
    workflow_tasks = [task.specific for task in Task.objects.filter(active=True)]
    assert any(isinstance(task, SchoolModerationTask) for task in workflow_tasks)
    decided = Submission.objects.exclude(decided_at=None).select_related("page", "region")
    assert decided and all(s.page.live and s.region.title for s in decided)
