"""Emergency campaigns ("veilles"): a call list per campaign, each call logged, anonymous figures kept.

The nominative part (`CallLine`, `CallAttempt`) goes with the entry when a person is removed,
and with the campaign's list WELFARE_CALL_LIST_DAYS after it is closed. The campaign's own
counters are anonymous and stay: how many people were on the list, how many calls, how many
reached, how many of each outcome.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import CampaignKind, Outcome


class Campaign(models.Model):
    """A heatwave, cold spell or other crisis during which the team phones everyone concerned.

    "Déclencher une veille" creates it with the call list of every active entry of its
    communes; staff log each call; closing it keeps its figures.
    """

    kind = models.CharField(_("type"), max_length=10, choices=CampaignKind)
    label = models.CharField(
        _("précision"), max_length=100, blank=True, help_text=_("Par exemple « Inondation de la Loise ».")
    )
    communes = models.ManyToManyField("home.Commune", verbose_name=_("communes"), related_name="+")
    starts_on = models.DateField(_("début"))
    retry_minutes = models.PositiveIntegerField(_("rappeler les personnes sans réponse après (minutes)"), default=120)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("déclenchée le"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True, db_index=True)
    list_erased_at = models.DateTimeField(_("liste d'appels effacée le"), null=True, blank=True)
    # Anonymous figures, kept when the list is erased and when people leave the register.
    commune_names = models.JSONField(_("communes (noms)"), default=list)
    listed_count = models.PositiveIntegerField(_("personnes sur la liste"), default=0)
    calls_count = models.PositiveIntegerField(_("appels passés"), default=0)
    reached_count = models.PositiveIntegerField(_("personnes jointes"), default=0)
    outcome_counts = models.JSONField(_("résultats des appels"), default=dict)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("veille")
        verbose_name_plural = _("veilles")

    def __str__(self):
        return self.title

    @property
    def title(self):
        kind = self.label if self.kind == CampaignKind.OTHER and self.label else self.get_kind_display()
        return f"{kind} – {self.starts_on:%d/%m/%Y}"

    @property
    def is_open(self):
        return self.closed_at is None

    @property
    def commune_names_label(self):
        return ", ".join(self.commune_names)

    def outcome_rows(self):
        """[(label, count)] of every outcome, in the list's order, zeros included."""
        return [(label, self.outcome_counts.get(code, 0)) for code, label in Outcome.choices]


class CallLine(models.Model):
    """One person on a campaign's call list, in call order, with where their calls stand."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="lines")
    entry = models.ForeignKey("welfare.RegisterEntry", on_delete=models.CASCADE, related_name="call_lines")
    position = models.PositiveIntegerField(_("ordre d'appel"))
    last_outcome = models.CharField(_("dernier résultat"), max_length=12, choices=Outcome, blank=True)
    attempts = models.PositiveSmallIntegerField(_("appels"), default=0)
    # After "pas de réponse": the line is due again from this time.
    next_call_at = models.DateTimeField(_("à rappeler à partir de"), null=True, blank=True)
    last_called_at = models.DateTimeField(_("dernier appel"), null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "entry"], name="welfare_callline_unique")]
        verbose_name = _("ligne de la liste d'appels")

    def __str__(self):
        return f"{self.campaign_id}/{self.position}"

    @property
    def reached(self):
        return bool(self.last_outcome) and self.last_outcome != Outcome.NO_ANSWER

    def is_due(self, now=None):
        """To call now: never called, or "pas de réponse" and the delay has passed."""
        if not self.last_outcome:
            return True
        return self.last_outcome == Outcome.NO_ANSWER and (
            self.next_call_at is None or self.next_call_at <= (now or timezone.now())
        )


class CallAttempt(models.Model):
    """One call: who called, when, the outcome and a short note (deleted with the line)."""

    line = models.ForeignKey(CallLine, on_delete=models.CASCADE, related_name="calls")
    outcome = models.CharField(_("résultat"), max_length=12, choices=Outcome)
    note = models.CharField(_("note"), max_length=500, blank=True)
    called_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    called_at = models.DateTimeField(_("appel le"), default=timezone.now)

    class Meta:
        ordering = ["-called_at", "-pk"]
        verbose_name = _("appel")
        verbose_name_plural = _("appels")

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.called_at:%d/%m/%Y %H:%M})"


class Transmission(models.Model):
    """The register (or part of it) handed to the préfet: who, when, why, which request, how many people.

    Made only by an explicit staff action, while a campaign is open or with a written reason.
    """

    class Format(models.TextChoices):
        CSV = "csv", _("Tableau (CSV)")
        PDF = "pdf", _("Document (PDF)")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    user_name = models.CharField(_("par"), max_length=150)
    at = models.DateTimeField(_("le"), default=timezone.now)
    request_reference = models.CharField(_("demande du préfet"), max_length=200)
    reason = models.TextField(_("motif"), max_length=1000, blank=True)
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("veille"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    commune_names = models.JSONField(_("communes"), default=list)
    entries_count = models.PositiveIntegerField(_("personnes transmises"), default=0)
    file_format = models.CharField(_("format"), max_length=3, choices=Format, default=Format.CSV)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("transmission au préfet")
        verbose_name_plural = _("transmissions au préfet")

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} – {self.request_reference}"
