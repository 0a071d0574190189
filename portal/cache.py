"""Whole-page cache for anonymous visitors, kept fresh by one "content version".

How it stays fresh: every cached copy is tagged with the content version current when its
rendering started. Any change that can show on a public page (a page published, unpublished,
moved or deleted; an event, a session, a venue, a snippet, the site settings; a booking or a
cancellation) replaces the version with a new random value, so every copy made before becomes
a miss at once, in every worker (the version lives in the shared cache). The change is bumped
both when it happens and again after its transaction commits, so a copy rendered from the old
data while the transaction was still open cannot survive it.

What is never cached: anything but GET/HEAD; visitors with a session cookie (signed-in users,
pending messages, the steps of a form) or a messages cookie; the admin, the account pages, the
registration and appointment forms, personal links and document downloads
(PAGE_CACHE_EXCLUDED_PATHS); responses that set a cookie (a CSRF token means a form), that say
`private`, `no-cache` or `no-store`, that used a CSP nonce, that are not 200 or are streamed.

Pages that count their views (resource pages) define a `page_cache_hit(page_id, request)`
classmethod: a copy served from the cache calls it, so counting goes on.
"""

import contextvars
import hashlib
import logging
import re
import uuid
from functools import cache as memoize
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.autoreload import file_changed
from django.utils.cache import cc_delim_re

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:version"
ENTRY_KEY_PREFIX = "page-cache:page:"
HIT_HEADER = "X-Page-Cache"

# Apps whose content shows on public pages; every Page subclass counts too, wherever it lives.
TRACKED_APPS = {"home", "events", "resources", "wagtailcore", "wagtailimages", "wagtaildocs", "wagtailredirects"}
# Rows written while pages are read or edited that change nothing a visitor sees.
IGNORED_MODELS = {
    "resources.diffusioncount",
    "wagtailimages.rendition",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.uploadedfile",
}
# Headers a cached copy must not replay: the outer middleware sets them fresh on every response.
DROPPED_HEADERS = {"set-cookie", "content-security-policy", "content-length", HIT_HEADER.lower()}
SAFE_VARY = {"cookie", "accept-language", "accept-encoding"}


# --- The content version ------------------------------------------------------------------------


def content_version():
    """The current version, created when missing (first request, cache cleared or evicted)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


# --- Per-process memo of what every page needs ---------------------------------------------------
# The site, its settings, the menu, breadcrumbs: the same for every visitor until the content
# changes. Each worker keeps them in memory under the current content version (read once per
# request from the shared cache), so a change anywhere is seen by every worker at its next request.

_request_version = contextvars.ContextVar("page_cache_request_version", default=None)
_memo = {}
MEMO_MAX_ENTRIES = 5000


def _memo_store():
    """This worker's memo for the current content version, or None when the cache is unreachable."""
    version = _request_version.get()
    if not version:
        try:
            fetched = content_version()
        except Exception:
            logger.exception("Page cache unreachable")
            return None
        if version == "":  # inside a request (see the middleware): read the version once
            _request_version.set(fetched)
        version = fetched
    store = _memo.get(version)
    if store is None or len(store) > MEMO_MAX_ENTRIES:
        _memo.clear()
        store = _memo[version] = {}
    return store


def memo(key, compute, keep=None):
    """`compute()` once per content version and worker; `key` must be hashable.

    With `keep`, a value is stored only when `keep(value)` is true.
    """
    store = _memo_store()
    if store is None:
        return compute()
    try:
        return store[key]
    except KeyError:
        value = compute()
        if keep is None or keep(value):
            store[key] = value
        return value


def memo_many(keys, compute_missing):
    """`memo` for several keys at once: `compute_missing(missing_keys)` returns their values.

    For listings: the items not kept yet are loaded together, in one query, not one by one.
    """
    store = _memo_store()
    if store is None:
        return compute_missing(list(keys))
    missing = [key for key in keys if key not in store]
    if missing:
        store.update(compute_missing(missing))
    return {key: store[key] for key in keys}


def remember_site(request):
    """Give Wagtail the request's Site from the memo (Site.find_for_request reads it from there)."""
    try:
        key = ("site", request.get_host(), request.get_port())
    except DisallowedHost:  # Django answers 400 further on
        return
    from wagtail.models import Site

    request._wagtail_site = memo(key, lambda: Site._find_for_request(request))


def _new_version():
    # A random value, not a counter: a version evicted from the cache and recreated can never
    # match a copy tagged before.
    if _request_version.get():
        _request_version.set("")  # this request reads the new version from now on
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        logger.exception("Page cache: the content version could not be renewed")


