"""Pieces of pages kept as HTML strings in the page cache's store, under the content version.

A line of the agenda, a resource card, the header for a given menu state, the footer: each
shows only content, the same HTML on every page it appears in. It is kept under the content
version, the site's host and the language (see portal.cache), so a listing asks the database
only which items it shows and renders the few not kept yet together. Only strings are kept,
never objects a later request could change. With the cache unreachable, everything is rendered
and nothing kept.
"""

import hashlib
import logging

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from .cache import content_version, store

logger = logging.getLogger(__name__)


def _prefix(request, *parts):
    raw = ":".join(map(str, (content_version(), request.get_host(), translation.get_language(), *parts)))
    return hashlib.sha256(raw.encode()).hexdigest()  # database caches take 255 characters per key


def _read(keys):
    try:
        return store().get_many(keys)
    except Exception:  # noqa: BLE001 - the cache down: render, keep nothing
        logger.warning("Fragments rendered without the cache: it is unreachable")
        return None


def _keep(values):
    try:
        store().set_many(values)
    except Exception:  # noqa: BLE001
        logger.warning("Fragments not kept: the cache is unreachable")


def render_each(request, template_name, name, pks, load):
    """{pk: HTML of `template_name` with `name` = the item}, for each primary key in `pks`.

    `load(missing_pks)` returns {pk: instance} for the items not kept yet (one query). Only for
    templates that show nothing about the visitor, the time, or values a view sets on an instance.
    """
    try:
        prefix = f"fragment:{_prefix(request, template_name)}:"
    except Exception:  # noqa: BLE001
        prefix = None
    keys = {pk: f"{prefix}{pk}" for pk in pks}
    found = (_read(list(keys.values())) if prefix else None) or {}
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        objects = load(missing)
        rendered = {
            keys[pk]: render_to_string(template_name, {"request": request, name: objects[pk]}).strip()
            for pk in missing
            if pk in objects
        }
        if prefix:
            _keep(rendered)
        found.update(rendered)
    return {pk: mark_safe(found[key]) for pk, key in keys.items() if key in found}  # noqa: S308 - our templates


def cached_html(request, parts, render):
    """The string `render()` returns, kept per content version, host, language and `parts`.

    For pieces that every page shows the same way until the content changes (the header for a
    given menu state, the footer, a filters form for a given choice of options).
    """
    try:
        key = f"html:{_prefix(request, *parts)}"
    except Exception:  # noqa: BLE001
        return mark_safe(render())  # noqa: S308 - our templates
    html = (_read([key]) or {}).get(key)
    if html is None:
        html = str(render())
        _keep({key: html})
    return mark_safe(html)  # noqa: S308 - our templates
