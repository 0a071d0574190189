"""What news keeps about people, and for how long (RGPD): purges, data export, erasure.

- A "Prévenez-moi" request or a subscription not confirmed within 7 days is deleted.
- A confirmed "Prévenez-moi" request still waiting 12 months later is deleted (the event has
  not come back: the person would not expect a message any more).
- A subscription that got no digest for 12 months (counted from its last digest or its last
  confirmation, whichever is later) is asked once to confirm again; unanswered 30 days later, it is deleted.

`purge_news_subscriptions` (cron, daily) runs `purge()`. The resident's data export and account
deletion (accounts, an aggregator) call `data_for_emails()` and `erase_for_emails()` with the
account's verified addresses.
"""

from datetime import timedelta

from django.db.models import Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from portal import sms

from . import digest
from .models import NotifyRequest, Subscription

UNCONFIRMED_DAYS = 7
INACTIVE_DAYS = 365
RECONFIRM_GRACE_DAYS = 30


def _erase_notify(rows):
    topics = [f"news.notify:{pk}" for pk in rows.values_list("pk", flat=True)]
    if topics:
        sms.erase_texts(*topics)
    return rows.delete()[0]


def purge(now=None):
    """Apply the retention rules. Returns {what: how many}."""
    now = now or timezone.now()
    unconfirmed = now - timedelta(days=UNCONFIRMED_DAYS)
    inactive = now - timedelta(days=INACTIVE_DAYS)
    counts = {
        "notify_unconfirmed": _erase_notify(
            NotifyRequest.objects.filter(confirmed_at__isnull=True, created_at__lt=unconfirmed)
        ),
        "notify_stale": _erase_notify(NotifyRequest.objects.filter(confirmed_at__lt=inactive)),
        "subscriptions_unconfirmed": Subscription.objects.filter(
            confirmed_at__isnull=True, created_at__lt=unconfirmed
        ).delete()[0],
        "subscriptions_unanswered": Subscription.objects.filter(
            reconfirm_asked_at__lt=now - timedelta(days=RECONFIRM_GRACE_DAYS)
        ).delete()[0],
    }
    to_ask = (
        Subscription.objects.filter(confirmed_at__isnull=False, reconfirm_asked_at__isnull=True)
        # The later of the last digest and the (last) confirmation; NULL-safe on SQLite too.
        .annotate(active=Greatest(Coalesce("last_sent_at", "confirmed_at"), "confirmed_at"))
        .filter(active__lt=inactive)
        .select_related("theme", "audience", "commune")
    )
    asked = 0
    for subscription in to_ask:
        digest.send_message(subscription, "subscription_reconfirm", {"grace_days": RECONFIRM_GRACE_DAYS})
        Subscription.objects.filter(pk=subscription.pk).update(reconfirm_asked_at=now)
        asked += 1
    counts["subscriptions_asked_again"] = asked
    return counts


def _matching(model, emails):
    query = Q(pk__in=[])
    for email in emails:
        query |= Q(email__iexact=email)
    return model.objects.filter(query)


def data_for_emails(emails):
    """The subscriptions and "Prévenez-moi" requests made with these addresses (data export)."""
    return {
        "abonnements_nouveaux_temps_ressources": [
            {
                "email": subscription.email,
                "choix": subscription.describe(),
                "cree_le": subscription.created_at.isoformat(),
                "confirme_le": subscription.confirmed_at.isoformat() if subscription.confirmed_at else None,
                "dernier_envoi": subscription.last_sent_at.isoformat() if subscription.last_sent_at else None,
            }
            for subscription in _matching(Subscription, emails).select_related("theme", "audience", "commune")
        ],
        "prevenez_moi": [
            {
                "email": row.email,
                "evenement": row.event.title,
                "cree_le": row.created_at.isoformat(),
                "confirme_le": row.confirmed_at.isoformat() if row.confirmed_at else None,
            }
            for row in _matching(NotifyRequest, emails).select_related("event")
        ],
    }


def erase_for_emails(emails):
    """Delete everything news holds for these addresses (account deletion)."""
    _erase_notify(_matching(NotifyRequest, emails))
    _matching(Subscription, emails).delete()
