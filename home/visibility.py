"""Pages nobody restricted, in the query that lists them.

Wagtail's `PageQuerySet.public()` first reads every view restriction (one query each time it is
called), then excludes the pages under them. A page showing several lists of related pages paid
that query for each list. `public(queryset)` puts the same condition in the list's own query: a
page is left out when a restriction (password, login or groups) sits on it or on an ancestor,
i.e. on a page whose path starts its path. Nothing is kept between calls.
"""

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr

from wagtail.models import PageViewRestriction


def public(queryset):
    """`queryset` (of pages) without those a view restriction covers, in the same query."""
    covering = PageViewRestriction.objects.annotate(prefix=Substr(OuterRef("path"), 1, Length("page__path"))).filter(
        prefix=F("page__path")
    )
    return queryset.filter(~Exists(covering))
