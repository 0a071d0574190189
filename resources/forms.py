"""The GET filter forms of the resources listing and of the partners directory."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import Audience, Commune, Theme

from .models import PartnerKind, ResourceFormat


class ListingFilterForm(forms.Form):
    """A plain GET form: every filtered view has a shareable address and works without JavaScript."""

    def valid_filters(self):
        """The filters that are valid; an invalid one is ignored (and reported by the form)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "", False)}


class ResourceFilterForm(ListingFilterForm):
    q = forms.CharField(
        label=_("Mot-clé"), required=False, max_length=100, help_text=_("Par exemple : loyer, aidant, écrans.")
    )
    theme = forms.ModelChoiceField(
        label=_("Thème"), queryset=None, required=False, to_field_name="slug", empty_label=_("Tous les thèmes")
    )
    public = forms.ModelChoiceField(
        label=_("Public"), queryset=None, required=False, to_field_name="slug", empty_label=_("Tous les publics")
    )
    format = forms.ModelChoiceField(
        label=_("Format"), queryset=None, required=False, to_field_name="slug", empty_label=_("Tous les formats")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.all()
        self.fields["public"].queryset = Audience.objects.all()
        self.fields["format"].queryset = ResourceFormat.objects.all()


class PartnerFilterForm(ListingFilterForm):
    q = forms.CharField(
        label=_("Nom ou mot-clé"), required=False, max_length=100, help_text=_("Par exemple : CAF, logement, écoute.")
    )
    type = forms.ChoiceField(label=_("Type de partenaire"), required=False)
    theme = forms.ModelChoiceField(
        label=_("Thème"), queryset=None, required=False, to_field_name="slug", empty_label=_("Tous les thèmes")
    )
    public = forms.ModelChoiceField(
        label=_("Public"), queryset=None, required=False, to_field_name="slug", empty_label=_("Tous les publics")
    )
    commune = forms.ModelChoiceField(
        label=_("Commune"), queryset=None, required=False, to_field_name="slug", empty_label=_("Toutes les communes")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("Tous les types")), *PartnerKind.choices]
        self.fields["theme"].queryset = Theme.objects.all()
        self.fields["public"].queryset = Audience.objects.all()
        self.fields["commune"].queryset = Commune.objects.all()
