"""The appointment inbox in the Wagtail admin: the list (a ModelViewSet), the detail page and its actions.

Reading needs `appointments.view_appointmentrequest`, every action
`appointments.change_appointmentrequest`. Each opening of a request is journaled. No add, edit,
delete, export or history views: changes go through `appointments.services`.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from home.models import Commune

from . import services
from .forms import AssignForm, NoteForm, ProposalForm, StatusForm
from .models import AppointmentRequest, AppointmentSubject, Status

VIEW_PERM = "appointments.view_appointmentrequest"
CHANGE_PERM = "appointments.change_appointmentrequest"


def _require(user, perm):
    if not user.has_perm(perm):
        raise PermissionDenied


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


class AppointmentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Statut"), choices=Status.choices)
    subject = django_filters.ModelChoiceFilter(label=_("Objet"), queryset=AppointmentSubject.objects.all())
    commune = django_filters.ModelChoiceFilter(label=_("Commune"), queryset=Commune.objects.all())
    created_at = django_filters.DateFromToRangeFilter(label=_("Reçue entre"), widget=DateRangePickerWidget)

    class Meta:
        model = AppointmentRequest
        fields = ["status", "subject", "commune", "created_at"]


class AppointmentIndexView(generic.IndexView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = False  # no spreadsheet of requests leaves the admin

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("subject", "commune", "assigned_to")


class AppointmentViewSet(ModelViewSet):
    model = AppointmentRequest
    icon = "calendar-check"
    menu_label = _("Rendez-vous")
    menu_order = 306
    add_to_admin_menu = True
    name = "rendez_vous"
    url_prefix = "rendez-vous"
    index_view_class = AppointmentIndexView
    inspect_view_enabled = False
    copy_view_enabled = False
    add_to_reference_index = False
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    list_display = [
        TitleColumn("reference", label=_("Référence"), get_url=detail_url),
        Column("subject", label=_("Objet")),
        Column("status", label=_("Statut"), accessor="get_status_display", sort_key="status"),
        Column("commune", label=_("Commune")),
        Column("assigned_to", label=_("Suivie par")),
        DateColumn("created_at", label=_("Reçue le"), sort_key="created_at"),
    ]
    filterset_class = AppointmentFilterSet
    search_fields = ["reference", "first_name", "last_name", "email", "phone"]
    search_backend_name = None

    def get_common_view_kwargs(self, **kwargs):
        # Only the list exists; the detail page is ours (journaled), changes go through the services.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", RequestDetailView.as_view(), name="detail"),
            path("<int:pk>/action/", request_action, name="action"),
        ]

    def register_admin_url_finder(self):
        pass  # no edit view to point to


class RequestDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "appointments/admin/request_detail.html"
    header_icon = "calendar-check"

    def dispatch(self, request, pk):
        _require(request.user, VIEW_PERM)
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


def request_action(request, pk):
    """One POST per action (status, assign, note, proposal), then back to the detail page."""
    _require(request.user, CHANGE_PERM)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    appointment = get_object_or_404(AppointmentRequest, pk=pk)
    action = request.POST.get("action")
    back = HttpResponseRedirect(reverse("rendez_vous:detail", args=[pk]))
    if action == "status":
        form = StatusForm(request.POST, prefix="status")
        if form.is_valid():
            services.change_status(pk, form.cleaned_data["status"], user=request.user)
            messages.success(request, _("Le statut est changé."))
            return back
    elif action == "assign":
        form = AssignForm(request.POST, users=staff_queryset(), prefix="assign")
        if form.is_valid():
            services.assign(pk, form.cleaned_data["assigned_to"], user=request.user)
            messages.success(request, _("La demande est attribuée."))
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
            services.propose_appointment(pk, start, form.cleaned_data["place"], user=request.user)
            if appointment.email:
                messages.success(request, _("Le rendez-vous est proposé : la personne le reçoit par e-mail."))
            else:
                messages.warning(
                    request, _("Le rendez-vous est enregistré. La personne n'a pas d'e-mail : prévenez-la.")
                )
            return back
    messages.error(request, _("Rien n'a changé : vérifiez les champs du formulaire."))
    return back
