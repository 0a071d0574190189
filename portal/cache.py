"""Whole-page cache for anonymous visitors, and the versions that keep it fresh.

Where: the "pages" cache alias, which holds page copies, listing fragments and their versions
and nothing else. Rate limits, allauth's counters and sessions live elsewhere, so filling the
page cache can never evict them (settings: CACHES).

What is kept: the complete answer to an anonymous GET of a public address, under a key made of
the scheme, host and port (which name the Wagtail site), the language, the release and the full
path. Never kept: anything but GET/HEAD; visitors with a session or messages cookie (signed-in
users, pending messages, the steps of a form); the paths of PAGE_CACHE_EXCLUDED_PATHS (admin,
accounts, forms, personal links, downloads); previews; responses that set a cookie (a CSRF token
means a form), say `private`, `no-cache` or `no-store`, used a CSP nonce, are not 200 or are
streamed.

What renews a copy: each copy records the versions of what it shows, read before its rendering:
- `content`, for everything editors change (pages published, unpublished, moved or deleted,
  snippets, site settings, images, documents, collections, redirects, view restrictions, the
  inline children of pages such as sessions): any such change renews every page.
- any narrower tag a view declares with `depends_on()`, renewed with `renew()`: the event page
  depends on `places:<event id>`, which bookings renew, so a booking renews that page only.
A copy is served only while all its versions are current. A version is a random value, renewed
when the change happens and again when its transaction commits, so a copy rendered from the old
data while the transaction was open cannot outlive it. PAGE_CACHE_TIMEOUT bounds what only time
changes (a session that has just ended).

A lookup is one round trip to the store: the copy, the `content` version, the narrower versions
this process last saw the copy record (a hint, checked against the copy's own record), and the
keys other parts read on every page (`read_along`: the alert banner's list).

Pages that count their views (resource pages) define a `page_cache_hit(page_id, request)`
classmethod: a copy served from the cache calls it, so counting goes on.
"""

import contextvars
import hashlib
import logging
import re
import uuid
from functools import cache, lru_cache

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.autoreload import file_changed
from django.utils.cache import cc_delim_re

from modelcluster.fields import ParentalKey
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

ALIAS = "pages"
CONTENT = "content"
HIT_HEADER = "X-Page-Cache"
# Wagtail's own models that show on public pages (the rest are pages, settings and snippets).
WAGTAIL_CONTENT = {
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.collection",
    "wagtailcore.pageviewrestriction",
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailredirects.redirect",
}
# Headers a copy must not replay: the outer middleware sets them fresh on every response.
DROPPED_HEADERS = {"set-cookie", "content-security-policy", "content-length", HIT_HEADER.lower()}
SAFE_VARY = {"cookie", "accept-language", "accept-encoding"}

# The versions read for the response being rendered: {tag: version}, None outside a render.
_rendering = contextvars.ContextVar("page_cache_rendering", default=None)
# The same for a response that is not kept (signed in, cache off): its fragments share one read
# of the content version, and nothing is recorded (`depends_on` reads nothing).
_answering = contextvars.ContextVar("page_cache_answering", default=None)
# Keys of this store that other parts read on every page (the alert banner's list): fetched in
# the same round trip as the page copy (`read_along`, `read_along_value`).
_read_along = []
# Page copy key -> the narrower tags it recorded (`_hint`).
_tag_hints = {}
TAG_HINTS_MAX = 10_000


def store():
    return caches[ALIAS]


# --- Versions -----------------------------------------------------------------------------------


def _version_key(tag):
    return f"version:{tag}"


def versions(tags):
    """{tag: current version} (created when missing: first use, or evicted from the cache)."""
    keys = {_version_key(tag): tag for tag in tags}
    found = store().get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        store().add(key, uuid.uuid4().hex, timeout=None)
    if missing:
        found.update(store().get_many(missing))
    return {tag: found.get(key) for key, tag in keys.items()}


def content_version():
    """The content version, read once per request: every fragment of a page keys on the same one."""
    read = _rendering.get()
    if read is None:
        read = _answering.get()
    if read is None:
        return versions([CONTENT])[CONTENT]
    if CONTENT not in read:
        read.update(versions([CONTENT]))
    return read[CONTENT]


def renew(*tags):
    """Make stale every copy that depends on one of `tags`, now and once the transaction commits."""

    def bump():
        try:
            store().set_many({_version_key(tag): uuid.uuid4().hex for tag in tags}, timeout=None)
        except Exception:
            logger.exception("Page cache: versions %s not renewed", tags)

    bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump)


def depends_on(*tags):
    """Declare, while rendering, that this response shows what `tags` version (see `renew`)."""
    current = _rendering.get()
    if current is not None:
        missing = [tag for tag in tags if tag not in current]
        if missing:
            current.update(versions(missing))


def _hint(key, tags):
    """Remember which narrower tags the copy under `key` recorded, so that the next lookup of it
    in this process reads their versions in its first round trip. Names only, a hint that the
    copy's own record always overrides; bounded."""
    if tags:
        if len(_tag_hints) >= TAG_HINTS_MAX:
            _tag_hints.clear()
        _tag_hints[key] = tuple(tags)
    else:
        _tag_hints.pop(key, None)


def read_along(key):
    """Fetch `key` of this store with every page lookup, to spare its reader a round trip."""
    if key not in _read_along:
        _read_along.append(key)


def read_along_value(request, key):
    """The value of a `read_along` key fetched for this request; None if not fetched or missing."""
    return getattr(request, "_page_cache_read_along", {}).get(key)


