"""The appointment inbox's list in the Wagtail admin (its detail page and actions: admin_views.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from home.models import Commune
from portal.staff import PhoneSearchMixin

from .admin_views import RequestDetailView, detail_url, request_action
from .models import CLOSED_STATUSES, AppointmentRequest, AppointmentSubject, Status

VIEWS = [("ouvertes", _("Ouvertes (par défaut)")), ("miennes", _("Les miennes, ouvertes")), ("toutes", _("Toutes"))]


class AppointmentFilterSet(WagtailFilterSet):
    # What Karim opens the inbox for: the requests still to handle. "Toutes" shows the closed too.
    vue = django_filters.ChoiceFilter(label=_("Demandes"), choices=VIEWS, method="filter_view", empty_label=None)
    status = django_filters.ChoiceFilter(label=_("Statut"), choices=Status.choices)
    subject = django_filters.ModelChoiceFilter(label=_("Objet"), queryset=AppointmentSubject.objects.all())
    commune = django_filters.ModelChoiceFilter(label=_("Commune"), queryset=Commune.objects.all())
    created_at = django_filters.DateFromToRangeFilter(label=_("Reçue entre"), widget=DateRangePickerWidget)

    class Meta:
        model = AppointmentRequest
        fields = ["vue", "status", "subject", "commune", "created_at"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("vue"):
            data = data.copy()
            data["vue"] = "ouvertes"
        super().__init__(data, *args, **kwargs)

    def filter_view(self, queryset, name, value):
        if value == "toutes":
            return queryset
        queryset = queryset.exclude(status__in=CLOSED_STATUSES)
        return queryset.filter(assigned_to=self.request.user) if value == "miennes" else queryset


class AppointmentIndexView(PhoneSearchMixin, generic.IndexView):
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
        Column("assigned_to", label=_("Suivie par"), accessor="assignee_name"),
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


class AppointmentSubjectViewSet(SnippetViewSet):
    """What residents may ask about, maintained by the social team."""

    model = AppointmentSubject
    icon = "tag"
    menu_label = _("Objets de rendez-vous")
    list_display = ["name", "sort_order", "active"]
    list_filter = ["active"]
