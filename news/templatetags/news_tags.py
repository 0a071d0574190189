"""The home page's latest news."""

from django import template
from django.utils import timezone

from news.models import NewsIndexPage

register = template.Library()


@register.inclusion_tag("news/components/latest_news.html", takes_context=True)
def latest_news(context, limit=3):
    """The `limit` most recent news items of the site's news listing."""
    index_page = NewsIndexPage.objects.live().public().first()
    items = list(index_page.news_items().select_related("image")[:limit]) if index_page else []
    return {"news_items": items, "index_page": index_page, "request": context.get("request")}


def notify_reason(event, upcoming_sessions, now=None):
    """Why an event page offers "Prévenez-moi" ("past", "not_open", "full", "cycle"), or None."""
    now = now or timezone.now()
    if not upcoming_sessions:
        return "past"
    if event.online_registration and event.registration_opens_at and event.registration_opens_at > now:
        return "not_open"
    if event.online_registration and all(getattr(session, "is_full", False) for session in upcoming_sessions):
        return "full"
    if event.registration_scope == "cycle":
        return "cycle"
    return None


@register.inclusion_tag("news/components/notify_me.html")
def notify_me_offer(event, upcoming_sessions):
    """The "Prévenez-moi" box of an event page (added by news.apps through events.extensions)."""
    reason = notify_reason(event, upcoming_sessions) if event.pk else None
    return {"event": event, "reason": reason}


@register.inclusion_tag("news/components/subscribe.html")
def subscription_offer(agenda_form):
    """The agenda's "Recevoir les nouveaux temps ressources de ce type", with its valid filters."""
    from django.utils.http import urlencode

    cleaned = getattr(agenda_form, "cleaned_data", None) or {}
    params = {}
    for name in ("theme", "public", "commune", "format"):
        value = cleaned.get(name)
        if value:
            params[name] = getattr(value, "slug", value)
    return {"query_string": urlencode(params), "filtered": bool(params)}
