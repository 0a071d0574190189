"""An event page: dates in words, places, practical information, JSON-LD."""

import json
import re

import pytest

from events.models import EventSession
from tests.factories import AudienceFactory, ThemeFactory, VenueFactory

from .conftest import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def text(response):
    return re.sub(r"\s+", " ", response.content.decode()).replace("&#x27;", "'")


def test_event_page_shows_each_date_in_words_with_its_place_and_access(client, make_event):
    venue = VenueFactory(name="Maison des familles", address="3 rue des Écoles", hearing_loop=True)
    make_event(
        "Café des parents",
        days=(3, 10),
        venue=venue,
        themes=[ThemeFactory(name="Parentalité", slug="parentalite")],
        audiences=[AudienceFactory(name="Parents", slug="parents")],
        registration_required=True,
        registration_info="Au 03 53 01 42 10",
        access_hearing=True,
    )

    html = text(client.get("/agenda/cafe-des-parents/"))

    assert "<h1>Café des parents</h1>" in html
    assert "Mardi 23 mars, 14 h – 16 h" in html
    assert "Mardi 30 mars, 14 h – 16 h" in html
    assert "Maison des familles, 3 rue des Écoles, 71990" in html
    assert "Accès : accès de plain-pied, boucle magnétique." in html
    assert "<dt>Inscription</dt><dd>Au 03 53 01 42 10</dd>" in html
    assert "Gratuit" in html
    assert "Adapté aux personnes sourdes ou malentendantes" in html
    assert '<li class="tag">Parentalité</li>' in html and "Pour : Parents" in html
    assert "Ajouter toutes les dates à mon agenda" in html


def test_cancelled_session_says_so_and_offers_no_calendar_file(client, make_event):
    _, sessions = make_event("Groupe d'aidants", days=(3,))
    EventSession.objects.filter(pk=sessions[0].pk).update(status="cancelled", note="Nouvelle date bientôt.")

    html = text(client.get("/agenda/groupe-daidants/"))

    assert '<span class="status status--cancelled">Annulée</span>' in html
    assert "Nouvelle date bientôt." in html
    assert "Ajouter à mon agenda" not in html


def test_a_finished_event_points_to_the_next_ones(client, make_event):
    make_event("Forum santé", days=(-3,))

    html = text(client.get("/agenda/forum-sante/"))

    assert "Ce temps ressources est terminé." in html
    assert "Dates passées (1)" in html


def test_event_page_publishes_schema_org_event_data(client, make_event):
    _, sessions = make_event("Café des parents", days=(3, 10), organiser="CIAS et CAF")
    EventSession.objects.filter(pk=sessions[1].pk).update(status="postponed")

    html = client.get("/agenda/cafe-des-parents/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))

    assert [item["@type"] for item in data] == ["Event", "Event"]
    assert data[0]["startDate"] == at(3).isoformat()
    assert data[0]["eventStatus"] == "https://schema.org/EventScheduled"
    assert data[1]["eventStatus"] == "https://schema.org/EventPostponed"
    assert data[0]["location"]["address"]["addressLocality"]
    assert data[0]["organizer"]["name"] == "CIAS et CAF"


def test_home_page_shows_the_next_temps_ressources_but_not_cancelled_ones(client, make_event):
    make_event("Café des parents", days=(3,))
    _, cancelled = make_event("Atelier annulé", days=(2,))
    EventSession.objects.filter(pk=cancelled[0].pk).update(status="cancelled")

    html = text(client.get("/"))

    assert "Prochains temps ressources" in html
    assert "Mardi 23 mars, 14 h – 16 h" in html
    assert "Café des parents" in html
    assert "Atelier annulé" not in html
    assert 'href="/agenda/">Voir tout l\'agenda' in html


def test_an_event_cannot_be_free_and_priced_and_explaining_how_to_register_ticks_sur_inscription(make_event):
    from django.core.exceptions import ValidationError

    event, _ = make_event("Café des parents", days=(3,))
    event.price = "2 €"
    event.registration_info = "Au 03 53 01 42 10"
    event.registration_required = False

    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert set(error.value.message_dict) == {"price"}
    assert event.registration_required is True
