"""Telling people what happened to their booking: the text in the caller's transaction, the email
after commit (both skip whoever does not want them; see events.texts and events.emails)."""

from django.db import transaction

from . import emails, texts

EMAILS = {
    "registration_received": emails.send_registration_received,
    "registration_promoted": emails.send_promoted,
    "registration_cancelled": emails.send_registration_cancelled,
    "registration_refused": emails.send_registration_refused,
    "registration_moved": emails.send_registration_moved,
    "session_cancelled": emails.send_session_cancelled,
    "reminder": emails.send_reminder,
}


def tell(kind, registration_ids):
    """Call inside the transaction that made the change `kind` (a key of EMAILS)."""
    ids = list(registration_ids)
    texts.queue(kind, ids)
    transaction.on_commit(lambda: EMAILS[kind](ids), robust=True)
