"""An integer in a URL's path that no database row could have is a 404, on every route.

Django's ``<int:…>`` converter takes any run of digits; a lookup with one beyond a 64-bit
integer then failed in the database driver (SQLite: OverflowError; Django bounds a plain
integer field's lookups, not a foreign key's), a 500: ``/evaluation/<huge>/rate/1/`` looked
the application up by its campaign's id. Checked here, before any view or the middleware
below it reads the ids, so a route added by us, Wagtail or a plugin is held too.
"""

from django.http import Http404

from schools.isolation import MAX_ID


class PathIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        values = [*view_args, *view_kwargs.values()]
        if any(isinstance(value, int) and not -MAX_ID <= value <= MAX_ID for value in values):
            raise Http404
