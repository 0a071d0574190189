"""The public sign-up form (GOV.UK patterns) and the fields every form about a person shares.

Every free-text field refuses invisible characters and markup signs; phone numbers are French
and cleaned to E.164 (portal.phones); the date of birth must be a real past date; the ground
must fit the age (welfare.eligibility). A form with any error saves nothing.
"""

import re
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Commune
from portal import phones
from portal.forms import (
    first_name_field,
    last_name_field,
    validate_free_text,
    validate_no_markup,
    validate_person_name,
)

from . import eligibility
from .choices import Benefit, Ground, ReachNeed, RequesterKind

DATE_RE = re.compile(r"^\s*(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d+)\s*$")
OLDEST = 120
TEXT_VALIDATORS = [validate_free_text, validate_no_markup]


class BirthDateField(forms.Field):
    """A date of birth typed as day/month/year ("27/03/1948"); cleans to a `date`.

    Errors say what is wrong: the shape, a two-digit year, a day that does not exist, a date in
    the future, an age over 120.
    """

    default_error_messages = {
        "required": _("Indiquez la date de naissance, par exemple 27/03/1948."),
        "invalid": _("Écrivez la date de naissance avec le jour, le mois et l'année, par exemple 27/03/1948."),
        "short_year": _("Écrivez l'année avec 4 chiffres, par exemple 27/03/1948."),
        "impossible": _("Cette date n'existe pas : vérifiez le jour et le mois, par exemple 27/03/1948."),
        "future": _("La date de naissance ne peut pas être dans le futur : vérifiez l'année."),
        "too_old": _("Vérifiez l'année de naissance : elle donne un âge de plus de 120 ans."),
    }

    max_length = 20

    def __init__(self, *, today=None, **kwargs):
        self.today = today
        kwargs.setdefault("help_text", _("Jour, mois et année. Par exemple : 27/03/1948"))
        attrs = {"spellcheck": "false", "class": "form-field__input--date", "autocomplete": "bday"}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, date):
            return value
        value = str(value or "").strip()
        if value in self.empty_values:
            return None
        match = DATE_RE.match(value) if len(value) <= self.max_length else None
        if not match:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        day, month, year = match.groups()
        if len(year) != 4:
            raise forms.ValidationError(self.error_messages["short_year"], code="short_year")
        try:
            born = date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(self.error_messages["impossible"], code="impossible") from None
        today = self.today or timezone.localdate()
        if born > today:
            raise forms.ValidationError(self.error_messages["future"], code="future")
        if today.year - born.year > OLDEST:
            raise forms.ValidationError(self.error_messages["too_old"], code="too_old")
        return born

    def prepare_value(self, value):
        return value.strftime("%d/%m/%Y") if isinstance(value, date) else value


def phone_field(label, *, required=False, help_text="", own=True):
    """A phone field; `own=False` for someone else's number (no "tel" autofill of one's own, RGAA 11.13)."""
    extra = {} if own else {"widget": forms.TextInput(attrs={"type": "tel", "autocomplete": "off", "inputmode": "tel"})}
    return phones.PhoneNumberField(
        **extra,
        label=label,
        required=required,
        help_text=help_text or _("Par exemple : 06 12 34 56 78 ou 03 53 01 42 10"),
        error_messages={
            "required": _("Indiquez un numéro de téléphone, par exemple 06 12 34 56 78."),
            "max_length": phones.ERROR_MESSAGES["too_long"],
        },
    )


def text_field(label, max_length, *, required=False, help_text="", autocomplete=None, error=""):
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        validators=TEXT_VALIDATORS,
        error_messages={
            "required": error or _("Remplissez ce champ."),
            "max_length": _("Écrivez %(limit_value)d caractères au plus (vous en avez écrit %(show_value)d)."),
        },
        widget=forms.TextInput(attrs=attrs),
    )


def one_line(value):
    return " ".join((value or "").split())


def name_field(factory):
    """`portal.forms.first_name_field()` / `last_name_field()`, refusing markup signs too."""
    field = factory()
    field.validators.append(validate_no_markup)
    return field


