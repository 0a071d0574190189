"""Prevention resources, the local partners directory, and the anonymous count of their diffusion."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.models import Vocabulary

from .blocks import ResourceBodyBlock


class ResourceFormat(Vocabulary):
    """A format a resource comes in (fiche pratique, guide, vidéo, FALC…); residents filter by it."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("format de ressource")
        verbose_name_plural = _("formats de ressource")


class PartnerKind(models.TextChoices):
    CAF = "caf", _("CAF")
    DEPARTMENT = "conseil-departemental", _("Conseil départemental")
    FRANCE_SERVICES = "france-services", _("France services")
    CCAS = "ccas", _("CCAS / CIAS")
    ASSOCIATION = "association", _("Association")
    HEALTH = "sante", _("Santé")
    EDUCATION = "education", _("Éducation")
    EMPLOYMENT = "emploi", _("Emploi et insertion")
    HOUSING = "logement", _("Logement")
    JUSTICE = "justice", _("Justice et accès au droit")
    OTHER = "autre", _("Autre")


class ResourceIndexPage(Page):
    """The resources listing ("/ressources/"): filters by theme, public and format, and a search."""

    # The site map links here, not to each item below (home.views.site_map).
    site_map_children = False

    introduction = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ResourcePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("liste des ressources")

    def get_context(self, request, *args, **kwargs):
        from .listing import resource_index_context

        return {**super().get_context(request, *args, **kwargs), **resource_index_context(request, self)}


class PartnerIndexPage(Page):
    """The local partners directory ("/annuaire/"): who can help, filtered by theme, public, commune, kind."""

    # The site map links here, not to each item below (home.views.site_map).
    site_map_children = False

    introduction = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.PartnerPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("annuaire des partenaires")

    def get_context(self, request, *args, **kwargs):
        from .listing import partner_index_context

        return {**super().get_context(request, *args, **kwargs), **partner_index_context(request, self)}


