"""The calendar of "temps ressources": venues, the agenda page, events and their sessions."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyBlock

from ..forms import EventPageForm
from .territorial import AgendaForOtherSitesMixin, PartnerEventMixin

MAX_SESSION_LENGTH = timedelta(days=14)


class Venue(models.Model):
    """A place where temps ressources happen, with what residents need to know to get in."""

    name = models.CharField(_("nom du lieu"), max_length=150)
    address = models.CharField(
        _("adresse"), max_length=250, help_text=_("Numéro et rue, par exemple « 2 place de l'Église ».")
    )
    commune = models.ForeignKey(
        "home.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="venues"
    )
    step_free_access = models.BooleanField(_("accès de plain-pied ou rampe"), default=False)
    accessible_toilets = models.BooleanField(_("toilettes accessibles"), default=False)
    hearing_loop = models.BooleanField(_("boucle magnétique"), default=False)
    parking = models.BooleanField(_("parking à proximité"), default=False)
    public_transport = models.CharField(
        _("transports en commun"), max_length=200, blank=True, help_text=_("Par exemple « Bus 3, arrêt Mairie ».")
    )
    accessibility_notes = models.TextField(_("autres informations d'accès"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("commune"),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("accessible_toilets"),
                FieldPanel("hearing_loop"),
                FieldPanel("parking"),
                FieldPanel("public_transport"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Accessibilité et accès"),
        ),
    ]

    class Meta:
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        ordering = ["commune__name", "name"]

    def __str__(self):
        return f"{self.name} ({self.commune.name})"

    @property
    def full_address(self):
        postcode = f"{self.commune.postcode} " if self.commune.postcode else ""
        return f"{self.name}, {self.address}, {postcode}{self.commune.name}"

    @property
    def access_features(self):
        """The venue's accessibility features in words, for the event page."""
        labels = [
            (self.step_free_access, _("accès de plain-pied")),
            (self.accessible_toilets, _("toilettes accessibles")),
            (self.hearing_loop, _("boucle magnétique")),
            (self.parking, _("parking à proximité")),
        ]
        return [str(label) for present, label in labels if present]


class EventFormat(models.TextChoices):
    DAY = "journee", _("Journée thématique")
    WEEK = "semaine", _("Semaine thématique")
    MEETING = "rencontre", _("Rencontre locale")
    PARENT_GROUP = "groupe-parents", _("Groupe de parents")
    CAREGIVER_GROUP = "groupe-aidants", _("Groupe d'aidants")
    YOUTH_FAMILY = "jeunes-familles", _("Rencontre jeunes et familles")
    WORKSHOP = "atelier", _("Atelier")
    INFORMATION = "information", _("Réunion d'information")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "sur-place", _("Sur place")
    ONLINE = "en-ligne", _("En ligne")
    HYBRID = "hybride", _("Sur place ou en ligne")


class EventIndexPage(AgendaForOtherSitesMixin, RoutablePageMixin, Page):
    """The agenda ("/agenda/"): upcoming sessions as a list or a month, filters, archive, feeds."""

    # The site map links here, not to each item below (home.views.site_map).
    site_map_children = False

    introduction = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("agenda")

    @path("")
    def agenda(self, request):
        from events.views import agenda

        return agenda(request, self)

    @path("archives/")
    def archive(self, request):
        from events.views import archive

        return archive(request, self)

    @path("ical/")
    def feed(self, request):
        from events.views import agenda_feed

        return agenda_feed(request, self)

    @path("programme/")
    def programme(self, request):
        from events.print_views import programme

        return programme(request, self)

    @path("programme/pdf/")
    def programme_pdf(self, request):
        from events.print_views import programme_pdf

        return programme_pdf(request, self)