class PersonForm(forms.Form):
    """The person to register: what the decree allows, and nothing else."""

    first_name = name_field(first_name_field)
    last_name = name_field(last_name_field)
    birth_date = BirthDateField(label=_("Date de naissance"))
    ground = forms.ChoiceField(
        label=_("Dans quelle situation est la personne à inscrire ?"),
        choices=Ground.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez la situation qui correspond à la personne à inscrire.")},
    )
    benefit = forms.ChoiceField(
        label=_("Si c'est au titre du handicap : quelle prestation, carte ou pension ?"),
        choices=Benefit.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Nous ne demandons pas de justificatif en ligne : l'équipe peut vous le demander plus tard."),
    )
    address = text_field(
        _("Adresse"),
        200,
        required=True,
        help_text=_("Numéro et rue, ou lieu-dit. Par exemple : 4 rue des Lilas"),
        autocomplete="address-line1",
        error=_("Indiquez l'adresse où vit la personne, par exemple 4 rue des Lilas."),
    )
    address_extra = text_field(
        _("Complément d'adresse"),
        200,
        help_text=_("Bâtiment, étage, appartement. Par exemple : Résidence Les Tilleuls, bâtiment B, 2e étage"),
        autocomplete="address-line2",
    )
    commune = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Commune.objects.none(),
        empty_label=_("Choisissez la commune"),
        widget=forms.Select(attrs={"autocomplete": "address-level2"}),
        error_messages={
            "required": _("Choisissez la commune où vit la personne."),
            "invalid_choice": _("Choisissez une commune de la liste."),
        },
    )
    phone = phone_field(_("Téléphone"), required=True)
    phone_other = phone_field(
        _("Autre numéro de téléphone"), help_text=_("Un portable ou un fixe, s'il y en a un autre.")
    )
    home_care_service = text_field(
        _("Service d'aide ou de soins à domicile"),
        150,
        help_text=_("S'il y en a un. Par exemple : ADMR des Trois Vallons"),
    )
    home_care_phone = phone_field(_("Téléphone du service à domicile"), own=False)
    emergency_contact = text_field(
        _("Personne à prévenir en cas d'urgence"),
        150,
        help_text=_("Son nom et son lien avec la personne. Par exemple : Paul Roux, son fils"),
    )
    emergency_phone = phone_field(_("Téléphone de la personne à prévenir"), own=False)
    reach_needs = forms.MultipleChoiceField(
        label=_("Qu'est-ce qui nous aiderait à joindre la personne ?"),
        choices=ReachNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reach_notes = text_field(
        _("Autre précision pour la joindre"),
        200,
        help_text=_(
            "200 caractères au plus. Par exemple : « sonner longtemps, la porte est au fond de la cour ». "
            "N'écrivez pas d'information sur sa santé."
        ),
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["birth_date"].today = self.today
        self.fields["commune"].queryset = Commune.objects.all()
        self.refused = False

    def clean_first_name(self):
        return one_line(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return one_line(self.cleaned_data["last_name"])

    def clean_address(self):
        return one_line(self.cleaned_data["address"])

    def clean_address_extra(self):
        return one_line(self.cleaned_data["address_extra"])

    def clean_home_care_service(self):
        return one_line(self.cleaned_data["home_care_service"])

    def clean_reach_notes(self):
        return one_line(self.cleaned_data["reach_notes"])

    def clean_emergency_contact(self):
        value = one_line(self.cleaned_data["emergency_contact"])
        if value:
            validate_person_name(value)
        return value

    def clean(self):
        cleaned = super().clean()
        ground, born = cleaned.get("ground"), cleaned.get("birth_date")
        if ground == Ground.NONE or (ground and born):
            reason = eligibility.refusal(ground, born, self.today)
            if reason:
                self.refused = True
                self.add_error("ground", forms.ValidationError(reason, code=eligibility.NOT_ELIGIBLE))
        if ground == Ground.DISABILITY and not cleaned.get("benefit"):
            self.add_error("benefit", _("Choisissez la prestation, la carte ou la pension de la personne."))
        if ground != Ground.DISABILITY:
            cleaned["benefit"] = ""
        if cleaned.get("home_care_phone") and not cleaned.get("home_care_service"):
            self.add_error("home_care_service", _("Indiquez le nom du service à domicile de ce numéro."))
        if cleaned.get("emergency_phone") and not cleaned.get("emergency_contact"):
            self.add_error("emergency_contact", _("Indiquez le nom de la personne à prévenir de ce numéro."))
        return cleaned

    def person_data(self):
        """The person's answers as plain JSON (ids, ISO dates, E.164 numbers)."""
        data = self.cleaned_data
        return {
            **{name: data.get(name) or "" for name in PERSON_TEXT_FIELDS},
            "birth_date": data["birth_date"].isoformat(),
            "commune": data["commune"].pk,
            "reach_needs": list(data.get("reach_needs") or []),
        }


PERSON_TEXT_FIELDS = [
    "first_name",
    "last_name",
    "ground",
    "benefit",
    "address",
    "address_extra",
    "phone",
    "phone_other",
    "home_care_service",
    "home_care_phone",
    "emergency_contact",
    "emergency_phone",
    "reach_notes",
]


def form_data_from_answers(answers):
    """What a browser would post to give back these answers (the check step re-validates them)."""
    data = {key: value for key, value in answers.items() if not isinstance(value, bool | list)}
    if data.get("requester_kind") == RequesterKind.SELF:
        data["requester_kind"] = ""  # not a choice of the form: "Pour moi" says it
    data["birth_date"] = date.fromisoformat(answers["birth_date"]).strftime("%d/%m/%Y")
    data["reach_needs"] = answers.get("reach_needs", [])
    for key, value in answers.items():
        if isinstance(value, bool):
            data[key] = "on" if value else ""
    return data


FOR_SELF, FOR_OTHER = "self", "other"
THIRD_PARTY_KINDS = [(code, label) for code, label in RequesterKind.choices if code != RequesterKind.SELF]


class SignupForm(PersonForm):
    """The online sign-up: the person, who asks, how to send the acknowledgement, the declaration."""

    for_whom = forms.ChoiceField(
        label=_("Pour qui faites-vous cette demande ?"),
        choices=[
            (FOR_SELF, _("Pour moi")),
            (FOR_OTHER, _("Pour une autre personne (un proche, un voisin, un patient…)")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Dites si la demande est pour vous ou pour une autre personne.")},
    )
    requester_kind = forms.ChoiceField(
        label=_("Si c'est pour une autre personne : qui êtes-vous pour elle ?"),
        choices=THIRD_PARTY_KINDS,
        required=False,
        widget=forms.RadioSelect,
    )
    requester_name = forms.CharField(
        label=_("Votre prénom et votre nom"),
        max_length=150,
        required=False,
        validators=[validate_person_name, validate_no_markup],
        help_text=_("Seulement si la demande est pour une autre personne."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    requester_phone = phone_field(
        _("Votre téléphone"),
        help_text=_("Seulement si la demande est pour une autre personne. Par exemple : 06 12 34 56 78"),
    )
    email = forms.EmailField(
        label=_("Adresse e-mail pour recevoir l'accusé de réception"),
        required=False,
        max_length=254,
        help_text=_(
            "Le message ne contient que la référence de la demande et un lien de suivi. "
            "Par exemple : prenom.nom@exemple.fr"
        ),
        error_messages={"invalid": _("Écrivez une adresse e-mail complète, par exemple prenom.nom@exemple.fr.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    by_text = forms.BooleanField(
        label=_("Recevoir l'accusé de réception par SMS"),
        required=False,
        help_text=_("Sur le portable indiqué plus haut (le vôtre si la demande est pour une autre personne)."),
    )
    declaration = forms.BooleanField(
        label=_("Je demande cette inscription au registre et les informations données sont exactes"),
        error_messages={"required": _("Cochez la case pour que nous puissions enregistrer la demande.")},
    )
    # Honeypot: hidden from people, filled in by robots.
    website = forms.CharField(label=_("Ne remplissez pas ce champ"), required=False)

    field_order = ["for_whom", "requester_kind", "requester_name", "requester_phone"]

    def clean_requester_name(self):
        return one_line(self.cleaned_data["requester_name"])

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("for_whom") == FOR_OTHER:
            if not cleaned.get("requester_kind"):
                self.add_error("requester_kind", _("Dites qui vous êtes pour la personne à inscrire."))
            if not cleaned.get("requester_name") and "requester_name" not in self.errors:
                self.add_error("requester_name", _("Indiquez votre prénom et votre nom."))
        else:
            cleaned.update(requester_kind=RequesterKind.SELF, requester_name="", requester_phone="")
        if cleaned.get("by_text") and not self.text_number(cleaned):
            field = "requester_phone" if cleaned.get("for_whom") == FOR_OTHER else "phone"
            if field not in self.errors:
                self.add_error(
                    field, _("Pour recevoir un SMS, indiquez un numéro de portable, par exemple 06 12 34 56 78.")
                )
        return cleaned

    @staticmethod
    def text_number(cleaned):
        """The mobile that gets the acknowledgement text: the requester's, or the person's own."""
        if cleaned.get("for_whom") == FOR_OTHER:
            candidates = [cleaned.get("requester_phone")]
        else:
            candidates = [cleaned.get("phone"), cleaned.get("phone_other")]
        return next((number for number in candidates if number and phones.is_mobile(number)), "")

    def is_spam(self):
        return bool(self.data.get("website"))

    def session_data(self):
        """Every answer as plain JSON, for the server-side draft between the form and the check step."""
        data = self.cleaned_data
        return {
            **self.person_data(),
            "for_whom": data["for_whom"],
            "requester_kind": data["requester_kind"],
            "requester_name": data["requester_name"],
            "requester_phone": data["requester_phone"],
            "email": data["email"],
            "by_text": bool(data["by_text"]),
            "text_number": self.text_number(data) if data["by_text"] else "",
            "declaration": True,
        }
