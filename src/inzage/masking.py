"""What reports show in place of personal data: a keyed hash.

The key is drawn anew for every run: a plain hash of a BSN, a phone number or
a name is reversed in seconds by hashing every candidate; a keyed one is not.
Within one run the same text has the same hash, so a report still shows that
two places hold the same thing."""

from __future__ import annotations

import hashlib
import hmac
import secrets

_KEY = secrets.token_bytes(32)


def masked(text: str) -> str:
    """``hmac:`` and ten hex digits of the keyed hash of ``text``."""
    return "hmac:" + hmac.new(_KEY, text.encode("utf-8"), hashlib.sha256).hexdigest()[:10]
