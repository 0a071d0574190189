"""Read side of the calendar: which sessions a visitor sees, filtered, grouped by day or month."""

import calendar
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.db.models import Q
from django.utils import timezone

from home.visibility import public_q, restricted_paths
from portal.cache import memo

from .models import EventPage, EventSession
from .models.calendar import MAX_SESSION_LENGTH

# A feed carries the sessions of the last weeks too, so subscribers keep recent history.
FEED_PAST_DAYS = 30
FEED_MAX_SESSIONS = 1000


def with_listing_fields(sessions):
    """What a listing line shows: the session, its event and place (never the description)."""
    # The description (StreamField JSON, often kilobytes) is never shown in listings or feeds.
    return sessions.select_related("event", "venue__commune").defer("event__body", "event__accessibility_notes")


# Beyond this many hidden events, excluding them one by one costs more than the join.
MAX_HIDDEN_EVENTS = 300


def hidden_events(index_page):
    """Keys of the events the agenda does not show: drafts, unpublished, restricted, elsewhere.

    Usually a handful; read once per content version and worker (portal.cache.memo).
    """

    def compute():
        restricted = restricted_paths()
        return tuple(
            pk
            for pk, live, path, depth in EventPage.objects.values_list("pk", "live", "path", "depth").order_by("pk")
            if not (live and depth > index_page.depth and path.startswith(index_page.path))
            or any(path.startswith(prefix) for prefix in restricted)
        )

    return memo(("hidden-events", index_page.pk), compute)


def published_sessions(index_page):
    """Sessions of the live, public events under the agenda page, with what a listing shows.

    The agenda's queries stay on the sessions table: the few events not to show are excluded
    by key, instead of joining every session to its page to check it (three times the work for
    the count of a long agenda).
    """
    hidden = hidden_events(index_page)
    if len(hidden) <= MAX_HIDDEN_EVENTS:
        sessions = EventSession.objects.exclude(event_id__in=hidden)
    else:
        sessions = EventSession.objects.filter(
            public_q("event__"),
            event__live=True,
            event__path__startswith=index_page.path,
            event__depth__gt=index_page.depth,
        )
    return with_listing_fields(sessions)


def lines(sessions):
    """Only what places a session in a listing (its key and start), not the session itself."""
    return sessions.values_list("pk", "start", named=True)


def start_of_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))


# Filters on the event itself (not the session): answered from `event_facts` when few match.
EVENT_FILTERS = ("theme", "public", "format", "inscription")
# Beyond this many matching events, the database filters by itself (see `apply_filters`).
MAX_LISTED_EVENTS = 300


def event_facts(index_page):
    """(key, on registration, format, themes, publics) of each event the agenda shows.

    Read once per content version and worker, in three queries: a filtered agenda then asks
    the database for sessions of a list of events instead of joining each session to its event.
    """

    def compute():
        hidden = set(hidden_events(index_page))
        themes, audiences = defaultdict(set), defaultdict(set)
        for event_id, theme_id in EventPage.themes.through.objects.values_list("eventpage_id", "theme_id"):
            themes[event_id].add(theme_id)
        for event_id, audience_id in EventPage.audiences.through.objects.values_list("eventpage_id", "audience_id"):
            audiences[event_id].add(audience_id)
        events = EventPage.objects.values_list("pk", "registration_required", "event_format").order_by("pk")
        return tuple(
            (pk, required, event_format, frozenset(themes[pk]), frozenset(audiences[pk]))
            for pk, required, event_format in events
            if pk not in hidden
        )

    return memo(("event-facts", index_page.pk), compute)


def _matching_events(facts, filters):
    theme, audience = filters.get("theme"), filters.get("public")
    event_format, required_only = filters.get("format"), filters.get("inscription")
    return [
        pk
        for pk, required, format_, themes, audiences in facts
        if (not theme or theme.pk in themes)
        and (not audience or audience.pk in audiences)
        and (not event_format or format_ == event_format)
        and (required or not required_only)
    ]


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
    if any(filters.get(name) for name in EVENT_FILTERS):
        matching = _matching_events(event_facts(index_page), filters) if index_page is not None else None
        if matching is not None and len(matching) <= MAX_LISTED_EVENTS:
            sessions = sessions.filter(event_id__in=matching)
        else:
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
