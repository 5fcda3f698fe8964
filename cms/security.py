"""The security headers every response carries, cached or not (issue 16, finding 11).

django-csp writes the Content-Security-Policy: the strict one of the settings for the public
site (no inline script or style, nothing from other hosts but the configured video players),
and ADMIN_CONTENT_SECURITY_POLICY for Wagtail's admin, whose scripts and widgets still set
inline styles and scripts. Permissions-Policy, which no library here writes, turns off the
browser features a CMS never uses. The middleware sits outside the page cache, so a cache hit
gets the same headers as the miss that stored it.
"""

from ipaddress import ip_address, ip_network

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


class ClientAddressMiddleware:
    """The visitor's own address in ``REMOTE_ADDR``, for every limit and log that reads it
    (sign-in lockout, page passwords, public rating, the audit log).

    Behind a reverse proxy every request comes from the proxy: limits per address would then
    count the whole province as one visitor. X-Forwarded-For is believed only as far as the
    proxies in TRUSTED_PROXIES vouch for it: read from the right, each hop added by a trusted
    proxy is skipped, and the first address not in the list is the client (anything a client
    writes into the header itself sits further left and is never reached). Without trusted
    proxies the header is ignored and the connection's address stands.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = [ip_network(entry, strict=False) for entry in settings.TRUSTED_PROXIES]

    def __call__(self, request):
        if self.trusted:
            request.META["REMOTE_ADDR"] = self.client_address(request.META)
        return self.get_response(request)

    def is_trusted(self, address):
        try:
            address = ip_address(address)
        except ValueError:
            return False
        return any(address in network for network in self.trusted)

    def client_address(self, meta):
        peer = meta.get("REMOTE_ADDR", "")
        if not self.is_trusted(peer):
            return peer
        hops = [hop.strip() for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        for hop in reversed([hop for hop in hops if hop]):
            if not self.is_trusted(hop):
                try:
                    return str(ip_address(hop))
                except ValueError:
                    return peer  # a malformed hop: the proxy's address, not the client's word
            peer = hop
        return peer
