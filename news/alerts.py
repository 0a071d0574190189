"""The site-wide alert, added to every public page after the page cache.

A page's HTML holds only a marker (`templates/base.html`: `<!--site-alert-->`); this middleware,
placed before `portal.cache.PageCacheMiddleware`, replaces it on every answer, a cached copy
included. So the banner appears and disappears at its exact start and end whatever the page
cache keeps, and hiding an "information" alert (a cookie naming it) never splits or breaks the
cached copies. The alerts still to come or showing are kept in the page cache's store, read in
the same round trip as the page copy, and dropped whenever an alert is saved or deleted.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal import cache as page_cache

MARKER = b"<!--site-alert-->"
CACHE_KEY = "news:site-alerts"
DISMISS_COOKIE = "alerte_masquee"


def _load():
    from .models import SiteAlert

    alerts = list(SiteAlert.objects.filter(ends_at__gt=timezone.now()).order_by("starts_at", "pk"))
    return [
        {
            "id": alert.pk,
            "level": alert.level,
            "message": alert.message,
            "starts_at": alert.starts_at,
            "ends_at": alert.ends_at,
            "link_url": alert.link_url,
            "link_text": alert.link_text,
            "dismissible": alert.dismissible,
        }
        for alert in alerts
    ]


def upcoming_alerts(request=None):
    """The alerts not yet ended, from the page cache's store (read with the page copy if possible)."""
    alerts = page_cache.read_along_value(request, CACHE_KEY)
    if alerts is None:
        alerts = page_cache.store().get(CACHE_KEY)
    if alerts is None:
        alerts = _load()
        page_cache.store().set(CACHE_KEY, alerts, timeout=None)
    return alerts


def forget_alerts(**kwargs):
    """Drop the kept list now, and again at commit: a page rendered meanwhile may have kept the old one."""
    page_cache.store().delete(CACHE_KEY)
    transaction.on_commit(lambda: page_cache.store().delete(CACHE_KEY))


page_cache.read_along(CACHE_KEY)


def dismissed_ids(request):
    raw = request.COOKIES.get(DISMISS_COOKIE, "")
    return {int(part) for part in raw.split(".") if part.isdigit()}


def current_alerts(request, now=None):
    """The alerts showing now, most serious first, minus the information ones this visitor hid."""
    now = now or timezone.now()
    hidden = dismissed_ids(request)
    showing = [
        alert
        for alert in upcoming_alerts(request)
        if alert["starts_at"] <= now < alert["ends_at"] and not (alert["dismissible"] and alert["id"] in hidden)
    ]
    order = {"urgent": 0, "important": 1, "information": 2}
    return sorted(showing, key=lambda alert: (order.get(alert["level"], 3), -alert["starts_at"].timestamp()))


def render_banner(request):
    alerts = current_alerts(request)
    if not alerts:
        return b""
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("news/site_alert.html", {"alerts": alerts, "next": request.get_full_path()})
    return html.encode()


class SiteAlertMiddleware:
    """Put the current alert banner in place of the marker of every public HTML page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or MARKER not in response.content
        ):
            return response
        response.content = response.content.replace(MARKER, render_banner(request), 1)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
