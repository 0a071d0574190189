"""Appointment pre-requests: a resident asks to be called back, staff handle it in the admin.

Every field is treated as sensitive: the request is reachable only by staff holding the
appointment permissions, emails carry a reference and links only, and requests closed more
than `APPOINTMENTS_RETENTION_MONTHS` ago are deleted (anonymous counts stay in `AppointmentStat`).
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from home.blocks import BodyBlock
from portal import phones
from portal.tokens import derive_token, hash_token, new_token_key  # noqa: F401 - re-exported

# No 0/O, 1/I/L, 5/S, 2/Z, 8/B: a reference is read aloud on the phone.
REFERENCE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"


def new_reference():
    """`RDV-7K3M-Q9`: 6 random characters (about 2^28 possibilities), never sequential."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _i in range(6))
    return f"RDV-{chars[:4]}-{chars[4:]}"


def token_for_key(token_key):
    """The status link's token of a request (see `portal.tokens`)."""
    return derive_token(token_key, "appointment")


# The short status link of the text messages (/r/<22 characters>/): 132 bits, derived like the token.
SHORT_TOKEN_LENGTH = 22


def short_token_for_key(token_key):
    return derive_token(token_key, "appointment-short")[:SHORT_TOKEN_LENGTH]


class AppointmentSubject(models.Model):
    """What a resident can ask about; the list is maintained by the social team."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("ordre d'affichage"), default=0)
    active = models.BooleanField(_("proposé dans le formulaire"), default=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order"), FieldPanel("active")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("objet de rendez-vous")
        verbose_name_plural = _("objets de rendez-vous")

    def __str__(self):
        return self.name


class AppointmentRequestPage(RoutablePageMixin, Page):
    """`/rendez-vous/`: the request form, its check-answers step, confirmation and status pages."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "link", "ol", "ul"])
    notification_email = models.EmailField(
        _("adresse de notification de l'équipe"),
        blank=True,
        help_text=_("Reçoit un message (référence et lien vers l'administration seulement) à chaque demande."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("contenu après le formulaire"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    # Where every new request is announced: a wrong address would leak that people ask for
    # help, so only Administration may change it (Communication edits the page's content).
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("notification_email", permission="appointments.change_notification_address"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("page de demande de rendez-vous")
        permissions = [("change_notification_address", _("Peut changer l'adresse de notification des demandes"))]

    @path("")
    def form_view(self, request):
        from . import views

        return views.request_form(request, self)

    @path("verifier/")
    def check_view(self, request):
        from . import views

        return views.check_answers(request, self)

    @path("confirmation/")
    def done_view(self, request):
        from . import views

        return views.request_done(request, self)

    @path("suivi/<str:token>/")
    def status_view(self, request, token):
        from . import views

        return views.request_status(request, self, token)

    @path("suivi/<str:token>/retirer/")
    def withdraw_view(self, request, token):
        from . import views

        return views.request_withdraw(request, self, token)

    @path("suivi/<str:token>/rattacher/")
    def attach_view(self, request, token):
        from . import views

        return views.request_attach(request, self, token)


class Status(models.TextChoices):
    NEW = "new", _("Nouvelle")
    IN_PROGRESS = "in_progress", _("En cours")
    PROPOSED = "proposed", _("Rendez-vous proposé")
    CLOSED = "closed", _("Clôturée")
    DROPPED = "dropped", _("Sans suite")


CLOSED_STATUSES = (Status.CLOSED, Status.DROPPED)


class ContactPreference(models.TextChoices):
    PHONE = "phone", _("Par téléphone")
    EMAIL = "email", _("Par e-mail")
    POST = "post", _("Par courrier")


class Place(models.TextChoices):
    OFFICE = "office", _("À notre accueil")
    FRANCE_SERVICES = "france_services", _("Dans un espace France services")
    PHONE = "phone", _("Par téléphone")
    HOME = "home", _("À domicile (si vous ne pouvez pas vous déplacer)")


DAYS = [("mon", _("Lundi")), ("tue", _("Mardi")), ("wed", _("Mercredi")), ("thu", _("Jeudi")), ("fri", _("Vendredi"))]
HALVES = [("am", _("matin")), ("pm", _("après-midi"))]
AVAILABILITY_CHOICES = [
    (f"{day}-{half}", f"{day_label} {half_label}") for day, day_label in DAYS for half, half_label in HALVES
]


class AppointmentRequest(models.Model):
    """One resident's request. Not a snippet: only the appointment inbox shows it."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(AppointmentRequestPage, on_delete=models.SET_NULL, null=True, related_name="+")
    reference = models.CharField(_("référence"), max_length=12, unique=True, editable=False)
    token_key = models.CharField(max_length=32, editable=False)
    token_hash = models.CharField(max_length=64, db_index=True, editable=False)
    short_hash = models.CharField(max_length=64, db_index=True, editable=False, blank=True)
    subject = models.ForeignKey(AppointmentSubject, verbose_name=_("objet"), on_delete=models.PROTECT)
    message = models.TextField(_("message"), max_length=1000, blank=True)
    contact_preference = models.CharField(
        _("être contacté"), max_length=10, choices=ContactPreference.choices, default=ContactPreference.PHONE
    )
    availability = models.JSONField(_("disponibilités"), default=list, blank=True)
    place = models.CharField(_("lieu souhaité"), max_length=20, choices=Place.choices, default=Place.OFFICE)
    needs_interpreter = models.BooleanField(_("interprète"), default=False)
    needs_accessibility = models.BooleanField(_("accès adapté"), default=False)
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    # E.164 ("+33612345678"); shown with the |phone filter.
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    # A mobile number gets the reference and the proposed appointment by text, unless refused.
    no_texts = models.BooleanField(_("pas de SMS"), default=False)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    commune = models.ForeignKey(
        "home.Commune", verbose_name=_("commune"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consent_at = models.DateTimeField(_("consentement donné le"))
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.NEW, db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suivie par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    proposed_start = models.DateTimeField(_("rendez-vous proposé le"), null=True, blank=True)
    proposed_place = models.CharField(_("lieu du rendez-vous"), max_length=250, blank=True)
    # Set only through the request's own status link, by a signed-in resident: owning the
    # email address is not enough to read a request (accounts shows it once attached).
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rattachée au compte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointment_requests",
    )
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(_("clôturée le"), null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField(_("retirée par la personne le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("demande de rendez-vous")
        verbose_name_plural = _("demandes de rendez-vous")
        constraints = [
            models.CheckConstraint(condition=~models.Q(phone="", email=""), name="appointments_request_phone_or_email")
        ]

    def __str__(self):
        return self.reference

    @property
    def token(self):
        return token_for_key(self.token_key)

    @property
    def short_token(self):
        return short_token_for_key(self.token_key)

    @property
    def wants_texts(self):
        return not self.no_texts and phones.is_mobile(self.phone)

    @property
    def assignee_name(self):
        """Who follows the request, by name (the team knows each other by name, not by login)."""
        user = self.assigned_to
        return (user.get_full_name() or user.get_username()) if user else ""

    @property
    def is_open(self):
        return self.status not in CLOSED_STATUSES

    def availability_labels(self):
        labels = dict(AVAILABILITY_CHOICES)
        return [labels[key] for key in self.availability if key in labels]

    def clean(self):
        if not self.phone and not self.email:
            raise ValidationError(_("Un téléphone ou une adresse e-mail est nécessaire."))


class PendingAnswers(models.Model):
    """A request typed but not sent yet, between the form and "Vérifiez votre demande".

    The visitor's session holds only a random key; this row holds its hash, so neither the
    session table nor this one alone says whose answers these are. Kept at most
    APPOINTMENTS_PENDING_MINUTES after the last change: older answers are refused and
    `purge_appointment_requests` (cron) deletes them; sending the request, or "Quitter
    rapidement", deletes them at once.
    """

    key_hash = models.CharField(max_length=64, unique=True)
    data = models.JSONField()
    saved_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("demande en cours de saisie")

    def __str__(self):
        return f"Saisie du {self.saved_at:%d/%m/%Y %H:%M}"


class AppointmentEvent(models.Model):
    """The journal: who did what and when, never a copy of the request's content."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Demande reçue")
        VIEWED = "viewed", _("Consultée")
        STATUS = "status", _("Statut changé")
        ASSIGNED = "assigned", _("Attribuée")
        NOTE = "note", _("Note ajoutée")
        PROPOSED = "proposed", _("Rendez-vous proposé")
        WITHDRAWN = "withdrawn", _("Retirée par la personne")

    request = models.ForeignKey(AppointmentRequest, on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=12, choices=Action.choices)
    # A status code or a user's display name, never free text typed by the resident.
    detail = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%d/%m/%Y %H:%M})"


class AppointmentNote(models.Model):
    """An internal note of the team; deleted with the request."""

    request = models.ForeignKey(AppointmentRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("note"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note du {self.created_at:%d/%m/%Y}"


class AppointmentStat(models.Model):
    """Anonymous counts kept after the purge: how many requests, per subject, commune, month and outcome."""

    month = models.DateField(_("mois"))
    subject_name = models.CharField(_("objet"), max_length=100)
    commune_name = models.CharField(_("commune"), max_length=100, blank=True)
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices)
    count = models.PositiveIntegerField(_("nombre"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "subject_name", "commune_name", "status"], name="appointments_stat_unique"
            )
        ]
        verbose_name = _("statistique de rendez-vous")

    def __str__(self):
        return f"{self.month:%m/%Y} {self.subject_name}: {self.count}"
