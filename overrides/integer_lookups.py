"""Integer lookups match nothing with a value the database column cannot hold.

No upstream issue found (Django 5.2, verified): Django 5.0 bounds an integer field's ``exact``,
``gt``, ``gte``, ``lt`` and ``lte`` (``IntegerFieldOverflow``: a value beyond the column
matches nothing) but not ``in``, so ``pk__in=[2**64]`` reached the driver and SQLite raised
OverflowError, a 500. Every listing filter by a model (django-filter's ModelMultipleChoiceFilter
through Django's ModelMultipleChoiceField, e.g. the site history's and page history's user
filter with ``?user=99999999999999999999``) checks its ids with such a lookup; here the id
matches no row, so the filter refuses it as it refuses any unknown id, and every other
queryset is held too.

Nor does Django bound a foreign key's ``exact`` and ``in``, and a page type's primary key is
one (its link to ``Page``): ``SchoolHomePage.objects.get(pk=2**64)``, which every form field
choosing a school runs on a 20-digit id posted to it (a liaison point's school, an alliance
member's), was the same 500. Bounded here by the column the key stores, so the field refuses
the id as unknown.

Registered with Django's public ``register_lookup``: on IntegerField (so every auto and big
integer field) and on ForeignObject (every foreign key and one-to-one link). Can go when Django
bounds ``in`` and a relation's lookups as it bounds an integer field's ``exact``.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField
from django.db.models.expressions import ColPairs
from django.db.models.fields.related import ForeignObject
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In

from overrides import fence

FENCE = fence.warned(
    fence.Code("django.db.models.lookups", "In.process_rhs", "ce7d3cf19d4b4204"),
    # A relation's lookups hand on the value as the target column's (an int for an integer key).
    fence.Code(
        "django.db.models.fields.related_lookups",
        "RelatedLookupMixin.get_prep_lookup",
        "32d604df5600df63",
    ),
    fence.Code(
        "django.db.models.fields.related_lookups", "RelatedIn.get_prep_lookup", "c801c24fafaf890c"
    ),
)


def column_range(lookup, connection):
    """(low, high) of the integer column the lookup compares, or None for any other column."""
    if isinstance(lookup.lhs, ColPairs):  # a composite key: its parts are compared one by one
        return None
    field = lookup.lhs.output_field
    while field.is_relation:  # a key stores its target's column (a page type's, Page's id)
        field = field.target_field
    if not isinstance(field, IntegerField):
        return None
    return connection.ops.integer_field_range(field.get_internal_type())


def holds(bounds, value):
    low, high = bounds
    return (low is None or value >= low) and (high is None or value <= high)


class HeldIn:
    """Drops the values the column cannot hold; left with none, Django's ``in`` matches
    nothing (EmptyResultSet)."""

    def process_rhs(self, compiler, connection):
        bounds = self.rhs_is_direct_value() and column_range(self, connection)
        if bounds:
            self.rhs = [
                value for value in self.rhs if not isinstance(value, int) or holds(bounds, value)
            ]
        return super().process_rhs(compiler, connection)


class IntegerFieldIn(HeldIn, In):
    pass


class RelatedIntegerIn(HeldIn, RelatedIn):
    pass


class RelatedIntegerExact(RelatedExact):
    """As Django's ``IntegerFieldExact``: a value beyond the column matches nothing."""

    def process_rhs(self, compiler, connection):
        if isinstance(self.rhs, int) and self.rhs_is_direct_value():
            bounds = column_range(self, connection)
            if bounds and not holds(bounds, self.rhs):
                raise EmptyResultSet
        return super().process_rhs(compiler, connection)


def install():
    IntegerField.register_lookup(IntegerFieldIn)
    ForeignObject.register_lookup(RelatedIntegerIn)
    ForeignObject.register_lookup(RelatedIntegerExact)
