"""Bad input gets a clear 400 and changes nothing, whichever view it reaches.

Two layers every request passes: a middleware that refuses data nested deeper than any
screen sends, before any view or middleware parses it, and the 400 handler, which tells the
user why their request was refused when the code refusing it said so (``BadRequest``).

Python's JSON parser recurses once per level: a body of 50,000 ``[`` to the admin API
(schools.isolation reads the destination of a move from it, then the API itself) exhausted
the stack, a 500. Form fields carry JSON too (rich text's content state), read by the
widgets. Here a JSON body, and each form value that begins like JSON, is measured without
recursion (strings left out, brackets counted) and refused beyond MAX_DEPTH levels.
"""

import re
from itertools import accumulate

from django.core.exceptions import BadRequest
from django.http import HttpResponseBadRequest, QueryDict
from django.utils.translation import gettext as _
from django.views import defaults

MAX_DEPTH = 100
FORMS = {"multipart/form-data", "application/x-www-form-urlencoded"}
STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
BRACKET = re.compile(r"[\[\]{}]")
STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def nesting(text):
    """How deep the brackets of ``text`` nest outside its strings, read as JSON reads them."""
    brackets = BRACKET.findall(STRING.sub("", text))
    return max(accumulate(STEP[bracket] for bracket in brackets), default=0)


def _values(request):
    """The texts of the request a view could parse as JSON."""
    if request.content_type in FORMS:
        data = request.POST if request.method == "POST" else QueryDict(request.body)
        return [value for _name, values in data.lists() for value in values]
    # Any other type: middleware and views may read the body as JSON whatever it claims.
    return [request.body.decode("latin-1")]


class NestingLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH") and any(
            value.lstrip()[:1] in ("[", "{") and nesting(value) > MAX_DEPTH
            for value in _values(request)
        ):
            return HttpResponseBadRequest(
                _("The request nests its data more than %(depth)d levels deep.")
                % {"depth": MAX_DEPTH},
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def bad_request(request, exception):
    """The 400 page. The platform's own refusals (``BadRequest``) say why, as plain text;
    Django's (``SuspiciousOperation``: a bad Host header, too many fields) stay unexplained,
    as Django keeps them."""
    if type(exception) is BadRequest:
        return HttpResponseBadRequest(str(exception), content_type="text/plain; charset=utf-8")
    return defaults.bad_request(request, exception)
