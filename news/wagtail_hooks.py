"""The site-wide alert in the admin (snippet "Alertes du site", for the Communication role)."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SiteAlert


class SiteAlertViewSet(SnippetViewSet):
    model = SiteAlert
    icon = "warning"
    menu_label = _("Alerte du site")
    menu_name = "site-alerts"
    menu_order = 290
    add_to_admin_menu = True
    list_display = ["message", "level", "starts_at", "ends_at"]
    list_filter = ["level"]
    ordering = ["-starts_at"]


register_snippet(SiteAlertViewSet)
