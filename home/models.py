"""The base of the portal: site settings, the home page and standard content pages."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import HomeBodyBlock, StandardBodyBlock, heading_order_problem
from .colours import HEX_COLOUR, contrast_ratio
from .rgaa import load_audit

MIN_CONTRAST = 4.5
WHITE = "#ffffff"
colour_validator = RegexValidator(HEX_COLOUR, _("Écrivez la couleur sous la forme #1a5a96."))


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Who runs this site and how to reach them: the header, footer and legal pages read it.

    Nothing about a particular CCAS is written in the code; each Wagtail site has its own.
    """

    organisation_name = models.CharField(_("nom de l'organisme"), max_length=150, default="CCAS")
    short_name = models.CharField(
        _("nom court"), max_length=40, blank=True, help_text=_("Par exemple « CIAS du Val ».")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tagline = models.CharField(_("description courte"), max_length=200, blank=True)
    address = models.TextField(_("adresse"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("adresse e-mail de contact"), blank=True)
    opening_hours = models.TextField(_("horaires d'ouverture"), blank=True)
    data_protection_contact = models.TextField(
        _("contact données personnelles (DPO)"),
        blank=True,
        help_text=_("Nom ou service, adresse postale et e-mail du délégué à la protection des données."),
    )
    legal_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page « Mentions légales »"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page « Données personnelles »"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page « Accessibilité »"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page « Contact »"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_audit_date = models.DateField(
        _("date de l'audit d'accessibilité"),
        null=True,
        blank=True,
        help_text=_("Laissez vide pour afficher la date de l'audit publié avec le site."),
    )
    accessibility_audit_sample = models.TextField(
        _("échantillon de l'audit"),
        blank=True,
        help_text=_("Les pages auditées, une par ligne. Laissez vide pour reprendre l'échantillon de la grille."),
    )
    accessibility_scheme_url = models.URLField(
        _("schéma pluriannuel de mise en accessibilité"),
        blank=True,
        help_text=_("Adresse du schéma pluriannuel et du plan d'action de l'année, publiés par l'organisme."),
    )
    accessibility_derogations = models.TextField(
        _("dérogations et contenus non soumis"),
        blank=True,
        help_text=_("Par exemple des documents publiés avant le 23 septembre 2018. Laissez vide s'il n'y en a pas."),
    )
    primary_colour = models.CharField(
        _("couleur principale"),
        max_length=7,
        default="#1d4f7c",
        validators=[colour_validator],
        help_text=_("Boutons, liens et bandeau. Doit contraster à 4,5:1 au moins avec le blanc."),
    )
    accent_colour = models.CharField(
        _("couleur d'accentuation"),
        max_length=7,
        default="#8a3b12",
        validators=[colour_validator],
        help_text=_("Encadrés et repères. Doit contraster à 4,5:1 au moins avec le blanc."),
    )

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("organisation_name"),
                    FieldPanel("short_name"),
                    FieldPanel("tagline"),
                    FieldPanel("logo"),
                    MultiFieldPanel(
                        [
                            FieldPanel("address"),
                            FieldPanel("phone"),
                            FieldPanel("email"),
                            FieldPanel("opening_hours"),
                        ],
                        heading=_("Coordonnées"),
                    ),
                ],
                heading=_("Organisme"),
            ),
            ObjectList(
                [
                    FieldPanel("data_protection_contact"),
                    FieldPanel("legal_notice_page"),
                    FieldPanel("privacy_page"),
                    FieldPanel("accessibility_page"),
                    FieldPanel("contact_page"),
                ],
                heading=_("Pages légales"),
            ),
            ObjectList(
                [
                    FieldPanel("accessibility_audit_date"),
                    FieldPanel("accessibility_audit_sample"),
                    FieldPanel("accessibility_scheme_url"),
                    FieldPanel("accessibility_derogations"),
                ],
                heading=_("Accessibilité"),
            ),
            ObjectList(
                [FieldPanel("primary_colour"), FieldPanel("accent_colour")],
                heading=_("Couleurs"),
            ),
        ]
    )

    class Meta:
        verbose_name = _("paramètres du site")

    def __str__(self):
        return self.organisation_name

    def clean(self):
        super().clean()
        errors = {}
        for field in ("primary_colour", "accent_colour"):
            value = getattr(self, field)
            if HEX_COLOUR.match(value or "") and contrast_ratio(value, WHITE) < MIN_CONTRAST:
                ratio = contrast_ratio(value, WHITE)
                errors[field] = _(
                    "Contraste insuffisant avec le blanc : %(ratio).1f:1 (4,5:1 minimum). "
                    "Choisissez une couleur plus foncée."
                ) % {"ratio": ratio}
        if errors:
            raise ValidationError(errors)

    @property
    def display_name(self):
        return self.short_name or self.organisation_name

    @property
    def accessibility_status(self):
        """ "totalement / partiellement / non conforme": computed from the audit grid, never typed."""
        return load_audit().status

    @property
    def audit_date(self):
        return self.accessibility_audit_date or load_audit().meta["date"]

    @property
    def audit_sample(self):
        """The pages of the sample, as the editors wrote them or as the grid lists them."""
        written = [line.strip() for line in self.accessibility_audit_sample.splitlines() if line.strip()]
        return written or [page["title"] for page in load_audit().pages]


