"""One entry in the admin: its page (journaled), edits, agreement, confirmation, removal, letter, data."""

import json

from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.models import Site

from portal.private import private

from .. import documents, exports
from ..forms import PERSON_TEXT_FIELDS, PersonForm
from ..models import RegisterEntry
from ..services import entries as services
from ..staff_forms import AgreementForm, ConfirmationForm, RemovalForm, StaffEntryForm
from .common import ADD, CHANGE, DELETE, VIEW, RegisterPageView, refused


def entry_url(entry, name="detail"):
    return reverse(f"registre:{name}", args=[entry.pk])


class EntryPageMixin(RegisterPageView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.entry = get_object_or_404(RegisterEntry.objects.select_related("commune", "site"), pk=kwargs["pk"])

    def parent_crumbs_items(self):
        return [{"url": reverse("registre:index"), "label": _("Registre")}]

    def get_page_subtitle(self):
        return self.entry.reference


class EntryDetailView(EntryPageMixin, TemplateView):
    template_name = "welfare/admin/entry_detail.html"
    page_title = gettext_lazy("Inscription au registre")

    def get(self, request, *args, **kwargs):
        services.record_view(self.entry.pk, user=request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        entry = self.entry
        user = self.request.user
        lines = entry.call_lines.select_related("campaign").prefetch_related("calls__called_by")
        return {
            **super().get_context_data(**kwargs),
            "entry": entry,
            "history": entry.events.select_related("user")[:300],
            "lines": lines,
            "can_change": user.has_perm(CHANGE),
            "can_delete": user.has_perm(DELETE),
            "agreement_form": AgreementForm(prefix="agreement"),
            "confirmation_form": ConfirmationForm(prefix="confirmation"),
            "urls": {name: entry_url(entry, name) for name in ("edit", "agree", "confirm", "remove", "letter", "data")},
        }


def _answers(form):
    return {**form.person_data()}


class EntryEditView(EntryPageMixin, FormView):
    template_name = "welfare/admin/entry_form.html"
    page_title = gettext_lazy("Modifier l'inscription")
    permission = (VIEW, CHANGE)
    form_class = PersonForm

    def get(self, request, *args, **kwargs):
        services.record_view(self.entry.pk, user=request.user, detail=_("Écran de modification"))
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        entry = self.entry
        initial = {name: getattr(entry, name) for name in PERSON_TEXT_FIELDS}
        return {
            **initial,
            "birth_date": entry.birth_date,
            "commune": entry.commune_id,
            "reach_needs": entry.reach_needs,
        }

    def form_valid(self, form):
        changed = services.update_entry(self.entry.pk, _answers(form), user=self.request.user)
        if changed:
            messages.success(self.request, _("Inscription modifiée : %(fields)s.") % {"fields": ", ".join(changed)})
        else:
            messages.info(self.request, _("Rien n'a changé."))
        return HttpResponseRedirect(entry_url(self.entry))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "entry": self.entry, "cancel_url": entry_url(self.entry)}


class EntryAddView(RegisterPageView, FormView):
    template_name = "welfare/admin/entry_form.html"
    page_title = gettext_lazy("Inscrire une personne")
    permission = (VIEW, ADD)
    form_class = StaffEntryForm

    def parent_crumbs_items(self):
        return [{"url": reverse("registre:index"), "label": _("Registre")}]

    def form_valid(self, form):
        data = form.cleaned_data
        entry = services.add_entry(
            site=Site.find_for_request(self.request) or Site.objects.get(is_default_site=True),
            answers=_answers(form),
            user=self.request.user,
            channel=data["channel"],
            requester_kind=data["requester_kind"],
            agreed=data["agreed"],
        )
        messages.success(
            self.request,
            _("Inscription %(reference)s enregistrée (%(status)s).")
            % {"reference": entry.reference, "status": entry.get_status_display().lower()},
        )
        return HttpResponseRedirect(entry_url(entry))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "cancel_url": reverse("registre:index")}


class EntryRemoveView(EntryPageMixin, FormView):
    """Removal on request: a confirmation, then the entry and its calls are deleted at once."""

    template_name = "welfare/admin/entry_remove.html"
    page_title = gettext_lazy("Retirer du registre")
    permission = (VIEW, DELETE)
    form_class = RemovalForm

    def form_valid(self, form):
        services.remove_entry(self.entry.pk, user=self.request.user, channel=form.cleaned_data["channel"])
        messages.success(
            self.request, f"{self.entry.reference} : la personne est retirée du registre, tout est effacé."
        )
        return HttpResponseRedirect(reverse("registre:index"))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "entry": self.entry, "cancel_url": entry_url(self.entry)}


def _post_only(request, pk, permission):
    if not request.user.has_perms((VIEW, permission)):
        return None, refused(request)
    if request.method != "POST":
        return None, HttpResponseNotAllowed(["POST"])
    return get_object_or_404(RegisterEntry, pk=pk), None


def agree(request, pk):
    """The person agreed to a third party's sign-up (POST)."""
    entry, refusal = _post_only(request, pk, CHANGE)
    if refusal:
        return refusal
    form = AgreementForm(request.POST, prefix="agreement")
    if form.is_valid():
        services.record_agreement(entry.pk, user=request.user, how=form.detail())
        messages.success(request, f"{entry.reference} : la personne est inscrite.")
    else:
        messages.error(request, _("Rien n'a changé : dites qui a donné son accord et comment."))
    return HttpResponseRedirect(entry_url(entry))


def confirm(request, pk):
    """The person confirmed for another year, by phone or letter (POST)."""
    entry, refusal = _post_only(request, pk, CHANGE)
    if refusal:
        return refusal
    form = ConfirmationForm(request.POST, prefix="confirmation")
    if form.is_valid():
        services.confirm_entry(entry.pk, user=request.user, how=form.cleaned_data["how"])
        messages.success(request, f"{entry.reference} : inscription confirmée pour un an.")
    return HttpResponseRedirect(entry_url(entry))


def letter(request, pk):
    """The acknowledgement letter to post (PDF); journaled."""
    if not request.user.has_perm(VIEW):
        return refused(request)
    entry = get_object_or_404(RegisterEntry.objects.select_related("commune", "site", "page"), pk=pk)
    services.record_letter(entry.pk, user=request.user)
    return private(documents.acknowledgement_response(request, entry))


def data(request, pk):
    """Everything the register holds about this person (right of access), as JSON; journaled."""
    if not request.user.has_perm(VIEW):
        return refused(request)
    entry = get_object_or_404(RegisterEntry.objects.select_related("commune"), pk=pk)
    services.record_export(entry.pk, user=request.user, detail=_("Données de la personne (JSON)"))
    payload = json.dumps(exports.entry_data(entry), ensure_ascii=False, indent=2)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registre-{entry.reference}.json"'
    return private(response)
