"""The rules of the quotient familial calculator, per site, editable in the admin."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def _parts_field(label, default, help_text=""):
    return models.DecimalField(
        label,
        max_digits=4,
        decimal_places=2,
        default=Decimal(default),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))],
        help_text=help_text,
    )


@register_setting(icon="calculator")
class QuotientSettings(BaseSiteSetting):
    """How many parts a household counts in the calculator (the CAF's rules by default).

    Monthly income = annual taxable income ÷ 12 + monthly family benefits; quotient = monthly
    income ÷ parts, rounded down to the euro (aids/quotient.py).
    """

    parts_single = _parts_field(_("personne seule sans enfant"), "1")
    parts_couple = _parts_field(_("couple"), "2")
    parts_single_parent = _parts_field(
        _("parent seul avec enfant(s)"), "2", _("La CAF compte 2 parts pour un parent isolé, comme pour un couple.")
    )
    parts_first_children = _parts_field(_("chacun des deux premiers enfants"), "0.5")
    parts_further_children = _parts_field(_("à partir du troisième enfant, chacun"), "1")
    parts_disabled_child = _parts_field(
        _("en plus, par enfant handicapé"), "0.5", _("Enfant qui ouvre droit à l'AEEH.")
    )
    notice = models.TextField(
        _("à savoir"),
        blank=True,
        default=_(
            "C'est une estimation : le CCAS calcule votre quotient avec vos justificatifs "
            "(avis d'imposition, attestation CAF) lors de votre demande."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("parts_single"),
                FieldPanel("parts_couple"),
                FieldPanel("parts_single_parent"),
                FieldPanel("parts_first_children"),
                FieldPanel("parts_further_children"),
                FieldPanel("parts_disabled_child"),
            ],
            heading=_("Nombre de parts"),
        ),
        FieldPanel("notice"),
    ]

    class Meta:
        verbose_name = _("calcul du quotient familial")

    def rules(self):
        """The parts rules as plain values for aids/quotient.py."""
        from ..quotient import PartsRules

        return PartsRules(
            single=self.parts_single,
            couple=self.parts_couple,
            single_parent=self.parts_single_parent,
            first_children=self.parts_first_children,
            further_children=self.parts_further_children,
            disabled_child=self.parts_disabled_child,
        )
