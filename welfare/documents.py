"""The register's printable documents, tagged PDFs (PDF/UA-1) through `portal.pdf`.

- the acknowledgement letter of one entry (for a window envelope), public through the status
  link and printed by staff for people without internet;
- the call sheet of a campaign, in call order, for staff without a computer at hand;
- the list handed to the préfet;
- the re-confirmation letters to post, one per page.

Personal documents: rendered for each request, never cached (`portal.pdf.cached_pdf` is not
used here), and served `no-store`.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from home.models import SiteSettings
from portal.pdf import pdf_response, render_pdf

from .choices import ReachNeed


def _settings(site):
    return SiteSettings.for_site(site)


def acknowledgement_response(request, entry):
    context = {
        "document_title": _("Accusé de réception %(reference)s") % {"reference": entry.reference},
        "site_settings": _settings(entry.site),
        "entry": entry,
        "today": timezone.localdate(),
    }
    content = render_pdf("print/welfare/acknowledgement.html", context, request=request)
    return pdf_response(content, f"accuse-de-reception-{entry.reference}.pdf")


def call_sheet_response(request, campaign, lines, site):
    context = {
        "document_title": _("Liste d'appels – %(title)s") % {"title": campaign.title},
        "site_settings": _settings(site),
        "campaign": campaign,
        "lines": lines,
        "printed_at": timezone.localtime(),
        "reach_labels": dict(ReachNeed.choices),
    }
    content = render_pdf("print/welfare/call_sheet.html", context, request=request)
    return pdf_response(content, f"liste-d-appels-{campaign.pk}.pdf", attachment=True)


def prefect_response(request, transmission, entries, site):
    context = {
        "document_title": _("Registre des personnes vulnérables – transmission n° %(number)s")
        % {"number": transmission.pk},
        "site_settings": _settings(site),
        "transmission": transmission,
        "entries": entries,
        "reach_labels": dict(ReachNeed.choices),
    }
    content = render_pdf("print/welfare/prefect.html", context, request=request)
    return pdf_response(content, f"registre-transmission-{transmission.pk}.pdf", attachment=True)


def letters_response(request, entries, site):
    context = {
        "document_title": _("Courriers de reconfirmation du registre"),
        "site_settings": _settings(site),
        "entries": entries,
        "today": timezone.localdate(),
    }
    content = render_pdf("print/welfare/reconfirmation_letters.html", context, request=request)
    return pdf_response(content, "courriers-reconfirmation.pdf", attachment=True)
