"""Sign-up, staff additions and edits, agreement, removal and confirmation of register entries."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from portal import sms
from portal.models import OutboundEmail
from portal.references import create_with_reference
from portal.tokens import hash_token, new_token_key

from .. import emails, texts
from ..choices import Channel, RemovalChannel, RequesterKind, Status
from ..forms import PERSON_TEXT_FIELDS
from ..models import REFERENCE_PREFIX, RegisterActivity, RegisterEntry, token_for_key
from . import campaigns
from .common import Action, announce_counts, locked_entry, log, log_activity

# The fields staff may change from the entry's edit screen (what PersonForm holds).
EDITABLE_FIELDS = [*PERSON_TEXT_FIELDS, "birth_date", "commune", "reach_needs"]


@dataclass
class Submitted:
    """The result of a sign-up: the entry and its status link's token (shown once)."""

    entry: RegisterEntry
    token: str


def text_topic(entry_id):
    """The `portal.sms` topic of an entry's texts (an id, never personal data)."""
    return f"welfare.entry:{entry_id}"


def _person_fields(answers):
    fields = {name: answers.get(name) or "" for name in PERSON_TEXT_FIELDS}
    fields["birth_date"] = date.fromisoformat(answers["birth_date"])
    fields["commune_id"] = answers["commune"]
    fields["reach_needs"] = list(answers.get("reach_needs") or [])
    return fields


def _create(*, site, page, answers, status, channel, requester_kind, requester_name="", requester_phone=""):
    now = timezone.now()
    token_key = new_token_key()
    active = status == Status.ACTIVE
    return create_with_reference(
        RegisterEntry.objects,
        REFERENCE_PREFIX,
        site=site,
        page=page,
        token_key=token_key,
        token_hash=hash_token(token_for_key(token_key)),
        status=status,
        channel=channel,
        requester_kind=requester_kind,
        requester_name=requester_name,
        requester_phone=requester_phone,
        agreed_at=now if active else None,
        last_confirmed_at=now if active else None,
        **_person_fields(answers),
    )


@sensitive_variables("answers")
def submit_signup(*, site, page, answers):
    """Save an online sign-up (`answers` as `SignupForm.session_data()`); returns `Submitted`.

    The person's own sign-up is active at once (and joins the call list of any open campaign
    of their commune); a third party's stays pending until the person agrees. The
    acknowledgement goes by email (after commit) and/or text (queued in this transaction) to
    the addresses given; neither is stored on the entry. Raises nothing a visitor can cause.
    """
    third_party = answers["requester_kind"] != RequesterKind.SELF
    with transaction.atomic():
        entry = _create(
            site=site,
            page=page,
            answers=answers,
            status=Status.PENDING if third_party else Status.ACTIVE,
            channel=Channel.ONLINE,
            requester_kind=answers["requester_kind"],
            requester_name=answers.get("requester_name", ""),
            requester_phone=answers.get("requester_phone", ""),
        )
        log(entry.pk, Action.SUBMITTED, detail=entry.get_requester_kind_display())
        if not third_party:
            campaigns.add_to_open_campaigns(entry)
        if answers.get("text_number"):
            sms.queue_text(
                answers["text_number"], texts.received(entry), kind="register_received", topic=text_topic(entry.pk)
            )
        entry_id, email = entry.pk, answers.get("email", "")
        transaction.on_commit(lambda: emails.send_received(entry_id, email), robust=True)
        announce_counts()
    return Submitted(entry, token_for_key(entry.token_key))


@sensitive_variables("answers")
def add_entry(*, site, answers, user, channel, requester_kind, agreed):
    """A sign-up taken by staff (phone, desk, post). Active when the person agreed, pending otherwise."""
    status = Status.ACTIVE if agreed else Status.PENDING
    with transaction.atomic():
        entry = _create(
            site=site, page=None, answers=answers, status=status, channel=channel, requester_kind=requester_kind
        )
        log(entry.pk, Action.SUBMITTED, user, f"{entry.get_channel_display()}, {entry.get_requester_kind_display()}")
        if agreed:
            campaigns.add_to_open_campaigns(entry)
        announce_counts()
    return entry


