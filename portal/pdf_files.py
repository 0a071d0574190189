"""The files a PDF may contain: the portal's own static files and images, read locally.

Kept apart from `portal.pdf` because it imports WeasyPrint (0.8 s): a process loads it when it
renders its first PDF, not when it starts.
"""

import logging
import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage

from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger("portal.pdf")


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
