"""Form helpers shared by every public form."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

import phonenumbers

from . import phones


def normalise_phone(value):
    """ "06 12 34 56 78", "+33 6 12 34 56 78", "+590 690 12 34 56" → "0612345678", "0690123456".

    The ten-digit form the first version stored (numbers of the collectivities with their own
    country code come back in E.164); a French error otherwise. Like that version it accepts a
    well-formed number outside the allocated ranges; new fields should use
    `portal.phones.PhoneNumberField`, which refuses them and cleans to E.164.
    """
    try:
        number = phones.parse(value, strict=False)
    except phones.InvalidPhoneNumber as error:
        raise forms.ValidationError(error.message, code=error.code) from None
    if phonenumbers.region_code_for_number(number) in phones.OWN_CODE_REGIONS:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"0{number.national_number}"


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


class VocabularySelect(forms.Select):
    """The `<select>` of a vocabulary filter, rendered once per content version and selection.

    Django renders each `<option>` through two templates: for the long lists of communes or
    themes that is most of a listing page's form. The options only change with the content
    (portal.cache.memo), so the HTML is kept for each selected value the vocabulary knows;
    anything else (a value from a tampered URL) is rendered the usual way.
    """

    def render(self, name, value, attrs=None, renderer=None):
        from .cache import memo

        slugs = self.field.objects()
        if value not in (None, "") and value not in slugs:
            return super().render(name, value, attrs, renderer)
        key = ("select", self.field.model_label, name, value or "", tuple(sorted((attrs or {}).items())))
        return memo(key, lambda: super(VocabularySelect, self).render(name, value, attrs, renderer))


class VocabularyChoiceField(forms.ChoiceField):
    """A filter over a vocabulary (themes, publics, communes, formats) chosen by its slug.

    The options are read once per content version and worker (portal.cache.memo), not once per
    form: every listing page shows two or three of these. The cleaned value is the model
    instance, as with a ModelChoiceField.
    """

    def __init__(self, model_label, *, empty_label, **kwargs):
        self.model_label = model_label
        self.empty_label = empty_label
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", VocabularySelect)
        super().__init__(choices=self._options, **kwargs)
        self.widget.field = self

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.widget.field = result
        return result

    def objects(self):
        from django.apps import apps

        from .cache import memo

        model = apps.get_model(self.model_label)
        return memo(("vocabulary", self.model_label), lambda: {item.slug: item for item in model.objects.all()})

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
