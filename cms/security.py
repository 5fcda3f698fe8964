"""The security headers every response carries, cached or not (issue 16, finding 11).

django-csp writes the Content-Security-Policy: the strict one of the settings for the public
site (no inline script or style, nothing from other hosts but the configured video players),
and ADMIN_CONTENT_SECURITY_POLICY for Wagtail's admin, whose scripts and widgets still set
inline styles and scripts. Permissions-Policy, which no library here writes, turns off the
browser features a CMS never uses. The middleware sits outside the page cache, so a cache hit
gets the same headers as the miss that stored it.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and self._is_admin(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    @staticmethod
    def _is_admin(request):
        return request.path_info.startswith(reverse("wagtailadmin_home"))
