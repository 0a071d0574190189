"""Reading a partner's iCalendar address: bounded in time and size, conditional, errors in French."""

import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

CHUNK = 64 * 1024


class FeedError(Exception):
    """A feed that could not be read; the message is the plain-French line the admin shows."""


@dataclass
class Fetched:
    content: bytes | None  # None: not modified since the last run (HTTP 304)
    etag: str = ""
    last_modified: str = ""


def _request(feed):
    headers = {"User-Agent": "portail-action-sociale (agenda des partenaires)", "Accept": "text/calendar"}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    return urllib.request.Request(feed.url, headers=headers)  # noqa: S310 - https checked by the model


def _read_bounded(response, deadline, limit):
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise FeedError(_("Le site du partenaire répond trop lentement : lecture abandonnée."))
        chunk = response.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise FeedError(
                _("Le flux est trop volumineux (plus de %(mb)s Mo) : il n'a pas été lu.") % {"mb": limit // 1_000_000}
            )
        chunks.append(chunk)


def fetch(feed):
    """The feed's bytes (or None when unchanged), within FEED_IMPORT_TIMEOUT and FEED_IMPORT_MAX_BYTES."""
    timeout, limit = settings.FEED_IMPORT_TIMEOUT, settings.FEED_IMPORT_MAX_BYTES
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(_request(feed), timeout=timeout) as response:  # noqa: S310
            content = _read_bounded(response, deadline, limit)
            return Fetched(content, response.headers.get("ETag", ""), response.headers.get("Last-Modified", ""))
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(None, feed.etag, feed.last_modified)
        if error.code == 404:
            raise FeedError(_("Adresse introuvable (erreur 404) : vérifiez l'adresse du flux.")) from error
        raise FeedError(_("Le site du partenaire a répondu par une erreur %(code)s.") % {"code": error.code}) from error
    except TimeoutError as error:
        raise FeedError(_("Le site du partenaire répond trop lentement : lecture abandonnée.")) from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise FeedError(_("Le site du partenaire répond trop lentement : lecture abandonnée.")) from error
        raise FeedError(_("Le site du partenaire est injoignable (nom inconnu ou serveur arrêté).")) from error
    except OSError as error:  # connection refused or reset
        raise FeedError(_("Le site du partenaire est injoignable (nom inconnu ou serveur arrêté).")) from error