class PartnerPage(Page):
    """A local partner (CAF, France services, an association…): what it does and how to reach it."""

    kind = models.CharField(
        _("type de partenaire"), max_length=30, choices=PartnerKind, default=PartnerKind.ASSOCIATION
    )
    description = models.TextField(
        _("ce que fait ce partenaire"),
        max_length=600,
        help_text=_("Deux ou trois phrases simples : pour qui, pour quoi, comment."),
    )
    themes = ParentalManyToManyField("home.Theme", verbose_name=_("thèmes"), blank=True, related_name="partners")
    audiences = ParentalManyToManyField("home.Audience", verbose_name=_("publics"), blank=True, related_name="partners")
    address = models.TextField(_("adresse"), blank=True, help_text=_("Numéro, rue et, si besoin, le bâtiment."))
    commune = models.ForeignKey(
        "home.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partners",
        help_text=_("Laissez vide pour un service sans accueil sur le territoire (numéro national…)."),
    )
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    website = models.URLField(_("site internet"), blank=True)
    opening_hours = models.TextField(_("horaires d'accueil"), blank=True)
    # The organisation events name as organiser (partners app): created with the page.
    organisation = models.OneToOneField(
        "partners.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="partner_page",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldRowPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            ]
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("commune"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Coordonnées"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("address"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["resources.PartnerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")

    @property
    def introduction(self):
        """The description, where site-wide templates (search results, featured pages) expect a summary."""
        return self.description

    @property
    def listing_meta(self):
        """ "Association · Brécy-la-Rivière" for cards (expects `commune` already fetched)."""
        parts = [str(self.get_kind_display())]
        if self.commune_id:
            parts.append(self.commune.name)
        return " · ".join(parts)

    def save(self, *args, **kwargs):
        from .partners import sync_organisation

        sync_organisation(self)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .listing import partner_page_context

        return {**super().get_context(request, *args, **kwargs), **partner_page_context(request, self)}


class ResourcePage(RoutablePageMixin, Page):
    """A prevention resource: a plain-language sheet, guide, video… with its files and contacts."""

    summary = models.TextField(
        _("résumé en langage simple"),
        max_length=300,
        help_text=_("Deux phrases simples : de quoi parle la ressource et à qui elle sert."),
    )
    body = StreamField(ResourceBodyBlock(), verbose_name=_("contenu"), blank=True)
    themes = ParentalManyToManyField("home.Theme", verbose_name=_("thèmes"), blank=True, related_name="resources")
    audiences = ParentalManyToManyField(
        "home.Audience", verbose_name=_("publics"), blank=True, related_name="resources"
    )
    formats = ParentalManyToManyField(ResourceFormat, verbose_name=_("formats"), blank=True, related_name="resources")
    easy_read_version = models.ForeignKey(
        "self",
        verbose_name=_("version facile à lire (FALC)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="standard_versions",
        help_text=_("La même information en « facile à lire et à comprendre ». Un lien apparaîtra sur les deux pages."),
    )
    related_partners = ParentalManyToManyField(
        PartnerPage, verbose_name=_("partenaires à contacter"), blank=True, related_name="resources"
    )
    related_events = ParentalManyToManyField(
        "events.EventPage", verbose_name=_("temps ressources liés"), blank=True, related_name="resources"
    )
    last_reviewed = models.DateField(
        _("dernière vérification"),
        null=True,
        blank=True,
        help_text=_("Date à laquelle le contenu a été relu et vérifié (montants, adresses, règles)."),
    )
    featured = models.BooleanField(_("à la une sur l'accueil"), default=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("formats", widget=forms.CheckboxSelectMultiple),
            ]
        ),
        FieldPanel("body"),
        InlinePanel("documents", heading=_("Documents à télécharger"), label=_("Document")),
        FieldPanel("easy_read_version"),
        MultiFieldPanel(
            [FieldPanel("related_partners"), FieldPanel("related_events")],
            heading=_("Pour aller plus loin"),
        ),
        FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("featured")]),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")

    @property
    def introduction(self):
        """The summary, where site-wide templates (search results, featured pages) expect one."""
        return self.summary

    @property
    def format_names(self):
        """ "Fiche pratique, FALC" for cards (uses prefetched formats when there are)."""
        return ", ".join(resource_format.name for resource_format in self.formats.all())

    def clean(self):
        super().clean()
        if self.easy_read_version_id and self.easy_read_version_id == self.pk:
            raise ValidationError({"easy_read_version": _("Choisissez une autre ressource que celle-ci.")})

    def get_context(self, request, *args, **kwargs):
        from .listing import resource_page_context

        return {**super().get_context(request, *args, **kwargs), **resource_page_context(request, self)}

    def serve(self, request, *args, **kwargs):
        # Read before Page.serve resets it: previews must never count as a view.
        is_preview = getattr(request, "is_preview", False)
        response = super().serve(request, *args, **kwargs)
        # The printable sheet (a route below) counts as a download, not as a view of the page.
        view = kwargs.get("view", args[0] if args else None)
        if not is_preview and getattr(view, "__name__", "") != "sheet":
            from .services import count_page_view

            count_page_view(self.pk, request)
        return response

    @path("fiche/")
    def sheet(self, request):
        from .printing import resource_sheet

        return resource_sheet(request, self)

    @classmethod
    def page_cache_hit(cls, page_id, request):
        """A copy of the page was served from the page cache (portal/cache.py): count the view too."""
        from .services import count_page_view

        count_page_view(page_id, request)


class ResourceDocument(Orderable):
    """A file residents can download from a resource; every download is counted for it."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("intitulé du lien"),
        max_length=200,
        blank=True,
        help_text=_("Laissez vide pour reprendre le titre du document."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document à télécharger")
        verbose_name_plural = _("documents à télécharger")

    @property
    def link_title(self):
        return self.title or self.document.title


class DiffusionCount(models.Model):
    """How many times a resource was read or one of its files downloaded, per format and day.

    An anonymous tally for the action sheet's indicator: no IP address, no user, no cookie.
    """

    class Kind(models.TextChoices):
        VIEW = "view", _("Consultation de la page")
        DOWNLOAD = "download", _("Téléchargement")

    resource = models.ForeignKey(
        ResourcePage, verbose_name=_("ressource"), on_delete=models.CASCADE, related_name="diffusion_counts"
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind)
    file_format = models.CharField(
        _("format du fichier"), max_length=10, blank=True, help_text=_("Vide pour une consultation de la page.")
    )
    day = models.DateField(_("jour"))
    count = models.PositiveIntegerField(_("nombre"), default=0)

    class Meta:
        verbose_name = _("compteur de diffusion")
        verbose_name_plural = _("compteurs de diffusion")
        constraints = [
            # One row per key, so concurrent first hits of the day cannot create two rows.
            models.UniqueConstraint(fields=["resource", "kind", "file_format", "day"], name="unique_diffusion_key")
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.resource_id} {self.kind} {self.file_format} {self.day}: {self.count}"
