"""The facilitator's actions on one registration or one session, each a page with its own form.

Cancel (after a confirmation), move to another session, confirm out of the waiting list's order,
message a session's registrants (after a preview). Each needs `events.change_registration`
and goes through `events.services` / `events.staff_actions`, which journal it. GET never
changes anything.
"""

from django import forms
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.forms import validate_free_text
from portal.staff import require_permission

from . import services, staff_actions
from .models import EventSession, Registration
from .models.registrations import ACTIVE_STATUSES

CHANGE = "events.change_registration"


def given_places(session_id, waiting_before):
    """The registrations that were waiting before and hold a place now (promoted by a change)."""
    return list(
        Registration.objects.filter(pk__in=waiting_before, session_id=session_id, status__in=services.HOLDING_STATUSES)
    )


def tell_who_got_the_place(request, promoted):
    for registration in promoted:
        if registration.email:
            messages.info(
                request, _("La place revient à %(name)s, prévenu(e) par e-mail.") % {"name": registration.contact_name}
            )
        else:
            messages.warning(
                request,
                _("La place revient à %(name)s, qui n'a pas d'e-mail : appelez au %(phone)s.")
                % {"name": registration.contact_name, "phone": registration.phone or "—"},
            )


class MoveForm(forms.Form):
    session = forms.ModelChoiceField(
        label=_("Nouvelle séance"),
        queryset=EventSession.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez la séance où inscrire la personne.")},
    )

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = (
            EventSession.objects.filter(
                event_id=registration.session.event_id, status=EventSession.Status.SCHEDULED, start__gt=timezone.now()
            )
            .exclude(pk=registration.session_id)
            .select_related("venue__commune")
            .order_by("start")
        )
        self.fields["session"].label_from_instance = lambda session: (
            f"{timezone.localtime(session.start):%d/%m/%Y %H:%M}"
            + (f" – {session.venue.commune.name}" if session.venue_id else "")
            + (f" – {left} place(s) restante(s)" if (left := services.places_left(session)) is not None else "")
        )


class HandForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Pourquoi cette personne passe-t-elle avant la liste ?"),
        choices=staff_actions.HandReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une raison : elle est gardée dans l'historique.")},
    )


