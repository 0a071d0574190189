"""Listing lines rendered once per content version (see portal.cache.memo).

A line of the agenda or of the month table shows only content (a session, its event, its
place): the same HTML on every listing, filter and page number it appears in. Each worker
renders it once per content version; a listing then only asks the database which items it
shows, and loads together the few it has not rendered yet.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .cache import memo_many


def render_each(request, template_name, name, pks, load):
    """{pk: HTML of `template_name` with `name` = the item}, for each primary key in `pks`.

    `load(missing_pks)` returns {pk: instance} for the items not rendered yet (one query).
    Only for templates that show nothing about the visitor, the time or values a view sets on
    an instance: the key is the template, the site's host and the primary key.
    """
    host = request.get_host()
    keys = {pk: ("fragment", template_name, host, pk) for pk in pks}

    def render_missing(missing):
        objects = load([key[3] for key in missing])
        context = {"request": request}
        return {
            key: mark_safe(render_to_string(template_name, {**context, name: objects[key[3]]}).strip())  # noqa: S308
            for key in missing
            if key[3] in objects
        }

    rendered = memo_many(list(keys.values()), render_missing)
    return {pk: rendered[key] for pk, key in keys.items() if key in rendered}
