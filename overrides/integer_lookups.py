"""An ``in`` lookup on an integer field drops the values the database column cannot hold.

No upstream issue found (Django 5.2, verified): Django 5.0 bounds an integer field's ``exact``,
``gt``, ``gte``, ``lt`` and ``lte`` (``IntegerFieldOverflow``: a value beyond the column
matches nothing) but not ``in``, so ``pk__in=[2**64]`` reached the driver and SQLite raised
OverflowError, a 500. Every listing filter by a model (django-filter's ModelMultipleChoiceFilter
through Django's ModelMultipleChoiceField, e.g. the site history's and page history's user
filter with ``?user=99999999999999999999``) checks its ids with such a lookup; here the id
matches no row, so the filter refuses it as it refuses any unknown id, and every other
queryset is held too. Registered with Django's public ``register_lookup``, on IntegerField
and so on every auto and big integer field. Can go when Django bounds ``in`` as it bounds
``exact``.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In

from overrides import fence

FENCE = fence.warned(fence.Code("django.db.models.lookups", "In.process_rhs", "ce7d3cf19d4b4204"))


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            # Left with none, Django's own In matches nothing (EmptyResultSet).
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def install():
    IntegerField.register_lookup(IntegerFieldIn)
