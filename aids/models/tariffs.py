"""Tariff grids: the price of an activity according to the household's quotient familial."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

MAX_QUOTIENT = 100_000


class ActivityKind(models.TextChoices):
    WORKSHOP = "ateliers", _("Ateliers et sorties")
    STAY = "sejours", _("Séjours et vacances")
    GARDEN = "jardins", _("Jardins familiaux")
    LEISURE = "loisirs", _("Loisirs des enfants")
    OTHER = "autre", _("Autre activité")


class TariffGridForm(WagtailAdminModelForm):
    """Refuses brackets that overlap or whose bounds are upside down, before anything is saved."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("brackets")
        if formset is None or not formset.is_valid():
            return cleaned
        rows = [
            form.cleaned_data for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        spans = sorted(
            (row["quotient_min"], row["quotient_max"] if row.get("quotient_max") is not None else MAX_QUOTIENT)
            for row in rows
            if row.get("quotient_min") is not None
        )
        for low, high in spans:
            if high < low:
                raise ValidationError(_("Dans une tranche, le quotient « jusqu'à » doit être au moins égal à « de »."))
        for (_low, high), (next_low, _next_high) in zip(spans, spans[1:], strict=False):
            if next_low <= high:
                raise ValidationError(
                    _(
                        "Deux tranches se chevauchent (%(high)s € et %(low)s €) : "
                        "un quotient doit tomber dans une seule."
                    )
                    % {"high": high, "low": next_low}
                )
        return cleaned


class TariffGrid(ClusterableModel):
    """What an activity costs according to the quotient familial, bracket by bracket.

    Staff define one grid per kind of activity ("Ateliers et sorties", "Séjours"…); the
    calculator shows the price of each grid for the quotient it computes, and the events chosen
    here show "Tarif selon votre quotient familial" instead of their free-text price.
    """

    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=100, unique=True)
    activity_kind = models.CharField(_("type d'activité"), max_length=20, choices=ActivityKind, default="ateliers")
    unit = models.CharField(
        _("le prix s'entend"),
        max_length=60,
        default=_("par séance"),
        help_text=_("Par exemple « par séance », « par an »."),
    )
    note = models.CharField(_("précision"), max_length=250, blank=True)
    events = ParentalManyToManyField(
        "events.EventPage",
        verbose_name=_("temps ressources à ce tarif"),
        blank=True,
        related_name="tariff_grids",
        help_text=_("Leur page affiche « Tarif selon votre quotient familial » et renvoie vers le calculateur."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("activity_kind"),
        FieldPanel("unit"),
        FieldPanel("note"),
        InlinePanel("brackets", heading=_("Tranches"), label=_("Tranche"), min_num=1),
        FieldPanel("events"),
    ]
    base_form_class = TariffGridForm

    class Meta:
        ordering = ["activity_kind", "name"]
        verbose_name = _("grille de tarifs")
        verbose_name_plural = _("grilles de tarifs")

    def __str__(self):
        return self.name

    def bracket_for(self, quotient):
        """The bracket holding `quotient` (whole euros), or None if the grid has none for it."""
        for bracket in self.brackets.all():
            if bracket.holds(quotient):
                return bracket
        return None


class TariffBracket(Orderable):
    """One line of a grid: from this quotient to that one (both included), this price."""

    grid = ParentalKey(TariffGrid, on_delete=models.CASCADE, related_name="brackets")
    quotient_min = models.PositiveIntegerField(_("quotient de (€)"), validators=[MaxValueValidator(MAX_QUOTIENT)])
    quotient_max = models.PositiveIntegerField(
        _("jusqu'à (€)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_QUOTIENT)],
        help_text=_("Laissez vide pour la dernière tranche (« et plus »)."),
    )
    price = models.DecimalField(_("prix (€)"), max_digits=8, decimal_places=2)

    panels = [FieldPanel("quotient_min"), FieldPanel("quotient_max"), FieldPanel("price")]

    class Meta(Orderable.Meta):
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")

    def holds(self, quotient):
        return self.quotient_min <= quotient and (self.quotient_max is None or quotient <= self.quotient_max)
