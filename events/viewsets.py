"""Registrations in the Wagtail admin: the list Sophie filters, exports and opens session by session.

Status changes never happen here: approving, refusing, cancelling and attendance go through
`events.services` from the session page (`events.admin_views`), so the waiting list is promoted
and emails leave exactly as they do for residents.
"""

from datetime import datetime

from django import forms
from django.contrib import messages
from django.db.models import CharField, Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from portal import phones
from portal.exports import SpreadsheetExportMixin, Text, export_filename
from portal.models import OutboundText
from portal.staff import PhoneSearchMixin

from . import services, texts
from .models import EventPage, EventSession, Registration
from .models.registrations import ACTIVE_STATUSES


def yes_no(value):
    """A boolean cell for people reading the spreadsheet: "oui", "non", or empty when unknown."""
    if value is None:
        return ""
    return "oui" if value else "non"


def phone_text(number):
    """ "06 12 34 56 78", as text: a spreadsheet keeps the leading zero."""
    return Text(phones.format_phone(number))


def last_text_label(registration):
    status = getattr(registration, "last_text_status", None)
    if status:
        return OutboundText.Status(status).label
    return _("aucun") if registration.wants_texts else _("sans objet")


def session_page_url(registration):
    return reverse("events-admin:session", args=[registration.session_id])


# Export columns: key -> (French heading, value). Names and contact details are what a
# facilitator needs to call people; tokens never leave the database.
EXPORT_COLUMNS = {
    "last_name": (_("Nom"), lambda r: r.last_name),
    "first_name": (_("Prénom"), lambda r: r.first_name),
    "email": (_("E-mail"), lambda r: r.email),
    "phone": (_("Téléphone"), lambda r: phone_text(r.phone)),
    "commune": (_("Commune"), lambda r: r.commune.name if r.commune else ""),
    "event": (_("Temps ressources"), lambda r: r.session.event.title),
    "session": (_("Séance"), lambda r: r.session.start),
    "status": (_("Statut"), lambda r: r.get_status_display()),
    "waiting_rank": (_("Rang en liste d'attente"), lambda r: r.waiting_rank),
    "adults": (_("Adultes"), lambda r: r.adults),
    "children": (_("Enfants"), lambda r: r.children),
    "needs_childcare": (_("Garde d'enfants"), lambda r: yes_no(r.needs_childcare)),
    "needs_accessibility": (_("Accessibilité"), lambda r: yes_no(r.needs_accessibility)),
    "needs_interpreter": (_("Interprète"), lambda r: yes_no(r.needs_interpreter)),
    "needs_details": (_("Précisions sur les besoins"), lambda r: r.needs_details),
    "channel": (_("Canal"), lambda r: r.get_channel_display()),
    "contact_by": (_("Prévenu"), lambda r: r.get_contact_by_display() if r.reachable else _("par appel")),
    "last_text": (_("Dernier SMS"), last_text_label),
    "attended": (_("Présence"), lambda r: yes_no(r.attended)),
    "created_at": (_("Inscrit le"), lambda r: r.created_at),
}


class RegistrationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Statut"), choices=Registration.Status.choices)
    channel = django_filters.ChoiceFilter(label=_("Canal"), choices=Registration.Channel.choices)
    event = django_filters.ModelChoiceFilter(
        label=_("Temps ressources"), field_name="session__event", queryset=EventPage.objects.order_by("title")
    )
    # Also what the session page's export links use (`?session=<id>&export=csv`).
    session = django_filters.ModelChoiceFilter(
        label=_("Séance"),
        queryset=EventSession.objects.select_related("event").order_by("-start"),
    )
    attended = django_filters.ChoiceFilter(
        label=_("Présence"),
        choices=[("yes", _("Présent")), ("no", _("Absent")), ("unknown", _("Non renseignée"))],
        method="filter_attended",
    )

    class Meta:
        model = Registration
        fields = ["status", "channel", "event", "session", "attended"]

    def filter_attended(self, queryset, name, value):
        return {
            "yes": queryset.filter(attended=True),
            "no": queryset.filter(attended=False),
            "unknown": queryset.filter(attended__isnull=True),
        }.get(value, queryset)


