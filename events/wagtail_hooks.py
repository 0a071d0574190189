"""Venues and registrations in the admin, next to the shared vocabulary."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, print_admin
from .models import EventPage, Venue
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


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet()


ADMIN_URLS = [
    path("inscriptions/seance/<int:session_id>/", admin_views.SessionRegistrationsView.as_view(), name="session"),
    path("inscriptions/seance/<int:session_id>/action/", admin_views.session_action, name="session-action"),
    path("inscriptions/temps/<int:event_id>/", admin_views.EventRegistrationsView.as_view(), name="event"),
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
    if page.specific_class is EventPage and print_admin.can_print(user):
        yield Button(
            _("Affiche"),
            url=reverse("events-admin:print") + f"?affiche={page.pk}",
            icon_name="doc-empty",
            priority=90,
        )
