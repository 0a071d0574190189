"""The appointment inbox in the Wagtail admin: the detail page of a request and its actions.

The list is a ModelViewSet (viewsets.py).

Reading needs `appointments.view_appointmentrequest`, every action
`appointments.change_appointmentrequest`. Each opening of a request is journaled. No add, edit,
delete, export or history views: changes go through `appointments.services`.
"""

from django.contrib.auth import get_user_model
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.phones import format_phone
from portal.staff import require_permission

from . import services, texts
from .forms import AssignForm, NoteForm, ProposalForm, StatusForm
from .models import AppointmentRequest, ContactPreference, Status

VIEW_PERM = "appointments.view_appointmentrequest"
CHANGE_PERM = "appointments.change_appointmentrequest"


def display_name(user):
    """ "Karim Haddad", not the login: what the team calls each other."""
    return user.get_full_name() or user.get_username()


def staff_users():
    """Who a request can be given to: the people allowed to handle requests."""
    User = get_user_model()
    users = User.objects.filter(is_active=True).order_by("last_name", "first_name", "pk")
    return [user for user in users if user.has_perm(CHANGE_PERM)]


def staff_queryset():
    ids = [user.pk for user in staff_users()]
    return get_user_model().objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk")


def detail_url(request):
    return reverse("rendez_vous:detail", args=[request.pk])


class RequestDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "appointments/admin/request_detail.html"
    header_icon = "calendar-check"

    def dispatch(self, request, pk):
        require_permission(request.user, VIEW_PERM)
        self.appointment = get_object_or_404(
            AppointmentRequest.objects.select_related("subject", "commune", "assigned_to"), pk=pk
        )
        return super().dispatch(request, pk)

    def get(self, request, *args, **kwargs):
        services.record_view(self.appointment.pk, user=request.user)
        response = super().get(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    def get_page_title(self):
        return _("Demande de rendez-vous")

    def get_page_subtitle(self):
        return self.appointment.reference

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("rendez_vous:index"), "label": _("Rendez-vous")},
            {"url": "", "label": self.appointment.reference},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appointment = self.appointment
        can_change = self.request.user.has_perm(CHANGE_PERM)
        local_start = timezone.localtime(appointment.proposed_start) if appointment.proposed_start else None
        context.update(
            {
                "appointment": appointment,
                "can_change": can_change,
                "action_url": reverse("rendez_vous:action", args=[appointment.pk]),
                "notes": appointment.notes.select_related("author"),
                "texts": texts.sent_texts(appointment),
                "history": appointment.events.select_related("user")[:200],
                "status_form": StatusForm(initial={"status": appointment.status}, prefix="status"),
                "assign_form": AssignForm(
                    initial={"assigned_to": appointment.assigned_to_id}, users=staff_queryset(), prefix="assign"
                ),
                "note_form": NoteForm(prefix="note"),
                "proposal_form": ProposalForm(
                    initial={
                        "date": local_start.date() if local_start else None,
                        "time": local_start.time() if local_start else None,
                        "place": appointment.proposed_place,
                    },
                    prefix="proposal",
                ),
            }
        )
        return context


def proposal_outcome(proposed):
    """(messages function, text): how the person learns of the proposed appointment."""
    phone = {"phone": format_phone(proposed.phone)}
    if services.proposal_goes_by_email(proposed):
        if proposed.wants_texts:
            return messages.success, _("Le rendez-vous est proposé : la personne le reçoit par e-mail et par SMS.")
        return messages.success, _("Le rendez-vous est proposé : la personne le reçoit par e-mail.")
    if proposed.wants_texts:
        if proposed.contact_preference != ContactPreference.PHONE:
            return messages.success, _("Le rendez-vous est proposé : la personne le reçoit par SMS.")
        return messages.success, _(
            "Le rendez-vous est proposé : la personne le reçoit par SMS. Elle préfère être appelée : au %(phone)s."
        ) % phone
    if proposed.phone:
        return messages.warning, _(
            "Le rendez-vous est enregistré. La personne préfère être appelée : appelez-la au %(phone)s."
        ) % phone
    return messages.warning, _("Le rendez-vous est enregistré. Prévenez la personne par courrier.")


def request_action(request, pk):
    """One POST per action (status, assign, note, proposal), then back to the detail page."""
    require_permission(request.user, CHANGE_PERM)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    appointment = get_object_or_404(AppointmentRequest, pk=pk)
    action = request.POST.get("action")
    back = HttpResponseRedirect(reverse("rendez_vous:detail", args=[pk]))
    if action == "status":
        form = StatusForm(request.POST, prefix="status")
        if form.is_valid():
            status = form.cleaned_data["status"]
            label = Status(status).label
            if appointment.status == status:
                messages.info(request, _("Le statut était déjà « %(status)s » : rien n'a changé.") % {"status": label})
            else:
                services.change_status(pk, status, user=request.user)
                messages.success(request, _("Le statut est maintenant « %(status)s ».") % {"status": label})
            return back
    elif action == "assign":
        form = AssignForm(request.POST, users=staff_queryset(), prefix="assign")
        if form.is_valid():
            assignee = form.cleaned_data["assigned_to"]
            services.assign(pk, assignee, user=request.user)
            if assignee:
                messages.success(request, _("La demande est suivie par %(name)s.") % {"name": display_name(assignee)})
            else:
                messages.success(request, _("La demande n'est plus attribuée."))
            return back
    elif action == "note":
        form = NoteForm(request.POST, prefix="note")
        if form.is_valid():
            services.add_note(pk, form.cleaned_data["text"], user=request.user)
            messages.success(request, _("La note est ajoutée."))
            return back
    elif action == "proposal":
        form = ProposalForm(request.POST, prefix="proposal")
        if form.is_valid():
            start = timezone.make_aware(timezone.datetime.combine(form.cleaned_data["date"], form.cleaned_data["time"]))
            proposed = services.propose_appointment(pk, start, form.cleaned_data["place"], user=request.user)
            level, message = proposal_outcome(proposed)
            level(request, message)
            return back
    messages.error(request, _("Rien n'a changé : vérifiez les champs du formulaire."))
    return back
