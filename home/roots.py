"""The tree's root page and root collection, named in French (the admin shows them in breadcrumbs)."""

from django.utils.translation import gettext as _

WAGTAIL_ROOT_NAME = "Root"


def name_the_roots(**kwargs):
    """post_migrate receiver: rename Wagtail's "Root" page and collection (idempotent)."""
    from wagtail.models import Collection, Page

    Page.objects.filter(depth=1, title=WAGTAIL_ROOT_NAME).update(title=_("Racine"), draft_title=_("Racine"))
    Collection.objects.filter(depth=1, name=WAGTAIL_ROOT_NAME).update(name=_("Racine"))
