"""What the agenda and its events do for partners and other sites (mixed into calendar.py's pages).

- `AgendaForOtherSitesMixin`: the agenda's `json/`, `widget/` and `integrer/` addresses
  (events.embeds), and a partner account's rights on the agenda page itself;
- `PartnerEventMixin`: an event's organisers among the partners, and a partner account's
  rights on it (its own organisation's events only).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.contrib.routable_page.models import path


class AgendaForOtherSitesMixin:
    @path("json/")
    def json_feed(self, request):
        from events.embeds import agenda_json

        return agenda_json(request, self)

    @path("widget/")
    def widget(self, request):
        from events.embeds import widget

        return widget(request, self)

    @path("integrer/")
    def embed_code(self, request):
        from events.embeds import embed_code

        return embed_code(request, self)

    def permissions_for_user(self, user):
        from events.partner_access import agenda_permissions

        return agenda_permissions(self, user)


class PartnerEventMixin(models.Model):
    organisers = ParentalManyToManyField(
        "partners.Organisation",
        verbose_name=_("partenaires organisateurs"),
        blank=True,
        related_name="events",
        help_text=_("Les partenaires de l'annuaire qui organisent ce temps (le champ libre sert aux autres)."),
    )

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        from events.partner_access import event_permissions

        return event_permissions(self, user)
