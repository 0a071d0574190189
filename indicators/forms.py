"""The feedback form, the optional "mieux vous connaître" questions, and the period chooser.

No model is imported here: `events.forms` uses `diversity_fields()` while the events app loads.
"""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import AgeBand, Caregiver, ComeAgain, FamilySituation

# --- The optional questions of the registration form (GOV.UK equality information pattern) ---


def diversity_fields():
    """Three optional radio questions, each with "Je préfère ne pas répondre", nothing preselected."""
    return {
        "age_band": forms.ChoiceField(
            label=_("Quel âge avez-vous ?"), choices=AgeBand.choices, required=False, widget=forms.RadioSelect
        ),
        "family_situation": forms.ChoiceField(
            label=_("Quelle est votre situation familiale ?"),
            choices=FamilySituation.choices,
            required=False,
            widget=forms.RadioSelect,
        ),
        "caregiver": forms.ChoiceField(
            label=_("Aidez-vous régulièrement un proche malade, âgé ou en situation de handicap ?"),
            choices=Caregiver.choices,
            required=False,
            widget=forms.RadioSelect,
        ),
    }


# --- Feedback ---------------------------------------------------------------------------------


USEFULNESS_CHOICES = [
    ("5", _("5 – très utile")),
    ("4", "4"),
    ("3", "3"),
    ("2", "2"),
    ("1", _("1 – pas utile du tout")),
]


class FeedbackForm(forms.Form):
    """Four short questions; only the first is required."""

    usefulness = forms.ChoiceField(
        label=_("Ce temps ressources vous a-t-il été utile ?"),
        help_text=_("De 1 (pas utile du tout) à 5 (très utile)."),
        choices=USEFULNESS_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez une note de 1 à 5."),
            "invalid_choice": _("Choisissez une note de 1 à 5."),
        },
    )
    takeaway = forms.CharField(
        label=_("Qu'est-ce que vous en retenez ?"),
        help_text=_("Par exemple : une idée, une adresse, une rencontre. N'écrivez pas votre nom."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Écrivez 1000 caractères au plus (vous en avez écrit %(show_value)d).")},
    )
    missing = forms.CharField(
        label=_("Qu'est-ce qui vous a manqué ?"),
        help_text=_("Par exemple : plus de temps, un autre horaire, une garde d'enfants."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Écrivez 1000 caractères au plus (vous en avez écrit %(show_value)d).")},
    )
    come_again = forms.ChoiceField(
        label=_("Reviendriez-vous à un autre temps ressources ?"),
        choices=ComeAgain.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choisissez oui, peut-être ou non.")},
    )


# --- Staff: the period of the indicators ------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodForm(forms.Form):
    du = forms.DateField(label=_("Du"), widget=DateInput, help_text=_("Par exemple 01/01/2026."))
    au = forms.DateField(label=_("Au"), widget=DateInput, help_text=_("Par exemple 31/12/2026."))

    MAX_DAYS = 366 * 5

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("du"), cleaned.get("au")
        if start and end:
            if end < start:
                self.add_error("au", _("La date de fin doit être après la date de début."))
            elif (end - start).days > self.MAX_DAYS:
                self.add_error("au", _("Choisissez une période de 5 ans au plus."))
            elif start < date(2000, 1, 1):
                self.add_error("du", _("Choisissez une date après l'an 2000."))
        return cleaned
