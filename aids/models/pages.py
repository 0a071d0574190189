"""The aids guide's pages: the listing ("/aides/") and one page per aid with its criteria."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.models import Vocabulary

MAX_AGE = 120


class Household(models.TextChoices):
    """The four household situations an aid may be meant for (with or without dependent children)."""

    SINGLE = "seul", _("Personne seule sans enfant")
    COUPLE = "couple", _("Couple sans enfant")
    SINGLE_PARENT = "parent-seul", _("Parent seul avec enfant(s)")
    COUPLE_CHILDREN = "couple-enfants", _("Couple avec enfant(s)")


class AidStatus(Vocabulary):
    """A situation an aid may ask for (étudiant·e, demandeur·se d'emploi, retraité·e, aidant·e…)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("situation")
        verbose_name_plural = _("situations (aides)")


class AidIndexPage(RoutablePageMixin, Page):
    """`/aides/`: the aids guide, "Quelles aides pour moi ?" and the quotient familial calculator."""

    # The site map links here, not to each aid below (home.views.site_map).
    site_map_children = False

    introduction = models.TextField(_("introduction"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("contenu sous la liste"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["aids.AidPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("guide des aides")

    @path("")
    def listing_view(self, request):
        from ..views import aid_index

        return aid_index(request, self)

    @path("quelles-aides-pour-moi/")
    def question_path_view(self, request):
        from ..views import question_path

        return question_path(request, self)

    @path("quotient-familial/")
    def calculator_view(self, request):
        from ..views import calculator

        return calculator(request, self)


class AidPage(Page):
    """One aid of the CCAS / CIAS: what it is, who it is for, what it gives and how to ask for it.

    The criteria are structured so that "Quelles aides pour moi ?" and the listing's filters can
    tell who it is for (aids/eligibility.py); a criterion left empty means "no condition".
    """

    summary = models.TextField(
        _("en bref"),
        max_length=300,
        help_text=_("Deux phrases simples : ce qu'est l'aide et pour qui."),
    )
    gives = models.TextField(
        _("ce que l'aide apporte"),
        help_text=_("Le montant, la durée, ce qui est pris en charge. Une idée par ligne."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("pour en savoir plus"), blank=True)

    communes = ParentalManyToManyField(
        "home.Commune",
        verbose_name=_("communes de résidence"),
        blank=True,
        related_name="aids",
        help_text=_("Laissez vide si l'aide est ouverte à tout le territoire."),
    )
    min_age = models.PositiveSmallIntegerField(
        _("âge minimum"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("âge maximum"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)]
    )
    for_single = models.BooleanField(Household.SINGLE.label, default=False)
    for_couple = models.BooleanField(Household.COUPLE.label, default=False)
    for_single_parent = models.BooleanField(Household.SINGLE_PARENT.label, default=False)
    for_couple_children = models.BooleanField(Household.COUPLE_CHILDREN.label, default=False)
    quotient_ceiling = models.PositiveIntegerField(
        _("quotient familial au plus (€)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100_000)],
        help_text=_("Laissez vide si l'aide ne dépend pas du quotient familial."),
    )
    statuses = ParentalManyToManyField(
        AidStatus,
        verbose_name=_("situations"),
        blank=True,
        related_name="aids",
        help_text=_("L'aide est pour les personnes dans l'une de ces situations. Laissez vide : pour tous."),
    )
    other_conditions = models.TextField(
        _("autres conditions"),
        blank=True,
        help_text=_("Ce que la commission regarde aussi, en mots simples. Une idée par ligne."),
    )

    documents_to_bring = models.TextField(_("documents à apporter"), blank=True, help_text=_("Un document par ligne."))
    how_to_ask = models.TextField(_("comment faire la demande"), blank=True, help_text=_("Les étapes, une par ligne."))
    appointment_subject = models.ForeignKey(
        "appointments.AppointmentSubject",
        verbose_name=_("objet du rendez-vous"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Choisi d'avance dans la demande de rendez-vous ouverte depuis cette page."),
    )
    phone = models.CharField(
        _("téléphone"), max_length=30, blank=True, help_text=_("Laissez vide pour celui du CCAS (paramètres du site).")
    )
    opening_hours = models.TextField(
        _("horaires"), blank=True, help_text=_("Laissez vide pour ceux du CCAS (paramètres du site).")
    )
    delay = models.CharField(
        _("délai de réponse"), max_length=150, blank=True, help_text=_("Par exemple « Réponse sous 15 jours ».")
    )
    partner = models.ForeignKey(
        "resources.PartnerPage",
        verbose_name=_("partenaire qui gère l'aide"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="aids",
        help_text=_("Laissez vide si c'est le CCAS / CIAS."),
    )
    related_resources = ParentalManyToManyField(
        "resources.ResourcePage",
        verbose_name=_("ressources liées"),
        blank=True,
        related_name="aids",
        help_text=_("Les pages ressources choisies ici renvoient vers cette aide."),
    )
    easy_read_version = models.ForeignKey(
        "self",
        verbose_name=_("version facile à lire (FALC)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="standard_versions",
        help_text=_(
            "La même aide expliquée en « facile à lire et à comprendre ». Un lien apparaît sur les deux pages."
        ),
    )
    last_reviewed = models.DateField(
        _("dernière vérification"),
        null=True,
        blank=True,
        help_text=_("Date à laquelle les conditions et montants ont été vérifiés."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("gives"),
        MultiFieldPanel(
            [
                FieldPanel("communes", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                FieldRowPanel(
                    [
                        FieldPanel("for_single"),
                        FieldPanel("for_couple"),
                        FieldPanel("for_single_parent"),
                        FieldPanel("for_couple_children"),
                    ],
                    heading=_("Situation du foyer (aucune case : tous les foyers)"),
                ),
                FieldPanel("quotient_ceiling"),
                FieldPanel("statuses", widget=forms.CheckboxSelectMultiple),
                FieldPanel("other_conditions"),
            ],
            heading=_("Pour qui ?"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("documents_to_bring"),
                FieldPanel("how_to_ask"),
                FieldPanel("appointment_subject"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("delay")]),
                FieldPanel("opening_hours"),
                FieldPanel("partner"),
            ],
            heading=_("Comment la demander ?"),
        ),
        FieldPanel("body"),
        FieldPanel("easy_read_version"),
        FieldPanel("related_resources"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("gives"),
        index.SearchField("other_conditions"),
        index.SearchField("body"),
    ]
    parent_page_types = ["aids.AidIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("aide")
        verbose_name_plural = _("aides")

    @property
    def introduction(self):
        """The summary, where site-wide templates (search results, featured pages) expect one."""
        return self.summary

    @property
    def households(self):
        """The household situations chosen (empty: every household)."""
        flags = {
            Household.SINGLE: self.for_single,
            Household.COUPLE: self.for_couple,
            Household.SINGLE_PARENT: self.for_single_parent,
            Household.COUPLE_CHILDREN: self.for_couple_children,
        }
        return frozenset(kind for kind, chosen in flags.items() if chosen)

    def clean(self):
        super().clean()
        errors = {}
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            errors["max_age"] = _("L'âge maximum doit être supérieur ou égal à l'âge minimum.")
        if self.easy_read_version_id and self.easy_read_version_id == self.pk:
            errors["easy_read_version"] = _("Choisissez une autre aide que celle-ci.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from ..views import aid_page_context

        return {**super().get_context(request, *args, **kwargs), **aid_page_context(request, self)}

    def serve(self, request, *args, **kwargs):
        # Read before Page.serve resets it: previews never count as a view.
        is_preview = getattr(request, "is_preview", False)
        response = super().serve(request, *args, **kwargs)
        if not is_preview:
            from ..signals import send_aid_viewed

            send_aid_viewed(self.pk, request)
        return response

    @classmethod
    def page_cache_hit(cls, page_id, request):
        """A copy served from the page cache (portal/cache.py) is a view too."""
        from ..signals import send_aid_viewed

        send_aid_viewed(page_id, request)
