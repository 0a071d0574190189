"""The facilitator's pages in the admin: who comes to a session (and to each session of an event).

Reading needs `events.view_registration`; the row buttons need `events.change_registration`;
registering someone who phones or comes to the desk needs `events.add_registration`. Every
change goes through `events.services`, so places, the waiting list and emails behave exactly
as for an online booking. GET never changes anything.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.staff import require_permission

from . import services, staff_actions, texts
from .admin_actions import given_places, tell_who_got_the_place
from .forms import RegistrationForm
from .models import EventPage, EventSession, Registration
from .models.registrations import ACTIVE_STATUSES
from .signals import booking_answered


def _require(user, action):
    require_permission(user, f"events.{action}_registration")


class StaffRegistrationForm(RegistrationForm):
    """The public form, as staff fill it in for someone on the phone or at the desk."""

    channel = forms.ChoiceField(
        label=_("Inscription reçue"),
        choices=[
            (Registration.Channel.PHONE, _("par téléphone")),
            (Registration.Channel.DESK, _("à l'accueil")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Consent is the resident ticking the box online; the honeypot only stops robots.
        del self.fields["consent"]
        del self.fields["website"]
        self.fields["commune"].label = _("Commune")
        self.fields["commune"].empty_label = "---------"
        self.fields["phone"].help_text = _("Par exemple : 06 12 34 56 78. Un fixe ne reçoit pas de SMS.")
        self.fields["contact_by"].label = _("Si la personne donne les deux : la prévenir")
        self.fields["contact_by"].help_text = _(
            "Demandez-lui si elle veut des SMS. Sans e-mail, un portable reçoit des SMS ; un fixe, aucun : "
            "l'équipe l'appelle."
        )
        self.fields["email"].help_text = _("Si la personne en a une : elle recevra la confirmation et son lien.")
        self.fields["needs_childcare"].label = _("Garde d'enfants pendant la séance")
        self.fields["needs_accessibility"].label = _("Accès adapté")
        self.fields["needs_interpreter"].label = _("Interprète")
        self.fields["needs_details"].label = _("Précisions sur les besoins")
        self.fields["heard_from"].label = _("Connu par")
        self.fields["heard_from"].choices = [("", _("Non renseigné")), *Registration.HeardFrom.choices]


def session_headcounts(session, registrations):
    """Places, taken, left, and per status the number of registrations and of people."""
    by_status = {status: {"registrations": 0, "people": 0} for status in Registration.Status.values}
    for registration in registrations:
        by_status[registration.status]["registrations"] += 1
        by_status[registration.status]["people"] += registration.people
    taken = services.places_taken(session)
    return {
        "places": session.places,
        "taken": taken,
        "left": services.places_left(session, taken),
        "confirmed": by_status[Registration.Status.CONFIRMED],
        "pending": by_status[Registration.Status.PENDING],
        "waiting": by_status[Registration.Status.WAITING],
    }


def desk_booking_outcome(session, registration):
    """What staff are told after a phone or desk booking, including why it is on the waiting list."""
    name = registration.contact_name
    if registration.status != Registration.Status.WAITING:
        return _("%(name)s est inscrit ou inscrite (%(outcome)s).") % {
            "name": name,
            "outcome": registration.get_status_display().lower(),
        }
    position = services.waiting_position(registration)
    left = services.places_left(session)
    if left is not None and left >= registration.people:
        why = _("il reste %(left)s place(s), mais %(ahead)s inscription(s) attendaient déjà et passent avant") % {
            "left": left,
            "ahead": position - 1,
        }
    else:
        why = _("il reste %(left)s place(s) pour %(people)s personne(s)") % {
            "left": left or 0,
            "people": registration.people,
        }
    return _(
        "%(name)s est sur la liste d'attente, n° %(position)s : %(why)s. Pour lui donner une place quand même, "
        "utilisez « Confirmer hors liste »."
    ) % {"name": name, "position": position, "why": why}


def session_label(session):
    return f"{session.event.title} – {timezone.localtime(session.start):%d/%m/%Y %H:%M}"


class SessionRegistrationsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "events/admin/session_registrations.html"
    header_icon = "group"

    def dispatch(self, request, session_id):
        _require(request.user, "view")
        self.session = get_object_or_404(EventSession.objects.select_related("event", "venue__commune"), pk=session_id)
        return super().dispatch(request, session_id)

    def get_page_title(self):
        return _("Inscriptions")

    def get_page_subtitle(self):
        return session_label(self.session)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("events-admin:sessions"), "label": _("Séances")},
            {
                "url": reverse("events-admin:event", args=[self.session.event_id]),
                "label": self.session.event.title,
            },
            {"url": "", "label": f"{timezone.localtime(self.session.start):%d/%m/%Y %H:%M}"},
        ]

    @cached_property
    def can_register(self):
        return self.request.user.has_perm("events.add_registration")

    def get_form(self, data=None):
        return StaffRegistrationForm(data, event=self.session.event, organisation="", prefix="staff")

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        registrations = list(self.session.registrations.select_related("commune").order_by("created_at", "pk"))
        position = 0
        for registration in registrations:
            # Same order as services.waiting_position, without one query per row.
            if registration.status == Registration.Status.WAITING:
                position += 1
                registration.waiting_position = position
            else:
                registration.waiting_position = None
        last = texts.last_texts(registrations)
        for registration in registrations:
            registration.last_text = last[registration.pk]
        export_url = reverse("inscriptions:index") + f"?session={self.session.pk}&export="
        context.update(
            session=self.session,
            event=self.session.event,
            registrations=registrations,
            counts=session_headcounts(self.session, registrations),
            can_change=self.request.user.has_perm("events.change_registration"),
            form=form or (self.get_form() if self.can_register else None),
            action_url=reverse("events-admin:session-action", args=[self.session.pk]),
            csv_url=export_url + "csv",
            xlsx_url=export_url + "xlsx",
            Status=Registration.Status,
        )
        return context

    def post(self, request, session_id):
        _require(request.user, "add")
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                booking = services.register(
                    self.session.event, [self.session.pk], form.attendee(), channel=form.cleaned_data["channel"]
                )
            except services.RegistrationError as error:
                form.add_error(None, error.message)
            else:
                # The optional answers are stored apart, with the session only, as online.
                booking_answered.send(sender=None, session=self.session, answers=form.question_answers())
                registration = booking.registrations[0]
                staff_actions.journal(registration, "events.registration.desk_booking", request.user)
                messages.success(request, desk_booking_outcome(self.session, registration))
                return HttpResponseRedirect(request.path)
        messages.error(request, _("L'inscription n'a pas été enregistrée : corrigez les erreurs ci-dessous."))
        return self.render_to_response(self.get_context_data(form=form))


ACTIONS = {
    "approve": _("La demande de %(name)s est acceptée : sa place est confirmée."),
    "refuse": _("La demande de %(name)s est refusée."),
    "cancel": _("L'inscription de %(name)s est annulée."),
    "present": _("%(name)s est noté(e) présent(e)."),
    "absent": _("%(name)s est noté(e) absent(e)."),
    "called": _("Appel de %(name)s noté : plus rien à lui dire."),
}
JOURNAL = {
    "approve": "events.registration.approve",
    "refuse": "events.registration.refuse",
    "cancel": "events.registration.cancel",
    "present": "events.registration.present",
    "absent": "events.registration.absent",
    "called": "events.registration.called",
}


def _apply(action, registration):
    """Run one row action through the services; True when something changed."""
    if action == "approve":
        return services.approve(registration.pk).status == Registration.Status.CONFIRMED
    if action == "refuse":
        return services.refuse(registration.pk).status == Registration.Status.REFUSED
    if action == "cancel":
        return bool(services.cancel([registration.pk], by=Registration.CancelledBy.STAFF))
    if action == "called":
        return bool(Registration.objects.filter(pk=registration.pk).exclude(call_reason="").update(call_reason=""))
    services.set_attendance(registration.pk, action == "present")
    return True


def session_action(request, session_id):
    """One row button of the session page: approve, refuse, cancel, present, absent (POST only)."""
    _require(request.user, "change")
    if request.method != "POST":
        raise PermissionDenied
    action = request.POST.get("action")
    if action not in ACTIONS:
        raise Http404
    try:
        registration_id = int(request.POST.get("registration", ""))
    except ValueError as error:
        raise Http404 from error
    registration = get_object_or_404(
        Registration.objects.select_related("session__event"), pk=registration_id, session_id=session_id
    )
    name = registration.contact_name
    waiting_before = list(
        Registration.objects.filter(session_id=session_id, status=Registration.Status.WAITING).values_list(
            "pk", flat=True
        )
    )
    if _apply(action, registration):
        staff_actions.journal(registration, JOURNAL[action], request.user)
        messages.success(request, ACTIONS[action] % {"name": name})
        tell_who_got_the_place(request, given_places(session_id, waiting_before))
    else:
        messages.warning(request, _("Rien n'a changé : l'inscription de %(name)s avait déjà changé.") % {"name": name})
    return HttpResponseRedirect(reverse("events-admin:session", args=[session_id]))


class EventRegistrationsView(WagtailAdminTemplateMixin, TemplateView):
    """One line per session of an event, with its headcounts, linking to each session page."""

    template_name = "events/admin/event_registrations.html"
    header_icon = "group"

    def dispatch(self, request, event_id):
        _require(request.user, "view")
        self.event = get_object_or_404(EventPage, pk=event_id)
        return super().dispatch(request, event_id)

    def get_page_title(self):
        return _("Inscriptions")

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("events-admin:sessions"), "label": _("Séances")},
            {"url": "", "label": self.event.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        holding = Q(registrations__status__in=services.HOLDING_STATUSES)
        sessions = (
            self.event.sessions.select_related("venue__commune")
            .annotate(
                taken_adults=Sum("registrations__adults", filter=holding),
                taken_children=Sum("registrations__children", filter=holding),
                active=Count("registrations", filter=Q(registrations__status__in=ACTIVE_STATUSES)),
                waiting=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
                attended=Count("registrations", filter=Q(registrations__attended=True)),
            )
            .order_by("start", "pk")
        )
        rows = []
        for session in sessions:
            taken = (session.taken_adults or 0) + (session.taken_children or 0)
            rows.append({"session": session, "taken": taken, "left": services.places_left(session, taken)})
        context.update(event=self.event, rows=rows, now=timezone.now())
        return context
