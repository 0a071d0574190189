"""The GET forms of the aids guide: the listing's filters, the question path and the calculator.

None of them is ever saved: they read the address and answer the page, that is all.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import Commune
from portal.forms import VocabularyChoiceField

from .eligibility import Answers
from .models import AidStatus, Household

MAX_ANNUAL_INCOME = Decimal("2000000")
MAX_MONTHLY_BENEFITS = Decimal("20000")
MAX_CHILDREN = 15
MAX_QUOTIENT = 100_000
# Spaces a French number may hold ("24 000", with a normal, non-breaking or narrow space).
_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_euros(value):
    """ "24 000", "24000,50", "1 200 €" → Decimal; None when it is not a number."""
    text = _SPACES.sub("", str(value)).replace("€", "").replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d{1,2})?", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


class EurosField(forms.CharField):
    """An amount in euros typed the French way; the cleaned value is a Decimal (or None if empty)."""

    def __init__(self, *, maximum, allow_zero, **kwargs):
        self.maximum = maximum
        self.allow_zero = allow_zero
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off", "class": "input--short"}

    def clean(self, value):
        text = super().clean(value)
        if text in (None, ""):
            return None
        amount = parse_euros(text)
        if amount is None:
            raise forms.ValidationError(
                _("Écrivez un montant en chiffres, par exemple 24000 ou 24 000,50."), code="invalid"
            )
        if amount < 0:
            raise forms.ValidationError(_("Un montant ne peut pas être négatif."), code="negative")
        if amount == 0 and not self.allow_zero:
            raise forms.ValidationError(self.error_messages["zero"], code="zero")
        if amount > self.maximum:
            raise forms.ValidationError(
                _("Ce montant paraît trop élevé : vérifiez-le (%(max)s € au plus).")
                % {"max": f"{self.maximum:,.0f}".replace(",", "\u202f")},
                code="too_big",
            )
        return amount


def _children_field(label, **kwargs):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_CHILDREN,
        error_messages={
            "invalid": _("Écrivez un nombre d'enfants en chiffres, par exemple 2."),
            "min_value": _("Le nombre d'enfants ne peut pas être négatif."),
            "max_value": _("Écrivez un nombre d'enfants entre 0 et %(limit_value)s."),
        },
        widget=forms.NumberInput(attrs={"class": "input--short", "inputmode": "numeric"}),
        **kwargs,
    )


def _couple_field(label):
    return forms.TypedChoiceField(
        label=label,
        required=False,
        choices=[("non", _("seul·e")), ("oui", _("en couple"))],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "oui",
        empty_value=None,
    )


class AidFilterForm(forms.Form):
    """The listing's filters: a plain GET form whose address can be shared."""

    q = forms.CharField(
        label=_("Mot-clé"), required=False, max_length=100, help_text=_("Par exemple : énergie, permis.")
    )
    commune = VocabularyChoiceField("home.Commune", label=_("Votre commune"), empty_label=_("Toutes les communes"))
    situation = VocabularyChoiceField(
        "aids.AidStatus", label=_("Votre situation"), empty_label=_("Toutes les situations")
    )
    foyer = forms.ChoiceField(
        label=_("Votre foyer"), required=False, choices=[("", _("Tous les foyers")), *Household.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "Votre commune" asks for the person's own town (RGAA 11.13): the browser may fill it in.
        self.fields["commune"].widget.attrs["autocomplete"] = "address-level2"

    def valid_filters(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    def answers(self):
        """The filters as answers for aids/eligibility.py (an aid that excludes them is left out)."""
        filters = self.valid_filters()
        couple = children = None
        if foyer := filters.get("foyer"):
            couple = foyer in (Household.COUPLE, Household.COUPLE_CHILDREN)
            children = 1 if foyer in (Household.SINGLE_PARENT, Household.COUPLE_CHILDREN) else 0
        commune = filters.get("commune")
        status = filters.get("situation")
        return Answers(
            commune=commune.pk if commune else None,
            couple=couple,
            children=children,
            statuses=frozenset([status.pk]) if status else frozenset(),
        )


class QuestionPathForm(forms.Form):
    """Every answer of "Quelles aides pour moi ?", all optional; each step shows some of them."""

    STEPS = (
        ("commune",),
        ("age",),
        ("couple", "enfants"),
        ("situations",),
        ("quotient",),
    )

    commune = forms.ModelChoiceField(
        label=_("Dans quelle commune habitez-vous ?"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Je préfère ne pas répondre"),
        to_field_name="slug",
        error_messages={"invalid_choice": _("Choisissez une commune de la liste.")},
        # The person's own town (RGAA 11.13, WCAG 1.3.5): the browser may fill it in.
        widget=forms.Select(attrs={"autocomplete": "address-level2"}),
    )
    age = forms.IntegerField(
        label=_("Quel âge avez-vous ?"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=_("En années, par exemple 65."),
        error_messages={
            "invalid": _("Écrivez votre âge en chiffres, par exemple 65."),
            "min_value": _("Écrivez un âge entre 0 et 120 ans."),
            "max_value": _("Écrivez un âge entre 0 et 120 ans."),
        },
        widget=forms.NumberInput(attrs={"class": "input--short", "inputmode": "numeric"}),
    )
    couple = _couple_field(_("Vous vivez"))
    enfants = _children_field(
        _("Combien d'enfants vivent avec vous ?"),
        required=False,
        help_text=_("Les enfants à votre charge. 0 si aucun."),
    )
    situations = forms.ModelMultipleChoiceField(
        label=_("Êtes-vous dans l'une de ces situations ?"),
        queryset=AidStatus.objects.none(),
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cochez tout ce qui vous concerne."),
        error_messages={"invalid_choice": _("Choisissez des situations de la liste.")},
    )
    aucune = forms.BooleanField(label=_("Aucune de ces situations"), required=False)
    quotient = forms.IntegerField(
        label=_("Connaissez-vous votre quotient familial ?"),
        required=False,
        min_value=0,
        max_value=MAX_QUOTIENT,
        help_text=_("En euros, par exemple 733. Il est sur votre attestation CAF, ou calculez-le."),
        error_messages={
            "invalid": _("Écrivez votre quotient familial en chiffres, par exemple 733."),
            "min_value": _("Un quotient familial ne peut pas être négatif."),
            "max_value": _("Ce quotient paraît trop élevé : vérifiez-le."),
        },
        widget=forms.NumberInput(attrs={"class": "input--short", "inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Commune.objects.all()
        self.fields["situations"].queryset = AidStatus.objects.all()

    def step_fields(self, number):
        names = self.STEPS[number - 1]
        if "situations" in names:
            names = (*names, "aucune")
        return [self[name] for name in names]

    def first_step_with_errors(self):
        for number, names in enumerate(self.STEPS, start=1):
            if any(name in self.errors for name in (*names, "aucune")):
                return number
        return None

    def hidden_answers(self, number):
        """(name, value) pairs of the answers given on the other steps, to carry them along."""
        shown = set(self.STEPS[number - 1]) | ({"aucune"} if number == 4 else set())
        pairs = []
        for name in self.fields:
            if name in shown:
                continue
            for value in self.data.getlist(name) if hasattr(self.data, "getlist") else []:
                if value != "":
                    pairs.append((name, value))
        return pairs

    def answers(self):
        data = self.cleaned_data if self.is_valid() else {}
        return Answers(
            commune=data["commune"].pk if data.get("commune") else None,
            age=data.get("age"),
            couple=data.get("couple"),
            children=data.get("enfants"),
            statuses=frozenset(status.pk for status in data.get("situations") or ()),
            no_status=bool(data.get("aucune")),
            quotient=data.get("quotient"),
        )


class CalculatorForm(forms.Form):
    """The quotient familial calculator: three amounts or counts, and the household."""

    revenus = EurosField(
        label=_("Revenus imposables du foyer sur un an (€)"),
        maximum=MAX_ANNUAL_INCOME,
        allow_zero=False,
        help_text=_("Le total des revenus imposables de votre avis d'impôt, par exemple 24000."),
        error_messages={
            "required": _("Écrivez les revenus imposables de votre foyer sur un an."),
            "zero": _(
                "Écrivez un revenu supérieur à 0 €. Sans revenu imposable, prenez rendez-vous : "
                "nous calculerons votre quotient avec vous."
            ),
        },
    )
    prestations = EurosField(
        label=_("Prestations familiales par mois (€)"),
        maximum=MAX_MONTHLY_BENEFITS,
        allow_zero=True,
        required=False,
        help_text=_("Allocations familiales, complément familial, allocation de soutien familial… 0 si aucune."),
    )
    couple = forms.TypedChoiceField(
        label=_("Vous vivez"),
        choices=[("non", _("seul·e")), ("oui", _("en couple"))],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "oui",
        error_messages={"required": _("Dites si vous vivez seul·e ou en couple.")},
    )
    enfants = _children_field(
        _("Nombre d'enfants à charge"),
        required=False,
        initial=0,
        help_text=_("Ceux que la CAF compte à votre charge."),
    )
    enfants_handicapes = _children_field(
        _("Dont enfants handicapés"), required=False, help_text=_("Ceux qui ouvrent droit à l'AEEH. 0 si aucun.")
    )

    def clean(self):
        cleaned = super().clean()
        children = cleaned.get("enfants") or 0
        disabled = cleaned.get("enfants_handicapes") or 0
        if "enfants_handicapes" not in self.errors and disabled > children:
            self.add_error(
                "enfants_handicapes",
                _("Le nombre d'enfants handicapés ne peut pas dépasser le nombre d'enfants à charge."),
            )
        return cleaned
