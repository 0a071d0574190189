"""Counting what is diffused: page views and downloads per resource, format and day, anonymously."""

import re

from django.utils import timezone

from portal.counters import add_one, add_one_soon
from portal.staff import is_staff_user

from .models import DiffusionCount, ResourceDocument

# The printable sheet of a resource (resources/printing.py), counted among its downloads.
SHEET_FORMAT = "fiche"

# Robots, link checkers, scripts and headless browsers: not residents, so not counted.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|curl|wget|python-requests|python-urllib|httpx|aiohttp|go-http-client|"
    r"java/|libwww|scrapy|headless|phantomjs|lighthouse|facebookexternalhit|preview|monitor|checker",
    re.IGNORECASE,
)


def is_bot(request):
    """True for a robot's or a script's request (judged by its user agent; none at all counts as one)."""
    user_agent = request.headers.get("User-Agent", "")
    return not user_agent.strip() or bool(BOT_USER_AGENT.search(user_agent))


def _countable(request):
    """A resident's plain GET: not HEAD, not a robot, not a staff member checking their work."""
    if request.method != "GET" or is_bot(request):
        return False
    return not is_staff_user(getattr(request, "user", None))


def record_diffusion(resource_id, *, kind, file_format="", day=None, soon=False):
    """Add one to the resource's counter for this kind, format and day (portal.counters: at
    once, or with `soon` kept in Redis for a minute at most)."""
    add = add_one_soon if soon else add_one
    add(DiffusionCount, resource_id=resource_id, kind=kind, file_format=file_format, day=day or timezone.localdate())


def count_page_view(resource_id, request):
    """Count one view of the resource for a resident's GET (see `_countable`); every copy from
    the page cache counts too, so the count goes through Redis when there is one."""
    if _countable(request):
        record_diffusion(resource_id, kind=DiffusionCount.Kind.VIEW, soon=True)


def count_sheet_download(resource, request):
    """Count one download of the resource's printable sheet, for a resident's GET (see `_countable`)."""
    if _countable(request):
        record_diffusion(resource.pk, kind=DiffusionCount.Kind.DOWNLOAD, file_format=SHEET_FORMAT)


def count_document_download(sender, instance, request, **kwargs):
    """Receiver of Wagtail's `document_served`: one download for each live resource attaching the file.

    A range request that does not start at the first byte (a PDF viewer or a video player
    fetching the next piece) continues a download already counted.
    """
    if not _countable(request):
        return
    byte_range = request.headers.get("Range", "")
    if byte_range and not byte_range.replace(" ", "").startswith("bytes=0-"):
        return
    resource_ids = (
        ResourceDocument.objects.filter(document=instance, page__live=True).values_list("page_id", flat=True).distinct()
    )
    file_format = (instance.file_extension or "").lower()[:10]
    for resource_id in resource_ids:
        record_diffusion(resource_id, kind=DiffusionCount.Kind.DOWNLOAD, file_format=file_format)
