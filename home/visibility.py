"""Which pages anonymous visitors may see, without a query per listing.

Wagtail's `PageQuerySet.public()` reads every view restriction on each call. Restrictions are
content (saving one renews the content version, see `portal.cache`), so their paths are read
once per content version and worker, and any query can exclude them, through a relation too.
"""

from django.db.models import Q

from wagtail.models import PageViewRestriction

from portal.cache import memo


def restricted_paths():
    """Tree paths of the pages under a view restriction (password, login or groups)."""
    return memo("restricted-paths", lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)))


def public_q(prefix=""):
    """Q excluding restricted pages and their descendants; `prefix` reaches a page through a relation."""
    condition = Q()
    for path in restricted_paths():
        condition &= ~Q(**{f"{prefix}path__startswith": path})
    return condition


def public(pages):
    """The same pages as `pages.public()`."""
    return pages.filter(public_q())
