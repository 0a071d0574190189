"""The public request form (GOV.UK patterns) and the staff forms of the inbox."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import Commune
from portal.forms import (
    ContactFieldsMixin,
    email_field,
    first_name_field,
    last_name_field,
    phone_field,
    validate_free_text,
)

from .models import AVAILABILITY_CHOICES, AppointmentSubject, ContactPreference, Place, Status

MESSAGE_MAX = 1000


class AppointmentRequestForm(ContactFieldsMixin, forms.Form):
    subject = forms.ModelChoiceField(
        label=_("Pour quel sujet souhaitez-vous un rendez-vous ?"),
        queryset=AppointmentSubject.objects.none(),
        empty_label=_("Choisissez un sujet"),
        error_messages={
            "required": _("Choisissez le sujet de votre demande."),
            "invalid_choice": _("Choisissez un sujet de la liste."),
        },
    )
    message = forms.CharField(
        label=_("Voulez-vous ajouter un message ?"),
        required=False,
        validators=[validate_free_text],
        max_length=MESSAGE_MAX,
        help_text=_(
            "%(max)s caractères au plus. Par exemple : « j'ai reçu un courrier de la CAF que je ne comprends pas ». "
            "N'écrivez pas d'information sur votre santé : "
            "vous en parlerez pendant le rendez-vous si vous le souhaitez."
        )
        % {"max": MESSAGE_MAX},
        error_messages={"max_length": _("Votre message doit faire %(limit_value)d caractères au plus.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contact_preference = forms.ChoiceField(
        label=_("Comment préférez-vous être contacté ?"),
        choices=ContactPreference.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez comment nous pouvons vous contacter.")},
    )
    availability = forms.MultipleChoiceField(
        label=_("Quand êtes-vous disponible ?"),
        required=False,
        choices=AVAILABILITY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cochez les demi-journées qui vous conviennent."),
    )
    place = forms.ChoiceField(
        label=_("Où souhaitez-vous être reçu ?"),
        choices=Place.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez où vous souhaitez être reçu.")},
    )
    needs = forms.MultipleChoiceField(
        label=_("Avez-vous besoin de quelque chose pour le rendez-vous ?"),
        required=False,
        choices=[
            ("interpreter", _("Un interprète (langue des signes ou autre langue)")),
            ("accessibility", _("Un accès adapté (fauteuil roulant, difficulté à marcher…)")),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    first_name = first_name_field()
    last_name = last_name_field()
    phone = phone_field(
        _(
            "Par exemple : 06 12 34 56 78. Sur un portable, vous recevez par SMS la référence de votre demande "
            "et le rendez-vous proposé. Un numéro fixe ne reçoit pas de SMS : nous vous appelons."
        )
    )
    no_texts = forms.BooleanField(label=_("Je ne veux pas recevoir de SMS"), required=False)
    email = email_field(
        _("Pour recevoir l'accusé de réception et le lien de suivi. Par exemple : prenom.nom@exemple.fr")
    )
    commune = forms.ModelChoiceField(
        label=_("Votre commune"),
        queryset=Commune.objects.none(),
        empty_label=_("Choisissez votre commune"),
        widget=forms.Select(attrs={"autocomplete": "address-level2"}),
        error_messages={"required": _("Choisissez votre commune.")},
    )
    consent = forms.BooleanField(
        label=_("J'accepte que ces informations soient utilisées pour traiter ma demande de rendez-vous"),
        error_messages={"required": _("Cochez la case pour que nous puissions enregistrer votre demande.")},
    )
    # Honeypot: hidden from people, filled in by robots.
    website = forms.CharField(label=_("Ne remplissez pas ce champ"), required=False)

    def __init__(self, *args, organisation="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = AppointmentSubject.objects.filter(active=True)
        self.fields["commune"].queryset = Commune.objects.all()
        if organisation:
            self.fields["consent"].label = _(
                "J'accepte que %(organisation)s utilise ces informations pour traiter ma demande de rendez-vous"
            ) % {"organisation": organisation}

    def clean_message(self):
        return self.cleaned_data["message"].strip()

    def clean(self):
        cleaned = super().clean()
        if "phone" in self.errors or "email" in self.errors:
            return cleaned
        phone, email = cleaned.get("phone"), cleaned.get("email")
        if not phone and not email:
            self.add_error(
                "phone",
                _("Indiquez un numéro de téléphone ou une adresse e-mail pour que nous puissions vous joindre."),
            )
        elif cleaned.get("contact_preference") == ContactPreference.EMAIL and not email:
            self.add_error("email", _("Indiquez votre adresse e-mail pour être contacté par e-mail."))
        elif cleaned.get("contact_preference") == ContactPreference.PHONE and not phone:
            self.add_error("phone", _("Indiquez votre numéro de téléphone pour être contacté par téléphone."))
        return cleaned

    def is_spam(self):
        return bool(self.data.get("website"))

    def session_data(self):
        """The answers as plain JSON for the session (ids, not objects)."""
        data = self.cleaned_data
        return {
            "subject": data["subject"].pk,
            "message": data["message"],
            "contact_preference": data["contact_preference"],
            "availability": data["availability"],
            "place": data["place"],
            "needs": data["needs"],
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "phone": data["phone"],
            "no_texts": data["no_texts"],
            "email": data["email"],
            "commune": data["commune"].pk,
            "consent": True,
        }


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nouveau statut"), choices=Status.choices)


class AssignForm(forms.Form):
    assigned_to = forms.ModelChoiceField(
        label=_("Suivie par"), queryset=None, required=False, empty_label=_("Personne")
    )

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = users
        self.fields["assigned_to"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note interne"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Visible seulement par l'équipe. Pas d'information de santé."),
    )


class ProposalForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(label=_("Heure"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place = forms.CharField(
        label=_("Lieu"), max_length=250, help_text=_("Par exemple : Maison des solidarités, 12 rue des Tanneurs.")
    )