# --- What counts as content ----------------------------------------------------------------------


@cache
def _is_content(model):
    if issubclass(model, Page | BaseSiteSetting | BaseGenericSetting):
        return True
    if model._meta.label_lower in WAGTAIL_CONTENT or model in _snippet_models():
        return True
    # Inline children edited with their page (an event's sessions, a resource's documents).
    return any(isinstance(field, ParentalKey) and issubclass(field.related_model, Page) for field in model._meta.fields)


def _snippet_models():
    from wagtail import hooks
    from wagtail.snippets.models import get_snippet_models

    hooks.search_for_hooks()  # snippets registered by viewsets in wagtail_hooks.py
    return set(get_snippet_models())


def content_models():
    """Every model whose changes renew all pages (for tests and documentation)."""
    return sorted(model._meta.label_lower for model in apps.get_models() if _is_content(model))


def _on_model_change(sender, **kwargs):
    if _is_content(sender):
        renew(CONTENT)


def _on_page_event(sender, **kwargs):
    renew(CONTENT)


def _on_template_change(sender, file_path, **kwargs):
    # `runserver` reloads templates without restarting: kept HTML would hide the edit.
    if file_path.suffix in (".html", ".txt"):
        renew(CONTENT)


def connect_signals():
    """Connect the receivers (idempotent: they have dispatch uids). Called by PortalConfig.ready."""
    file_changed.connect(_on_template_change, dispatch_uid="page_cache_template_changed")
    post_save.connect(_on_model_change, dispatch_uid="page_cache_post_save")
    post_delete.connect(_on_model_change, dispatch_uid="page_cache_post_delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_event, dispatch_uid=f"page_cache_{id(signal)}")


# --- Deciding what may be kept ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _excluded_paths(patterns):
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns)) if patterns else None


def request_is_cacheable(request):
    """True for an anonymous GET/HEAD of a public address (see the module docstring)."""
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    cookies = {settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages")}
    if "HTTP_AUTHORIZATION" in request.META or not cookies.isdisjoint(request.COOKIES):
        return False
    excluded = _excluded_paths(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS))
    return not (excluded and excluded.search(request.path_info))


def response_is_cacheable(request, response):
    """True when the response is the same for every anonymous visitor and says it may be kept."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if getattr(request, "is_preview", False) or getattr(request, "user", None) and request.user.is_authenticated:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False  # the copy would carry a nonce that the next response's header does not allow
    directives = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    if directives & {"private", "no-cache", "no-store"}:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()}
    return vary <= SAFE_VARY


def entry_key(request):
    """Scheme, host and port (validated against ALLOWED_HOSTS: they name the site), language, path."""
    language = translation.get_language_from_request(request)
    raw = f"{request.scheme}://{request.get_host()}|{language}|{request.get_full_path()}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _hit_callback(response):
    """(model label, page id) when the page served wants to know about cached views."""
    page = (getattr(response, "context_data", None) or {}).get("page")
    if isinstance(page, Page) and page.pk and hasattr(type(page), "page_cache_hit"):
        return page._meta.label_lower, page.pk
    return None


# --- The middleware -----------------------------------------------------------------------------


class PageCacheMiddleware:
    """Serve anonymous visitors a copy of the page while every version it records is current.

    Placed after the security and CSP middleware (their headers are set fresh on every copy) and
    before the session, CSRF and authentication middleware (a copy costs none of their work).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self._render(request, _answering, {})
        key = entry_key(request)
        content_key = _version_key(CONTENT)
        try:
            hinted = [_version_key(tag) for tag in _tag_hints.get(key, ())]
            found = store().get_many([key, content_key, *hinted, *_read_along])
            request._page_cache_read_along = found
            entry = found.get(key)
            if entry and self._current(key, entry[0], found):
                return self._replay(request, entry)
            recorded = {CONTENT: found[content_key]} if content_key in found else versions([CONTENT])
        except Exception:
            logger.exception("Page cache unreachable")
            return self.get_response(request)
        response = self._render(request, _rendering, recorded)
        if response_is_cacheable(request, response):
            self._keep(key, recorded, response)
        return response

    def _render(self, request, variable, read):
        token = variable.set(read)
        try:
            return self.get_response(request)
        finally:
            variable.reset(token)

    @staticmethod
    def _current(key, recorded, found):
        """True while every version the copy recorded is current (`found`: what the lookup read)."""
        others = [tag for tag in recorded if tag != CONTENT]
        _hint(key, others)
        if recorded.get(CONTENT) != found.get(_version_key(CONTENT)):
            return False
        current = {tag: found[_version_key(tag)] for tag in others if _version_key(tag) in found}
        missing = [tag for tag in others if tag not in current]
        if missing:
            current.update(versions(missing))
        return all(current[tag] == recorded[tag] for tag in others)

    @staticmethod
    def _keep(key, recorded, response):
        _hint(key, [tag for tag in recorded if tag != CONTENT])
        headers = [(name, value) for name, value in response.items() if name.lower() not in DROPPED_HEADERS]
        entry = (recorded, response.status_code, headers, response.content, _hit_callback(response))
        try:
            store().set(key, entry, settings.PAGE_CACHE_TIMEOUT)
        except Exception:
            logger.exception("Page cache: the page could not be stored")
        else:
            response[HIT_HEADER] = "miss"

    @staticmethod
    def _replay(request, entry):
        _recorded, status, headers, content, callback = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        if callback:
            label, page_id = callback
            apps.get_model(label).page_cache_hit(page_id, request)
        return response
