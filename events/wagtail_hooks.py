"""Venues and registrations in the admin, next to the shared vocabulary."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import (
    admin_actions,
    admin_duplicate,
    admin_sessions,
    admin_views,
    partner_access,  # noqa: F401 - registers the partner contributors' hooks
    print_admin,
)
from .models import EventPage, PartnerFeed, Venue
from .viewsets import RegistrationViewSet


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "home"
    menu_label = _("Lieux")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "commune", "address"]
    list_filter = ["commune", "step_free_access", "hearing_loop"]
    search_fields = ["name", "address"]


register_snippet(VenueViewSet)


class PartnerFeedViewSet(SnippetViewSet):
    """The partners' iCalendar feeds, each with its last run (counts or the error, in French)."""

    model = PartnerFeed
    icon = "calendar-alt"
    menu_label = _("Flux des partenaires")
    menu_order = 315
    add_to_admin_menu = True
    list_display = ["organisation", "url", "publish_at_once", "last_run_at", "last_run"]
    list_filter = ["organisation", "publish_at_once"]


register_snippet(PartnerFeedViewSet)


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet()


SESSION = "inscriptions/seance/<int:session_id>/"
REGISTRATION = SESSION + "inscription/<int:registration_id>/"
ADMIN_URLS = [
    path("inscriptions/seances/", admin_sessions.SessionsCalendarView.as_view(), name="sessions"),
    path(SESSION, admin_views.SessionRegistrationsView.as_view(), name="session"),
    path(SESSION + "action/", admin_views.session_action, name="session-action"),
    path(SESSION + "emargement.pdf", admin_sessions.attendance_sheet, name="attendance-sheet"),
    path(SESSION + "message/", admin_actions.MessageView.as_view(), name="session-message"),
    path(REGISTRATION + "annuler/", admin_actions.CancelView.as_view(), name="registration-cancel"),
    path(REGISTRATION + "deplacer/", admin_actions.MoveView.as_view(), name="registration-move"),
    path(REGISTRATION + "confirmer/", admin_actions.ConfirmByHandView.as_view(), name="registration-confirm"),
    path("inscriptions/temps/<int:event_id>/", admin_views.EventRegistrationsView.as_view(), name="event"),
    path("inscriptions/temps/<int:event_id>/dupliquer/", admin_duplicate.DuplicateView.as_view(), name="duplicate"),
    path("imprimer/", print_admin.PrintView.as_view(), name="print"),
]


@hooks.register("register_admin_urls")
def register_registration_urls():
    # Namespaced like the public URLs (`events:manage-registration`): `events-admin:session`…
    return [path("", include((ADMIN_URLS, "events-admin")))]


class PrintMenuItem(MenuItem):
    def is_shown(self, request):
        return print_admin.can_print(request.user)


@hooks.register("register_admin_menu_item")
def register_print_menu_item():
    """ "Imprimer" (programme du mois, affiches) for the Communication and Animation roles."""
    return PrintMenuItem(_("Imprimer"), reverse("events-admin:print"), icon_name="doc-empty", order=305)


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, view_name, next_url=None):
    """From an event's edit screen or listing, one click to who is registered."""
    if page.specific_class is EventPage and user.has_perm("events.view_registration"):
        yield Button(
            _("Inscriptions"),
            url=reverse("events-admin:event", args=[page.pk]),
            icon_name="group",
            priority=80,
        )
    if page.specific_class is EventPage and page.get_parent().permissions_for_user(user).can_add_subpage():
        yield Button(
            _("Dupliquer avec de nouvelles dates"),
            url=reverse("events-admin:duplicate", args=[page.pk]),
            icon_name="copy",
            priority=85,
        )
    if page.specific_class is EventPage and print_admin.can_print(user):
        yield Button(
            _("Affiche"),
            url=reverse("events-admin:print") + f"?affiche={page.pk}",
            icon_name="doc-empty",
            priority=90,
        )


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("events.view_registration")


@hooks.register("register_admin_menu_item")
def register_registrations_menu():
    """ "Inscriptions": the sessions calendar (every session, booked or not) and the full list."""
    return SubmenuMenuItem(
        _("Inscriptions"),
        Menu(
            items=[
                RegistrationsMenuItem(_("Séances"), reverse("events-admin:sessions"), icon_name="date", order=1),
                RegistrationsMenuItem(
                    _("Toutes les inscriptions"), reverse("inscriptions:index"), icon_name="list-ul", order=2
                ),
            ]
        ),
        icon_name="group",
        order=300,
    )


@hooks.register("register_log_actions")
def register_registration_log_actions(actions):
    """What the site history says of the facilitators' actions (events.staff_actions.journal)."""
    for action, label in (
        ("events.registration.desk_booking", _("Inscription par téléphone ou à l'accueil")),
        ("events.registration.approve", _("Demande d'inscription acceptée")),
        ("events.registration.refuse", _("Demande d'inscription refusée")),
        ("events.registration.cancel", _("Inscription annulée par l'équipe")),
        ("events.registration.present", _("Présence notée")),
        ("events.registration.absent", _("Absence notée")),
        ("events.registration.called", _("Appel passé")),
        ("events.registration.move", _("Inscription déplacée vers une autre séance")),
        ("events.registration.confirm_by_hand", _("Place confirmée hors liste d'attente")),
        ("events.session.message", _("Message envoyé aux personnes inscrites")),
    ):
        actions.register_action(action, label, label)
