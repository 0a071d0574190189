"""The sessions calendar of the Inscriptions menu, and the printable attendance sheet of a session.

Every session is reachable here, with or without bookings: a facilitator takes the first
phone booking of a new event from its line. Reading needs `events.view_registration`.
"""

from datetime import timedelta
from itertools import groupby

from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home.models import SiteSettings
from portal.pdf import pdf_response, render_pdf
from portal.staff import require_permission

from . import services
from .models import EventPage, EventSession, Registration
from .models.registrations import ACTIVE_STATUSES

VIEW = "events.view_registration"
PERIODS = {"a-venir": _("À venir"), "passees": _("Passées")}
DAYS_SHOWN = 60


def annotated_sessions():
    holding = Q(registrations__status__in=services.HOLDING_STATUSES)
    return EventSession.objects.select_related("event", "venue__commune").annotate(
        taken_adults=Sum("registrations__adults", filter=holding),
        taken_children=Sum("registrations__children", filter=holding),
        waiting_count=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
        to_call=Count("registrations", filter=~Q(registrations__call_reason="")),
    )


class SessionsCalendarView(WagtailAdminTemplateMixin, TemplateView):
    """The sessions of the next (or last) 60 days, day by day, with their headcounts."""

    template_name = "events/admin/sessions_calendar.html"
    page_title = _("Séances")
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        require_permission(request.user, VIEW)
        return super().dispatch(request, *args, **kwargs)

    def sessions(self, period, event_id):
        now = timezone.now()
        sessions = annotated_sessions().filter(event__in=EventPage.objects.all())
        if event_id:
            sessions = sessions.filter(event_id=event_id)
        if period == "passees":
            return sessions.filter(end__lt=now, start__gte=now - timedelta(days=DAYS_SHOWN)).order_by("-start", "pk")
        return sessions.filter(end__gte=now, start__lt=now + timedelta(days=DAYS_SHOWN)).order_by("start", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = self.request.GET.get("periode") if self.request.GET.get("periode") in PERIODS else "a-venir"
        event_id = self.request.GET.get("temps")
        event_id = int(event_id) if event_id and event_id.isdigit() else None
        rows = []
        for session in self.sessions(period, event_id):
            taken = (session.taken_adults or 0) + (session.taken_children or 0)
            session.taken, session.left = taken, services.places_left(session, taken)
            rows.append(session)
        days = [
            (capfirst(date_format(day, "l j F Y")), list(items))
            for day, items in groupby(rows, key=lambda s: timezone.localdate(s.start))
        ]
        context.update(
            days=days,
            period=period,
            periods=PERIODS,
            events=EventPage.objects.filter(sessions__isnull=False).distinct().order_by("title"),
            event_id=event_id,
            days_shown=DAYS_SHOWN,
        )
        return context


def attendance_sheet(request, session_id):
    """The session's attendance sheet, an A4 PDF: names, headcounts, needs, a column to sign."""
    require_permission(request.user, VIEW)
    session = get_object_or_404(EventSession.objects.select_related("event", "venue__commune"), pk=session_id)
    registrations = list(
        session.registrations.filter(status__in=ACTIVE_STATUSES)
        .exclude(status=Registration.Status.WAITING)
        .select_related("commune")
        .order_by("last_name", "first_name", "pk")
    )
    waiting = list(session.registrations.filter(status=Registration.Status.WAITING).order_by("created_at", "pk"))
    context = {
        "site_settings": SiteSettings.for_request(request),
        "document_title": _("Émargement – %(title)s") % {"title": session.event.title},
        "session": session,
        "event": session.event,
        "registrations": registrations,
        "waiting": waiting,
        "people": sum(registration.people for registration in registrations),
        "blank_rows": range(max(3, 12 - len(registrations))),
        "printed_at": timezone.localtime(),
    }
    content = render_pdf("print/attendance_sheet.html", context, request=request)
    start = timezone.localtime(session.start)
    filename = f"emargement-{slugify(session.event.title)[:40]}-{start:%Y-%m-%d-%Hh%M}.pdf"
    response = pdf_response(content, filename, attachment=True)
    response["Cache-Control"] = "no-store"  # names and needs
    return response
