"""Emergency campaigns in the admin: "Déclencher une veille", the call list, one call, the call sheet, closing."""

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.models import Site

from portal.private import private

from .. import documents
from ..choices import FOLLOW_UP_OUTCOMES, Outcome
from ..models import Campaign, EntryEvent
from ..services import campaigns as services
from ..services.common import RegisterError
from ..staff_forms import CallForm, CampaignForm
from .common import CAMPAIGN_ADD, CAMPAIGN_CHANGE, CAMPAIGN_VIEW, VIEW, RegisterPageView, refused

VIEWS = ("due", "waiting", "reached", "follow_up", "all")
VIEW_LABELS = {
    "due": gettext_lazy("À appeler maintenant"),
    "waiting": gettext_lazy("Sans réponse, à rappeler plus tard"),
    "reached": gettext_lazy("Joints"),
    "follow_up": gettext_lazy("À suivre (aide, visite)"),
    "all": gettext_lazy("Toute la liste"),
}


def campaign_url(campaign, name="detail"):
    return reverse(f"veilles:{name}", args=[campaign.pk])


def filtered_lines(campaign, view, now):
    lines = campaign.lines.select_related("entry__commune")
    if view == "due":
        return services.due_lines(campaign, now).select_related("entry__commune")
    if view == "waiting":
        return lines.filter(last_outcome=Outcome.NO_ANSWER, next_call_at__gt=now)
    if view == "reached":
        return lines.exclude(last_outcome__in=["", Outcome.NO_ANSWER])
    if view == "follow_up":
        return lines.filter(last_outcome__in=FOLLOW_UP_OUTCOMES)
    return lines


class CampaignPageMixin(RegisterPageView):
    permission = (VIEW, CAMPAIGN_VIEW)
    header_icon = "warning"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.campaign = get_object_or_404(Campaign, pk=kwargs["pk"])

    def parent_crumbs_items(self):
        return [{"url": reverse("veilles:index"), "label": _("Veilles")}]

    def get_page_subtitle(self):
        return self.campaign.title


class CampaignOpenView(RegisterPageView, FormView):
    template_name = "welfare/admin/campaign_open.html"
    page_title = gettext_lazy("Déclencher une veille")
    header_icon = "warning"
    permission = (VIEW, CAMPAIGN_VIEW, CAMPAIGN_ADD)
    form_class = CampaignForm

    def parent_crumbs_items(self):
        return [{"url": reverse("veilles:index"), "label": _("Veilles")}]

    def form_valid(self, form):
        data = form.cleaned_data
        campaign = services.open_campaign(
            kind=data["kind"],
            label=data["label"],
            communes=data["communes"],
            starts_on=data["starts_on"],
            retry_minutes=data["retry_hours"] * 60,
            user=self.request.user,
        )
        messages.success(
            self.request, _("Veille déclenchée : %(count)s personnes à appeler.") % {"count": campaign.listed_count}
        )
        return HttpResponseRedirect(campaign_url(campaign))


class CampaignDetailView(CampaignPageMixin, TemplateView):
    """Progress, who still has to be reached, and the call list in call order."""

    template_name = "welfare/admin/campaign_detail.html"
    page_title = gettext_lazy("Veille")

    def get_context_data(self, **kwargs):
        now = timezone.now()
        view = self.request.GET.get("liste", "due")
        view = view if view in VIEWS else "due"
        campaign = self.campaign
        lines = [] if campaign.list_erased_at else list(filtered_lines(campaign, view, now)[:500])
        return {
            **super().get_context_data(**kwargs),
            "campaign": campaign,
            "progress": services.progress(campaign, now),
            "lines": lines,
            "now": now,
            "current_view": view,
            "views": [(key, VIEW_LABELS[key]) for key in VIEWS],
            "can_change": self.request.user.has_perm(CAMPAIGN_CHANGE),
            "next_line": services.next_due_line(campaign, now) if campaign.is_open else None,
            "sheet_url": campaign_url(campaign, "sheet"),
            "close_url": campaign_url(campaign, "close"),
        }


class CallView(CampaignPageMixin, FormView):
    """One person of the list: what helps reach them, past calls, and the form to log this call."""

    template_name = "welfare/admin/call.html"
    page_title = gettext_lazy("Appel")
    permission = (VIEW, CAMPAIGN_VIEW, CAMPAIGN_CHANGE)
    form_class = CallForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.line = get_object_or_404(self.campaign.lines.select_related("entry__commune"), pk=kwargs["line"])

    def get(self, request, *args, **kwargs):
        from ..services.entries import record_view

        record_view(
            self.line.entry_id,
            user=request.user,
            detail=_("Liste d'appels : %(title)s") % {"title": self.campaign.title},
        )
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.log_call(
                self.line.pk, form.cleaned_data["outcome"], form.cleaned_data["note"], user=self.request.user
            )
        except RegisterError as error:
            messages.error(self.request, error.message)
            return HttpResponseRedirect(campaign_url(self.campaign))
        messages.success(
            self.request, _("Appel noté : %(outcome)s.") % {"outcome": Outcome(form.cleaned_data["outcome"]).label}
        )
        following = services.next_due_line(self.campaign, after=self.line.position)
        if following is None or following.pk == self.line.pk:
            return HttpResponseRedirect(campaign_url(self.campaign))
        return HttpResponseRedirect(reverse("veilles:call", args=[self.campaign.pk, following.pk]))

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "campaign": self.campaign,
            "line": self.line,
            "entry": self.line.entry,
            "calls": self.line.calls.select_related("called_by"),
            "back_url": campaign_url(self.campaign),
        }


def call_sheet(request, pk):
    """The printable call sheet (PDF): every line in call order with name, phones and address."""
    if not request.user.has_perms((VIEW, CAMPAIGN_VIEW)):
        return refused(request)
    campaign = get_object_or_404(Campaign, pk=pk)
    lines = list(campaign.lines.select_related("entry__commune").order_by("position", "pk"))
    EntryEvent.objects.bulk_create(
        EntryEvent(
            entry_id=line.entry_id,
            user=request.user,
            action=EntryEvent.Action.EXPORTED,
            detail=(_("Feuille d'appels imprimée : %(title)s") % {"title": campaign.title})[:200],
        )
        for line in lines
    )
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    return private(documents.call_sheet_response(request, campaign, lines, site))


class CampaignCloseView(CampaignPageMixin, TemplateView):
    template_name = "welfare/admin/campaign_close.html"
    page_title = gettext_lazy("Clore la veille")
    permission = (VIEW, CAMPAIGN_VIEW, CAMPAIGN_CHANGE)

    def post(self, request, *args, **kwargs):
        services.close_campaign(self.campaign.pk, user=request.user)
        messages.success(request, _("Veille close. Ses chiffres anonymes sont gardés."))
        return HttpResponseRedirect(campaign_url(self.campaign))

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "campaign": self.campaign,
            "progress": services.progress(self.campaign),
            "back_url": campaign_url(self.campaign),
        }
