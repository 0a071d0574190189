"""Subscriptions to new temps ressources: double opt-in, the weekly digest, one-click unsubscribe.

A subscription keeps one agenda filter (theme, public, commune, format, each optional). The
digest (`send_digests`, the weekly `send_news_digests` command) lists the sessions published
since the previous digest that match it: session ids only grow, so "since" is "with an id above
`sessions_seen_up_to`". Each subscription is moved past the newest session with an UPDATE that
names its previous position: two servers running the command at once, or the command run
twice, queue each digest once. Nothing new, nothing sent.

Every digest carries its personal links: the filters' page (change or stop) and the one-click
unsubscribe (RFC 8058: `List-Unsubscribe` with that address and `List-Unsubscribe-Post:
List-Unsubscribe=One-Click`; a POST there ends the subscription, no account, no confirmation).
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from portal.emails import send_templated_email
from portal.tokens import derive_token, hash_token, new_token_key

from .models import Subscription

PURPOSE = "news-subscription"
DIGEST_LIMIT = 30


def token_for(subscription):
    return derive_token(subscription.token_key, PURPOSE)


def find(token):
    if not token or len(token) > 100:
        return None
    return (
        Subscription.objects.select_related("theme", "audience", "commune").filter(token_hash=hash_token(token)).first()
    )


def manage_url(subscription):
    return settings.BASE_URL + reverse("news:subscription-manage", args=[token_for(subscription)])


def unsubscribe_url(subscription):
    return settings.BASE_URL + reverse("news:unsubscribe", args=[token_for(subscription)])


def _newest_session_id():
    return apps.get_model("events", "EventSession").objects.aggregate(newest=Max("pk"))["newest"] or 0


def list_headers(subscription):
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscription)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def send_message(subscription, template, context=None):
    send_templated_email(
        f"emails/news/{template}",
        [subscription.email],
        {
            "subscription": subscription,
            "manage_url": manage_url(subscription),
            "unsubscribe_url": unsubscribe_url(subscription),
            **(context or {}),
        },
        headers=list_headers(subscription),
    )


def subscribe(email, filters):
    """Save a subscription (or find the same one) and queue its confirmation."""
    fields = {
        "theme": filters.get("theme"),
        "audience": filters.get("public"),
        "commune": filters.get("commune"),
        "event_format": filters.get("format") or "",
    }
    existing = Subscription.objects.filter(email=email, **fields).first()
    if existing:
        if existing.confirmed_at is None:
            send_message(existing, "subscription_confirm")
        return existing
    key = new_token_key()
    subscription = Subscription.objects.create(
        email=email, token_key=key, token_hash=hash_token(derive_token(key, PURPOSE)), **fields
    )
    send_message(subscription, "subscription_confirm")
    return subscription


def confirm(subscription):
    """Confirm (or confirm again after 12 months): the next digest starts from today's sessions."""
    now = timezone.now()
    if subscription.confirmed_at is None:
        subscription.sessions_seen_up_to = _newest_session_id()
        subscription.confirmed_at = now
    elif subscription.reconfirm_asked_at is not None:
        subscription.confirmed_at = now  # a new year starts from this answer
    subscription.reconfirm_asked_at = None
    subscription.save(update_fields=["confirmed_at", "sessions_seen_up_to", "reconfirm_asked_at"])


def new_sessions(subscription, up_to, now=None):
    """The upcoming scheduled sessions published after the subscription's position, matching it."""
    from events import listing
    from events.models import EventIndexPage, EventSession

    now = now or timezone.now()
    index_page = EventIndexPage.objects.live().public().first()
    if index_page is None:
        return []
    sessions = listing.apply_filters(listing.published_sessions(index_page), subscription.filters(), index_page)
    sessions = sessions.filter(
        pk__gt=subscription.sessions_seen_up_to, pk__lte=up_to, status=EventSession.Status.SCHEDULED, start__gt=now
    )
    return list(sessions.order_by("start", "pk")[:DIGEST_LIMIT])


def send_digests(now=None):
    """Queue one digest per confirmed subscription with new matching sessions. Returns how many."""
    now = now or timezone.now()
    up_to = _newest_session_id()
    sent = 0
    confirmed = Subscription.objects.filter(confirmed_at__isnull=False, sessions_seen_up_to__lt=up_to)
    for subscription in confirmed.select_related("theme", "audience", "commune"):
        with transaction.atomic():
            sessions = new_sessions(subscription, up_to, now)
            moved = Subscription.objects.filter(
                pk=subscription.pk, sessions_seen_up_to=subscription.sessions_seen_up_to
            ).update(sessions_seen_up_to=up_to, **({"last_sent_at": now} if sessions else {}))
            if moved and sessions:
                send_message(subscription, "digest", {"sessions": sessions})
                sent += 1
    return sent


def unsubscribe(subscription):
    subscription.delete()


def update_filters(subscription, filters):
    subscription.theme = filters.get("theme")
    subscription.audience = filters.get("public")
    subscription.commune = filters.get("commune")
    subscription.event_format = filters.get("format") or ""
    subscription.save(update_fields=["theme", "audience", "commune", "event_format"])
