"""Partner organisations in the admin, for the CIAS (partners' own accounts never see this list)."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations partenaires")
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["name"]
    search_fields = ["name"]


register_snippet(OrganisationViewSet)
