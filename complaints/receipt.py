"""The receipt code of an anonymous complaint: 16 digits, shown once, stored only as a keyed digest.

- **Generated** as 15 digits and a check digit (the Luhn rule), so a mistyped digit or two swapped
  neighbours are caught on the spot, without a lookup and without saying anything about which cases
  exist. The 15 digits come from the operating system's random source, or (`from_token`) from a keyed
  digest of the filing form's one-time random token: a retried or double-clicked POST then shows the
  same code again, while the database keeps only a plain digest of that token (`token_digest`), from
  which the code cannot be found without the secret key.
- **Typed back** in any script: complainants may type the digits of their own script (Bengali,
  Devanagari, Arabic-Indic, Burmese, full-width ...); spaces, dashes and dots between groups are ignored.
- **Stored** as an HMAC-SHA256 of the digits, keyed from the secret key (not a plain hash: 10^15 codes
  are few enough to hash them all). The digest is deterministic, so a case is found by an index lookup;
  `digests()` also gives the digests under the fallback keys, so a key rotation does not lock anyone out.
- **Never** put in a URL, a log line or an e-mail; the form posts it, the session keeps only the case.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata

from django.conf import settings
from django.utils.crypto import salted_hmac

LENGTH = 16
_SALT = "complaints.receipt-code"
_SEPARATORS = frozenset(" -.\u00a0\u2009\u202f_")


def _luhn_digit(payload: str) -> str:
    """The check digit that makes `payload + digit` valid under the Luhn rule."""
    total = 0
    for position, char in enumerate(reversed(payload)):
        value = int(char)
        if position % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def is_valid(code: str) -> bool:
    """Sixteen ASCII digits whose last one is the Luhn check digit of the others."""
    return len(code) == LENGTH and code.isascii() and code.isdigit() and _luhn_digit(code[:-1]) == code[-1]


def generate() -> str:
    payload = "".join(str(secrets.randbelow(10)) for _ in range(LENGTH - 1))
    return payload + _luhn_digit(payload)


def from_token(token: str) -> str:
    """The receipt code that belongs to a filing form's one-time token (see the module docstring)."""
    number = int(salted_hmac(_SALT + ".token", token, algorithm="sha256").hexdigest(), 16)
    payload = f"{number % 10 ** (LENGTH - 1):0{LENGTH - 1}d}"
    return payload + _luhn_digit(payload)


def token_digest(token: str) -> str:
    """What a case keeps of its form's one-time token: enough to recognise a retried POST."""
    return hashlib.sha256(token.encode()).hexdigest()


def display(code: str) -> str:
    """In groups of four, as shown to the complainant: 1234 5678 9012 3452."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise(raw: str) -> str | None:
    """The code as 16 ASCII digits, from what someone typed; None when it cannot be a receipt code
    (wrong length, a letter, or a failing check digit)."""
    digits = []
    for char in unicodedata.normalize("NFKC", raw or "").strip():
        if char in _SEPARATORS:
            continue
        value = unicodedata.digit(char, None)
        if value is None:
            return None
        digits.append(str(value))
        if len(digits) > LENGTH:
            return None
    code = "".join(digits)
    return code if is_valid(code) else None


def _digest(code: str, secret: str | bytes) -> str:
    return salted_hmac(_SALT, code, secret=secret, algorithm="sha256").hexdigest()


def digest(code: str) -> str:
    """What is stored: the keyed digest of the normalised code under the current secret key."""
    return _digest(code, settings.SECRET_KEY)


def digests(code: str) -> list[str]:
    """The digest under the current key and under each fallback key (to look a case up after rotation)."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [_digest(code, key) for key in keys]


def matches(code: str, stored: str) -> bool:
    """Whether `code` belongs to the stored digest, in constant time, under any current or fallback key."""
    found = False
    for candidate in digests(code):
        found |= hmac.compare_digest(candidate, stored)
    return found
