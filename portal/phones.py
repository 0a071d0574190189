"""French phone numbers: parse, classify, store in E.164, show to people, validate in forms.

Built on `phonenumbers` (Google's libphonenumber data), never on hand-written prefixes.

Accepted territories (anything else is refused as foreign):

- the French ten-digit plan, which can be typed nationally ("06 12 34 56 78", "0690 12 34 56")
  or internationally: metropolitan France (+33), Guadeloupe, Saint-Barthélemy and Saint-Martin
  (+590), Martinique (+596), Guyane (+594), La Réunion and Mayotte (+262);
- the collectivities with their own country code, typed with it only ("+687 75 12 34"):
  Saint-Pierre-et-Miquelon (+508), Nouvelle-Calédonie (+687), Polynésie française (+689),
  Wallis-et-Futuna (+681). Typed without it their six or eight digits would be ambiguous.

A ten-digit national number is tried against each territory of the plan ("0690…" is a
Guadeloupe mobile), and so is a "+33" number that only exists overseas ("+33 6 90…", a common
mistake for "+590 6 90…").

Callers can rely on: `to_e164()` and `PhoneNumberField` return "+<digits>" for a number that
is allocated (libphonenumber's `is_valid_number`); `is_mobile()` never raises; every error a
person can see is French and says how to write the number.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

# The ten-digit plan: dialled "0" + 9 digits from anywhere in it. FR first: the common case.
NATIONAL_PLAN_REGIONS = ("FR", "GP", "MQ", "GF", "RE", "YT", "BL", "MF")
OWN_CODE_REGIONS = ("PM", "NC", "PF", "WF")
FRENCH_REGIONS = NATIONAL_PLAN_REGIONS + OWN_CODE_REGIONS
FRENCH_COUNTRY_CODES = frozenset(phonenumbers.country_code_for_region(region) for region in FRENCH_REGIONS)
MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)

# ARCEP's range of fictional mobile numbers (06 39 98 xx xx), for films, books, demos and tests:
# accepted as numbers, never texted (not allocated, so not a mobile for `is_mobile`).
FICTIONAL_MOBILES = "63998"

# Digits, spaces, dots, dashes, slashes and brackets; "+" only in front.
ALLOWED = re.compile(r"^\+?[\d\s.\-/()]+$")
MAX_DIGITS = 15  # E.164

ERROR_MESSAGES = {
    "invalid_characters": _(
        "Écrivez le numéro avec des chiffres seulement (les espaces et les points sont acceptés), "
        "par exemple 06 12 34 56 78."
    ),
    "too_short": _("Ce numéro est trop court : un numéro français a 10 chiffres, par exemple 06 12 34 56 78."),
    "too_long": _("Ce numéro est trop long : un numéro français a 10 chiffres, par exemple 06 12 34 56 78."),
    "impossible": _(
        "Ce numéro ne correspond à aucun téléphone en France. Vérifiez les chiffres, par exemple 06 12 34 56 78."
    ),
    "foreign": _(
        "Seuls les numéros français sont acceptés (métropole et outre-mer). Écrivez-le avec 10 chiffres, "
        "par exemple 06 12 34 56 78, ou avec l'indicatif, par exemple +33 6 12 34 56 78."
    ),
}


class InvalidPhoneNumber(ValueError):
    """A number that cannot be accepted; `code` is a key of ERROR_MESSAGES."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code

    @property
    def message(self):
        return ERROR_MESSAGES[self.code]


def _parse_or_none(text, region):
    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None


def _in_national_plan(national_number):
    """The first territory of the ten-digit plan where these 9 digits are allocated, or None."""
    for region in NATIONAL_PLAN_REGIONS:
        number = _parse_or_none("0" + national_number, region)
        if number is not None and phonenumbers.is_valid_number(number):
            return number
    return None


def _check_shape(value):
    """The digits typed, once characters and length are acceptable; raises InvalidPhoneNumber."""
    if not ALLOWED.match(value) or "+" in value[1:]:
        raise InvalidPhoneNumber("invalid_characters")
    digits = re.sub(r"\D", "", value)
    if len(digits) > MAX_DIGITS:
        raise InvalidPhoneNumber("too_long")
    if len(digits) < 6:
        raise InvalidPhoneNumber("too_short")
    return digits


