"""The forms of the register's admin screens (Veille sociale): French labels, the same checks as the public form."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import AdminDateInput

from home.models import Commune
from portal.forms import validate_free_text, validate_no_markup

from .choices import CampaignKind, Channel, Outcome, RemovalChannel, RequesterKind
from .forms import PersonForm
from .models import Campaign, Transmission

HOW_CHOICES = [
    ("Par téléphone", _("Par téléphone")),
    ("Lors d'une visite", _("Lors d'une visite")),
    ("À l'accueil", _("À l'accueil")),
    ("Par courrier", _("Par courrier")),
]


class StaffEntryForm(PersonForm):
    """A sign-up taken by phone, at the desk or by post."""

    channel = forms.ChoiceField(
        label=_("Demande reçue"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE], initial=Channel.PHONE
    )
    requester_kind = forms.ChoiceField(label=_("Demandée par"), choices=RequesterKind.choices)
    agreed = forms.BooleanField(
        label=_("La personne (ou son représentant légal) est d'accord pour être inscrite"),
        required=False,
        help_text=_(
            "Sans cet accord, l'inscription reste en attente et la personne n'est pas appelée pendant les veilles."
        ),
    )


class AgreementForm(forms.Form):
    who = forms.ChoiceField(
        label=_("Qui a donné son accord ?"),
        choices=[("la personne", _("La personne")), ("son représentant légal", _("Son représentant légal"))],
        widget=forms.RadioSelect,
    )
    how = forms.ChoiceField(label=_("Comment ?"), choices=HOW_CHOICES)

    def detail(self):
        return _("Accord de %(who)s (%(how)s)") % {
            "who": self.cleaned_data["who"],
            "how": self.cleaned_data["how"].lower(),
        }


class RemovalForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Comment la personne l'a-t-elle demandé ?"),
        choices=[c for c in RemovalChannel.choices if c[0] not in (RemovalChannel.LINK, RemovalChannel.WITHDRAWN)],
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("Je confirme : toutes les informations de cette personne seront effacées tout de suite"),
        error_messages={"required": _("Cochez la case pour confirmer l'effacement.")},
    )


class ConfirmationForm(forms.Form):
    how = forms.ChoiceField(label=_("La personne a confirmé"), choices=HOW_CHOICES)


class CampaignForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type de veille"), choices=CampaignKind.choices, widget=forms.RadioSelect)
    label = forms.CharField(
        label=_("Précision"),
        max_length=100,
        required=False,
        validators=[validate_free_text, validate_no_markup],
        help_text=_("Pour « Autre crise » : par exemple « Inondation de la Loise »."),
    )
    communes = forms.ModelMultipleChoiceField(
        label=_("Communes concernées"),
        queryset=Commune.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cochez au moins une commune.")},
    )
    starts_on = forms.DateField(label=_("Début de la veille"), widget=AdminDateInput)
    retry_hours = forms.IntegerField(
        label=_("Rappeler les personnes qui n'ont pas répondu après (heures)"),
        min_value=1,
        max_value=48,
        initial=2,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("starts_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["communes"].queryset = Commune.objects.all()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == CampaignKind.OTHER and not (cleaned.get("label") or "").strip():
            self.add_error("label", _("Précisez de quelle crise il s'agit."))
        return cleaned


class CallForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Résultat de l'appel"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez le résultat de l'appel.")},
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        validators=[validate_free_text, validate_no_markup],
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ce qu'il faut faire, par exemple « courses à livrer demain ». 500 caractères au plus."),
    )


class TransmissionForm(forms.Form):
    communes = forms.ModelMultipleChoiceField(
        label=_("Communes demandées"),
        queryset=Commune.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cochez au moins une commune.")},
    )
    request_reference = forms.CharField(
        label=_("Demande du préfet"),
        max_length=200,
        validators=[validate_free_text, validate_no_markup],
        help_text=_("Sa référence et sa date, par exemple « Courriel de la préfecture du 12/07/2027, 10 h 15 »."),
    )
    campaign = forms.ModelChoiceField(
        label=_("Veille en cours"), queryset=Campaign.objects.none(), required=False, empty_label=_("Aucune")
    )
    reason = forms.CharField(
        label=_("Motif"),
        max_length=1000,
        required=False,
        validators=[validate_free_text, validate_no_markup],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire sans veille en cours : pourquoi le préfet demande la liste."),
    )
    file_format = forms.ChoiceField(label=_("Format"), choices=Transmission.Format.choices, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["communes"].queryset = Commune.objects.all()
        self.fields["campaign"].queryset = Campaign.objects.filter(closed_at__isnull=True)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("campaign") and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Sans veille en cours, écrivez le motif de la transmission."))
        return cleaned
