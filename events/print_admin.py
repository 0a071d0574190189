""" "Imprimer" in the admin: the month's programme or an event's poster, and the paper copies made.

Open to the Communication and Animation roles (and administrators): whoever edits venues or
sees registrations. Staff may say how many copies they print and where they go; the indicators
count them ("Exemplaires papier") through `events.signals.paper_copies_printed`.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home.models import Audience, Commune, Theme

from .models import EventIndexPage, EventPage
from .printing import LARGE_PRINT_PARAM
from .signals import paper_copies_printed
from .sources import POSTER, PROGRAMME

PRINT_PERMISSIONS = ("events.view_venue", "events.view_registration")


def can_print(user):
    """Communication (venues), Animation (registrations), administrators."""
    return user.is_active and any(user.has_perm(permission) for permission in PRINT_PERMISSIONS)


class PrintForm(forms.Form):
    """What to print, and optionally how many copies and where they go."""

    document = forms.ChoiceField(
        label=_("Document"),
        choices=[(PROGRAMME, _("Programme du mois")), (POSTER, _("Affiche d'un temps ressources"))],
        widget=forms.RadioSelect,
        initial=PROGRAMME,
    )
    month = forms.DateField(
        label=_("Mois du programme"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("Par exemple 2027-04 pour avril 2027. Vide : le mois en cours."),
    )
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=Commune.objects.all(), required=False)
    theme = forms.ModelChoiceField(label=_("Thème"), queryset=Theme.objects.all(), required=False)
    public = forms.ModelChoiceField(label=_("Public"), queryset=Audience.objects.all(), required=False)
    large_print = forms.BooleanField(label=_("En grands caractères (16 points et plus)"), required=False)
    event = forms.ModelChoiceField(
        label=_("Temps ressources de l'affiche"), queryset=EventPage.objects.none(), required=False
    )
    paper_size = forms.ChoiceField(label=_("Format de l'affiche"), choices=[("A4", "A4"), ("A3", "A3")], initial="A4")
    copies = forms.IntegerField(
        label=_("Nombre d'exemplaires imprimés"),
        required=False,
        min_value=1,
        max_value=100000,
        help_text=_("Facultatif : compté dans les indicateurs (« Exemplaires papier »)."),
    )
    place = forms.CharField(
        label=_("Où vont-ils ?"),
        required=False,
        max_length=200,
        help_text=_("Par exemple « Mairie de Brécy, école des Tilleuls, pharmacie »."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = EventPage.objects.live().order_by("title")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("document") == POSTER and not cleaned.get("event"):
            self.add_error("event", _("Choisissez le temps ressources de l'affiche."))
        if cleaned.get("copies") and not (cleaned.get("place") or "").strip():
            self.add_error("place", _("Indiquez où vont les exemplaires, pour les compter."))
        return cleaned

    def programme_params(self):
        """The agenda's query parameters for the chosen month and filters."""
        data = self.cleaned_data
        params = QueryDict(mutable=True)
        if data.get("month"):
            params["mois"] = data["month"].strftime("%Y-%m")
        for name in ("commune", "theme", "public"):
            if data.get(name):
                params[name] = data[name].slug
        if data.get("large_print"):
            params[LARGE_PRINT_PARAM] = "1"
        return params


class PrintView(WagtailAdminTemplateMixin, FormView):
    template_name = "events/admin/print.html"
    form_class = PrintForm
    page_title = _("Imprimer")
    page_subtitle = _("Programme du mois et affiches")
    header_icon = "doc-empty"

    def dispatch(self, request, *args, **kwargs):
        if not can_print(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        event_id = self.request.GET.get("affiche", "")
        if event_id.isdigit():
            initial.update(document=POSTER, event=int(event_id))
        return initial

    def form_valid(self, form):
        # Imported here: loading WeasyPrint (and its system libraries) only when printing.
        from portal.pdf import pdf_response

        from .print_views import poster_filename, poster_pdf_bytes, programme_filename, programme_pdf_bytes

        data = form.cleaned_data
        if data["document"] == POSTER:
            event = data["event"].specific
            content = poster_pdf_bytes(self.request, event, data["paper_size"])
            filename = poster_filename(event, data["paper_size"])
            label = _("Affiche %(size)s : %(title)s") % {"size": data["paper_size"], "title": event.title}
        else:
            index_page = EventIndexPage.objects.live().first()
            if index_page is None:
                form.add_error(None, _("Le site n'a pas encore d'agenda publié."))
                return self.form_invalid(form)
            content, context = programme_pdf_bytes(self.request, index_page, form.programme_params())
            filename, event = programme_filename(context), None
            label = context["document_title"]
        if data.get("copies"):
            self._count_copies(data, label, event)
        return pdf_response(content, filename, attachment=True)

    def _count_copies(self, data, label, event):
        paper_copies_printed.send(
            sender=type(self),
            kind=data["document"],
            quantity=data["copies"],
            place=data["place"].strip(),
            day=timezone.localdate(),
            label=str(label),
            event_id=event.pk if event else None,
            user=self.request.user,
        )
        messages.success(
            self.request, _("%(count)s exemplaires comptés : %(label)s.") % {"count": data["copies"], "label": label}
        )
