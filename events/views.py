"""Views behind the agenda's and the event pages' routes (see `models.py`)."""

import re
from datetime import date

from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import capfirst, slugify

from wagtail.models import Site

from home.views import paginate
from portal.cache import depends_on
from portal.fragments import render_each

from . import listing as queries
from .extensions import agenda_panels, event_page_panels
from .forms import AgendaFilterForm
from .ical import CONTENT_TYPE, build_calendar
from .models import EventSession
from .templatetags.events_tags import day_fr, lines_html

SESSIONS_PER_PAGE = 30
MONTH_PARAM = re.compile(r"^(\d{4})-(\d{2})$")
# Subscribers' calendar apps poll often: let them and any proxy reuse a feed for a while.
FEED_MAX_AGE = 15 * 60


def filter_query_string(request, drop=("page",)):
    """The current filters as a query string, without the parameters in `drop`."""
    params = request.GET.copy()
    for name in drop:
        params.pop(name, None)
    return params.urlencode()


def _filtered(request, index_page):
    form = AgendaFilterForm(request.GET or None)
    filters = form.valid_filters() if request.GET else {}
    sessions = queries.apply_filters(queries.published_sessions(index_page), filters, index_page)
    return form, filters, sessions


def _month(request):
    """The month asked for in `?mois=2026-03`, else the current one."""
    today = timezone.localdate()
    match = MONTH_PARAM.match(request.GET.get("mois", ""))
    if match:
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12 and 2000 <= year <= 2100:
            return year, month
    return today.year, today.month


def _shift_month(year, month, delta):
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


class Line:
    """A listing line: its start (to group lines by day) and its HTML."""

    __slots__ = ("html", "start")

    def __init__(self, start, html):
        self.start, self.html = start, html


def _lines(request, rows, template_name):
    """The HTML line of each `rows` item (pk, start), rendered once per content version."""

    def load(pks):
        return queries.with_listing_fields(EventSession.objects.all()).in_bulk(pks)

    html = render_each(request, template_name, "session", [row.pk for row in rows], load)
    return [Line(row.start, html[row.pk]) for row in rows if row.pk in html]


class Day:
    """A day of the agenda list: its anchor, its heading ("Mardi 3 mars") and its lines."""

    __slots__ = ("key", "lines", "title")

    def __init__(self, day, lines):
        self.key, self.title, self.lines = day.isoformat(), capfirst(day_fr(day)), lines


class MonthDay:
    """A day cell of the month table: its number, its name for screen readers, its lines."""

    __slots__ = ("label", "lines", "number", "today")

    def __init__(self, day, lines, today):
        self.number, self.label, self.today = day.day, day_fr(day), day == today
        self.lines = lines_html(lines)


def _month_weeks(year, month, lines):
    today = timezone.localdate()
    return [
        [MonthDay(day, day_lines, today) if day else None for day, day_lines in week]
        for week in queries.month_weeks(year, month, lines)
    ]


def _day_list(request, rows):
    lines = _lines(request, rows, "events/components/session_item.html")
    return [Day(day, day_lines) for day, day_lines in queries.group_by_day(lines)]


def _context(request, index_page, form, **extra):
    return {
        "page": index_page,
        "self": index_page,
        "form": form,
        "query_string": filter_query_string(request, drop=("page", "vue", "mois")),
        "extension_panels": agenda_panels(),
        **extra,
    }


def agenda(request, index_page):
    """Upcoming sessions, as a list grouped by day (default) or as a month (`?vue=mois`)."""
    form, filters, sessions = _filtered(request, index_page)
    if request.GET.get("vue") == "mois":
        year, month = _month(request)
        month_sessions = _lines(
            request,
            list(queries.lines(queries.in_month(sessions, year, month))),
            "events/components/month_session.html",
        )
        previous_month, next_month = _shift_month(year, month, -1), _shift_month(year, month, 1)
        context = _context(
            request,
            index_page,
            form,
            view="month",
            month=date(year, month, 1),
            weeks=_month_weeks(year, month, month_sessions),
            session_count=len(month_sessions),
            previous_month=f"{previous_month[0]}-{previous_month[1]:02d}",
            next_month=f"{next_month[0]}-{next_month[1]:02d}",
            previous_date=date(*previous_month, 1),
            next_date=date(*next_month, 1),
        )
        return TemplateResponse(request, "events/event_index_page.html", context)
    page_obj = paginate(request, queries.lines(queries.upcoming(sessions)), SESSIONS_PER_PAGE)
    context = _context(
        request,
        index_page,
        form,
        view="list",
        page_obj=page_obj,
        days=_day_list(request, page_obj.object_list),
        session_count=page_obj.paginator.count,
    )
    return TemplateResponse(request, "events/event_index_page.html", context)


