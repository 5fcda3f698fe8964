"""Liaison links survive the named-members migration both ways: forward every account's link
keeps its member, back to the layout before named members only those (which it cannot hold) go."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Migrating needs real transactions; the rows the migrations wrote are restored afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
BEFORE_NAMES = [("liaison", "0001_initial")]


def migrate(targets=None):
    """Migrate to ``targets`` (the newest migrations when None); the apps of that state."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.slow
def test_links_survive_named_members_both_ways(county, school_a, make_user):
    member = make_user("xw_member", region=county, role="curator")
    try:
        old = migrate(BEFORE_NAMES)
        OldLink = old.get_model("liaison", "LiaisonLink")
        OldLink.objects.create(region_id=county.pk, school_id=school_a.pk, member_id=member.pk)
        new = migrate()
        Link = new.get_model("liaison", "LiaisonLink")
        kept = Link.objects.get()
        assert (kept.member_id, kept.member_name, kept.school_id) == (member.pk, "", school_a.pk)
        Link.objects.create(region_id=county.pk, school_id=school_a.pk, member_name="张建国")

        old = migrate(BEFORE_NAMES)
        links = old.get_model("liaison", "LiaisonLink").objects.values_list("member_id", flat=True)
        assert list(links) == [member.pk]
    finally:
        migrate()