def _parse_international(text, *, strict):
    number = _parse_or_none(text, None)
    if number is None or number.country_code not in FRENCH_COUNTRY_CODES:
        raise InvalidPhoneNumber("foreign" if number is not None else "impossible")
    if phonenumbers.is_valid_number(number):
        return number
    if number.country_code == 33:
        overseas = _in_national_plan(str(number.national_number))
        if overseas is not None:
            return overseas
    national = str(number.national_number)
    if number.country_code == 33 and len(national) == 9 and (not strict or national.startswith(FICTIONAL_MOBILES)):
        return number
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == phonenumbers.ValidationResult.TOO_SHORT:
        raise InvalidPhoneNumber("too_short")
    if reason in (phonenumbers.ValidationResult.TOO_LONG, phonenumbers.ValidationResult.INVALID_LENGTH):
        raise InvalidPhoneNumber("too_long")
    raise InvalidPhoneNumber("impossible")


def parse(value, *, strict=True):
    """Parse a number typed by a person into a `phonenumbers.PhoneNumber`; raises InvalidPhoneNumber.

    With `strict=False` a ten-digit number that has the right shape but belongs to no allocated
    range is still accepted (as metropolitan), which is what the first portal version did.
    """
    value = (value or "").strip()
    digits = _check_shape(value)
    if value.startswith("+"):
        return _parse_international(value, strict=strict)
    if digits.startswith("00"):
        return _parse_international(re.sub(r"^0\s*0", "+", value), strict=strict)
    if len(digits) < 10:
        raise InvalidPhoneNumber("too_short")
    if len(digits) > 10:
        raise InvalidPhoneNumber("too_long")
    if digits[0] != "0" or digits[1] == "0":
        raise InvalidPhoneNumber("impossible")
    number = _in_national_plan(digits[1:])
    if number is None and (not strict or digits[1:].startswith(FICTIONAL_MOBILES)):
        number = phonenumbers.parse(digits, "FR")
    if number is None:
        raise InvalidPhoneNumber("impossible")
    return number


def _coerce(value):
    """A PhoneNumber from a PhoneNumber, an E.164 string or a typed number; None if impossible."""
    if isinstance(value, phonenumbers.PhoneNumber):
        return value
    try:
        # Lenient: a stored number is shown as it was accepted; `is_mobile` checks the type anyway.
        return parse(value, strict=False)
    except InvalidPhoneNumber:
        return None


def to_e164(value):
    """ "06 12 34 56 78" → "+33612345678", "0690 12 34 56" → "+590690123456"; raises InvalidPhoneNumber."""
    return phonenumbers.format_number(parse(value), PhoneNumberFormat.E164)


def stored_e164(value):
    """The E.164 form of a number stored earlier, even outside today's allocated ranges; "" if none."""
    number = _coerce(value)
    return phonenumbers.format_number(number, PhoneNumberFormat.E164) if number is not None else ""


def is_mobile(value):
    """True only for an allocated mobile number of an accepted territory (E.164 or as typed).

    Landlines, VoIP (09), free and premium numbers, unallocated ranges and foreign or invalid
    input are all False: they receive no text message.
    """
    number = _coerce(value)
    return (
        number is not None
        and phonenumbers.region_code_for_number(number) in FRENCH_REGIONS
        and phonenumbers.number_type(number) in MOBILE_TYPES
    )


def mobile_e164(value):
    """The E.164 form of `value` if it can receive text messages, None otherwise; never raises."""
    if not is_mobile(value):
        return None
    return phonenumbers.format_number(_coerce(value), PhoneNumberFormat.E164)


def format_phone(value):
    """How people read a number: "06 12 34 56 78", "0690 12 34 56", "+687 75.12.34".

    Numbers of the ten-digit plan are shown nationally (dialable from all of it), the others
    with their country code. Anything unparseable is returned unchanged.
    """
    number = _coerce(value)
    if number is None:
        return value or ""
    if phonenumbers.region_code_for_number(number) in NATIONAL_PLAN_REGIONS:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


class PhoneNumberField(forms.CharField):
    """A French phone number; cleans to E.164 ("" when left empty and not required).

    The error beside the field says what is wrong (letters, too short, too long, not a real
    number, foreign) and shows how to write a French number.
    """

    default_error_messages = ERROR_MESSAGES

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        """A stored "+33612345678" is shown "06 12 34 56 78"; what a person typed, as typed."""
        if isinstance(value, str) and value.startswith("+") and value[1:].isdigit():
            return format_phone(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return self.empty_value
        try:
            return to_e164(value)
        except InvalidPhoneNumber as error:
            raise forms.ValidationError(self.error_messages[error.code], code=error.code) from None
