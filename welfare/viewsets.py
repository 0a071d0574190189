"""The register's admin, grouped under "Registre": people, campaigns, transmission, re-confirmation, journal.

Only the list of people and the list of campaigns are Wagtail ModelViewSets (for their
filters, search and pagination); everything else is our own views (journaled, through the
services). No add/edit/delete/history/usage/inspect views of Wagtail's: they would log the
objects in Wagtail's own history or show them elsewhere. No spreadsheet export of the lists.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from home.models import Commune
from portal.private import private

from .admin_views import campaigns, entries, register
from .admin_views.common import ADD, CAMPAIGN_ADD, CAMPAIGN_VIEW, VIEW, refused
from .choices import CampaignKind, Ground, Status
from .models import Campaign, RegisterEntry


class PermissionMenuItem(MenuItem):
    permissions = (VIEW,)

    def is_shown(self, request):
        return request.user.has_perms(self.permissions)


class ProtectedIndexView(generic.IndexView):
    """Wagtail's list, answering a plain 403 (not a redirect) without the permissions, never exported."""

    permissions = (VIEW,)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(self.permissions):
            return refused(request)
        return private(super().dispatch(request, *args, **kwargs))

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = False


NO_GENERIC_VIEWS = {
    "add_url_name": None,
    "edit_url_name": None,
    "delete_url_name": None,
    "history_url_name": None,
    "usage_url_name": None,
    "copy_url_name": None,
    "inspect_url_name": None,
}


class ProtectedModelViewSet(ModelViewSet):
    permissions = (VIEW,)
    add_to_admin_menu = False
    inspect_view_enabled = False
    copy_view_enabled = False
    add_to_reference_index = False
    search_backend_name = None  # plain database filtering: nothing of the register in a search index

    @property
    def menu_item_class(self):
        return type(f"{type(self).__name__}MenuItem", (PermissionMenuItem,), {"permissions": self.permissions})

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{**NO_GENERIC_VIEWS, **kwargs})

    def register_admin_url_finder(self):
        pass  # no Wagtail edit view to point to

    def get_url_name(self, view_name):
        return f"{self.url_namespace}:{view_name}"


class EntryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Statut"), choices=Status.choices)
    commune = django_filters.ModelChoiceFilter(label=_("Commune"), queryset=Commune.objects.all())
    ground = django_filters.ChoiceFilter(label=_("Motif"), choices=[c for c in Ground.choices if c[0] != Ground.NONE])
    needs_call = django_filters.BooleanFilter(label=_("À appeler pour confirmer"))

    class Meta:
        model = RegisterEntry
        fields = ["status", "commune", "ground", "needs_call"]


class EntryIndexView(ProtectedIndexView):
    add_item_label = _("Inscrire une personne")

    def get_add_url(self):
        return reverse("registre:add") if self.request.user.has_perm(ADD) else None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("commune")


def detail_url(entry):
    return entries.entry_url(entry)


class EntryViewSet(ProtectedModelViewSet):
    model = RegisterEntry
    name = "registre"
    url_prefix = "registre"
    icon = "group"
    menu_label = _("Personnes inscrites")
    index_view_class = EntryIndexView
    ordering = ["-status", "commune__name", "last_name", "first_name", "pk"]
    list_per_page = 50
    list_display = [
        TitleColumn("full_name", label=_("Nom"), get_url=detail_url, sort_key="last_name"),
        Column("commune", label=_("Commune"), sort_key="commune__name"),
        Column("status", label=_("Statut"), accessor="get_status_display", sort_key="status"),
        BooleanColumn("needs_call", label=_("À appeler")),
        DateColumn("created_at", label=_("Demandée le"), sort_key="created_at"),
        Column("reference", label=_("Référence")),
    ]
    filterset_class = EntryFilterSet
    search_fields = ["last_name", "first_name", "reference", "phone", "phone_other", "address"]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("ajouter/", entries.EntryAddView.as_view(), name="add"),
            path("<int:pk>/", entries.EntryDetailView.as_view(), name="detail"),
            path("<int:pk>/modifier/", entries.EntryEditView.as_view(), name="edit"),
            path("<int:pk>/accord/", entries.agree, name="agree"),
            path("<int:pk>/confirmation/", entries.confirm, name="confirm"),
            path("<int:pk>/retirer/", entries.EntryRemoveView.as_view(), name="remove"),
            path("<int:pk>/accuse-de-reception.pdf", entries.letter, name="letter"),
            path("<int:pk>/donnees.json", entries.data, name="data"),
        ]


