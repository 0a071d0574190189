"""Personal links without an account (a registration, an appointment request).

A record keeps a random key; the link's token is HMAC-SHA256(SECRET_KEY, purpose + key), 256 bits.
Derived rather than stored, so a later email (promotion, reminder, proposal) can carry the link
again, while a copy of the database alone is not enough to forge or read a link. Lookups use the
SHA-256 of the token. Rotating SECRET_KEY invalidates the links already sent.
"""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings


def new_token_key():
    """The random secret of one record (128 bits)."""
    return secrets.token_hex(16)


def derive_token(token_key, purpose):
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{purpose}:{token_key}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def hash_token(token):
    """What the database keeps to find a record from its link."""
    return hashlib.sha256(token.encode()).hexdigest()
