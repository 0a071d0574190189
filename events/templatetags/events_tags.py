"""Dates written the French way ("mardi 3 mars, 14 h – 16 h"), the home page's agenda, JSON-LD."""

from functools import lru_cache

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import json_script
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail import hooks

from events import schema
from events.models import EventIndexPage

register = template.Library()


@register.filter
def hour_fr(value):
    """14:00 → "14 h", 14:30 → "14 h 30" (the French typographic convention)."""
    local = timezone.localtime(value)
    return f"{local.hour} h" if local.minute == 0 else f"{local.hour} h {local.minute:02d}"


@register.filter
def day_fr(value):
    """A date or datetime → "mardi 3 mars" (with the year when it is not the current one)."""
    day = timezone.localtime(value).date() if hasattr(value, "hour") else value
    return _day_text(day, timezone.localdate().year, get_language())


@lru_cache(maxsize=1024)
def _day_text(day, current_year, language):
    # Django's date formatting looks up each name in the translations: listings write a few
    # dozen days, so each one is written once per worker.
    text = date_format(day, "l j F")
    if day.year != current_year:
        text = f"{text} {day.year}"
    return text.replace(" 1 ", " 1er ", 1) if day.day == 1 else text


@register.filter
def lines_html(lines):
    """Listing lines one after the other: each one's HTML is already rendered (events.views.Line)."""
    return mark_safe("".join(line.html for line in lines))  # noqa: S308


@register.filter
def session_when(session):
    """ "mardi 3 mars, 14 h – 16 h", or the two days when a session spans several days."""
    start, end = timezone.localtime(session.start), timezone.localtime(session.end)
    if start.date() == end.date():
        return f"{day_fr(start)}, {hour_fr(start)} – {hour_fr(end)}"
    return f"du {day_fr(start)}, {hour_fr(start)}, au {day_fr(end)}, {hour_fr(end)}"


@register.filter
def session_hours(session):
    return f"{hour_fr(session.start)} – {hour_fr(session.end)}"


@register.inclusion_tag("events/components/upcoming_sessions.html", takes_context=True)
def upcoming_sessions(context, limit=4):
    """The next temps ressources, for the home page."""
    from events import listing as queries

    request = context.get("request")
    index_page = EventIndexPage.objects.live().first()
    sessions = []
    if index_page:
        sessions = list(queries.upcoming(queries.published_sessions(index_page)).exclude(status="cancelled")[:limit])
    return {"sessions": sessions, "index_page": index_page, "request": request}


@register.simple_tag(takes_context=True)
def event_price(context, page):
    """The event's price: "Gratuit", else what an app registered for the `event_price_html` hook
    answers (the aids guide: "Tarif selon votre quotient familial"), else the free-text price.

    A hook, so that events imports no app that extends its price.
    """
    if page.is_free:
        return "Gratuit"
    for hook in hooks.get_hooks("event_price_html"):
        html = hook(page, context.get("request"))
        if html:
            return mark_safe(html)  # noqa: S308 - rendered by the hook's own template
    return page.price or "Payant"


@register.simple_tag
def event_jsonld(page, sessions, request):
    """schema.org Event data for each session (one event per date), for search engines."""
    url = page.get_full_url(request)
    organizers = schema.organizers_of(page, request)
    data = [schema.session_event(page, session, url, request, organizers) for session in sessions]
    # json_script escapes <, > and &; a JSON-LD block is data, never run, so the CSP allows it.
    script = json_script(data)
    return mark_safe(script.replace('type="application/json"', 'type="application/ld+json"', 1))  # noqa: S308
