"""Form helpers shared by every public form."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import phones

# Control characters (a line break in a name becomes a fake header line in an email), format
# characters (right-to-left overrides that reverse what staff read, zero-width spaces), private
# use and unassigned code points. Free text keeps its line breaks and tabs.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn"}
_FREE_TEXT_ALLOWED = {"\n", "\r", "\t"}


def _has_forbidden(value, allowed=frozenset()):
    return any(unicodedata.category(char) in _FORBIDDEN_CATEGORIES and char not in allowed for char in value)


def validate_person_name(value):
    """A name: printable characters only, and at least one letter."""
    if _has_forbidden(value):
        raise ValidationError(_("Écrivez ce nom avec des lettres, sans caractère spécial invisible."), code="invalid")
    if not any(unicodedata.category(char).startswith("L") for char in value):
        raise ValidationError(_("Écrivez ce nom avec des lettres."), code="invalid")


def validate_free_text(value):
    """A message typed by a resident: any printable text, line breaks allowed."""
    if _has_forbidden(value, _FREE_TEXT_ALLOWED):
        raise ValidationError(
            _("Ce texte contient des caractères invisibles : retapez-le ou effacez-les."), code="invalid"
        )


# "<" and ">" have no place in a name, an address or a short note: refused rather than stored
# escaped, so what staff read and print (call sheets, letters, exports) is what was meant.
_MARKUP = re.compile(r"[<>]")


def validate_no_markup(value):
    """Refuse the signs of HTML markup ("<script>…") in a field typed by a resident."""
    if _MARKUP.search(value or ""):
        raise ValidationError(_("Retirez les signes « < » et « > » : ils ne sont pas acceptés ici."), code="markup")


def first_name_field():
    """The "Prénom" field of every public form (GOV.UK: plain error, autocomplete token)."""
    return forms.CharField(
        label=_("Prénom"),
        max_length=100,
        validators=[validate_person_name],
        error_messages={"required": _("Indiquez votre prénom.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )


def last_name_field():
    """The "Nom" field of every public form."""
    return forms.CharField(
        label=_("Nom"),
        max_length=100,
        validators=[validate_person_name],
        error_messages={"required": _("Indiquez votre nom.")},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )


def email_field(help_text):
    """The "Adresse e-mail" field of every public form; `help_text` says what it is for."""
    return forms.EmailField(
        label=_("Adresse e-mail"),
        required=False,
        max_length=254,
        help_text=help_text,
        error_messages={"invalid": _("Écrivez une adresse e-mail complète, par exemple prenom.nom@exemple.fr.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


def phone_field(help_text):
    """The "Téléphone" field of every public form, cleaned to E.164; `help_text` says what it is for."""
    return phones.PhoneNumberField(
        label=_("Téléphone"),
        required=False,
        help_text=help_text,
        error_messages={"max_length": phones.ERROR_MESSAGES["too_long"]},
    )


class ContactFieldsMixin:
    """How every public form cleans its contact fields (the phone field cleans itself to E.164)."""

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self):
        return self.cleaned_data["last_name"].strip()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class VocabularyChoiceField(forms.ChoiceField):
    """A filter over a vocabulary (themes, publics, communes, formats) chosen by its slug.

    The options are read once per form (one query), for the choices and the cleaning alike.
    The cleaned value is the model instance, as with a ModelChoiceField.
    """

    def __init__(self, model_label, *, empty_label, **kwargs):
        self.model_label = model_label
        self.empty_label = empty_label
        kwargs.setdefault("required", False)
        self._objects = None
        super().__init__(choices=self._options, **kwargs)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result._objects = None  # each form reads its own options…
        result.choices = result._options  # …through its own copy, never the class's field
        return result

    def objects(self):
        if self._objects is None:
            from django.apps import apps

            model = apps.get_model(self.model_label)
            self._objects = {item.slug: item for item in model.objects.all()}
        return self._objects

    def _options(self):
        return [("", self.empty_label), *((slug, str(item)) for slug, item in self.objects().items())]

    def to_python(self, value):
        slug = super().to_python(value)
        if not slug:
            return None
        try:
            return self.objects()[slug]
        except KeyError:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": slug}
            ) from None

    def validate(self, value):
        if value is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