class CampaignIndexView(ProtectedIndexView):
    permissions = (VIEW, CAMPAIGN_VIEW)
    add_item_label = _("Déclencher une veille")

    def get_add_url(self):
        return reverse("veilles:open") if self.request.user.has_perm(CAMPAIGN_ADD) else None


class CampaignFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=CampaignKind.choices)

    class Meta:
        model = Campaign
        fields = ["kind"]


def campaign_detail_url(campaign):
    return campaigns.campaign_url(campaign)


class CampaignViewSet(ProtectedModelViewSet):
    model = Campaign
    permissions = (VIEW, CAMPAIGN_VIEW)
    name = "veilles"
    url_prefix = "registre/veilles"
    icon = "warning"
    menu_label = _("Veilles")
    index_view_class = CampaignIndexView
    ordering = ["-opened_at", "-pk"]
    list_display = [
        TitleColumn("title", label=_("Veille"), get_url=campaign_detail_url),
        Column("commune_names", label=_("Communes"), accessor="commune_names_label"),
        Column("listed_count", label=_("Personnes")),
        Column("calls_count", label=_("Appels")),
        DateColumn("closed_at", label=_("Close le")),
    ]
    filterset_class = CampaignFilterSet
    search_fields = None

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("declencher/", campaigns.CampaignOpenView.as_view(), name="open"),
            path("<int:pk>/", campaigns.CampaignDetailView.as_view(), name="detail"),
            path("<int:pk>/appel/<int:line>/", campaigns.CallView.as_view(), name="call"),
            path("<int:pk>/feuille-d-appels.pdf", campaigns.call_sheet, name="sheet"),
            path("<int:pk>/clore/", campaigns.CampaignCloseView.as_view(), name="close"),
        ]


class PlainViewSet(ViewSet):
    """A few of our own views under one menu entry, shown only with `permissions`."""

    permissions = (VIEW,)
    urls = ()

    @property
    def menu_item_class(self):
        return type(f"{type(self).__name__}MenuItem", (PermissionMenuItem,), {"permissions": self.permissions})

    def get_urlpatterns(self):
        return list(self.urls)


class TransmissionViewSet(PlainViewSet):
    name = "transmission"
    url_prefix = "registre/transmission"
    icon = "upload"
    menu_label = _("Transmettre au préfet")
    permissions = (VIEW, "welfare.transmit_registerentry")
    urls = (path("", register.TransmissionView.as_view(), name="index"),)


class ReconfirmationViewSet(PlainViewSet):
    name = "reconfirmation"
    url_prefix = "registre/reconfirmation"
    icon = "redirect"
    menu_label = _("Reconfirmation annuelle")
    urls = (
        path("", register.ReconfirmationView.as_view(), name="index"),
        path("courriers.pdf", register.letters_pdf, name="letters"),
    )


class JournalViewSet(PlainViewSet):
    name = "journal_registre"
    url_prefix = "registre/journal"
    icon = "history"
    menu_label = _("Journal du registre")
    urls = (path("", register.JournalView.as_view(), name="index"),)


class RegisterViewSetGroup(ViewSetGroup):
    menu_label = _("Registre")
    menu_icon = "group"
    menu_order = 307
    items = (EntryViewSet, CampaignViewSet, TransmissionViewSet, ReconfirmationViewSet, JournalViewSet)
