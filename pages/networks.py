"""The network a limit counts a visitor by (issue 33, item 6).

Every per-address allowance (sign-in lockout, page-password guesses, password resets, public
ratings and new raters) counts by this one name. An IPv4 address names one connection (or a
whole school behind its NAT, which the allowances are sized for), but an IPv6 subscriber is
given at least a /64 and may use any of its 2^64 addresses: counted address by address, one
household has an unbounded allowance. So an IPv6 address counts as its /64, and an IPv4
address written in IPv6 form (``::ffff:203.0.113.7``, as a dual-stack socket reports it)
counts as the IPv4 address it is.

The address read is ``REMOTE_ADDR``, which cms.security.ClientAddressMiddleware has already
set to the client's own address behind trusted proxies. It lives here, in the lowest layer
that serves requests, so every app (and plugins, through plugins.api) can import it.
"""

from ipaddress import IPv6Address, ip_address

IPV6_PREFIX = 64
_HOST_BITS = (1 << (128 - IPV6_PREFIX)) - 1


def network_of(address):
    """``address`` as a limit counts it: the IPv4 address itself, or the first address of the
    IPv6 /64 (a valid address, so stores that want one, such as django-axes', accept it).
    Anything that is not an address is returned as it is: all such share one allowance."""
    try:
        parsed = ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(IPv6Address(int(parsed) & ~_HOST_BITS))


def client_network(request):
    """The network of the request's client (django-axes' AXES_CLIENT_IP_CALLABLE too)."""
    return network_of(request.META.get("REMOTE_ADDR", ""))