def invalidate_pages():
    """Make every cached page stale, now and again once the current transaction commits.

    Callers that change what public pages show through `QuerySet.update()` (no signal) call it
    themselves, e.g. `transaction.on_commit(invalidate_pages)`.
    """
    _new_version()
    if _cache_is_shared() and transaction.get_connection().in_atomic_block:
        transaction.on_commit(_new_version)


def _cache_is_shared():
    # Another process can only store a copy of the old data during the transaction when the
    # cache is shared (Redis, database); a process-local cache needs no second bump.
    return not isinstance(caches["default"], LocMemCache)


@memoize
def _is_tracked(model):
    label = model._meta.label_lower
    if label in IGNORED_MODELS:
        return False
    return issubclass(model, Page) or model._meta.app_label in TRACKED_APPS


def _on_model_change(sender, **kwargs):
    if _is_tracked(sender):
        invalidate_pages()


def _on_page_event(sender, **kwargs):
    invalidate_pages()


def connect_signals():
    """Connect the invalidation receivers (idempotent: they have dispatch uids)."""
    post_save.connect(_on_model_change, dispatch_uid="page_cache_post_save")
    post_delete.connect(_on_model_change, dispatch_uid="page_cache_post_delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_event, dispatch_uid=f"page_cache_{id(signal)}")


connect_signals()


def _forget_rendered_html(sender, file_path, **kwargs):
    # `runserver` reloads templates without restarting: HTML kept in the memo would hide the edit.
    if file_path.suffix in (".html", ".txt"):
        _memo.clear()


file_changed.connect(_forget_rendered_html, dispatch_uid="page_cache_template_changed")


# --- Deciding what may be cached ----------------------------------------------------------------


@lru_cache(maxsize=1)
def _excluded_paths(patterns):
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns)) if patterns else None


def _cookie_names():
    return {settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages"), "messages"}


def request_is_cacheable(request):
    """True for an anonymous GET/HEAD of a public address (see the module docstring)."""
    if not getattr(settings, "PAGE_CACHE_ENABLED", True) or request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META or not _cookie_names().isdisjoint(request.COOKIES):
        return False
    excluded = _excluded_paths(tuple(getattr(settings, "PAGE_CACHE_EXCLUDED_PATHS", ())))
    return not (excluded and excluded.search(request.path_info))


def response_is_cacheable(request, response):
    """True when the response is the same for every anonymous visitor and says it may be kept."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False  # the copy would carry a nonce that the next response's header does not allow
    cache_control = {
        part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & {"private", "no-cache", "no-store"}:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()}
    if not vary <= SAFE_VARY:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def entry_key(request):
    """One key per scheme, host (validated against ALLOWED_HOSTS) and full path with query string."""
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return ENTRY_KEY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _hit_callback(response):
    """(model label, page id) when the page served wants to know about cached views."""
    page = (getattr(response, "context_data", None) or {}).get("page")
    if isinstance(page, Page) and page.pk and hasattr(type(page), "page_cache_hit"):
        return page._meta.label_lower, page.pk
    return None


# --- The middleware -----------------------------------------------------------------------------


class PageCacheMiddleware:
    """Serve anonymous visitors a copy of the page while the content version is unchanged.

    Placed after the security and CSP middleware (their headers are set fresh on every copy) and
    before the session, CSRF and authentication middleware (a copy costs none of their work).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_version.set("")  # "": in a request, version not read yet
        try:
            return self._respond(request)
        finally:
            _request_version.reset(token)

    def _respond(self, request):
        if not request_is_cacheable(request):
            remember_site(request)
            return self.get_response(request)
        key = entry_key(request)
        try:
            found = cache.get_many([VERSION_KEY, key])
        except Exception:
            logger.exception("Page cache unreachable")
            return self.get_response(request)
        version = found.get(VERSION_KEY)
        entry = found.get(key)
        _request_version.set(version or "")
        if version is not None and entry is not None and entry[0] == version:
            return self._replay(request, entry)
        if version is None:
            version = content_version()
        remember_site(request)
        response = self.get_response(request)
        if response_is_cacheable(request, response):
            headers = [(name, value) for name, value in response.items() if name.lower() not in DROPPED_HEADERS]
            entry = (version, response.status_code, headers, response.content, _hit_callback(response))
            try:
                cache.set(key, entry, getattr(settings, "PAGE_CACHE_TIMEOUT", 300))
            except Exception:
                logger.exception("Page cache: the page could not be stored")
            else:
                response[HIT_HEADER] = "miss"
        return response

    def _replay(self, request, entry):
        _version, status, headers, content, callback = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        if callback:
            label, page_id = callback
            apps.get_model(label).page_cache_hit(page_id, request)
        return response
