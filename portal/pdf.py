"""Printable documents: a template rendered to a tagged PDF (PDF/UA-1) with WeasyPrint.

What callers can rely on:

- the PDF is tagged (headings, lists, figures with their alternative text, reading order of
  the HTML), carries the document's title and language (`<title>`, `<html lang>`), and embeds
  the subset of the fonts it uses; its text stays selectable;
- nothing is fetched from the network while rendering: stylesheets and images are read from
  the portal's own static files and media, and any other address is refused (and logged);
- `cached_pdf` keeps the bytes (never an object) in Django's cache under the content version,
  the site and the full address asked for, so any content change makes a fresh rendering.
"""

import hashlib
import logging

from django.http import HttpResponse
from django.template.loader import render_to_string

from wagtail.models import Site

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/pdf"
PDF_VARIANT = "pdf/ua-1"
CACHE_PREFIX = "pdf:"
CACHE_TIMEOUT = 60 * 60


def site_origin(request):
    """The scheme and host of the site the request is for ("https://ccas.example")."""
    return request.build_absolute_uri("/").rstrip("/")


def render_pdf(template_name, context, *, request):
    """`template_name` rendered with `context` as PDF bytes (PDF/UA-1, French, fonts embedded).

    The template gives the document its title (`<title>`) and language (`<html lang="fr">`).
    """
    from weasyprint import HTML

    from portal.pdf_files import PortalFilesFetcher

    origin = site_origin(request)
    html = render_to_string(template_name, {**context, "for_pdf": True}, request=request)
    document = HTML(string=html, base_url=f"{origin}/", url_fetcher=PortalFilesFetcher(origin))
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def cache_key(request, *parts):
    """Key of a rendering: content version, site, full address asked for and the caller's `parts`."""
    from portal.cache import content_version

    site = Site.find_for_request(request)
    raw = "|".join(
        [content_version(), str(getattr(site, "pk", "")), request.get_host(), request.get_full_path(), *map(str, parts)]
    )
    return CACHE_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def cached_pdf(request, build, *parts):
    """The bytes `build()` returns, kept in the cache until the content changes (see `cache_key`)."""
    from portal.cache import store

    try:
        key = cache_key(request, *parts)
        content = store().get(key)
    except Exception:  # noqa: BLE001 - the cache down: render it, keep nothing
        return build()
    if content is None:
        content = build()
        try:
            store().set(key, content, CACHE_TIMEOUT)
        except Exception:  # noqa: BLE001
            logger.warning("PDF not kept: the cache is unreachable")
    return content


def pdf_response(content, filename, *, attachment=False):
    """An `application/pdf` response; shown in the browser unless `attachment`."""
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
