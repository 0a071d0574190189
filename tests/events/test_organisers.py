"""Partners as organisers: an event names directory partners, links to them, partner pages list sessions."""

import json
import re

import pytest

from partners.models import Organisation
from tests.factories import VenueFactory
from tests.resources.factories import PartnerIndexPageFactory, PartnerPageFactory

from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(home_page):
    return PartnerIndexPageFactory(parent=home_page)


@pytest.fixture
def social_centre(directory):
    return PartnerPageFactory(parent=directory, title="Centre social Les Tilleuls", slug="centre-social")


def test_a_partner_page_gets_its_organisation_named_after_it(social_centre):
    organisation = social_centre.organisation
    assert organisation.name == "Centre social Les Tilleuls"
    assert organisation.public_page.pk == social_centre.pk

    social_centre.title = "Centre social des Tilleuls"
    social_centre.save_revision().publish()
    organisation.refresh_from_db()
    assert organisation.name == "Centre social des Tilleuls"
    assert Organisation.objects.count() == 1


def test_an_unpublished_partner_page_is_not_linked(social_centre):
    social_centre.unpublish()
    assert social_centre.organisation.public_page is None


def test_the_event_page_links_to_its_partners_then_the_free_text(client, frozen_now, make_event, social_centre):
    event, _sessions = make_event("Café des aidants", days=(2,), organiser="Mairie de Brécy")
    event.organisers.set([social_centre.organisation])
    event.save_revision().publish()

    html = client.get(event.url).content.decode()
    facts = re.search(r"<dt>Organisé par</dt><dd>(.*?)</dd>", html).group(1)
    assert facts == f'<a href="{social_centre.url}">Centre social Les Tilleuls</a>, Mairie de Brécy'
    data = json.loads(re.search(r'<script[^>]*type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data[0]["organizer"] == [
        {"@type": "Organization", "name": "Centre social Les Tilleuls", "url": f"http://localhost{social_centre.url}"},
        {"@type": "Organization", "name": "Mairie de Brécy"},
    ]


def test_the_partner_page_lists_its_upcoming_sessions_only(client, frozen_now, make_event, social_centre, directory):
    other = PartnerPageFactory(parent=directory, title="Bibliothèque intercommunale", slug="bibliotheque")
    venue = VenueFactory(commune__name="Brécy-la-Rivière", commune__slug="brecy")
    ours, _ = make_event("Atelier numérique", days=(1, 8), venue=venue)
    past, _ = make_event("Atelier passé", days=(-3,))
    theirs, _ = make_event("Heure du conte", days=(2,))
    draft, _ = make_event("Projet en préparation", days=(4,))
    for event, organisation in [(ours, social_centre), (past, social_centre), (theirs, other), (draft, social_centre)]:
        event.organisers.set([organisation.organisation])
        event.save_revision().publish()
    draft.unpublish()

    html = client.get(social_centre.url).content.decode()
    section = html.split('id="partner-sessions-title"')[1].split("</section>")[0]
    titles = re.findall(r'class="card__link" href="[^"]+">([^<]+)</a>', section)
    assert titles == ["Atelier numérique", "Atelier numérique"]
    assert "Brécy-la-Rivière" in section
    when = re.findall(r'class="card__date">([^<]+)<', section)
    assert when[0].startswith("Dimanche 21 mars") and at(1).day == 21

    empty = client.get(other.url).content.decode()
    assert "Heure du conte" in empty
    theirs.unpublish()
    assert "Aucun temps ressources de ce partenaire" in client.get(other.url).content.decode()


def test_the_organiser_choice_in_the_admin_lists_the_partners(admin_client, make_event, social_centre):
    event, _ = make_event("Café des aidants")
    response = admin_client.get(f"/admin/pages/{event.pk}/edit/")
    assert response.status_code == 200
    assert "Centre social Les Tilleuls" in response.content.decode()
    assert 'name="organisers"' in response.content.decode()
