"""What the printed agenda shows: a month's programme (with the agenda's filters) and a poster.

Pure reading: the views (`print_views.py`) turn these contexts into HTML or PDF.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.models import SiteSettings

from . import listing as queries
from .forms import AgendaFilterForm
from .models import EventSession
from .sources import POSTER, PROGRAMME, with_marker
from .templatetags.events_tags import day_fr, session_hours, session_when

MONTH_PARAM = re.compile(r"^(\d{4})-(\d{2})$")
LARGE_PRINT_PARAM = "grands-caracteres"
# The filters a printed programme understands: the agenda's own (see AgendaFilterForm).
FILTER_LABELS = {"commune": gettext_lazy("Commune"), "theme": gettext_lazy("Thème"), "public": gettext_lazy("Public")}
POSTER_DATES = 6


def requested_month(params):
    """(year, month) from `?mois=2027-04`, the current month without it; Http404 when impossible."""
    value = params.get("mois", "")
    if not value:
        today = timezone.localdate()
        return today.year, today.month
    match = MONTH_PARAM.match(value)
    if not match or not 1 <= int(match[2]) <= 12 or not 2000 <= int(match[1]) <= 2100:
        raise Http404("Mois impossible")
    return int(match[1]), int(match[2])


def requested_filters(params):
    """The agenda's filters from the address; Http404 when one is unknown or invalid."""
    params = params.copy()
    for name in ("mois", LARGE_PRINT_PARAM, "page", "vue"):
        params.pop(name, None)
    if not params:
        return {}
    form = AgendaFilterForm(params)
    filters = form.valid_filters()
    if form.errors:
        raise Http404("Filtre inconnu")
    return filters


def month_sessions(index_page, filters, year, month):
    """Sessions of the month on the agenda (same query as its month view), cancelled ones left out."""
    sessions = queries.apply_filters(queries.published_sessions(index_page), filters, index_page)
    return list(
        queries.in_month(sessions, year, month)
        .exclude(status=EventSession.Status.CANCELLED)
        .select_related("event", "venue__commune")
    )


class EventUrls:
    """Absolute addresses of events, looked up once per event."""

    def __init__(self, request):
        self.request, self._urls = request, {}

    def page(self, event):
        if event.pk not in self._urls:
            self._urls[event.pk] = event.get_full_url(self.request)
        return self._urls[event.pk]

    def booking(self, event, source, session=None):
        """Where a QR code leads: the booking form when online, else the event page; with the marker."""
        url = self.page(event)
        if not event.online_registration:
            return with_marker(url, source)
        params = {"seance": session.pk} if session and event.registration_scope == "session" else {}
        return with_marker(f"{url}inscription/", source, **params)


def venue_access(venue):
    """The venue's accessibility in words, or what to do when nothing is known."""
    if venue is None:
        return _("En ligne")
    features = venue.access_features
    if features:
        text = _("Accessibilité du lieu : %(features)s.") % {"features": ", ".join(features)}
    else:
        text = _("Accessibilité du lieu : renseignez-vous.")
    if venue.public_transport:
        text = _("%(access)s Transports : %(transport)s.") % {"access": text, "transport": venue.public_transport}
    return text


def registration_text(event, phone):
    """ "Sur inscription en ligne (code QR) ou au 03 53 01 42 10" / "Entrée libre, sans inscription"."""
    if not event.registration_required:
        return _("Entrée libre, sans inscription")
    number = event.contact_phone or phone
    online = event.online_registration
    if not number or number in event.registration_info:
        return _("Sur inscription en ligne (code QR)") if online else _("Sur inscription")
    if online:
        return _("Sur inscription en ligne (code QR) ou au %(phone)s") % {"phone": number}
    return _("Sur inscription au %(phone)s") % {"phone": number}


def qr_title(event):
    """The text alternative of an event's QR code: where it leads."""
    if event.online_registration:
        return _("Code QR : s'inscrire en ligne à « %(title)s »") % {"title": event.title}
    return _("Code QR : la page « %(title)s » sur internet") % {"title": event.title}


def price_text(event):
    return _("Gratuit") if event.is_free else (event.price or _("Payant"))


@dataclass
class Entry:
    """One line of the programme: a session and what a reader needs to go (or to book)."""

    session: EventSession
    hours: str
    where: str
    access: str
    registration: str
    price: str
    booking_url: str = ""
    qr_title: str = ""


