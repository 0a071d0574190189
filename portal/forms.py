"""Form helpers shared by every public form."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

PHONE_RE = re.compile(r"^(?:\+33|0033|0)[1-9]\d{8}$")


def normalise_phone(value):
    """ "06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78" → "0612345678"; else a French error."""
    digits = re.sub(r"[\s.\-()]", "", value)
    if not PHONE_RE.match(digits):
        raise forms.ValidationError(
            _("Écrivez un numéro de téléphone français à 10 chiffres, par exemple 06 12 34 56 78.")
        )
    return "0" + digits[-9:]


def first_name_field():
    """The "Prénom" field of every public form (GOV.UK: plain error, autocomplete token)."""
    return forms.CharField(
        label=_("Prénom"),
        max_length=100,
        error_messages={"required": _("Indiquez votre prénom.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )


def last_name_field():
    """The "Nom" field of every public form."""
    return forms.CharField(
        label=_("Nom"),
        max_length=100,
        error_messages={"required": _("Indiquez votre nom.")},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
