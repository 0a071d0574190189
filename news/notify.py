""" "Prévenez-moi": one message when an event can be booked again, then the request ends.

A resident leaves an email address or a mobile number on an event that is full, over, not open
yet, or runs in cycles. The confirmation message (double opt-in) carries a personal link
(`portal.tokens`); once confirmed, the request waits for one of two things:

- a session of the event published after the confirmation (`sessions_seen_up_to`: session ids
  only grow), seen when the event page is published (`on_event_published`, Wagtail's signal);
- the opening of registration, for a request made before it (`send_due_notifications`, cron).

Then exactly one message (email through the outbox, or a text through portal.sms) is queued and
the request deleted in the same transaction; a row deleted by someone else first sends nothing.
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import sms
from portal.emails import send_templated_email
from portal.tokens import derive_token, hash_token, new_token_key

from .models import NotifyRequest

PURPOSE = "news-notify"
TEXT_KIND_CONFIRM = "news_notify_confirm"
TEXT_KIND_NOTICE = "news_notify_open"


def _sessions():
    return apps.get_model("events", "EventSession").objects


def newest_session_id():
    return _sessions().aggregate(newest=Max("pk"))["newest"] or 0


def token_for(request_row):
    return derive_token(request_row.token_key, PURPOSE)


def find(token):
    """The request of a personal link, or None (a wrong, tampered or used link)."""
    if not token or len(token) > 100:
        return None
    return NotifyRequest.objects.select_related("event").filter(token_hash=hash_token(token)).first()


def link(request_row):
    return settings.BASE_URL + reverse("news:notify-manage", args=[token_for(request_row)])


def create(event, *, email="", phone=""):
    """Save a request and queue its confirmation; the same contact for the same event is asked once."""
    existing = NotifyRequest.objects.filter(event=event, email=email, phone=phone).first()
    if existing:
        if existing.confirmed_at is None:
            _send_confirmation(existing)
        return existing
    key = new_token_key()
    row = NotifyRequest(event=event, email=email, phone=phone, token_key=key)
    row.token_hash = hash_token(derive_token(key, PURPOSE))
    row.waiting_for_opening = bool(event.registration_opens_at and event.registration_opens_at > timezone.now())
    row.save()
    _send_confirmation(row)
    return row


def _send_confirmation(row):
    if row.email:
        context = {"event": row.event, "link": link(row)}
        send_templated_email("emails/news/notify_confirm", [row.email], context, site=row.event.get_site())
    else:
        body = _("Confirmez pour être prévenu de l'ouverture des inscriptions « %(title)s » : %(link)s") % {
            "title": row.event.title[:40],
            "link": link(row),
        }
        sms.queue_text(row.phone, body, kind=TEXT_KIND_CONFIRM, topic=f"news.notify:{row.pk}")


def confirm(row):
    if row.confirmed_at is None:
        row.confirmed_at = timezone.now()
        row.sessions_seen_up_to = newest_session_id()
        row.save(update_fields=["confirmed_at", "sessions_seen_up_to"])


def _open_sessions(event, now):
    """The sessions one can book now (same rule as the calendar's own form)."""
    from events.services import bookable_sessions

    return bookable_sessions(event, now)


def _tell(row, sessions):
    """Queue the one message and delete the request; nothing if another process did it first."""
    deleted, _rows = NotifyRequest.objects.filter(pk=row.pk).delete()
    if not deleted:
        return False
    event = row.event
    book_url = settings.BASE_URL + event.url + event.reverse_subpage("register")
    if row.email:
        send_templated_email(
            "emails/news/notify_open",
            [row.email],
            {"event": event, "sessions": sessions, "book_url": book_url},
            site=event.get_site(),
        )
    else:
        body = _("Inscriptions ouvertes « %(title)s » : %(link)s") % {"title": event.title[:60], "link": book_url}
        sms.queue_text(row.phone, body, kind=TEXT_KIND_NOTICE, topic=f"news.notify:{row.pk}")
    return True


def notify_event(event, now=None):
    """Tell the confirmed requests of `event` that a new session or registration is open. Returns how many."""
    now = now or timezone.now()
    if not event.live:
        return 0
    sessions = _open_sessions(event, now)
    if not sessions:
        return 0
    opened = event.registration_opens_at is None or event.registration_opens_at <= now
    told = 0
    with transaction.atomic():
        for row in NotifyRequest.objects.filter(event=event, confirmed_at__isnull=False).select_related("event"):
            fresh = [session for session in sessions if session.pk > row.sessions_seen_up_to]
            if fresh or (row.waiting_for_opening and opened):
                told += _tell(row, fresh or sessions)
    return told


def on_event_published(sender, instance, **kwargs):
    """Wagtail's page_published: a published event may have new sessions."""
    if instance._meta.label_lower == "events.eventpage":
        notify_event(instance)


def send_due_notifications(now=None):
    """The cron's sweep: events whose registration has opened since people asked. Returns how many told."""
    now = now or timezone.now()
    event_ids = (
        NotifyRequest.objects.filter(confirmed_at__isnull=False, waiting_for_opening=True)
        .values_list("event_id", flat=True)
        .distinct()
    )
    events = apps.get_model("events", "EventPage").objects.live().filter(pk__in=list(event_ids))
    return sum(notify_event(event, now) for event in events)


def erase(row):
    sms.erase_texts(f"news.notify:{row.pk}")
    row.delete()
