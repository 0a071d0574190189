"""RSS and Atom feeds (django.contrib.syndication): the news, and the agenda's new sessions."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

FEED_ITEMS = 20


class NewsRssFeed(Feed):
    description = _("Les dernières actualités du centre d'action sociale.")

    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, index):
        site = Site.find_for_request(self.request)
        return f"{index.title} – {site.site_name}" if site and site.site_name else index.title

    def link(self, index):
        return index.get_url(self.request)

    def items(self, index):
        return index.news_items()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        # Feeds want a date-time: the item's date at noon, the same day in every time zone of Europe.
        return datetime.combine(item.date, time(12), tzinfo=timezone.get_current_timezone())

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description


class NewSessionsRssFeed(Feed):
    """The agenda's sessions still to come, the most recently published first."""

    title = _("Nouveaux temps ressources")
    description = _("Les dernières séances publiées dans l'agenda.")

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        from events.models import EventIndexPage

        index = EventIndexPage.objects.live().public().first()
        return index.get_url(self.request) if index else "/"

    def items(self):
        from events.models import EventPage, EventSession

        events = EventPage.objects.live().public()
        upcoming = EventSession.objects.filter(start__gt=timezone.now(), status=EventSession.Status.SCHEDULED)
        return (
            upcoming.filter(event__in=events)
            .select_related("event", "venue__commune")
            .defer("event__body")
            .order_by("-pk")[:FEED_ITEMS]
        )

    def item_title(self, session):
        from events.templatetags.events_tags import session_when

        return f"{session.event.title} – {session_when(session)}"

    def item_description(self, session):
        place = f"{session.venue.name}, {session.venue.commune.name}. " if session.venue else ""
        return place + session.event.summary

    def item_link(self, session):
        return session.event.get_url(self.request)

    def item_guid(self, session):
        return f"{self.item_link(session)}#seance-{session.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, session):
        # When the event page that holds it was last published (sessions keep no date of their own).
        return session.event.last_published_at


class NewSessionsAtomFeed(NewSessionsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewSessionsRssFeed.description
