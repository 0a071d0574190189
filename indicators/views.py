"""The staff "Indicateurs" page (Wagtail admin) and the residents' feedback form (`/avis/<token>/`)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView, View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal import counters
from portal.exports import csv_response, xlsx_response
from portal.private import private_page
from portal.views import permission_denied

from . import exports, services, summary
from .charts import bar_chart
from .figures import Period, all_sections
from .forms import FeedbackForm, PeriodForm

PERMISSION = "indicators.view_indicators"

# --- Staff ------------------------------------------------------------------------------------


def chosen_period(data, today=None):
    """(form, period): the period in `?du=&au=`, or the current year to date; cut at today either way."""
    today = today or timezone.localdate()
    default = Period.year(today.year).until(today)
    if "du" not in data and "au" not in data:
        form = PeriodForm(initial={"du": default.start, "au": default.end})
        return form, default
    form = PeriodForm(data)
    if form.is_valid():
        return form, Period(form.cleaned_data["du"], form.cleaned_data["au"]).until(today)
    return form, default


class IndicatorsMixin:
    """The permission, the period asked for and its sections, shared by the page and the summary."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            # A plain 403, not Wagtail's redirect to the dashboard: the refusal must be explicit.
            return permission_denied(request, PermissionDenied())
        self.form, self.period = chosen_period(request.GET)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def sections(self):
        counters.write_pending()  # the views counted in Redis in the last minute count too
        return all_sections(self.period)

    @property
    def period_query(self):
        return self.period.query


class IndicatorsView(IndicatorsMixin, WagtailAdminTemplateMixin, TemplateView):
    """The action sheet's indicators over a period, compared with the previous one.

    Needs `indicators.view_indicators` (403 otherwise). `?export=csv&table=<key>` downloads one
    table; `?export=xlsx` the whole set (or one table with `table`).
    """

    template_name = "indicators/admin/indicators.html"
    page_title = gettext_lazy("Indicateurs")
    header_icon = "table"

    def get_page_subtitle(self):
        return str(self.period)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            return self.export(export, request.GET.get("table", ""))
        return super().get(request, *args, **kwargs)

    def tables(self):
        return [table for section in self.sections for table in section.all_tables()]

    def export(self, kind, key):
        tables = self.tables()
        if not key:
            if kind == "csv":
                raise Http404  # a CSV file holds one table
            sheets = exports.workbook_sheets(self.period, tables, timezone.localdate())
            return xlsx_response(exports.filename(self.period), sheets)
        table = next((table for table in tables if table.key == key), None)
        if table is None:
            raise Http404
        name = exports.filename(self.period, table.key)
        if kind == "csv":
            return csv_response(name, table.columns, table.rows)
        return xlsx_response(name, [(table.sheet or table.title, table.columns, table.rows)])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            form=self.form,
            period=self.period,
            previous=self.period.previous(),
            description=self.period.described(),
            cut_note=self.period.cut_note(),
            sections=[
                {"section": section, "charts": [bar_chart(series) for series in section.series]}
                for section in self.sections
            ],
            export_query=self.period_query,
            summary_url=reverse("indicators_summary"),
            summary_pdf_url=reverse("indicators_summary_pdf"),
            this_year=Period.year(today.year),
            last_year=Period.year(today.year - 1),
        )
        return context


class SummaryView(IndicatorsMixin, TemplateView):
    """The one-page summary for the board, as a printable page (`?du=&au=` as on the page)."""

    template_name = summary.TEMPLATE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(summary.summary_context(self.request, self.period, self.sections))
        context.update(
            pdf_url=f"{reverse('indicators_summary_pdf')}?{self.period_query}",
            indicators_url=f"{reverse('indicators')}?{self.period_query}",
        )
        return context


class SummaryPdfView(IndicatorsMixin, View):
    """The same summary as an A4 PDF, downloaded under a name that carries its dates."""

    def get(self, request, *args, **kwargs):
        from portal.pdf import pdf_response

        context = summary.summary_context(request, self.period, self.sections)
        response = pdf_response(
            summary.summary_pdf(request, context), f"{exports.filename(self.period, 'synthese')}.pdf", attachment=True
        )
        response["Cache-Control"] = "private, no-store"
        return response


# --- Residents: the feedback form -------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@private_page
def feedback(request, token):
    """One anonymous answer per link. Unknown or expired link: 404; used link: "déjà répondu"."""
    link = services.link_for_token(token)
    if link is None:
        raise Http404
    context = {"event": link.session.event, "session": link.session}
    if link.used:
        return render(request, "indicators/feedback_already.html", context)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answer = services.submit_feedback(link, form.cleaned_data)
        if answer is None:
            return render(request, "indicators/feedback_already.html", context)
        return HttpResponseRedirect(reverse("indicators:feedback-thanks"))
    context["form"] = form
    context["title"] = _("Votre avis sur « %(event)s »") % {"event": link.session.event.title}
    return render(request, "indicators/feedback_form.html", context)


@private_page
def feedback_thanks(request):
    return render(request, "indicators/feedback_thanks.html")
