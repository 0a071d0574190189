"""Partner organisations: who organises events and who the directory's partner pages describe.

A base-level app (it imports only Django and Wagtail): `events` names an event's organisers
here, and `resources.PartnerPage` links one-to-one to its organisation, so neither feature has
to import the other. The organisation's public page is reached through that reverse relation.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel


class Organisation(models.Model):
    """A partner of the CIAS (association, CAF, social centre…) that can organise events."""

    name = models.CharField(_("nom"), max_length=255)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("comptes du partenaire"),
        blank=True,
        related_name="organisations",
        # Only accounts of the partner role: the CIAS never lists residents or staff here.
        limit_choices_to={"groups__name": "Partenaire"},
        help_text=_("Les personnes du partenaire qui proposent ses temps ressources (rôle « Partenaire »)."),
    )

    panels = [FieldPanel("name"), FieldPanel("members")]

    class Meta:
        verbose_name = _("organisation partenaire")
        verbose_name_plural = _("organisations partenaires")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def public_page(self):
        """The live directory page of this partner, or None (the page lives in `resources`)."""
        page = getattr(self, "partner_page", None)
        if page is not None and page.live:
            return page
        return None
