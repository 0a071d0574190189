"""The public forms of news: "Prévenez-moi" and the subscription to new temps ressources."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal import phones
from portal.forms import email_field, phone_field


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