class EventPage(PartnerEventMixin, RoutablePageMixin, Page):
    """One temps ressources (a day, a thematic week, a peer-group cycle…) with its sessions."""

    summary = models.TextField(
        _("résumé"), max_length=300, help_text=_("Deux phrases simples : de quoi il s'agit et pour qui.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    event_format = models.CharField(_("format"), max_length=20, choices=EventFormat, default=EventFormat.MEETING)
    themes = ParentalManyToManyField("home.Theme", verbose_name=_("thèmes"), blank=True, related_name="events")
    audiences = ParentalManyToManyField("home.Audience", verbose_name=_("publics"), blank=True, related_name="events")
    organiser = models.CharField(
        _("organisé par"), max_length=200, blank=True, help_text=_("Par exemple « CIAS et Maison des familles ».")
    )
    is_free = models.BooleanField(_("gratuit"), default=True)
    price = models.CharField(
        _("tarif"),
        max_length=100,
        blank=True,
        help_text=_("Si ce n'est pas gratuit, par exemple « 2 € par personne »."),
    )
    registration_required = models.BooleanField(_("sur inscription"), default=False)
    registration_info = models.CharField(
        _("comment s'inscrire"),
        max_length=250,
        blank=True,
        help_text=_("Par exemple « Inscription au 03 53 01 42 10 avant le vendredi »."),
    )
    online_registration = models.BooleanField(
        _("inscription en ligne"),
        default=False,
        help_text=_("Les habitants réservent leur place sur le site, sans compte."),
    )
    registration_scope = models.CharField(
        _("on s'inscrit"),
        max_length=10,
        choices=[("session", _("à une séance")), ("cycle", _("à tout le cycle (toutes les séances à venir)"))],
        default="session",
    )
    capacity = models.PositiveSmallIntegerField(
        _("places par séance"),
        null=True,
        blank=True,
        help_text=_("Chaque inscription compte ses personnes (adultes et enfants). Vide : sans limite."),
    )
    max_people_per_registration = models.PositiveSmallIntegerField(_("personnes au plus par inscription"), default=4)
    registration_opens_at = models.DateTimeField(
        _("ouverture des inscriptions"), null=True, blank=True, help_text=_("Vide : dès la publication.")
    )
    registration_closes_at = models.DateTimeField(
        _("clôture des inscriptions"), null=True, blank=True, help_text=_("Vide : jusqu'au début de la séance.")
    )
    waiting_list = models.BooleanField(_("liste d'attente quand c'est complet"), default=True)
    requires_approval = models.BooleanField(
        _("validation par l'équipe"),
        default=False,
        help_text=_("Chaque demande attend l'accord de l'équipe (par exemple après un premier contact)."),
    )
    sensitive = models.BooleanField(
        _("sujet sensible"),
        default=False,
        help_text=_(
            "Le titre ne sera jamais écrit dans les SMS : un téléphone se lit par-dessus l'épaule "
            "(violences, addictions, deuil…). Le SMS dit « votre séance »."
        ),
    )
    attendance_mode = models.CharField(
        _("participation"), max_length=10, choices=AttendanceMode, default=AttendanceMode.IN_PERSON
    )
    online_info = models.CharField(
        _("pour participer en ligne"),
        max_length=250,
        blank=True,
        help_text=_("Comment recevoir le lien de connexion (ne mettez pas le lien lui-même s'il est privé)."),
    )
    age_min = models.PositiveSmallIntegerField(_("âge minimum"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("âge maximum"), null=True, blank=True)
    contact_name = models.CharField(_("contact"), max_length=150, blank=True)
    contact_phone = models.CharField(_("téléphone du contact"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail du contact"), blank=True)
    access_motor = models.BooleanField(_("adapté aux personnes à mobilité réduite"), default=False)
    access_hearing = models.BooleanField(_("adapté aux personnes sourdes ou malentendantes"), default=False)
    access_visual = models.BooleanField(_("adapté aux personnes aveugles ou malvoyantes"), default=False)
    access_cognitive = models.BooleanField(
        _("adapté aux personnes avec un handicap intellectuel ou cognitif"), default=False
    )
    access_psychic = models.BooleanField(_("adapté aux personnes avec un handicap psychique"), default=False)
    accessibility_notes = models.TextField(
        _("précisions sur l'accessibilité"),
        blank=True,
        help_text=_("Par exemple « interprète LSF sur demande une semaine avant »."),
    )

    base_form_class = EventPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("event_format"),
        FieldRowPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            ]
        ),
        InlinePanel("sessions", heading=_("Séances"), label=_("Séance"), min_num=0),
        MultiFieldPanel(
            [
                FieldPanel("repeat_first_start"),
                FieldPanel("repeat_end_time"),
                FieldPanel("repeat_rule"),
                FieldPanel("repeat_count"),
                FieldPanel("repeat_venue"),
            ],
            heading=_("Créer une série de séances"),
            help_text=_(
                "Pour un cycle (par exemple « un mardi sur deux, 6 séances ») : remplissez ces champs et "
                "enregistrez, les séances s'ajoutent à la liste ci-dessus."
            ),
            classname="collapsed",
        ),
        FieldPanel("body"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("organisers", widget=forms.CheckboxSelectMultiple),
                FieldPanel("organiser"),
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("price")]),
                FieldRowPanel([FieldPanel("registration_required"), FieldPanel("registration_info")]),
                FieldRowPanel([FieldPanel("attendance_mode"), FieldPanel("online_info")]),
                FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")]),
            ],
            heading=_("Informations pratiques"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("online_registration"),
                FieldRowPanel([FieldPanel("registration_scope"), FieldPanel("requires_approval")]),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("max_people_per_registration")]),
                FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
                FieldRowPanel([FieldPanel("waiting_list"), FieldPanel("sensitive")]),
            ],
            heading=_("Inscription en ligne"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("access_motor"),
                FieldPanel("access_hearing"),
                FieldPanel("access_visual"),
                FieldPanel("access_cognitive"),
                FieldPanel("access_psychic"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Accessibilité"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("organiser"),
        index.FilterField("event_format"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("temps ressources")
        verbose_name_plural = _("temps ressources")

    def clean(self):
        super().clean()
        errors = {}
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = _("L'âge maximum doit être supérieur ou égal à l'âge minimum.")
        if self.is_free and self.price.strip():
            errors["price"] = _("Un temps gratuit n'a pas de tarif : videz ce champ ou décochez « gratuit ».")
        # Explaining how to register, or opening online registration, means "sur inscription":
        # ticked for the editor rather than refused.
        if self.online_registration or self.registration_info.strip():
            self.registration_required = True
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("La clôture doit être après l'ouverture.")
        if self.max_people_per_registration < 1:
            errors["max_people_per_registration"] = _("Au moins 1 personne par inscription.")
        if errors:
            raise ValidationError(errors)

    @property
    def accessibility_features(self):
        labels = [
            (self.access_motor, self._meta.get_field("access_motor").verbose_name),
            (self.access_hearing, self._meta.get_field("access_hearing").verbose_name),
            (self.access_visual, self._meta.get_field("access_visual").verbose_name),
            (self.access_cognitive, self._meta.get_field("access_cognitive").verbose_name),
            (self.access_psychic, self._meta.get_field("access_psychic").verbose_name),
        ]
        return [str(label) for present, label in labels if present]

    @path("inscription/")
    def register(self, request):
        from events.registration_views import register

        return register(request, self)

    @path("inscription/confirmation/")
    def registration_done(self, request):
        from events.registration_views import registration_done

        return registration_done(request, self)

    @path("")
    def event(self, request):
        from events.views import event_detail

        return event_detail(request, self)

    @path("ical/")
    def event_ical(self, request):
        from events.views import event_ical

        return event_ical(request, self)

    @path("seances/<int:session_id>/ical/")
    def session_ical(self, request, session_id):
        from events.views import session_ical

        return session_ical(request, self, session_id)

    @path("affiche/")
    def poster(self, request):
        from events.print_views import poster_pdf

        return poster_pdf(request, self, "A4")

    @path("affiche/a3/")
    def poster_a3(self, request):
        from events.print_views import poster_pdf

        return poster_pdf(request, self, "A3")


class EventSession(Orderable):
    """One date of an event: when, where, and whether it still takes place."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Prévue")
        CANCELLED = "cancelled", _("Annulée")
        POSTPONED = "postponed", _("Reportée")

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("lieu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        help_text=_("Laissez vide pour une séance en ligne."),
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status, default=Status.SCHEDULED)
    note = models.CharField(
        _("remarque"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple « reportée au 12 mars » ou « salle 2 »."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), null=True, blank=True, help_text=_("Vide : le nombre de places du temps ressources.")
    )
    # Calendar apps replace an event only when SEQUENCE grows (RFC 5545 §3.8.7.4).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("capacity")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("note")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        indexes = [models.Index(fields=["start"]), models.Index(fields=["end"])]

    def __str__(self):
        return f"{self.event.title} – {timezone.localtime(self.start):%d/%m/%Y %H:%M}"

    def clean(self):
        super().clean()
        if self.start and self.end:
            if self.end <= self.start:
                raise ValidationError({"end": _("La fin doit être après le début.")})
            if self.end - self.start > MAX_SESSION_LENGTH:
                raise ValidationError({"end": _("Une séance dure 14 jours au plus : créez plusieurs séances.")})

    # Changes that calendar apps must pick up.
    TRACKED_FIELDS = ("start", "end", "venue_id", "status", "note")

    def save(self, *args, **kwargs):
        newly_cancelled = False
        if self.pk:
            previous = EventSession.objects.filter(pk=self.pk).values(*self.TRACKED_FIELDS, "sequence").first()
            if previous:
                changed = any(previous[field] != getattr(self, field) for field in self.TRACKED_FIELDS)
                self.sequence = previous["sequence"] + (1 if changed else 0)
                newly_cancelled = self.is_cancelled and previous["status"] != self.Status.CANCELLED
        super().save(*args, **kwargs)
        if newly_cancelled:
            # Publishing a cancelled session tells its registrants, once, after the commit.
            from events.services import cancel_session_registrations

            session_id = self.pk
            transaction.on_commit(lambda: cancel_session_registrations(session_id), robust=True)

    @property
    def places(self):
        """The session's capacity in places, or None when unlimited."""
        return self.capacity if self.capacity is not None else self.event.capacity

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_postponed(self):
        return self.status == self.Status.POSTPONED

    @property
    def is_past(self):
        return self.end < timezone.now()
