"""Demo content of the news: the listing page and five news items.

Called by `manage.py seed_demo` as `seed(home)` after the calendar and the resources (INSTALLED_APPS
order), so a news item can point to an event or a resource by slug. The data is in
`news/demo_data/news.json`: the index page fields, then each item's page fields with `days_ago`
(its date, counted back from the day the demo is seeded), `themes` and `communes` slugs,
`related_page` (the slug of an event or a resource page, or "") and `body` blocks (see
`home.demo_blocks`). Idempotent: pages are looked up by slug and never changed once there.
"""

from datetime import timedelta

from django.utils import timezone, translation

from wagtail.models import Page

from home.demo_blocks import ensure_page, read_data, stream
from home.models import Commune, Theme

from .models import NewsIndexPage, NewsPage

SPEC_KEYS = {"days_ago", "themes", "communes", "related_page", "body"}
# What a news item may point to, by label: news imports neither app.
RELATED_TYPES = {("events", "eventpage"), ("resources", "resourcepage")}


def _related(slug):
    if not slug:
        return None
    pages = Page.objects.filter(slug=slug).select_related("content_type")
    return next((page for page in pages if page.content_type.natural_key() in RELATED_TYPES), None)


def seed(home):
    created = []
    data = read_data("news", "news.json")
    with translation.override("fr"):
        index, was_created = ensure_page(home, NewsIndexPage, show_in_menus=True, **data["index"])
        if was_created:
            created.append(index.title)
        themes = {theme.slug: theme for theme in Theme.objects.all()}
        communes = {commune.slug: commune for commune in Commune.objects.all()}
        existing = set(NewsPage.objects.child_of(index).values_list("slug", flat=True))
        today = timezone.localdate()
        # Oldest first, so that first publication follows the dates.
        for spec in sorted(data["news"], key=lambda item: -item["days_ago"]):
            if spec["slug"] in existing:
                continue
            fields = {key: value for key, value in spec.items() if key not in SPEC_KEYS}
            page = NewsPage(
                **fields,
                date=today - timedelta(days=spec["days_ago"]),
                body=stream(spec["body"]),
                search_description=spec["summary"][:250],
                related_page=_related(spec["related_page"]),
            )
            index.add_child(instance=page)
            page.themes.set([themes[slug] for slug in spec["themes"]])
            page.communes.set([communes[slug] for slug in spec["communes"]])
            page.save_revision().publish()
            created.append(page.title)
    return created