def update_entry(entry_id, answers, *, user):
    """Apply staff edits; the journal names the fields changed, never their values. Returns their labels."""
    with transaction.atomic():
        entry = locked_entry(entry_id)
        new = _person_fields(answers)
        changed = []
        for name, value in new.items():
            if getattr(entry, name) != value:
                setattr(entry, name, value)
                field = RegisterEntry._meta.get_field(name.removesuffix("_id"))
                changed.append(str(field.verbose_name))
        if changed:
            entry.save()
            log(entry.pk, Action.CHANGED, user, ", ".join(changed))
            announce_counts()
    return changed


def record_agreement(entry_id, *, user, how):
    """The person (or their representative) agreed to a third party's sign-up: the entry becomes active.

    The third party's name and phone are erased and the status link is renewed, so the third
    party's link no longer opens the entry. Idempotent: an active entry is left as it is.
    """
    with transaction.atomic():
        entry = locked_entry(entry_id)
        if entry.status == Status.ACTIVE:
            return entry
        now = timezone.now()
        entry.status = Status.ACTIVE
        entry.agreed_at = entry.last_confirmed_at = now
        entry.requester_name = entry.requester_phone = ""
        entry.token_key = new_token_key()
        entry.token_hash = hash_token(token_for_key(entry.token_key))
        entry.save()
        log(entry.pk, Action.AGREED, user, how)
        campaigns.add_to_open_campaigns(entry)
        mobile = texts.first_mobile(entry)
        if mobile:
            sms.queue_text(mobile, texts.registered(entry), kind="register_agreed", topic=text_topic(entry.pk))
        announce_counts()
    return entry


def remove_entry(entry_id, *, user=None, channel=RemovalChannel.PHONE):
    """Remove a person from the register at once and completely.

    Deletes the entry, its journal, its call lines and calls, its texts not sent yet (sent ones
    lose their number, words and topic) and the emails still waiting with its reference. What
    stays: the campaigns' anonymous counts and one line of the register's activity (who, when,
    how the person asked), which names nobody. Returns False if the entry was already gone.
    """
    with transaction.atomic():
        try:
            entry = locked_entry(entry_id)
        except RegisterEntry.DoesNotExist:
            return False
        reference = entry.reference
        sms.erase_texts(text_topic(entry.pk))
        OutboundEmail.objects.filter(subject__contains=reference).exclude(status=OutboundEmail.Status.SENDING).delete()
        entry.delete()
        log_activity(RegisterActivity.Action.REMOVED, user, removal_channel=channel)
        announce_counts()
    return True


def confirm_entry(entry_id, *, user=None, how=""):
    """The person confirms they stay on the register for another year (link, phone, letter)."""
    with transaction.atomic():
        entry = locked_entry(entry_id)
        entry.last_confirmed_at = timezone.now()
        entry.reconfirm_step = 0
        entry.letter_due = entry.needs_call = False
        entry.save(update_fields=["last_confirmed_at", "reconfirm_step", "letter_due", "needs_call", "updated_at"])
        log(entry.pk, Action.CONFIRMED, user, how)
    return entry


def record_view(entry_id, *, user, detail=""):
    log(entry_id, Action.VIEWED, user, detail)


def record_export(entry_id, *, user, detail):
    log(entry_id, Action.EXPORTED, user, detail)


def record_letter(entry_id, *, user):
    log(entry_id, Action.LETTER, user)


def attach_to_account(entry_id, user):
    """Attach an entry to a signed-in resident's account, from its own status link.

    Returns True when attached (or already theirs), False when it belongs to another account.
    """
    with transaction.atomic():
        attached = RegisterEntry.objects.filter(pk=entry_id, account__isnull=True).update(account=user)
        if attached:
            log(entry_id, Action.ATTACHED, user)
    return bool(attached) or RegisterEntry.objects.filter(pk=entry_id, account=user).exists()


def entry_for_token(token):
    """The entry behind a status link, or None (a wrong, old or renewed link)."""
    if not token or len(token) > 100:
        return None
    return RegisterEntry.objects.select_related("commune", "page").filter(token_hash=hash_token(token)).first()
