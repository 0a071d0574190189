"""The staff "Indicateurs" page (Wagtail admin) and the residents' feedback form (`/avis/<token>/`)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal import exports
from portal.private import private_page
from portal.views import permission_denied

from . import services
from .charts import bar_chart
from .figures import Period, all_sections
from .forms import FeedbackForm, PeriodForm

PERMISSION = "indicators.view_indicators"

# --- Staff ------------------------------------------------------------------------------------


def chosen_period(data, today=None):
    """(form, period): the period in `?du=&au=`, or the current calendar year."""
    today = today or timezone.localdate()
    default = Period.year(today.year)
    if "du" not in data and "au" not in data:
        form = PeriodForm(initial={"du": default.start, "au": default.end})
        return form, default
    form = PeriodForm(data)
    if form.is_valid():
        return form, Period(form.cleaned_data["du"], form.cleaned_data["au"])
    return form, default


class IndicatorsView(WagtailAdminTemplateMixin, TemplateView):
    """The action sheet's indicators over a period, compared with the previous one.

    Needs `indicators.view_indicators` (403 otherwise). `?export=csv&table=<key>` downloads one
    table; `?export=xlsx` the whole set (or one table with `table`).
    """

    template_name = "indicators/admin/indicators.html"
    page_title = gettext_lazy("Indicateurs")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            # A plain 403, not Wagtail's redirect to the dashboard: the refusal must be explicit.
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.period)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        self.form, self.period = chosen_period(request.GET)
        self.sections = all_sections(self.period)
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            return self.export(export, request.GET.get("table", ""))
        return super().get(request, *args, **kwargs)

    def tables(self):
        return [table for section in self.sections for table in section.all_tables()]

    def filename(self, suffix):
        period = self.period
        return f"indicateurs-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}{suffix}"

    def export(self, kind, key):
        tables = self.tables()
        if key:
            tables = [table for table in tables if table.key == key]
            if not tables:
                raise Http404
        if kind == "csv":
            if len(tables) != 1:
                raise Http404  # a CSV file holds one table
            table = tables[0]
            return exports.csv_response(self.filename(f"-{table.key}"), table.columns, table.rows)
        suffix = f"-{tables[0].key}" if key else ""
        return exports.xlsx_response(
            self.filename(suffix), [(table.title, table.columns, table.rows) for table in tables]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = f"du={self.period.start:%Y-%m-%d}&au={self.period.end:%Y-%m-%d}"
        sections = []
        for section in self.sections:
            sections.append(
                {
                    "section": section,
                    "charts": [bar_chart(series) for series in section.series],
                }
            )
        context.update(
            form=self.form,
            period=self.period,
            previous=self.period.previous(),
            sections=sections,
            export_query=query,
            this_year=Period.year(timezone.localdate().year),
            last_year=Period.year(timezone.localdate().year - 1),
        )
        return context


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
