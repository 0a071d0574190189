"""The public forms of news: "Prévenez-moi" and the subscription to new temps ressources."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal import phones
from portal.forms import VocabularyChoiceField, email_field, phone_field


class ContactForm(forms.Form):
    """An email address or a mobile number (one of the two), and the honeypot."""

    email = email_field(_("Pour recevoir le message par e-mail."))
    phone = phone_field(_("Ou un numéro de portable, pour le recevoir par SMS."))
    # Honeypot: hidden from people, filled in by robots.
    website = forms.CharField(label=_("Ne remplissez pas ce champ"), required=False)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        email, phone = cleaned.get("email"), cleaned.get("phone")
        if self.errors:
            return cleaned
        if not email and not phone:
            raise ValidationError(
                _("Indiquez une adresse e-mail ou un numéro de portable pour que nous puissions vous prévenir."),
                code="required",
            )
        if email and phone:
            raise ValidationError(_("Indiquez une adresse e-mail ou un numéro de portable, pas les deux."), code="both")
        if phone and not phones.is_mobile(phone):
            self.add_error(
                "phone", _("Ce numéro ne reçoit pas de SMS : donnez un numéro de portable ou une adresse e-mail.")
            )
        return cleaned

    def is_spam(self):
        return bool(self.data.get("website"))


class FiltersForm(forms.Form):
    """The agenda's filters a subscription keeps (the same names as the agenda's GET form)."""

    theme = VocabularyChoiceField("home.Theme", label=_("Thème"), empty_label=_("Tous les thèmes"))
    public = VocabularyChoiceField("home.Audience", label=_("Public"), empty_label=_("Tous les publics"))
    commune = VocabularyChoiceField("home.Commune", label=_("Commune"), empty_label=_("Toutes les communes"))
    format = forms.ChoiceField(label=_("Format"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from events.models import EventFormat

        self.fields["format"].choices = [("", _("Tous les formats")), *EventFormat.choices]

    def filters(self):
        return {name: value for name, value in self.cleaned_data.items() if name in FILTER_NAMES and value}


FILTER_NAMES = ("theme", "public", "commune", "format")


class SubscriptionForm(FiltersForm):
    email = email_field(_("Le résumé de la semaine arrive à cette adresse. Par exemple : prenom.nom@exemple.fr"))
    website = forms.CharField(label=_("Ne remplissez pas ce champ"), required=False)

    field_order = ["theme", "public", "commune", "format", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].error_messages["required"] = _("Indiquez votre adresse e-mail.")

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def is_spam(self):
        return bool(self.data.get("website"))
