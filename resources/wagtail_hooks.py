"""Resource formats in the admin (the themes, publics and communes are in home's "Vocabulaire")."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ResourceFormat


class ResourceFormatViewSet(SnippetViewSet):
    model = ResourceFormat
    icon = "doc-full"
    menu_label = _("Formats de ressource")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


register_snippet(ResourceFormatViewSet)