def with_waiting_rank(queryset):
    """Annotate `waiting_rank`: 1 for the first person waiting for the session, as on its page."""
    waiting = Registration.Status.WAITING
    earlier = (
        Registration.objects.filter(session=OuterRef("session"), status=waiting)
        .filter(Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk")))
        .order_by()
        .values("session")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(earlier_waiting=Subquery(earlier))


def with_last_text(queryset):
    """Annotate `last_text_status`: the newest text about the registration or its booking."""
    lead = Registration.objects.filter(token_key=OuterRef("token_key")).order_by("pk").values("pk")[:1]
    prefix = Value(texts.topic(""))
    newest = (
        OutboundText.objects.filter(
            Q(topic=Concat(prefix, Cast(OuterRef("pk"), CharField())))
            | Q(topic=Concat(prefix, Cast(OuterRef("lead_pk"), CharField())))
        )
        .order_by("-created_at", "-pk")
        .values("status")[:1]
    )
    return queryset.annotate(lead_pk=Subquery(lead)).annotate(last_text_status=Subquery(newest))


class RegistrationIndexView(PhoneSearchMixin, SpreadsheetExportMixin, generic.IndexView):
    export_sheet_title = _("Inscriptions")

    def get_base_queryset(self):
        queryset = with_last_text(super().get_base_queryset().select_related("session__event", "commune"))
        return with_waiting_rank(queryset) if self.is_export else queryset

    def to_row_dict(self, item):
        if self.is_export:
            waiting = item.status == Registration.Status.WAITING
            item.waiting_rank = (item.earlier_waiting or 0) + 1 if waiting else None
        return {key: EXPORT_COLUMNS[key][1](item) for key in self.list_export}

    def get_filename(self):
        """`inscriptions-atelier-budget-2027-03-23-14h00` for one session, else with today's date."""
        session = self.filters.form.cleaned_data.get("session") if self.filters and self.filters.is_valid() else None
        if session:
            start = timezone.localtime(session.start)
            return export_filename("inscriptions", session.event.title, f"{start:%Y-%m-%d-%Hh%M}")
        return export_filename("inscriptions", f"{timezone.localdate():%Y-%m-%d}")


class RegistrationInspectView(generic.InspectView):
    """One registration as staff read it: "oui"/"non", local dates written out, "—" for nothing."""

    def get_field_display_value(self, field_name, field):
        value = getattr(self.object, field_name, None)
        if field_name == "phone":
            return phones.format_phone(value) or "—"
        if isinstance(value, bool) or value is None:
            return {True: _("oui"), False: _("non"), None: "—"}[value]
        if isinstance(value, datetime):
            return date_format(timezone.localtime(value), "l j F Y, H:i")
        return super().get_field_display_value(field_name, field)


class RegistrationCreateView(generic.CreateView):
    """No blank registration form: a booking needs the service (places, waiting list, token)."""

    def dispatch(self, request, *args, **kwargs):
        messages.info(request, _("Pour inscrire une personne, ouvrez la page de la séance (colonne « Séance »)."))
        return HttpResponseRedirect(reverse(self.index_url_name))


class RegistrationDeleteView(generic.DeleteView):
    """Deleting (e.g. on request under the RGPD) first cancels, so the waiting list gets the place."""

    def delete_action(self):
        if self.object.is_active:
            services.cancel([self.object.pk], by=Registration.CancelledBy.STAFF, tell=False)
        super().delete_action()


class RegistrationAdminForm(forms.ModelForm):
    """Contact details and needs only; status, headcounts and session change through the services."""

    class Meta:
        model = Registration
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "commune",
            "needs_childcare",
            "needs_accessibility",
            "needs_interpreter",
            "needs_details",
            "heard_from",
        ]

    phone = phones.PhoneNumberField(label=_("Téléphone"), required=False)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        email, phone = cleaned.get("email"), cleaned.get("phone")
        if self.instance.status in ACTIVE_STATUSES and (email or phone):
            # The unique constraints cover session and status, which this form does not
            # include, so Django would not check them: say it here instead of a server error.
            clash = Q(email=email) if email else Q(pk__in=[])
            if phone:
                clash |= Q(phone=phone)
            others = Registration.objects.filter(
                clash, session_id=self.instance.session_id, status__in=ACTIVE_STATUSES
            ).exclude(pk=self.instance.pk)
            if others.exists():
                raise forms.ValidationError(
                    _("Une autre inscription active à cette séance a déjà cette adresse e-mail ou ce numéro.")
                )
        return cleaned


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Toutes les inscriptions")
    add_to_admin_menu = False  # under "Inscriptions" (wagtail_hooks.py), beside the sessions calendar
    name = "inscriptions"
    index_view_class = RegistrationIndexView
    add_view_class = RegistrationCreateView
    delete_view_class = RegistrationDeleteView
    inspect_view_enabled = True
    inspect_view_class = RegistrationInspectView
    copy_view_enabled = False
    ordering = ["-session__start", "created_at", "pk"]
    list_per_page = 50
    list_display = [
        "last_name",
        "first_name",
        TitleColumn(
            "session", label=_("Séance"), get_url=session_page_url, sort_key="session__start", accessor="session"
        ),
        Column("status", label=_("Statut"), accessor="get_status_display", sort_key="status"),
        Column("people", label=_("Personnes")),
        Column("channel", label=_("Canal"), accessor="get_channel_display", sort_key="channel"),
        Column("last_text", label=_("Dernier SMS"), accessor=last_text_label),
        BooleanColumn("attended", label=_("Présence"), sort_key="attended"),
    ]
    filterset_class = RegistrationFilterSet
    search_fields = ["first_name", "last_name", "email", "phone"]
    search_backend_name = None
    list_export = list(EXPORT_COLUMNS)
    export_headings = {key: heading for key, (heading, _value) in EXPORT_COLUMNS.items()}
    export_filename = "inscriptions"
    inspect_view_fields = [
        "session",
        "status",
        "first_name",
        "last_name",
        "email",
        "phone",
        "commune",
        "adults",
        "children",
        "needs_childcare",
        "needs_accessibility",
        "needs_interpreter",
        "needs_details",
        "heard_from",
        "channel",
        "contact_by",
        "attended",
        "call_reason",
        "cancelled_by",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "reminder_sent_at",
        "needs_erased_at",
    ]

    def get_form_class(self, for_update=False):
        return RegistrationAdminForm

    def get_index_view_kwargs(self, **kwargs):
        # No "Add" button: people are registered from the session page, through the service.
        return super().get_index_view_kwargs(add_url_name=None, **kwargs)