class MessageForm(forms.Form):
    audience = forms.ChoiceField(label=_("À qui ?"), choices=staff_actions.Audience.choices, widget=forms.RadioSelect)
    subject = forms.CharField(label=_("Objet"), max_length=120, validators=[validate_free_text])
    body = forms.CharField(
        label=_("Message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[validate_free_text],
        help_text=_("Écrit simplement : la date, le lieu et le lien personnel sont ajoutés à chaque message."),
    )


class RegistrationActionView(WagtailAdminTemplateMixin, TemplateView):
    """A page about one registration of a session: its form on GET, the action on POST."""

    header_icon = "group"
    form_class = None

    def dispatch(self, request, session_id, registration_id):
        require_permission(request.user, CHANGE)
        self.registration = get_object_or_404(
            Registration.objects.select_related("session__event", "session__venue__commune"),
            pk=registration_id,
            session_id=session_id,
            status__in=ACTIVE_STATUSES,
        )
        self.session = self.registration.session
        return super().dispatch(request, session_id, registration_id)

    def session_url(self):
        return reverse("events-admin:session", args=[self.session.pk])

    def get_page_subtitle(self):
        return self.registration.contact_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("events-admin:sessions"), "label": _("Séances")},
            {"url": self.session_url(), "label": self.session.event.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form(self, data=None):
        return self.form_class(data) if self.form_class else None

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            registration=self.registration,
            session=self.session,
            form=form or self.get_form(),
            cancel_url=self.session_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form is not None and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        return self.act(form)


class CancelView(RegistrationActionView):
    """ "Annuler" asks first: the button sat next to "Présent(e)", and a click cannot be undone."""

    template_name = "events/admin/confirm_cancel.html"
    page_title = _("Annuler une inscription")

    def act(self, form):
        name = self.registration.contact_name
        waiting = list(
            self.session.registrations.filter(status=Registration.Status.WAITING).values_list("pk", flat=True)
        )
        if services.cancel([self.registration.pk], by=Registration.CancelledBy.STAFF):
            staff_actions.journal(self.registration, "events.registration.cancel", self.request.user)
            messages.success(self.request, _("L'inscription de %(name)s est annulée.") % {"name": name})
            tell_who_got_the_place(self.request, given_places(self.session.pk, waiting))
        return HttpResponseRedirect(self.session_url())


class MoveView(RegistrationActionView):
    template_name = "events/admin/move_registration.html"
    page_title = _("Changer de séance")

    def get_form(self, data=None):
        return MoveForm(data, registration=self.registration)

    def act(self, form):
        target = form.cleaned_data["session"]
        try:
            moved = staff_actions.move_registration(self.registration.pk, target.pk, user=self.request.user)
        except services.RegistrationError as error:
            form.add_error("session", error.message)
            return self.render_to_response(self.get_context_data(form=form))
        outcome = (
            _("place confirmée") if moved.registration.status != Registration.Status.WAITING else _("liste d'attente")
        )
        messages.success(
            self.request,
            _("%(name)s est inscrit(e) le %(date)s (%(outcome)s).")
            % {
                "name": self.registration.contact_name,
                "date": f"{timezone.localtime(target.start):%d/%m/%Y %H:%M}",
                "outcome": outcome,
            },
        )
        tell_who_got_the_place(self.request, moved.promoted)
        return HttpResponseRedirect(reverse("events-admin:session", args=[target.pk]))


class ConfirmByHandView(RegistrationActionView):
    template_name = "events/admin/confirm_by_hand.html"
    page_title = _("Confirmer hors liste d'attente")
    form_class = HandForm

    def act(self, form):
        registration = staff_actions.confirm_by_hand(
            self.registration.pk, reason=form.cleaned_data["reason"], user=self.request.user
        )
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(
                self.request, _("La place de %(name)s est confirmée.") % {"name": registration.contact_name}
            )
        return HttpResponseRedirect(self.session_url())


class MessageView(WagtailAdminTemplateMixin, TemplateView):
    """Write, preview, then send a message to a session's registrants or waiting list."""

    template_name = "events/admin/message_session.html"
    page_title = _("Écrire aux personnes inscrites")
    header_icon = "mail"

    def dispatch(self, request, session_id):
        require_permission(request.user, CHANGE)
        self.session = get_object_or_404(EventSession.objects.select_related("event"), pk=session_id)
        return super().dispatch(request, session_id)

    def get_page_subtitle(self):
        return self.session.event.title

    def get_context_data(self, form=None, preview=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            session=self.session,
            form=form or MessageForm(initial={"audience": staff_actions.Audience.CONFIRMED}),
            preview=preview,
            cancel_url=reverse("events-admin:session", args=[self.session.pk]),
        )
        return context

    def post(self, request, session_id):
        form = MessageForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        if "send" not in request.POST:
            recipients = staff_actions.message_recipients(self.session, data["audience"])
            preview = {
                "emailed": [r for r in recipients if r.email],
                "to_call": [r for r in recipients if not r.email],
                "subject": data["subject"],
                "body": data["body"],
            }
            return self.render_to_response(self.get_context_data(form=form, preview=preview))
        sent = staff_actions.message_registrants(
            self.session.pk, audience=data["audience"], subject=data["subject"], body=data["body"], user=request.user
        )
        messages.success(request, _("Message envoyé à %(count)s personne(s) par e-mail.") % {"count": sent.emailed})
        if sent.to_call:
            messages.warning(
                request,
                _("%(count)s personne(s) sans e-mail sont à appeler : elles sont signalées dans la liste.")
                % {"count": len(sent.to_call)},
            )
        return HttpResponseRedirect(reverse("events-admin:session", args=[self.session.pk]))
