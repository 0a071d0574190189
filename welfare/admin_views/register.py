"""The préfet's transmission, the yearly re-confirmation and the register's journal, in the admin."""

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.models import Site

from portal import exports as spreadsheets
from portal.private import private

from .. import documents
from ..exports import PREFECT_COLUMNS, export_stamp, prefect_rows
from ..models import RegisterActivity, Transmission
from ..services import reconfirmation
from ..services.common import RegisterError
from ..services.transmission import transmit
from ..staff_forms import TransmissionForm
from .common import CHANGE, TRANSMIT, VIEW, RegisterPageView, refused


def _site(request):
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


class TransmissionView(RegisterPageView, FormView):
    """An explicit, recorded transmission of the register to the préfet (CSV or PDF)."""

    template_name = "welfare/admin/transmission.html"
    page_title = gettext_lazy("Transmettre au préfet")
    header_icon = "upload"
    permission = (VIEW, TRANSMIT)
    form_class = TransmissionForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            transmission, entries = transmit(
                user=self.request.user,
                communes=data["communes"],
                request_reference=data["request_reference"],
                reason=data["reason"],
                campaign=data["campaign"],
                file_format=data["file_format"],
            )
        except RegisterError as error:
            form.add_error("reason", error.message)
            return self.form_invalid(form)
        if transmission.file_format == Transmission.Format.PDF:
            return private(documents.prefect_response(self.request, transmission, entries, _site(self.request)))
        filename = f"registre-transmission-{transmission.pk}-{export_stamp()}"
        return private(spreadsheets.csv_response(filename, PREFECT_COLUMNS, prefect_rows(entries)))

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "transmissions": Transmission.objects.select_related("campaign")[:50],
        }


class ReconfirmationView(RegisterPageView, TemplateView):
    """Where the yearly re-confirmation stands; start it; the letters to post."""

    template_name = "welfare/admin/reconfirmation.html"
    page_title = gettext_lazy("Reconfirmation annuelle")
    header_icon = "redirect"

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(CHANGE):
            return refused(request)
        action = request.POST.get("action")
        if action == "start":
            sent = reconfirmation.start_reconfirmation(user=request.user)
            messages.success(
                request,
                _("Reconfirmation lancée : %(texts)s SMS envoyés, %(letters)s courriers à poster.")
                % {"texts": sent.texts, "letters": sent.letters},
            )
        elif action == "posted":
            ids = [int(value) for value in request.POST.getlist("entries") if value.isdigit()]
            count = reconfirmation.mark_letters_posted(ids, user=request.user)
            messages.success(request, f"{count} courriers notés comme postés.")
        return HttpResponseRedirect(reverse("reconfirmation:index"))

    def get_context_data(self, **kwargs):
        from ..models import RegisterEntry

        active = RegisterEntry.objects.filter(status="active")
        return {
            **super().get_context_data(**kwargs),
            "to_ask": reconfirmation.to_ask().count(),
            "waiting": active.filter(reconfirm_step__gt=0, needs_call=False).count(),
            "to_call": active.filter(needs_call=True).select_related("commune"),
            "letters": reconfirmation.letters_due(),
            "can_change": self.request.user.has_perm(CHANGE),
        }


def letters_pdf(request):
    """The re-confirmation letters waiting to be posted, one per page (PDF)."""
    if not request.user.has_perm(VIEW):
        return refused(request)
    from ..services.entries import record_export

    entries = list(reconfirmation.letters_due().select_related("site").order_by("commune__name", "last_name"))
    for entry in entries:
        record_export(entry.pk, user=request.user, detail=_("Courrier de reconfirmation imprimé"))
    return private(documents.letters_response(request, entries, _site(request)))


class JournalView(RegisterPageView, TemplateView):
    """Staff actions on the register that outlive entries (removals, campaigns), and transmissions."""

    template_name = "welfare/admin/journal.html"
    page_title = gettext_lazy("Journal du registre")
    header_icon = "history"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "activities": RegisterActivity.objects.select_related("user")[:300],
            "transmissions": Transmission.objects.select_related("campaign")[:100],
        }
