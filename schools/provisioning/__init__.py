"""Provisioning: the one way regions and schools come into being, people get their roles, and
schools are archived.

The admin views, the management commands, CSV import and the demo all call these functions, so
every school has the same parts (schools.provisioning.schools). Every function runs in one
transaction and is idempotent: it creates what is missing and reports what it created, so
running it again changes nothing.
"""

from schools.provisioning.archive import archive_school, restore_school
from schools.provisioning.common import SLUG_RE, ProvisioningError, Result
from schools.provisioning.memberships import (
    AUDITORS,
    add_auditor,
    add_region_user,
    add_school_user,
    region_group,
    remove_region_user,
    remove_school_user,
)
from schools.provisioning.regions import LEVEL_ORDER, find_region, provision_region
from schools.provisioning.schools import find_school, provision_school, school_workflow

__all__ = [
    "AUDITORS",
    "LEVEL_ORDER",
    "add_auditor",
    "SLUG_RE",
    "ProvisioningError",
    "Result",
    "add_region_user",
    "add_school_user",
    "archive_school",
    "find_region",
    "find_school",
    "provision_region",
    "provision_school",
    "region_group",
    "remove_region_user",
    "remove_school_user",
    "restore_school",
    "school_workflow",
]
