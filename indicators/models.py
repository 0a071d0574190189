"""What the evaluation indicators need beyond the other apps' records.

Privacy by construction (see README, "Indicateurs"):

- `FeedbackAnswer` and `DiversityAnswer` hold a session and answers, nothing else: no person,
  no registration, no timestamp finer than the session's day, and random UUID keys so that
  the order of rows says nothing about who answered when.
- The feedback email is claimed per booking in `FeedbackClaim` (a hash of the booking's key,
  to send it once); the link itself is a separate `FeedbackLink` that knows only its session
  and the hash of its token. Nothing joins a claim to a link.
- `NeedsTally` keeps, per session, only how many registrations expressed each need, counted
  just before the registrations' needs are erased (30 days after the session).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel

from .choices import AgeBand, Caregiver, ComeAgain, FamilySituation


class DiversityAnswer(models.Model):
    """The optional "Pour nous aider à mieux vous connaître" answers of one booking.

    Only the session is kept, so the answers cannot be traced back to a person; they are only
    ever shown aggregated over a period. A blank value means the question was skipped.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        "events.EventSession", verbose_name=_("séance"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    session_day = models.DateField(_("jour de la séance"), db_index=True)
    age_band = models.CharField(_("âge"), max_length=12, choices=AgeBand, blank=True)
    family_situation = models.CharField(_("situation familiale"), max_length=15, choices=FamilySituation, blank=True)
    caregiver = models.CharField(_("aidant"), max_length=12, choices=Caregiver, blank=True)

    class Meta:
        verbose_name = _("réponse « mieux vous connaître »")
        verbose_name_plural = _("réponses « mieux vous connaître »")
        # No default ordering: there is no meaningful order, and none must be implied.

    def __str__(self):
        return f"{self.session_day}"


class NeedsTally(models.Model):
    """How many registrations of one session expressed each need, counted when their needs were erased.

    `events.retention.purge_registration_data` erases the needs EVENTS_NEEDS_RETENTION_DAYS after a session; just
    before, it adds their counts here (confirmed registrations at sessions that took place, as
    the indicators count them) so that the "needs expressed" figure does not fade for older
    periods. Counts only: no person, no registration. A session purged in several runs has one
    row per run; the figure adds them up.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        "events.EventSession", verbose_name=_("séance"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    session_day = models.DateField(_("jour de la séance"), db_index=True)
    childcare = models.PositiveIntegerField(_("garde d'enfants"), default=0)
    accessibility = models.PositiveIntegerField(_("accès adapté"), default=0)
    interpreter = models.PositiveIntegerField(_("interprète"), default=0)

    class Meta:
        verbose_name = _("besoins exprimés (nombres)")
        verbose_name_plural = _("besoins exprimés (nombres)")

    def __str__(self):
        return f"{self.session_day}"


class FeedbackClaim(models.Model):
    """A booking whose feedback email was sent (claimed before sending, so it is sent once)."""

    booking_hash = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("demande d'avis envoyée")
        verbose_name_plural = _("demandes d'avis envoyées")

    def __str__(self):
        return f"{self.sent_at:%d/%m/%Y}"


class FeedbackLink(models.Model):
    """A personal link to the feedback form: one answer, then it is used."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey("events.EventSession", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("lien de questionnaire")
        verbose_name_plural = _("liens de questionnaire")

    def __str__(self):
        return str(self.session_id)


class FeedbackAnswer(models.Model):
    """One anonymous answer to "Qu'avez-vous pensé de ce temps ressources ?"."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        "events.EventSession", verbose_name=_("séance"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    event_title = models.CharField(_("temps ressources"), max_length=255)
    session_day = models.DateField(_("jour de la séance"), db_index=True)
    usefulness = models.PositiveSmallIntegerField(
        _("utilité (1 à 5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    takeaway = models.TextField(_("ce que la personne retient"), blank=True, max_length=1000)
    missing = models.TextField(_("ce qui a manqué"), blank=True, max_length=1000)
    come_again = models.CharField(_("reviendrait"), max_length=10, choices=ComeAgain, blank=True)

    class Meta:
        verbose_name = _("avis de participant")
        verbose_name_plural = _("avis de participants")
        permissions = [("view_indicators", _("Peut voir les indicateurs"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(usefulness__gte=1, usefulness__lte=5), name="indicators_feedback_usefulness_1_5"
            )
        ]

    def __str__(self):
        return f"{self.event_title} ({self.session_day})"


class PaperCopy(models.Model):
    """Printed copies handed out by staff: of a resource, a month's programme or a poster.

    Staff record those of a resource here; those of a programme or a poster are recorded when
    they download it from "Imprimer" and say how many (events.signals.paper_copies_printed).
    """

    class Support(models.TextChoices):
        RESOURCE = "ressource", _("Ressource")
        PROGRAMME = "programme", _("Programme du mois")
        POSTER = "affiche", _("Affiche d'un temps ressources")

    support = models.CharField(_("support"), max_length=10, choices=Support, default=Support.RESOURCE)
    resource = models.ForeignKey(
        "resources.ResourcePage",
        verbose_name=_("ressource"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="paper_copies",
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("temps ressources de l'affiche"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    label = models.CharField(_("document imprimé"), max_length=255, blank=True)
    quantity = models.PositiveIntegerField(
        _("nombre d'exemplaires"), validators=[MinValueValidator(1), MaxValueValidator(100000)]
    )
    day = models.DateField(_("date de diffusion"), help_text=_("Par exemple 12/03/2026."))
    place = models.CharField(
        _("lieu"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple « Accueil de la mairie de Saint-Aubin » ou « Forum des associations »."),
    )
    session = models.ForeignKey(
        "events.EventSession",
        verbose_name=_("pendant la séance"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Si les exemplaires ont été remis pendant un temps ressources."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("resource"),
        FieldRowPanel([FieldPanel("quantity"), FieldPanel("day")]),
        FieldPanel("place"),
        FieldPanel("session"),
    ]

    class Meta:
        verbose_name = _("exemplaires papier diffusés")
        verbose_name_plural = _("exemplaires papier diffusés")
        ordering = ["-day", "-pk"]
        indexes = [models.Index(fields=["day"])]

    def __str__(self):
        title = self.resource.title if self.resource_id else self.label or self.get_support_display()
        return f"{self.quantity} × {title} ({self.day:%d/%m/%Y})"

    def clean(self):
        super().clean()
        if self.support == self.Support.RESOURCE and not self.resource_id:
            raise ValidationError({"resource": _("Choisissez la ressource imprimée.")})
        if not self.place.strip() and not self.session_id:
            raise ValidationError(
                {
                    "place": _(
                        "Indiquez le lieu, ou choisissez la séance pendant laquelle les exemplaires ont été remis."
                    )
                }
            )


class RegisterCount(models.Model):
    """How many people were on the register of vulnerable people, per commune and ground, on a day.

    Written from `welfare.signals.register_counts_changed` (the day's last figures replace the
    day's earlier ones): counts only, no person, no entry.
    """

    day = models.DateField(_("jour"), db_index=True)
    commune_name = models.CharField(_("commune"), max_length=100)
    ground = models.CharField(_("motif"), max_length=12)
    count = models.PositiveIntegerField(_("personnes inscrites"), default=0)

    class Meta:
        verbose_name = _("inscrits au registre (nombre)")
        verbose_name_plural = _("inscrits au registre (nombres)")
        constraints = [
            models.UniqueConstraint(fields=["day", "commune_name", "ground"], name="indicators_registercount_unique")
        ]

    def __str__(self):
        return f"{self.day} {self.commune_name} {self.ground}: {self.count}"


class CampaignRecord(models.Model):
    """The anonymous figures of one emergency campaign (welfare.signals.campaign_figures_changed)."""

    campaign_id = models.PositiveIntegerField(_("numéro de la veille"), unique=True)
    kind = models.CharField(_("type"), max_length=10)
    starts_on = models.DateField(_("début"), db_index=True)
    closed_on = models.DateField(_("close le"), null=True, blank=True)
    communes = models.PositiveIntegerField(_("communes"), default=0)
    listed = models.PositiveIntegerField(_("personnes sur la liste"), default=0)
    calls = models.PositiveIntegerField(_("appels"), default=0)
    reached = models.PositiveIntegerField(_("personnes jointes"), default=0)

    class Meta:
        verbose_name = _("veille (chiffres)")
        verbose_name_plural = _("veilles (chiffres)")

    def __str__(self):
        return f"{self.kind} {self.starts_on}"


class CallTally(models.Model):
    """Calls of emergency campaigns per day, kind of campaign and outcome (welfare.signals.call_logged)."""

    day = models.DateField(_("jour"), db_index=True)
    kind = models.CharField(_("type de veille"), max_length=10)
    outcome = models.CharField(_("résultat"), max_length=12)
    count = models.PositiveIntegerField(_("appels"), default=0)

    class Meta:
        verbose_name = _("appels de veille (nombre)")
        verbose_name_plural = _("appels de veille (nombres)")
        constraints = [models.UniqueConstraint(fields=["day", "kind", "outcome"], name="indicators_calltally_unique")]

    def __str__(self):
        return f"{self.day} {self.kind} {self.outcome}: {self.count}"


class AidTally(models.Model):
    """Views of each aid page and completed "Quelles aides pour moi ?" paths, per day (aids.signals).

    Anonymous counts only: no answer, no address, no cookie; `aid_id` is 0 for a completed path.
    """

    class Kind(models.TextChoices):
        VIEW = "view", _("Consultation d'une aide")
        PATH = "path", _("Parcours « Quelles aides pour moi ? » terminé")

    day = models.DateField(_("jour"), db_index=True)
    kind = models.CharField(_("type"), max_length=5, choices=Kind)
    aid_id = models.PositiveIntegerField(_("aide (identifiant de page)"), default=0)
    count = models.PositiveIntegerField(_("nombre"), default=0)

    class Meta:
        verbose_name = _("consultation du guide des aides (nombre)")
        verbose_name_plural = _("consultations du guide des aides (nombres)")
        constraints = [models.UniqueConstraint(fields=["day", "kind", "aid_id"], name="indicators_aidtally_unique")]

    def __str__(self):
        return f"{self.day} {self.kind} {self.aid_id}: {self.count}"
