"""Alliance 0002 keeps every alliance's lead: the lead_school of the earlier layout becomes a
member marked lead (a lead also listed as a member is marked, not listed twice), and going
back restores lead_school from it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Migrating needs real transactions; the rows the migrations wrote are restored afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE, AFTER = [("alliance", "0001_initial")], [("alliance", "0004_one_lead")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_leads_become_lead_members_and_back(county, school_a, make_school):
    second = make_school(county, "迁移二小", "migrate-2")
    third = make_school(county, "迁移三小", "migrate-3")
    try:
        old = migrate(BEFORE)
        Alliance = old.get_model("alliance", "Alliance")
        Member = old.get_model("alliance", "AllianceMember")
        plain = Alliance.objects.create(region_id=county.pk, name="甲", lead_school_id=school_a.pk)
        Member.objects.create(alliance=plain, school_id=second.pk)
        listed = Alliance.objects.create(region_id=county.pk, name="乙", lead_school_id=third.pk)
        Member.objects.create(alliance=listed, school_id=third.pk)  # the lead listed again

        new = migrate(AFTER)
        Member = new.get_model("alliance", "AllianceMember")
        rows = set(Member.objects.values_list("alliance__name", "school_id", "role"))
        assert rows == {
            ("甲", school_a.pk, "lead"),
            ("甲", second.pk, "supported"),
            ("乙", third.pk, "lead"),
        }

        old = migrate(BEFORE)
        Alliance = old.get_model("alliance", "Alliance")
        assert dict(Alliance.objects.values_list("name", "lead_school_id")) == {
            "甲": school_a.pk,
            "乙": third.pk,
        }
        assert list(
            old.get_model("alliance", "AllianceMember").objects.values_list("school_id", flat=True)
        ) == [second.pk]
    finally:
        migrate(AFTER)
