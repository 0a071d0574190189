"""Which pages anonymous visitors may see, without a query per listing or per page served.

Wagtail's `PageQuerySet.public()` reads every view restriction on each call, and serving a page
reads its ancestors and their restrictions. Restrictions are content (saving one renews the
content version, see `portal.cache`), so they are read once per content version and worker:
any query can exclude restricted pages, through a relation too, and a page knows its own
restrictions without asking the database when it has none.
"""

from django.db.models import Q

from wagtail.models import Page, PageViewRestriction

from portal.cache import memo


def _restrictions():
    """(page path, restriction id) of every view restriction (password, login or groups)."""
    return memo(
        "view-restrictions", lambda: tuple(PageViewRestriction.objects.values_list("page__path", "pk").order_by("pk"))
    )


def _alias_paths():
    return memo(
        "alias-paths", lambda: tuple(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
    )


def restricted_paths():
    """Tree paths of the pages under a view restriction."""
    return tuple(path for path, _pk in _restrictions())


class RestrictionsKnownPage:
    """Page mixin: `get_view_restrictions()` (checked each time a page is served) from the memo.

    Same result as Wagtail's (a queryset of the restrictions on the page and its ancestors),
    without its two queries; a page under an alias keeps Wagtail's own lookup, which follows
    the alias to its source.
    """

    def get_view_restrictions(self):
        if any(self.path.startswith(path) for path in _alias_paths()):
            return super().get_view_restrictions()
        ids = [pk for path, pk in _restrictions() if self.path.startswith(path)]
        # An empty `pk__in` costs no query: Django knows the answer.
        return PageViewRestriction.objects.filter(pk__in=ids)


def public_q(prefix=""):
    """Q excluding restricted pages and their descendants; `prefix` reaches a page through a relation."""
    condition = Q()
    for path in restricted_paths():
        condition &= ~Q(**{f"{prefix}path__startswith": path})
    return condition


def public(pages):
    """The same pages as `pages.public()`."""
    return pages.filter(public_q())