class HomePage(Page):
    """The home page: an introduction, highlighted links and featured pages."""

    hero_title = models.CharField(
        _("titre d'accueil"),
        max_length=120,
        blank=True,
        help_text=_("Le grand titre de la page (h1). Laissez vide pour reprendre le titre de la page."),
    )
    hero_text = models.TextField(_("phrase d'accueil"), blank=True, max_length=300)
    body = StreamField(HomeBodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_text"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("page d'accueil")

    @property
    def heading(self):
        return self.hero_title or self.title


class StandardPage(Page):
    """A content page: "Le CCAS", "Accessibilité", "Données personnelles", "Contact"…"""

    introduction = models.TextField(
        _("chapeau"),
        blank=True,
        max_length=500,
        help_text=_("Une ou deux phrases simples qui résument la page."),
    )
    body = StreamField(StandardBodyBlock(), verbose_name=_("contenu"), blank=True)
    quick_exit = models.BooleanField(
        _("bouton « Quitter rapidement »"),
        default=False,
        help_text=_("Pour les pages sur des sujets sensibles (violences, protection de l'enfance…)."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    settings_panels = [*Page.settings_panels, FieldPanel("quick_exit")]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("page de contenu")

    def clean(self):
        super().clean()
        problem = heading_order_problem(self.body)
        if problem:
            raise ValidationError({"body": problem})

    def get_context(self, request, *args, **kwargs):
        # "Dans cette rubrique": the published pages below, those a visitor may open.
        children = self.get_children().live().public().specific()
        return {**super().get_context(request, *args, **kwargs), "children": children}


class Vocabulary(models.Model):
    """Shared shape of the calendar's and resources' vocabularies: a name, a slug, an order."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(
        _("identifiant dans l'adresse"),
        max_length=100,
        unique=True,
        help_text=_("Lettres minuscules et tirets, par exemple « parentalite ». Sert dans les filtres."),
    )
    sort_order = models.PositiveSmallIntegerField(_("ordre d'affichage"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Theme(Vocabulary):
    """A theme of the action plan (parentalité, accès aux droits, santé…), shared by events and resources."""

    description = models.CharField(_("description courte"), max_length=250, blank=True)

    panels = [*Vocabulary.panels, FieldPanel("description")]

    class Meta(Vocabulary.Meta):
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")


class Audience(Vocabulary):
    """Who a temps ressources or a resource is for (parents, aidants, jeunes, familles, tout public…)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("public")
        verbose_name_plural = _("publics")


class Commune(Vocabulary):
    """A commune of the territory served by the CCAS / CIAS."""

    postcode = models.CharField(
        _("code postal"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("Un code postal a 5 chiffres, par exemple 71990."))],
    )

    panels = [*Vocabulary.panels, FieldPanel("postcode")]

    class Meta(Vocabulary.Meta):
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
