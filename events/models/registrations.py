"""Online registration: who booked which session, for how many people, and what happened since."""

from itertools import groupby

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal import phones
from portal.tokens import derive_token, hash_token, new_token_key  # noqa: F401 - re-exported

ACTIVE_STATUSES = ("confirmed", "pending", "waiting")


def token_for_key(token_key):
    """The personal link's token of a booking (see `portal.tokens`)."""
    return derive_token(token_key, "registration")


# The short link of the text messages (/i/<22 characters>/): 132 bits, derived like the token.
SHORT_TOKEN_LENGTH = 22


def short_token_for_key(token_key):
    return derive_token(token_key, "registration-short")[:SHORT_TOKEN_LENGTH]


def bookings(registration_ids):
    """These registrations grouped by booking (one personal link), sessions in date order."""
    registrations = (
        Registration.objects.filter(pk__in=registration_ids)
        .select_related("session__event", "session__venue__commune")
        .order_by("token_key", "session__start", "pk")
    )
    return [list(group) for _key, group in groupby(registrations, key=lambda r: r.token_key)]


class Registration(models.Model):
    """One person's (or family's) place at one session.

    A registration for a whole cycle is one row per session sharing the same personal link.
    Personal details stay here only as long as needed: the needs are erased after the session
    (`purge_registration_needs`) and the whole row can be anonymised, keeping the headcounts.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmée")
        PENDING = "pending", _("En attente de validation")
        WAITING = "waiting", _("Liste d'attente")
        CANCELLED = "cancelled", _("Annulée")
        REFUSED = "refused", _("Refusée")

    class Channel(models.TextChoices):
        WEB = "web", _("Site internet")
        PHONE = "phone", _("Téléphone")
        DESK = "desk", _("Accueil")

    class CancelledBy(models.TextChoices):
        RESIDENT = "resident", _("La personne inscrite")
        STAFF = "staff", _("L'équipe")
        SESSION = "session", _("Séance annulée")

    class CallReason(models.TextChoices):
        """Why the team must phone someone without an email address (cleared once called)."""

        PROMOTED = "promoted", _("Place confirmée (liste d'attente)")
        MOVED = "moved", _("Changement de date")
        REFUSED = "refused", _("Demande refusée")
        SESSION_CANCELLED = "session_cancelled", _("Séance annulée")
        STAFF_MESSAGE = "staff_message", _("Message de l'équipe")
        TEXT_FAILED = "text_failed", _("SMS non reçu")

    class ContactBy(models.TextChoices):
        """How the person is told what happens to the booking (a landline gets neither: a call)."""

        EMAIL = "email", _("Par e-mail")
        SMS = "sms", _("Par SMS")
        BOTH = "both", _("Par e-mail et par SMS")

    class HeardFrom(models.TextChoices):
        WORD_OF_MOUTH = "bouche-a-oreille", _("Par une connaissance")
        PROFESSIONAL = "professionnel", _("Par un professionnel (assistante sociale, école, PMI…)")
        WEBSITE = "site", _("Sur ce site")
        POSTER = "affiche", _("Par une affiche ou un flyer")
        SOCIAL = "reseaux", _("Sur les réseaux sociaux")
        OTHER = "autre", _("Autrement")

    session = models.ForeignKey(
        "events.EventSession", verbose_name=_("séance"), on_delete=models.PROTECT, related_name="registrations"
    )
    token_key = models.CharField(max_length=32, editable=False)
    token_hash = models.CharField(max_length=64, db_index=True, editable=False)
    short_hash = models.CharField(max_length=64, db_index=True, editable=False, blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=Status, default=Status.CONFIRMED)
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    # E.164 ("+33612345678"); shown with the |phone filter.
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    contact_by = models.CharField(_("prévenu"), max_length=5, choices=ContactBy, default=ContactBy.EMAIL)
    commune = models.ForeignKey(
        "home.Commune", verbose_name=_("commune"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adults = models.PositiveSmallIntegerField(_("adultes"), default=1)
    children = models.PositiveSmallIntegerField(_("enfants"), default=0)
    needs_childcare = models.BooleanField(_("garde d'enfants pendant la séance"), default=False)
    needs_accessibility = models.BooleanField(_("besoin d'accessibilité"), default=False)
    needs_interpreter = models.BooleanField(_("interprète (langue des signes ou autre langue)"), default=False)
    needs_details = models.TextField(_("précisions sur les besoins"), blank=True, max_length=500)
    heard_from = models.CharField(_("connu par"), max_length=20, choices=HeardFrom, blank=True)
    channel = models.CharField(_("canal"), max_length=5, choices=Channel, default=Channel.WEB)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    attended = models.BooleanField(_("présence"), null=True, blank=True)
    call_reason = models.CharField(_("à appeler"), max_length=20, choices=CallReason, blank=True)
    cancelled_by = models.CharField(_("annulée par"), max_length=10, choices=CancelledBy, blank=True)
    created_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    needs_erased_at = models.DateTimeField(_("besoins effacés le"), null=True, blank=True)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["session", "created_at", "pk"]
        indexes = [models.Index(fields=["session", "status", "created_at"])]
        constraints = [
            # One active registration per address (and per phone number) and session, even when
            # ten identical forms arrive at once.
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=Q(status__in=ACTIVE_STATUSES) & ~Q(email=""),
                name="events_registration_unique_active_email",
            ),
            models.UniqueConstraint(
                fields=["session", "phone"],
                condition=Q(status__in=ACTIVE_STATUSES) & ~Q(phone=""),
                name="events_registration_unique_active_phone",
            ),
            models.CheckConstraint(condition=Q(adults__gte=1), name="events_registration_at_least_one_adult"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} – {self.session}"

    @property
    def contact_name(self):
        return f"{self.first_name} {self.last_name}".strip() or f"n° {self.pk}"

    @property
    def token(self):
        return token_for_key(self.token_key)

    @property
    def short_token(self):
        return short_token_for_key(self.token_key)

    @property
    def wants_email(self):
        # Someone who chose texts but whose number cannot take them still gets the email.
        return bool(self.email) and (self.contact_by != self.ContactBy.SMS or not phones.is_mobile(self.phone))

    @property
    def wants_texts(self):
        """Texts only to a mobile number, and only if the person chose them (or gave no email)."""
        return self.contact_by != self.ContactBy.EMAIL and phones.is_mobile(self.phone)

    @property
    def reachable(self):
        """False when the team has to phone: neither an email nor a text reaches the person."""
        return self.wants_email or self.wants_texts

    @property
    def people(self):
        return self.adults + self.children

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES

    @property
    def has_needs(self):
        return self.needs_childcare or self.needs_accessibility or self.needs_interpreter or bool(self.needs_details)
