"""Venues in the admin, next to the shared vocabulary."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Venue


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "home"
    menu_label = "Lieux"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "commune", "address"]
    list_filter = ["commune", "step_free_access", "hearing_loop"]
    search_fields = ["name", "address"]


register_snippet(VenueViewSet)
