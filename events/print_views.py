"""The printed agenda behind the pages' routes: the month's programme (HTML and PDF) and posters.

Bad input (an impossible month, an unknown commune or theme) is a 404, the agenda's French error
page; a month with nothing gives a document that says so.
"""

from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify

from portal.pdf import cached_pdf, pdf_response, render_pdf

from .printing import LARGE_PRINT_PARAM, poster_context, programme_context

PROGRAMME_TEMPLATE = "print/programme.html"
POSTER_TEMPLATE = "print/poster.html"
PAPER_SIZES = ("A4", "A3")


def _programme_urls(request, index_page, context):
    """The other versions of the same programme (same month and filters)."""
    params = request.GET.copy()
    params["mois"] = context["month_param"]
    base = index_page.url + "programme/"
    large, standard = params.copy(), params.copy()
    large[LARGE_PRINT_PARAM] = "1"
    standard.pop(LARGE_PRINT_PARAM, None)
    return {
        "pdf_url": f"{base}pdf/?{params.urlencode()}",
        "large_print_url": f"{base}?{large.urlencode()}",
        "standard_url": f"{base}?{standard.urlencode()}",
    }


def programme(request, index_page):
    """The month's programme as a print-ready page, with links to its PDF and large-print versions."""
    context = programme_context(request, index_page)
    context.update(_programme_urls(request, index_page, context))
    return TemplateResponse(request, PROGRAMME_TEMPLATE, context)


def programme_filename(context):
    suffix = "-grands-caracteres" if context["large_print"] else ""
    return f"programme-{context['month_param']}{suffix}.pdf"


def programme_pdf_bytes(request, index_page, params=None):
    """(PDF bytes, context) of the month's programme, rendered once per content version."""
    context = programme_context(request, index_page, params)
    query = (request.GET if params is None else params).urlencode()
    content = cached_pdf(
        request,
        lambda: render_pdf(PROGRAMME_TEMPLATE, context, request=request),
        "programme",
        context["month_param"],
        query,
    )
    return content, context


def programme_pdf(request, index_page):
    content, context = programme_pdf_bytes(request, index_page)
    return pdf_response(content, programme_filename(context))


def poster_filename(event, paper_size):
    return f"affiche-{slugify(event.title)[:60]}-{paper_size.lower()}.pdf"


def poster_pdf_bytes(request, event, paper_size="A4"):
    """The poster of `event` as PDF bytes; its dates are the next ones, so it is kept for the day."""
    context = poster_context(request, event, paper_size=paper_size)
    return cached_pdf(
        request,
        lambda: render_pdf(POSTER_TEMPLATE, context, request=request),
        "poster",
        event.pk,
        paper_size,
        timezone.localdate(),
    )


def poster_pdf(request, event, paper_size="A4"):
    return pdf_response(poster_pdf_bytes(request, event, paper_size), poster_filename(event, paper_size))
