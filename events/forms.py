"""Forms of the calendar: the editor's event form (with its repeat rule) and the agenda filters."""

from django import forms
from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from portal import phones
from portal.forms import (
    ContactFieldsMixin,
    VocabularyChoiceField,
    email_field,
    first_name_field,
    last_name_field,
    phone_field,
    validate_free_text,
)

from .extensions import booking_questions
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
        if "organisers" in self.fields:
            from .partner_access import limit_organisers

            limit_organisers(self)

    def clean(self):
        cleaned = super().clean()
        if "organisers" in self.fields:
            from .partner_access import check_organisers

            check_organisers(self, cleaned)
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
            # After the sessions already listed, in date order: the edit form lists them by
            # sort_order, and sessions without one came back in any order on PostgreSQL.
            listed = [session.sort_order for session in page.sessions.all() if session.sort_order is not None]
            first = max(listed, default=-1) + 1
            for offset, session in enumerate(generated):
                session.sort_order = first + offset
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
    theme = VocabularyChoiceField("home.Theme", label=_("Thème"), empty_label=_("Tous les thèmes"))
    public = VocabularyChoiceField("home.Audience", label=_("Public"), empty_label=_("Tous les publics"))
    commune = VocabularyChoiceField("home.Commune", label=_("Commune"), empty_label=_("Toutes les communes"))
    format = forms.ChoiceField(label=_("Format"), required=False)
    inscription = forms.BooleanField(label=_("Seulement les temps sur inscription"), required=False)
    du = forms.DateField(
        label=_("À partir du"), required=False, widget=DateInput, help_text=_("Par exemple 15/03/2026.")
    )
    au = forms.DateField(label=_("Jusqu'au"), required=False, widget=DateInput, help_text=_("Par exemple 30/04/2026."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import EventFormat

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


class RegistrationForm(ContactFieldsMixin, forms.Form):
    """The public registration form (GOV.UK patterns: one question per field, examples in hints)."""

    first_name = first_name_field()
    last_name = last_name_field()
    email = email_field(_("Pour recevoir la confirmation et le lien d'annulation. Par exemple : prenom.nom@exemple.fr"))
    phone = phone_field(
        _(
            "Par exemple : 06 12 34 56 78. Sans e-mail, un portable reçoit la confirmation et le rappel par SMS. "
            "Un numéro fixe ne reçoit pas de SMS : nous vous appelons si besoin."
        )
    )
    contact_by = forms.ChoiceField(
        label=_("Si vous donnez les deux : comment être prévenu ?"),
        required=False,
        widget=forms.RadioSelect,
        initial="email",
        help_text=_("Confirmation, rappel avant la séance, place libérée, changement ou annulation."),
    )
    commune = forms.ModelChoiceField(
        label=_("Votre commune"),
        queryset=None,
        required=False,
        empty_label=_("Choisissez votre commune"),
        widget=forms.Select(attrs={"autocomplete": "address-level2"}),
    )
    adults = forms.IntegerField(
        label=_("Nombre d'adultes"),
        min_value=1,
        max_value=20,
        initial=1,
        error_messages={
            "required": _("Indiquez le nombre d'adultes, par exemple 1."),
            "min_value": _("Il faut au moins 1 adulte."),
            "invalid": _("Écrivez un nombre, par exemple 1."),
        },
    )
    children = forms.IntegerField(
        label=_("Nombre d'enfants"),
        min_value=0,
        max_value=20,
        initial=0,
        error_messages={
            "required": _("Indiquez le nombre d'enfants, 0 s'il n'y en a pas."),
            "invalid": _("Écrivez un nombre, par exemple 0."),
        },
    )
    needs_childcare = forms.BooleanField(
        label=_("J'ai besoin d'une garde pour mes enfants pendant la séance"), required=False
    )
    needs_accessibility = forms.BooleanField(
        label=_("J'ai besoin d'un accès adapté (fauteuil roulant, difficulté à marcher…)"), required=False
    )
    needs_interpreter = forms.BooleanField(
        label=_("J'ai besoin d'un interprète (langue des signes ou autre langue)"), required=False
    )
    needs_details = forms.CharField(
        label=_("Précisez vos besoins si vous le souhaitez"),
        required=False,
        validators=[validate_free_text],
        max_length=500,
        help_text=_(
            "Par exemple : « 2 enfants de 3 et 6 ans » ou « interprète en arabe ». "
            "N'écrivez pas d'information de santé."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    heard_from = forms.ChoiceField(label=_("Comment avez-vous connu ce temps ressources ?"), required=False)
    consent = forms.BooleanField(
        label=_("J'accepte que ces informations soient utilisées pour gérer mon inscription"),
        error_messages={"required": _("Cochez la case pour que nous puissions enregistrer votre inscription.")},
    )
    # Honeypot: hidden from people, filled in by robots.
    website = forms.CharField(label=_("Ne remplissez pas ce champ"), required=False)

    def __init__(self, *args, event, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        from home.models import Commune

        from .models import Registration

        self.event = event
        self.fields["commune"].queryset = Commune.objects.all()
        self.fields["heard_from"].choices = [("", _("Je préfère ne pas répondre")), *Registration.HeardFrom.choices]
        self.fields["contact_by"].choices = Registration.ContactBy.choices
        self.fields["consent"].label = _(
            "J'accepte que %(organisation)s utilise ces informations pour gérer mon inscription"
        ) % {"organisation": organisation}
        # Optional questions of other apps (events.extensions), answered apart from the booking.
        self.questions = booking_questions()
        self.question_names = set()
        for questions in self.questions:
            for name, field in questions.fields().items():
                self.fields[name] = field
                self.question_names.add(name)

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("email")
            and not cleaned.get("phone")
            and "email" not in self.errors
            and "phone" not in self.errors
        ):
            self.add_error(
                "email",
                _("Indiquez une adresse e-mail ou un numéro de téléphone pour que nous puissions vous joindre."),
            )
        self._clean_contact_by(cleaned)
        adults, children = cleaned.get("adults"), cleaned.get("children")
        if adults is not None and children is not None:
            maximum = self.event.max_people_per_registration
            if adults + children > maximum:
                self.add_error(
                    "children",
                    _("Une inscription compte %(max)s personnes au plus (adultes et enfants). Pour plus, appelez-nous.")
                    % {"max": maximum},
                )
        return cleaned

    def _clean_contact_by(self, cleaned):
        """Email only: by email. Phone only: by text (a landline gets a call). Both: as chosen."""
        email, phone, choice = cleaned.get("email"), cleaned.get("phone"), cleaned.get("contact_by") or "email"
        if "email" in self.errors or "phone" in self.errors:
            return
        if not phone:
            if choice != "email" and email:
                self.add_error("phone", _("Indiquez un numéro de portable pour être prévenu par SMS."))
            cleaned["contact_by"] = "email"
        elif not email:
            cleaned["contact_by"] = "sms"
        elif choice != "email" and not phones.is_mobile(phone):
            self.add_error(
                "contact_by",
                _("Ce numéro est un fixe : il ne reçoit pas de SMS. Choisissez « Par e-mail » ou donnez un portable."),
            )
        else:
            cleaned["contact_by"] = choice

    def is_spam(self):
        return bool(self.data.get("website"))

    def question_answers(self):
        """The answers to the other apps' optional questions, sent apart from the registration."""
        return {name: self.cleaned_data.get(name, "") for name in self.question_names}

    def attendee(self):
        from .services import Attendee

        data = self.cleaned_data
        return Attendee(
            first_name=data["first_name"].strip(),
            last_name=data["last_name"].strip(),
            email=data["email"],
            phone=data["phone"],
            commune_id=data["commune"].pk if data.get("commune") else None,
            adults=data["adults"],
            children=data["children"],
            needs_childcare=data["needs_childcare"],
            needs_accessibility=data["needs_accessibility"],
            needs_interpreter=data["needs_interpreter"],
            needs_details=data["needs_details"].strip(),
            heard_from=data["heard_from"],
            contact_by=data["contact_by"],
        )