@dataclass
class ProgrammeDay:
    title: str
    entries: list = field(default_factory=list)


def _entry(session, urls, phone):
    event, venue = session.event, session.venue
    where = venue.full_address if venue else _("En ligne")
    return Entry(
        session=session,
        hours=session_hours(session) if _same_day(session) else session_when(session),
        where=where,
        access=venue_access(venue),
        registration=registration_text(event, phone),
        price=price_text(event),
        booking_url=urls.booking(event, PROGRAMME, session) if event.registration_required else "",
        qr_title=qr_title(event),
    )


def _same_day(session):
    return timezone.localtime(session.start).date() == timezone.localtime(session.end).date()


def programme_days(sessions, request, phone):
    """The month's sessions grouped by day ("Mardi 3 mars"), in the agenda's order."""
    urls = EventUrls(request)
    return [
        ProgrammeDay(capfirst(day_fr(day)), [_entry(session, urls, phone) for session in day_sessions])
        for day, day_sessions in queries.group_by_day(sessions)
    ]


def selection_text(filters):
    """ "Commune : Brécy · Thème : Aidants" — what the programme is narrowed to, for its heading."""
    parts = [
        _("%(label)s : %(value)s") % {"label": label, "value": filters[name]}
        for name, label in FILTER_LABELS.items()
        if filters.get(name)
    ]
    if filters.get("format"):
        formats = dict(AgendaFilterForm().fields["format"].choices)
        parts.append(_("Format : %(format)s") % {"format": formats[filters["format"]]})
    if filters.get("inscription"):
        parts.append(_("Sur inscription"))
    if filters.get("q"):
        parts.append(_("Mot-clé : %(words)s") % {"words": filters["q"]})
    return " · ".join(parts)


def programme_context(request, index_page, params=None):
    """Everything the programme template shows, for the month and filters asked for.

    `params` are the agenda's query parameters (`mois`, `commune`, `theme`, `public`…,
    `grands-caracteres`); the request's own query string by default.
    """
    params = request.GET if params is None else params
    year, month = requested_month(params)
    filters = requested_filters(params)
    site_settings = SiteSettings.for_request(request)
    sessions = month_sessions(index_page, filters, year, month)
    first = date(year, month, 1)
    month_label = date_format(first, "F Y")
    selection = selection_text(filters)
    large_print = params.get(LARGE_PRINT_PARAM) == "1"
    title = _("Programme de %(month)s") % {"month": month_label}
    if selection:
        title = f"{title} – {selection}"
    return {
        "page": index_page,
        "site_settings": site_settings,
        "document_title": title,
        "month_label": month_label,
        "selection": selection,
        "days": programme_days(sessions, request, site_settings.phone),
        "session_count": len(sessions),
        "large_print": large_print,
        "agenda_url": index_page.get_full_url(request),
        "month_param": f"{year}-{month:02d}",
    }


def poster_sessions(event, now=None):
    """The next dates of an event (not cancelled, not over), soonest first."""
    now = now or timezone.now()
    return list(
        event.sessions.filter(end__gte=now)
        .exclude(status=EventSession.Status.CANCELLED)
        .select_related("venue__commune")
        .order_by("start", "pk")[: POSTER_DATES + 1]
    )


def poster_context(request, event, *, paper_size="A4"):
    """What an event's poster shows: title, summary, next dates and places, how to come or book, QR code."""
    site_settings = SiteSettings.for_request(request)
    sessions = poster_sessions(event)
    venues = list({session.venue_id: session.venue for session in sessions if session.venue}.values())
    return {
        "page": event,
        "event": event,
        "site_settings": site_settings,
        "document_title": _("%(title)s – affiche") % {"title": event.title},
        "paper_size": paper_size,
        "sessions": sessions[:POSTER_DATES],
        "more_dates": len(sessions) > POSTER_DATES,
        "venues": venues,
        "access": [venue_access(venue) for venue in venues],
        "registration": registration_text(event, site_settings.phone),
        "price": price_text(event),
        "phone": event.contact_phone or site_settings.phone,
        "qr_url": EventUrls(request).booking(event, POSTER),
        "qr_title": qr_title(event),
        "event_url": event.get_full_url(request),
    }
