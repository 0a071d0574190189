"""Read side of the calendar: which sessions a visitor sees, filtered, grouped by day or month."""

import calendar
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.db.models import Q
from django.utils import timezone

from .models import EventPage, EventSession
from .models.calendar import MAX_SESSION_LENGTH

# A feed carries the sessions of the last weeks too, so subscribers keep recent history.
FEED_PAST_DAYS = 30
FEED_MAX_SESSIONS = 1000


def with_listing_fields(sessions):
    """What a listing line shows: the session, its event and place (never the description)."""
    # The description (StreamField JSON, often kilobytes) is never shown in listings or feeds.
    return sessions.select_related("event", "venue__commune").defer("event__body", "event__accessibility_notes")


def published_sessions(index_page):
    """Sessions of the live, public events under the agenda page, with what a listing shows."""
    events = EventPage.objects.live().public().descendant_of(index_page)
    return with_listing_fields(EventSession.objects.filter(event__in=events))


def lines(sessions):
    """Only what places a session in a listing (its key and start), not the session itself."""
    return sessions.values_list("pk", "start", named=True)


def start_of_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _filter_events_in_sql(sessions, filters):
    # Many-to-many filters as sub-queries, not joins: a join could repeat a session, and the
    # DISTINCT it would need sorts every wide row of the result (50 ms for 2,000 sessions).
    if theme := filters.get("theme"):
        sessions = sessions.filter(
            event_id__in=EventPage.themes.through.objects.filter(theme=theme).values("eventpage_id")
        )
    if audience := filters.get("public"):
        sessions = sessions.filter(
            event_id__in=EventPage.audiences.through.objects.filter(audience=audience).values("eventpage_id")
        )
    if event_format := filters.get("format"):
        sessions = sessions.filter(event__event_format=event_format)
    if filters.get("inscription"):
        sessions = sessions.filter(event__registration_required=True)
    return sessions


def apply_filters(sessions, filters, index_page=None):
    """Narrow `sessions` with the agenda's valid filters (see `AgendaFilterForm.valid_filters`)."""
    sessions = _filter_events_in_sql(sessions, filters)
    if commune := filters.get("commune"):
        sessions = sessions.filter(venue__commune=commune)
    if start := filters.get("du"):
        sessions = sessions.filter(end__gte=start_of_day(start))
    if end := filters.get("au"):
        sessions = sessions.filter(start__lt=start_of_day(end + timedelta(days=1)))
    if query := filters.get("q"):
        events = EventPage.objects.live()
        if index_page is not None:
            events = events.descendant_of(index_page)
        matching = [page.pk for page in events.search(query, operator="and")[:500]]
        sessions = sessions.filter(Q(event_id__in=matching) | Q(venue__commune__name__icontains=query))
    return sessions


def upcoming(sessions, now=None):
    """Sessions not yet over, soonest first.

    The bound on `start` adds nothing (a session lasts MAX_SESSION_LENGTH at most) but lets
    the database walk the `start` index from two weeks ago instead of from the first session
    ever held: with years of archives, that is thousands of rows less on every agenda page.
    """
    now = now or timezone.now()
    return sessions.filter(end__gte=now, start__gte=now - MAX_SESSION_LENGTH).order_by("start", "pk")


def past(sessions, now=None):
    return sessions.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")


def for_feed(sessions, now=None):
    since = (now or timezone.now()) - timedelta(days=FEED_PAST_DAYS)
    return sessions.filter(end__gte=since, start__gte=since - MAX_SESSION_LENGTH).order_by("start", "pk")[
        :FEED_MAX_SESSIONS
    ]


def group_by_day(sessions):
    """[(date, [sessions…]), …] in the order given, by local date of the start."""
    return [(day, list(items)) for day, items in groupby(sessions, key=lambda s: timezone.localtime(s.start).date())]


def month_bounds(year, month):
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    return first, last


def in_month(sessions, year, month):
    first, last = month_bounds(year, month)
    month_start = start_of_day(first)
    return sessions.filter(
        start__lt=start_of_day(last + timedelta(days=1)),
        start__gte=month_start - MAX_SESSION_LENGTH,  # see `upcoming`
        end__gte=month_start,
    ).order_by("start", "pk")


def month_weeks(year, month, sessions):
    """Weeks (Monday first) of the month: each a list of 7 `(date or None, [sessions])`."""
    by_day = {}
    for session in sessions:
        by_day.setdefault(timezone.localtime(session.start).date(), []).append(session)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([(day, by_day.get(day, [])) if day.month == month else (None, []) for day in week])
    return weeks
