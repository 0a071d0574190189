"""Partners' iCalendar feeds imported into the agenda (events.feed_import does the work)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from .embeds import loopback_http_allowed


def validate_feed_url(url):
    if not (url.startswith("https://") or loopback_http_allowed(url)):
        raise ValidationError(
            _("L'adresse du flux doit commencer par https:// (une adresse http n'est pas sûre)."), code="https"
        )


class PartnerFeed(models.Model):
    """One iCalendar address of a partner, how its events map to the portal, the last run."""

    organisation = models.ForeignKey(
        "partners.Organisation", verbose_name=_("partenaire"), on_delete=models.CASCADE, related_name="feeds"
    )
    url = models.URLField(_("adresse du flux iCalendar"), max_length=500, validators=[validate_feed_url])
    theme = models.ForeignKey(
        "home.Theme", verbose_name=_("thème donné aux temps"), null=True, blank=True, on_delete=models.SET_NULL
    )
    audience = models.ForeignKey(
        "home.Audience", verbose_name=_("public donné aux temps"), null=True, blank=True, on_delete=models.SET_NULL
    )
    venue = models.ForeignKey(
        "events.Venue",
        verbose_name=_("lieu des séances"),
        on_delete=models.PROTECT,
        help_text=_("Sa commune place les séances dans les filtres de l'agenda."),
    )
    publish_at_once = models.BooleanField(
        _("publier aussitôt"),
        default=False,
        help_text=_("Sinon, chaque temps importé attend la validation de la Communication."),
    )
    etag = models.CharField(max_length=200, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_run_at = models.DateTimeField(_("dernier passage"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("erreur du dernier passage"), blank=True, editable=False)
    created_count = models.PositiveIntegerField(_("créés"), default=0, editable=False)
    updated_count = models.PositiveIntegerField(_("mis à jour"), default=0, editable=False)
    cancelled_count = models.PositiveIntegerField(_("annulés"), default=0, editable=False)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("url"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("theme"), FieldPanel("audience")]), FieldPanel("venue")],
            heading=_("Correspondance avec le vocabulaire du portail"),
        ),
        FieldPanel("publish_at_once"),
    ]

    class Meta:
        verbose_name = _("flux d'agenda d'un partenaire")
        verbose_name_plural = _("flux d'agenda des partenaires")

    def __str__(self):
        return f"{self.organisation} – {self.url}"

    @property
    def last_run(self):
        """ "OK : 2 créés, 1 mis à jour, 0 annulé" or the error, for the admin list."""
        if self.last_run_at is None:
            return _("Pas encore lu")
        if self.last_error:
            return self.last_error
        return _("OK : %(created)s créé(s), %(updated)s mis à jour, %(cancelled)s annulé(s)") % {
            "created": self.created_count,
            "updated": self.updated_count,
            "cancelled": self.cancelled_count,
        }


class ImportedEvent(models.Model):
    """An event created from a feed's VEVENT (by UID), with the values last imported (hashed)."""

    feed = models.ForeignKey(PartnerFeed, on_delete=models.CASCADE, related_name="imported_events")
    uid = models.CharField(max_length=500)
    event = models.OneToOneField("events.EventPage", on_delete=models.CASCADE, related_name="imported_from")
    # {field: hash of the value last imported}; a page value that differs was edited by staff.
    snapshot = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["feed", "uid"], name="imported_event_uid")]

    def __str__(self):
        return self.uid


class ImportedSession(models.Model):
    """One occurrence of an imported event (its RECURRENCE-ID or start), and its session."""

    imported_event = models.ForeignKey(ImportedEvent, on_delete=models.CASCADE, related_name="occurrences")
    key = models.CharField(max_length=40)
    session = models.OneToOneField("events.EventSession", on_delete=models.CASCADE, related_name="imported_from")
    snapshot = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["imported_event", "key"], name="imported_session_key")]

    def __str__(self):
        return f"{self.imported_event.uid} – {self.key}"
