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
import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.template.loader import render_to_string

from wagtail.models import Site

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/pdf"
PDF_VARIANT = "pdf/ua-1"
CACHE_PREFIX = "pdf:"
CACHE_TIMEOUT = 60 * 60


class RefusedURL(ValueError):
    """An address the renderer must not fetch (another site, a local file, a page of the portal)."""


def _relative_path(url_path, prefix):
    """The file path under `prefix` (e.g. "/static/"), or None when `url_path` is elsewhere or escapes it."""
    if not prefix or not url_path.startswith(prefix):
        return None
    name = posixpath.normpath(unquote(url_path[len(prefix) :]))
    if name.startswith(("../", "/")) or name in ("..", "."):
        return None
    return name


def _static_file(name):
    """The absolute path of a static file: collected (production) or found in the apps (development)."""
    try:
        if staticfiles_storage.exists(name):
            return staticfiles_storage.path(name)
    except (NotImplementedError, ValueError):
        pass  # a storage without local paths, or a name the manifest does not know
    return finders.find(name)


def _url_prefix(setting):
    """The path part of STATIC_URL / MEDIA_URL ("/static/"), however it is written."""
    return urlsplit(setting or "").path or None


class PortalFilesFetcher(URLFetcher):
    """WeasyPrint URL fetcher serving only the portal's static files and media, read locally.

    `origin` is the site's scheme and host ("https://ccas.example"): relative addresses in the
    template resolve against it, so links in the PDF point to the real site while the files
    behind `/static/` and `/media/` are read locally. `data:` URIs are decoded in place (no
    network). Anything else raises `RefusedURL`, which WeasyPrint logs and skips.
    """

    def __init__(self, origin):
        # Only `data:` goes through WeasyPrint's own opener; every other scheme is refused there too.
        super().__init__(allowed_protocols={"data"})
        self.origin = origin.rstrip("/")

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        found = self._read(url)
        if found is None:
            logger.warning("PDF rendering: refused to fetch %s", url.split("?")[0])
            raise RefusedURL(f"Not a file of the portal: {url}")
        name, body = found
        mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": mime_type})

    def _read(self, url):
        """(file name, bytes) of a static file or an image of the site, or None for anything else."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return None
        static_name = _relative_path(parts.path, _url_prefix(settings.STATIC_URL))
        if static_name is not None:
            path = _static_file(static_name)
            if path is None:
                return None
            with open(path, "rb") as file:
                return path, file.read()
        media_name = _relative_path(parts.path, _url_prefix(settings.MEDIA_URL))
        # Through the storage, not the disk: with S3_BUCKET the logo is in the bucket.
        if media_name is not None and not media_name.startswith("documents/") and default_storage.exists(media_name):
            with default_storage.open(media_name, "rb") as file:
                return media_name, file.read()
        return None


def site_origin(request):
    """The scheme and host of the site the request is for ("https://ccas.example")."""
    return request.build_absolute_uri("/").rstrip("/")


def render_pdf(template_name, context, *, request):
    """`template_name` rendered with `context` as PDF bytes (PDF/UA-1, French, fonts embedded).

    The template gives the document its title (`<title>`) and language (`<html lang="fr">`).
    """
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
