"""A small portal that can be grown tenfold: every public page type, with its relations."""

import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import connection, models, transaction
from django.test.utils import CaptureQueriesContext

from wagtail.documents.models import Document
from wagtail.models import Site

import pytest
import time_machine

from appointments.models import AppointmentRequestPage
from events.models import EventSession, Registration
from resources.models import PartnerKind, ResourceDocument
from tests.conftest import fill_site_settings, make_home_page
from tests.events.conftest import agenda, make_event, workshop  # noqa: F401 - shared fixtures
from tests.factories import (
    AudienceFactory,
    CommuneFactory,
    EventIndexPageFactory,
    EventPageFactory,
    StandardPageFactory,
    ThemeFactory,
    VenueFactory,
)
from tests.resources.factories import (
    PartnerIndexPageFactory,
    PartnerPageFactory,
    ResourceFormatFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
)

PARIS = ZoneInfo("Europe/Paris")
# Wednesday 10 March 2027, 10:00 in Paris; sessions are placed around it.
NOW = datetime(2027, 3, 10, 10, 0, tzinfo=PARIS)


def at(days, hour=14):
    day = (NOW + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=PARIS)


def text(response):
    return re.sub(r"\s+", " ", response.content.decode()).replace("&#x27;", "'")


def count_queries(client, url):
    """The SQL queries of one anonymous GET of `url` (which must answer 200)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


class Portal:
    """The page tree of the portal and a `grow(n)` that adds n of everything."""

    def __init__(self, home_page):
        self.home = home_page
        self.themes = [ThemeFactory(name="Parentalité", slug="parentalite"), ThemeFactory(name="Santé", slug="sante")]
        self.audiences = [
            AudienceFactory(name="Parents", slug="parents"),
            AudienceFactory(name="Aidants", slug="aidants"),
        ]
        self.communes = [CommuneFactory(name=f"Commune {n}", slug=f"commune-{n}") for n in range(3)]
        self.venues = [VenueFactory(commune=commune) for commune in self.communes]
        self.formats = [
            ResourceFormatFactory(name="Guide", slug="guide"),
            ResourceFormatFactory(name="FALC", slug="falc"),
        ]
        self.about = StandardPageFactory(parent=home_page, title="Le CCAS", slug="le-ccas", show_in_menus=True)
        self.agenda = EventIndexPageFactory(parent=home_page, show_in_menus=True)
        self.resources = ResourceIndexPageFactory(parent=home_page, show_in_menus=True)
        self.partners = PartnerIndexPageFactory(parent=home_page, show_in_menus=True)
        self.appointments = AppointmentRequestPage(title="Prendre rendez-vous", slug="rendez-vous", intro="<p>Ici.</p>")
        home_page.add_child(instance=self.appointments)
        self.appointments.save_revision().publish()
        self.event = self._event("Atelier budget 0", online=True)
        self.resource = self._resource("Fiche budget 0")
        self.partner = self._partner("Association budget 0")
        self.size = 0

    def _event(self, title, online=False):
        event = EventPageFactory(
            parent=self.agenda,
            title=title,
            registration_required=online,
            online_registration=online,
            capacity=10 if online else None,
        )
        event.themes.set(self.themes)
        event.audiences.set(self.audiences[:1])
        event.save()
        return event

    def _resource(self, title):
        resource = ResourcePageFactory(parent=self.resources, title=title, featured=True)
        resource.themes.set(self.themes[:1])
        resource.audiences.set(self.audiences)
        resource.formats.set(self.formats)
        resource.save()
        return resource

    def _partner(self, title):
        partner = PartnerPageFactory(
            parent=self.partners, title=title, kind=PartnerKind.ASSOCIATION, commune=self.communes[0]
        )
        partner.themes.set(self.themes)
        partner.audiences.set(self.audiences[:1])
        partner.save()
        return partner

    def _session(self, event, days, number):
        venue = self.venues[number % len(self.venues)]
        return EventSession.objects.create(event=event, start=at(days), end=at(days, 16), venue=venue)

    def grow(self, count):
        """Add `count` events (two sessions each), resources, partners and content pages, and as
        many sessions, registrations, documents and relations to the pages the tests read."""
        for step in range(self.size, self.size + count):
            number = step + 1
            event = self._event(f"Atelier budget {number}")
            self._session(event, number % 20 + 1, number)
            self._session(event, -(number % 20 + 1), number)
            session = self._session(self.event, number % 25 + 1, number)
            Registration.objects.create(
                session=session, token_key=f"k{number}", token_hash=f"h{number}", first_name="Nadia", last_name="B."
            )
            resource = self._resource(f"Fiche budget {number}")
            partner = self._partner(f"Association budget {number}")
            StandardPageFactory(parent=self.about, title=f"Mission {number}", slug=f"mission-{number}")
            document = Document(title=f"Guide {number}")
            document.file.save(f"guide-{number}.pdf", ContentFile(b"%PDF-1.4\n0000"), save=False)
            document.save()
            ResourceDocument.objects.create(page=self.resource, document=document)
            self.resource.related_partners.add(partner)
            self.resource.related_events.add(event)
            self.partner.resources.add(resource)
        self.resource.body = json.dumps([{"type": "paragraph", "value": "<p>Un texte simple.</p>"}])
        self.resource.save_revision().publish()
        self.size += count

    def reloaded(self):
        """This portal with every page and object read again from the database (a test's copies go)."""
        copy = object.__new__(Portal)
        copy.__dict__.update({name: _reloaded(value) for name, value in vars(self).items()})
        return copy

    def urls(self):
        """Every public page type, by the address a visitor uses."""
        event, resource, partner = self.event.url, self.resource.url, self.partner.url
        session = self.event.sessions.order_by("pk").first()
        return {
            "home": "/",
            "standard page": self.about.url,
            "agenda list": "/agenda/",
            "agenda month": "/agenda/?vue=mois&mois=2027-03",
            "agenda archive": "/agenda/archives/",
            "agenda filtered": f"/agenda/?theme=parentalite&public=parents&commune={self.communes[0].pk}",
            "agenda search": "/agenda/?q=budget",
            "event page": event,
            "agenda feed": "/agenda/ical/",
            "filtered feed": "/agenda/ical/?theme=parentalite",
            "event ical": f"{event}ical/",
            "session ical": f"{event}seances/{session.pk}/ical/",
            "resources": "/ressources/",
            "resources filtered": "/ressources/?theme=parentalite&format=guide",
            "resources search": "/ressources/?q=budget",
            "resource page": resource,
            "partners": "/annuaire/",
            "partners filtered": f"/annuaire/?type=association&commune={self.communes[0].pk}",
            "partner page": partner,
            "search": "/recherche/?q=atelier",
            "site map": "/plan-du-site/",
            "sitemap.xml": "/sitemap.xml",
            "appointment form": "/rendez-vous/",
        }


def _reloaded(value):
    if isinstance(value, list):
        return [_reloaded(item) for item in value]
    if isinstance(value, models.Model):
        return type(value)._default_manager.get(pk=value.pk)
    return value


@pytest.fixture
def portal(home_page, site_settings, frozen_now):
    portal = Portal(home_page)
    portal.grow(3)
    return portal


@pytest.fixture(scope="module")
def portal_module(django_db_setup, django_db_blocker):
    """The portal of `portal`, built once for a module of tests that each undo their changes.

    Built in a transaction rolled back at the end of the module; each test's own transaction is a
    savepoint inside it (as Django's TestCase.setUpTestData), and `kept_portal` reads the pages
    again for each test, so no test sees what another changed.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(NOW, tick=False):
            home = make_home_page()
            fill_site_settings(Site.objects.get(is_default_site=True))
            portal = Portal(home)
            portal.grow(3)
        yield portal
        transaction.set_rollback(True)


@pytest.fixture
def kept_portal(portal_module, db, frozen_now):
    """`portal`, copied from the module's (see `portal_module`) instead of built for the test."""
    return portal_module.reloaded()


@pytest.fixture
def no_page_cache(settings):
    """Measure the pages themselves, not copies from the page cache."""
    settings.PAGE_CACHE_ENABLED = False
