"""Forms of the calendar: the editor's event form (with its repeat rule) and the agenda filters."""

from django import forms
from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from .recurrence import RepeatRule, repeat_dates

MAX_REPEAT_COUNT = 52


class EventPageForm(WagtailAdminPageForm):
    """The event form: sessions are edited inline, and a repeat rule can generate a series."""

    repeat_first_start = forms.DateTimeField(
        label=_("Première séance : date et heure de début"),
        required=False,
        help_text=_("Par exemple 10/03/2026 14:00."),
    )
    repeat_end_time = forms.TimeField(
        label=_("Heure de fin de chaque séance"), required=False, help_text=_("Par exemple 16:00.")
    )
    repeat_rule = forms.ChoiceField(
        label=_("Fréquence"), choices=[("", "---------"), *RepeatRule.choices], required=False
    )
    repeat_count = forms.IntegerField(
        label=_("Nombre de séances"), min_value=2, max_value=MAX_REPEAT_COUNT, required=False
    )
    repeat_venue = forms.ModelChoiceField(label=_("Lieu des séances"), queryset=None, required=False)

    REPEAT_FIELDS = ("repeat_first_start", "repeat_end_time", "repeat_rule", "repeat_count")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Looked up here: the models module imports this form.
        self.fields["repeat_venue"].queryset = apps.get_model("events", "Venue").objects.select_related("commune")

    def clean(self):
        cleaned = super().clean()
        filled = [name for name in self.REPEAT_FIELDS if cleaned.get(name) not in (None, "")]
        if filled and len(filled) < len(self.REPEAT_FIELDS):
            for name in self.REPEAT_FIELDS:
                if cleaned.get(name) in (None, ""):
                    self.add_error(name, _("Remplissez ce champ pour créer la série, ou videz les autres."))
        elif filled:
            start = cleaned["repeat_first_start"]
            end_time = cleaned["repeat_end_time"]
            if end_time <= timezone.localtime(start).time():
                self.add_error("repeat_end_time", _("L'heure de fin doit être après l'heure de début."))
        return cleaned

    def generated_sessions(self):
        """The sessions described by the repeat rule (unsaved), or an empty list."""
        cleaned = self.cleaned_data
        if not all(cleaned.get(name) not in (None, "") for name in self.REPEAT_FIELDS):
            return []
        EventSession = apps.get_model("events", "EventSession")
        first_start = timezone.localtime(cleaned["repeat_first_start"])
        end_time = cleaned["repeat_end_time"]
        sessions = []
        for start in repeat_dates(first_start, cleaned["repeat_count"], cleaned["repeat_rule"]):
            end = start.replace(hour=end_time.hour, minute=end_time.minute)
            sessions.append(EventSession(start=start, end=end, venue=cleaned.get("repeat_venue")))
        return sessions

    def save(self, commit=True):
        page = super().save(commit=False)
        generated = self.generated_sessions()
        if generated:
            page.sessions.add(*generated)
        if commit:
            page.save()
        return page


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AgendaFilterForm(forms.Form):
    """The agenda's filters: a plain GET form, so every filtered view has a shareable address."""

    q = forms.CharField(
        label=_("Mot-clé"), required=False, max_length=100, help_text=_("Par exemple : aidants, budget, ados.")
    )
    theme = forms.ModelChoiceField(
        label=_("Thème"), queryset=None, required=False, to_field_name="slug", empty_label=_("Tous les thèmes")
    )
    public = forms.ModelChoiceField(
        label=_("Public"), queryset=None, required=False, to_field_name="slug", empty_label=_("Tous les publics")
    )
    commune = forms.ModelChoiceField(
        label=_("Commune"), queryset=None, required=False, to_field_name="slug", empty_label=_("Toutes les communes")
    )
    format = forms.ChoiceField(label=_("Format"), required=False)
    inscription = forms.BooleanField(label=_("Seulement les temps sur inscription"), required=False)
    du = forms.DateField(
        label=_("À partir du"), required=False, widget=DateInput, help_text=_("Par exemple 15/03/2026.")
    )
    au = forms.DateField(label=_("Jusqu'au"), required=False, widget=DateInput, help_text=_("Par exemple 30/04/2026."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from home.models import Audience, Commune, Theme

        from .models import EventFormat

        self.fields["theme"].queryset = Theme.objects.all()
        self.fields["public"].queryset = Audience.objects.all()
        self.fields["commune"].queryset = Commune.objects.all()
        self.fields["format"].choices = [("", _("Tous les formats")), *EventFormat.choices]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("du"), cleaned.get("au")
        if start and end and end < start:
            self.add_error("au", _("La date de fin doit être après la date de début."))
        return cleaned

    def valid_filters(self):
        """The filters that are valid; an invalid one is ignored (and reported by the form)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "", False)}
