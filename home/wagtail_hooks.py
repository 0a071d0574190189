"""The shared vocabulary in the admin: one "Vocabulaire" menu for themes, publics and communes."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Audience, Commune, Theme


class VocabularyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class ThemeViewSet(VocabularyViewSet):
    model = Theme
    icon = "tag"


class AudienceViewSet(VocabularyViewSet):
    model = Audience
    icon = "group"


class CommuneViewSet(SnippetViewSet):
    model = Commune
    icon = "site"
    list_display = ["name", "postcode", "slug"]
    search_fields = ["name", "postcode"]
    ordering = ["name"]


class VocabularyViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, AudienceViewSet, CommuneViewSet)
    menu_icon = "tag"
    menu_label = _("Vocabulaire")
    menu_name = "vocabulary"
    menu_order = 300


register_snippet(VocabularyViewSetGroup)
