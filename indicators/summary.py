"""The one-page summary for the board: the key figures of each section, both periods and the difference.

The same template gives the printable page (in the admin) and the A4 PDF (`portal.pdf`, tagged
PDF/UA-1); the numbers are those of the Indicateurs page, section by section.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from home.models import SiteSettings

from .figures.periods import long_date

TEMPLATE = "indicators/summary.html"


def summary_context(request, period, sections):
    site_settings = SiteSettings.for_request(request)
    return {
        "site_settings": site_settings,
        "document_title": _("Synthèse des indicateurs : %(period)s") % {"period": period},
        "period": period,
        "previous": period.previous(),
        "description": period.described(),
        "cut_note": period.cut_note(),
        "sections": [section for section in sections if section.key_figures],
        "today_text": long_date(timezone.localdate()),
    }


def summary_pdf(request, context):
    # Imported here: loading WeasyPrint (and its system libraries) only when a PDF is asked for.
    from portal.pdf import render_pdf

    return render_pdf(TEMPLATE, context, request=request)
