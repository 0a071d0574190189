"""The yearly re-confirmation: a message, two reminders, then a call. Never a silent deletion.

1. `start_reconfirmation` (staff, once a year): every active entry not confirmed for
   WELFARE_RECONFIRM_AFTER_DAYS gets a message — a text to a mobile, otherwise a letter that
   staff print from the re-confirmation screen and post.
2. `send_reminders` (cron, daily): an unanswered message gets a reminder after
   WELFARE_RECONFIRM_REMINDER_DAYS, twice; after the second reminder the entry is flagged
   "à appeler". It stays on the register, and on the call lists, until someone decides.
3. The person answers from the status link ("Je confirme"), or staff record a confirmation
   by phone: `entries.confirm_entry` resets all of it.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import sms

from .. import texts
from ..choices import Status
from ..models import RegisterActivity, RegisterEntry
from .common import Action, log, log_activity
from .entries import text_topic

LAST_STEP = 3


@dataclass
class Sent:
    texts: int = 0
    letters: int = 0
    flagged: int = 0


def _message(entry, sent, *, now):
    """Text the entry's mobile, or mark a letter to post; records the step in the journal."""
    mobile = texts.first_mobile(entry)
    text = None
    if mobile:
        text = sms.queue_text(
            mobile,
            texts.reconfirm(entry),
            kind=f"register_reconfirm_{entry.reconfirm_step}",
            topic=text_topic(entry.pk),
        )
    entry.letter_due = text is None
    sent.texts += int(text is not None)
    sent.letters += int(text is None)
    entry.reconfirm_sent_at = now
    entry.save(update_fields=["reconfirm_step", "reconfirm_sent_at", "letter_due", "updated_at"])
    how = _("SMS") if text is not None else _("courrier à poster")
    detail = _("Message %(step)s sur %(last)s (%(how)s)") % {
        "step": entry.reconfirm_step,
        "last": LAST_STEP,
        "how": how,
    }
    log(entry.pk, Action.RECONFIRM, detail=detail)


def to_ask(now=None):
    """The active entries that have not been confirmed for WELFARE_RECONFIRM_AFTER_DAYS, nor asked yet."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.WELFARE_RECONFIRM_AFTER_DAYS)
    return RegisterEntry.objects.filter(status=Status.ACTIVE, reconfirm_step=0).filter(
        Q(last_confirmed_at__lt=cutoff) | Q(last_confirmed_at__isnull=True)
    )


def start_reconfirmation(*, user, now=None):
    """Ask every entry of `to_ask()` to confirm. Returns `Sent` (texts queued, letters to post)."""
    now = now or timezone.now()
    sent = Sent()
    with transaction.atomic():
        for entry in to_ask(now).select_for_update():
            entry.reconfirm_step = 1
            _message(entry, sent, now=now)
        log_activity(
            RegisterActivity.Action.RECONFIRMATION,
            user,
            detail=_("%(texts)s SMS, %(letters)s courriers à poster") % {"texts": sent.texts, "letters": sent.letters},
        )
    return sent


def send_reminders(now=None, *, dry_run=False):
    """The daily step: reminders after the delay, then the "à appeler" flag. Returns `Sent`."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.WELFARE_RECONFIRM_REMINDER_DAYS)
    waiting = RegisterEntry.objects.filter(status=Status.ACTIVE, reconfirm_sent_at__lte=cutoff)
    reminders = waiting.filter(reconfirm_step__gte=1, reconfirm_step__lt=LAST_STEP)
    unanswered = waiting.filter(reconfirm_step=LAST_STEP, needs_call=False)
    if dry_run:
        return Sent(texts=reminders.count(), flagged=unanswered.count())
    sent = Sent()
    with transaction.atomic():
        for entry in reminders.select_for_update():
            entry.reconfirm_step += 1
            _message(entry, sent, now=now)
        for entry in unanswered.select_for_update():
            entry.needs_call = True
            entry.letter_due = False
            entry.save(update_fields=["needs_call", "letter_due", "updated_at"])
            log(entry.pk, Action.FLAGGED)
            sent.flagged += 1
    return sent


def letters_due():
    return RegisterEntry.objects.filter(status=Status.ACTIVE, letter_due=True).select_related("commune")


def mark_letters_posted(entry_ids, *, user):
    """Staff posted these letters: they leave the list (the reminder delay runs from the message)."""
    with transaction.atomic():
        ids = list(letters_due().filter(pk__in=entry_ids).values_list("pk", flat=True))
        RegisterEntry.objects.filter(pk__in=ids).update(letter_due=False)
        for entry_id in ids:
            log(entry_id, Action.LETTER, user, _("Courrier de reconfirmation posté"))
        if ids:
            log_activity(RegisterActivity.Action.LETTERS, user, detail=_("%(count)s courriers") % {"count": len(ids)})
    return len(ids)