def archive(request, index_page):
    """Past sessions, most recent first, with the same filters."""
    form, filters, sessions = _filtered(request, index_page)
    page_obj = paginate(request, queries.lines(queries.past(sessions)), SESSIONS_PER_PAGE)
    context = _context(
        request,
        index_page,
        form,
        view="archive",
        page_obj=page_obj,
        days=_day_list(request, page_obj.object_list),
        session_count=page_obj.paginator.count,
    )
    return TemplateResponse(request, "events/event_archive.html", context)


def _ical_response(content, filename):
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _host(request):
    """The site's host name: UIDs must not change with the address a visitor typed."""
    site = Site.find_for_request(request)
    return site.hostname if site else request.get_host().split(":")[0]


def _url_for(request):
    cache = {}

    def url_for(session):
        if session.event_id not in cache:
            cache[session.event_id] = session.event.get_full_url(request)
        return cache[session.event_id]

    return url_for


def agenda_feed(request, index_page):
    """The subscribable feed of the agenda, or of any filtered view (same query parameters)."""
    form, filters, sessions = _filtered(request, index_page)
    name = index_page.title
    if filters:
        name = f"{name} (sélection)"
    content = build_calendar(
        queries.for_feed(sessions), calendar_name=name, host=_host(request), url_for=_url_for(request)
    )
    response = _ical_response(content, "agenda.ics")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    return response


def event_detail(request, event_page):
    sessions = list(event_page.sessions.select_related("venue__commune").order_by("start", "pk"))
    now = timezone.now()
    upcoming = [s for s in sessions if s.end >= now]
    if event_page.online_registration and event_page.pk:
        annotate_booking(event_page, upcoming, now)
    context = {
        "page": event_page,
        "self": event_page,
        "upcoming_sessions": upcoming,
        "past_sessions": [s for s in sessions if s.end < now],
        "themes": list(event_page.themes.all()),
        "audiences": list(event_page.audiences.all()),
        "cycle_open": event_page.registration_scope == "cycle" and any(s.bookable for s in upcoming),
        "extension_panels": event_page_panels(),
    }
    return TemplateResponse(request, event_page.get_template(request), context)


def annotate_booking(event_page, sessions, now):
    """Set `places_left`, `is_full` and `bookable` on each session, in two queries in all.

    A page showing them depends on the event's places (see `services.places_tag`): a booking
    renews that page in the page cache, and no other.
    """
    from .models import Registration
    from .services import HOLDING_STATUSES, bookable_sessions, places_tag

    depends_on(places_tag(event_page.pk))
    counts = (
        Registration.objects.filter(session__event=event_page, status__in=(*HOLDING_STATUSES, "waiting"))
        .values("session_id", "status")
        .annotate(people=Sum("adults") + Sum("children"))
    )
    taken, waiting = {}, set()
    for row in counts:
        if row["status"] == "waiting":
            waiting.add(row["session_id"])
        else:
            taken[row["session_id"]] = taken.get(row["session_id"], 0) + row["people"]
    bookable = {session.pk for session in bookable_sessions(event_page, now)}
    for session in sessions:
        places = session.places
        session.places_left = None if places is None else max(places - taken.get(session.pk, 0), 0)
        session.is_full = places is not None and (session.places_left == 0 or session.pk in waiting)
        session.bookable = session.pk in bookable and (not session.is_full or event_page.waiting_list)


def event_ical(request, event_page):
    """Every session of one event, to add to a calendar app ("Ajouter à mon agenda")."""
    sessions = event_page.sessions.select_related("event", "venue__commune").order_by("start", "pk")
    if not sessions:
        raise Http404
    content = build_calendar(sessions, calendar_name=event_page.title, host=_host(request), url_for=_url_for(request))
    return _ical_response(content, f"{slugify(event_page.title)[:60]}.ics")


def session_ical(request, event_page, session_id):
    """One session as an .ics file."""
    session = get_object_or_404(event_page.sessions.select_related("event", "venue__commune"), pk=session_id)
    content = build_calendar([session], calendar_name=event_page.title, host=_host(request), url_for=_url_for(request))
    local_start = timezone.localtime(session.start)
    return _ical_response(content, f"{slugify(event_page.title)[:50]}-{local_start:%Y-%m-%d}.ics")
