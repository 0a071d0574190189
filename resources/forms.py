"""The GET filter forms of the resources listing and of the partners directory."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import VocabularyChoiceField

from .models import PartnerKind


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
    theme = VocabularyChoiceField("home.Theme", label=_("Thème"), empty_label=_("Tous les thèmes"))
    public = VocabularyChoiceField("home.Audience", label=_("Public"), empty_label=_("Tous les publics"))
    format = VocabularyChoiceField("resources.ResourceFormat", label=_("Format"), empty_label=_("Tous les formats"))


class PartnerFilterForm(ListingFilterForm):
    q = forms.CharField(
        label=_("Nom ou mot-clé"), required=False, max_length=100, help_text=_("Par exemple : CAF, logement, écoute.")
    )
    type = forms.ChoiceField(label=_("Type de partenaire"), required=False)
    theme = VocabularyChoiceField("home.Theme", label=_("Thème"), empty_label=_("Tous les thèmes"))
    public = VocabularyChoiceField("home.Audience", label=_("Public"), empty_label=_("Tous les publics"))
    commune = VocabularyChoiceField("home.Commune", label=_("Commune"), empty_label=_("Toutes les communes"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("Tous les types")), *PartnerKind.choices]
