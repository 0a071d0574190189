"""The aids guide in the admin (situations, tariff grids) and its part of the event pages."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AidStatus, TariffGrid


class AidStatusViewSet(SnippetViewSet):
    model = AidStatus
    icon = "group"
    menu_label = _("Situations")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class TariffGridViewSet(SnippetViewSet):
    model = TariffGrid
    icon = "table"
    menu_label = _("Grilles de tarifs")
    list_display = ["name", "activity_kind", "unit"]
    list_filter = ["activity_kind"]
    search_fields = ["name"]


class AidsViewSetGroup(SnippetViewSetGroup):
    items = (TariffGridViewSet, AidStatusViewSet)
    menu_icon = "calculator"
    menu_label = _("Aides et tarifs")
    menu_order = 330


register_snippet(AidsViewSetGroup)


@hooks.register("event_price_html")
def tariff_by_quotient(page, request):
    """ "Tarif selon votre quotient familial" on an event that uses a grid (see events_tags.event_price)."""
    from .views import calculator_url_for

    grids = list(page.tariff_grids.prefetch_related("brackets"))
    if not grids:
        return None
    ranges = []
    for grid in grids:
        prices = [bracket.price for bracket in grid.brackets.all()]
        ranges.append(
            {"low": min(prices, default=None), "high": max(prices, default=None), "unit": grid.unit, "grid": grid}
        )
    return render_to_string(
        "aids/components/event_tariff.html", {"ranges": ranges, "calculator_url": calculator_url_for(request)}
    )
