"""A prevention resource as a clean A4 sheet (PDF): its text, its contacts, a QR code to the page.

Every download by a resident is counted like a document's (`DiffusionCount`, format "fiche").
"""

from django.utils.text import slugify

from home.models import SiteSettings
from portal.pdf import cached_pdf, pdf_response, render_pdf

from .listing import resource_page_context
from .services import count_sheet_download

SHEET_TEMPLATE = "print/resource_sheet.html"


def sheet_context(request, page):
    """What the sheet shows: the page's own content and contacts, and where to read it online."""
    context = resource_page_context(request, page)
    return {
        **context,
        "page": page,
        "self": page,
        "site_settings": SiteSettings.for_request(request),
        "document_title": page.title,
        "page_url": page.get_full_url(request),
        "easy_read_url": context["easy_read_version"].get_full_url(request) if context["easy_read_version"] else "",
    }


def resource_sheet(request, page):
    """The sheet as a PDF shown in the browser; never kept by the page cache, so each download counts."""
    context = sheet_context(request, page)
    content = cached_pdf(request, lambda: render_pdf(SHEET_TEMPLATE, context, request=request), "sheet", page.pk)
    if not getattr(request, "is_preview", False):
        count_sheet_download(page, request)
    response = pdf_response(content, f"fiche-{slugify(page.title)[:60]}.pdf")
    response["Cache-Control"] = "private"
    return response
