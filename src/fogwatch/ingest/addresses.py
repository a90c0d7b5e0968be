"""Untrusted URLs: only http(s), never a private address unless asked, never a stored password.

A URL given to Fogwatch (or a redirect a server answers with) could point at the machine itself,
its network or a cloud metadata service. Each host is resolved and every address it resolves to
is checked before the request goes out, on the first hop and on every redirect; the request then
goes to the address that was checked, so a second lookup cannot answer differently.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit, urlunsplit

from fogwatch.errors import InputError

SCHEMES = frozenset({"http", "https"})


def without_credentials(url: str) -> str:
    """The URL with any ``user:password@`` removed, for storing and showing."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=host))


def is_public(address: str) -> bool:
    """True for an address on the public internet; False for loopback, private, link-local
    (cloud metadata lives there), multicast, reserved and unspecified ones."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified)


def check_url(url: str, *, source: str, allow_private: bool) -> str | None:
    """Raise ``InputError`` unless the URL is http(s) and its host resolves only to public addresses;
    returns the address checked, for the caller to connect to (None when private ones are allowed)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise InputError.of("unsupported_scheme", source, scheme=parts.scheme or "none")
    host = parts.hostname
    if not host:
        raise InputError.of("bad_url", source, error="no host")
    if allow_private:
        return None
    try:
        found = resolve(host, parts.port or 80)
    except (OSError, UnicodeError) as error:
        raise InputError.of("connect", source, error=f"cannot resolve {host}: {error}") from error
    for address in found:
        if not is_public(address):
            raise InputError.of("private_address", source, host=host, address=address)
    if not found:
        raise InputError.of("connect", source, error=f"cannot resolve {host}: no address")
    return found[0]


def resolve(host: str, port: int) -> list[str]:
    """Every address the host resolves to (a literal address resolves to itself)."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)]
