import json
from datetime import date, timedelta

import pytest

from news.models import NewsIndexPage, NewsPage


def make_news(index, title, day, **fields):
    page = NewsPage(
        title=title,
        date=day,
        summary=fields.pop("summary", f"Résumé de « {title} »."),
        body=json.dumps([{"type": "paragraph", "value": "<p>Le détail de l'actualité.</p>"}]),
        **fields,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def news_index(home_page):
    index = NewsIndexPage(title="Actualités", slug="actualites", introduction="Les nouvelles du CCAS.")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def news_items(news_index):
    """Twelve items, one a week, the newest last created (so creation order is not date order)."""
    start = date(2027, 1, 4)
    days = [start + timedelta(weeks=week) for week in (3, 0, 7, 1, 11, 5, 2, 9, 4, 10, 6, 8)]
    return [make_news(news_index, f"Actualité du {day:%d/%m}", day) for day in days]


@pytest.fixture
def agenda(home_page):
    from tests.factories import EventIndexPageFactory

    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def full_event(agenda):
    """A parents' group with one session of two places, both taken."""
    from django.utils import timezone

    from events.services import Attendee, register
    from tests.factories import EventPageFactory, EventSessionFactory

    event = EventPageFactory(
        parent=agenda, title="Groupe de parents", online_registration=True, capacity=2, waiting_list=False
    )
    session = EventSessionFactory(event=event, start=timezone.now() + timedelta(days=3))
    event.save_revision().publish()
    register(event, [session.pk], Attendee("Léa", "Martin", email="lea@example.org", adults=2))
    return event
