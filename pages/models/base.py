"""What every page inside a school site shares."""

from django.utils.functional import cached_property


class SchoolPageMixin:
    """Finds the school a page belongs to once, so templates never walk the tree per item."""

    @cached_property
    def school(self):
        from .schools import SchoolHomePage

        return (
            SchoolHomePage.objects.ancestor_of(self, inclusive=True)
            .select_related("logo")
            .first()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["school"] = self.school
        return context
