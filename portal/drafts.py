"""Answers typed in a public form and not sent yet, kept on the server between two steps.

A multi-step form (form → "Vérifiez vos réponses" → send) must not keep what a resident typed
in the browser or in the session table: a shared computer, a session copied from a backup, a
cookie read over a shoulder. The session holds only a random key (under `session_key(scope)`);
`FormDraft` holds the hash of that key and the answers, at most FORM_DRAFT_MINUTES after the
last change. What callers can rely on:

- `keep()` replaces the answers of this visit (one draft per scope and visit);
- `load()` returns None for a missing, foreign or expired draft: the form starts empty;
- `discard()` when the answers are sent; "Quitter rapidement" (`portal.signals.quick_exit`)
  discards every draft of the visit, whatever the scope, before the session is flushed;
- `purge()` (the `purge_form_drafts` command, cron) deletes abandoned drafts.
"""

from datetime import timedelta

from django.conf import settings
from django.dispatch import receiver
from django.utils import timezone

from .models import FormDraft
from .signals import quick_exit
from .tokens import hash_token, new_token_key

SESSION_PREFIX = "drafts:"


def session_key(scope):
    return f"{SESSION_PREFIX}{scope}"


def max_age():
    return timedelta(minutes=getattr(settings, "FORM_DRAFT_MINUTES", 30))


def keep(request, scope, data):
    """Store (or replace) this visit's answers for `scope`; the session keeps only the key."""
    key = request.session.get(session_key(scope)) or new_token_key()
    FormDraft.objects.update_or_create(
        key_hash=hash_token(key), defaults={"scope": scope, "data": data, "saved_at": timezone.now()}
    )
    request.session[session_key(scope)] = key
    return key


def load(request, scope, now=None):
    """This visit's answers for `scope` if they are younger than the limit, else None."""
    key = request.session.get(session_key(scope))
    if not key:
        return None
    cutoff = (now or timezone.now()) - max_age()
    draft = FormDraft.objects.filter(key_hash=hash_token(key), scope=scope, saved_at__gte=cutoff).first()
    return draft.data if draft else None


def expires_at(request, scope):
    """When this visit's answers for `scope` will be erased (None without answers)."""
    key = request.session.get(session_key(scope))
    draft = FormDraft.objects.filter(key_hash=hash_token(key), scope=scope).first() if key else None
    return draft.saved_at + max_age() if draft else None


def discard(request, scope):
    """Delete this visit's answers for `scope` (sent, or abandoned on purpose)."""
    key = request.session.pop(session_key(scope), None)
    if key:
        FormDraft.objects.filter(key_hash=hash_token(key)).delete()


def purge(now=None, *, dry_run=False):
    """Delete the drafts older than the limit, every scope. Returns how many."""
    expired = FormDraft.objects.filter(saved_at__lt=(now or timezone.now()) - max_age())
    return expired.count() if dry_run else expired.delete()[0]


@receiver(quick_exit, dispatch_uid="portal_drafts_quick_exit")
def _discard_on_quick_exit(sender, request, **kwargs):
    keys = [value for name, value in request.session.items() if name.startswith(SESSION_PREFIX)]
    if keys:
        FormDraft.objects.filter(key_hash__in=[hash_token(key) for key in keys if isinstance(key, str)]).delete()
