"""The tenancy: regions and schools provisioning, roles, permissions, admin access, the school
boundary (isolation) and school accounts. Above ``pages``; beside ``search``, which it does not
import."""
