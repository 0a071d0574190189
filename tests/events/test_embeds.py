"""The agenda for other sites: the JSON feed, the iframe widget and "Intégrer cet agenda"."""

from django.core.exceptions import ValidationError

import pytest

from events.models import AgendaEmbedSettings
from tests.factories import AudienceFactory, CommuneFactory, ThemeFactory, VenueFactory

pytestmark = pytest.mark.django_db

SESSION_KEYS = {
    "@context",
    "@type",
    "identifier",
    "name",
    "description",
    "url",
    "startDate",
    "endDate",
    "eventStatus",
    "eventAttendanceMode",
    "isAccessibleForFree",
    "location",
}


@pytest.fixture
def territory(frozen_now, make_event):
    """Sessions in two communes, a past one and an unpublished event."""
    brecy = VenueFactory(commune=CommuneFactory(name="Brécy-la-Rivière", slug="brecy"))
    aulnaies = VenueFactory(commune=CommuneFactory(name="Les Aulnaies", slug="les-aulnaies"))
    parents = ThemeFactory(name="Parentalité", slug="parentalite")
    families = AudienceFactory(name="Familles", slug="familles")
    cafe, cafe_sessions = make_event("Café des parents", days=(1, 8, -2), venue=brecy, themes=[parents])
    walk, walk_sessions = make_event("Marche bleue", days=(3,), venue=aulnaies, audiences=[families])
    hidden, _ = make_event("Projet en préparation", days=(2,), venue=brecy)
    hidden.unpublish()
    return {"brecy": cafe_sessions, "aulnaies": walk_sessions, "agenda": cafe.get_parent()}


def validate_feed(data):
    """The documented shape (README, "Agenda des partenaires")."""
    assert set(data) == {"count", "page", "pages", "next", "previous", "items"}
    for item in data["items"]:
        assert set(item) >= SESSION_KEYS, set(item) ^ SESSION_KEYS
        assert item["@context"] == "https://schema.org" and item["@type"] == "Event"
        assert item["identifier"].startswith("session-")
        assert item["location"]["@type"] in {"Place", "VirtualLocation"}
        assert item["startDate"] < item["endDate"]


def agenda_count(client, query=""):
    return client.get(f"/agenda/{query}").context["session_count"]


def test_the_json_feed_lists_exactly_the_sessions_of_the_filtered_agenda(client, territory):
    response = client.get("/agenda/json/?commune=brecy")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    validate_feed(data)
    upcoming = [s for s in territory["brecy"] if s.end > s.start and s.start.day != 18]
    assert [item["identifier"] for item in data["items"]] == [f"session-{s.pk}" for s in upcoming]
    assert data["count"] == agenda_count(client, "?commune=brecy") == 2
    assert data["items"][0]["name"] == "Café des parents"
    assert data["items"][0]["location"]["address"]["addressLocality"] == "Brécy-la-Rivière"
    assert data["items"][0]["startDate"] == "2027-03-21T14:00:00+01:00"

    everything = client.get("/agenda/json/").json()
    assert everything["count"] == agenda_count(client) == 3
    assert [i["name"] for i in everything["items"]] == ["Café des parents", "Marche bleue", "Café des parents"]
    assert client.get("/agenda/json/?theme=parentalite&public=familles").json()["count"] == 0
    assert client.get("/agenda/json/?public=familles").json()["items"][0]["name"] == "Marche bleue"


def test_the_json_feed_is_paginated(client, frozen_now, make_event):
    make_event("Permanence", days=range(1, 61))
    first = client.get("/agenda/json/").json()
    assert (first["count"], first["pages"], len(first["items"]), first["previous"]) == (60, 2, 50, None)
    assert first["next"] == "http://testserver/agenda/json/?page=2"
    second = client.get(first["next"]).json()
    validate_feed(second)
    assert len(second["items"]) == 10 and second["previous"].endswith("page=1")
    identifiers = [i["identifier"] for i in first["items"] + second["items"]]
    assert len(set(identifiers)) == 60

    response = client.get("/agenda/json/?page=3")
    assert response.status_code == 400
    assert response.json()["erreur"] == "La page « 3 » n'existe pas : choisissez un nombre entre 1 et 2."


def test_an_unknown_filter_value_is_a_clear_french_400(client, territory):
    response = client.get("/agenda/json/?commune=atlantide")
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["erreurs"] == ["Le filtre « commune » a une valeur inconnue : « atlantide »."]

    widget = client.get("/agenda/widget/?theme=inconnu")
    assert widget.status_code == 400
    html = widget.content.decode()
    assert '<a href="#id_theme">Ce thème n&#x27;est pas dans la liste : choisissez-en un.</a>' in html
    assert "Café des parents" not in html

    embed = client.get("/agenda/integrer/?public=martiens")
    assert embed.status_code == 400
    assert "&lt;iframe" not in embed.content.decode()
    assert "Ce public n&#x27;est pas dans la liste : choisissez-en un." in embed.content.decode()


def test_the_json_feed_is_read_only(client, territory):
    assert client.post("/agenda/json/").status_code == 405


def test_the_widget_may_be_framed_only_by_the_listed_sites(client, site, territory):
    response = client.get("/agenda/widget/?commune=brecy")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors 'self';" in response["Content-Security-Policy"] + ";"
    html = response.content.decode()
    assert "Café des parents" in html and "Marche bleue" not in html
    assert 'target="_top"' in html

    embed = AgendaEmbedSettings.for_site(site)
    embed.allowed_origins = "https://www.mairie-brecy.fr\nhttps://agenda.les-aulnaies.fr:8443/"
    embed.full_clean()
    embed.save()
    policy = client.get("/agenda/widget/").headers["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://www.mairie-brecy.fr https://agenda.les-aulnaies.fr:8443" in policy
    # The rest of the site still refuses every frame.
    assert "X-Frame-Options" in client.get("/agenda/")
    assert "frame-ancestors 'none'" in client.get("/agenda/").headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "line", ["http://www.mairie-brecy.fr", "https://www.mairie-brecy.fr/agenda/", "www.mairie-brecy.fr", "ftp://x.fr"]
)
def test_an_embedding_site_must_be_an_https_origin(site, line):
    embed = AgendaEmbedSettings.for_site(site)
    embed.allowed_origins = f"https://www.mairie-ok.fr\n{line}"
    with pytest.raises(ValidationError) as error:
        embed.full_clean()
    assert "n'est pas une adresse de site valable" in str(error.value.message_dict["allowed_origins"])
    assert AgendaEmbedSettings.for_site(site).allowed_origins == ""


def test_the_settings_form_refuses_a_bad_origin_and_saves_nothing(admin_client, site):
    url = f"/admin/settings/events/agendaembedsettings/{site.pk}/"
    response = admin_client.post(url, {"allowed_origins": "http://www.mairie-brecy.fr"})
    assert response.status_code == 200
    assert "n&#x27;est pas une adresse de site valable" in response.content.decode()
    assert AgendaEmbedSettings.for_site(site).allowed_origins == ""


def test_the_embed_page_writes_the_code_to_paste(client, territory):
    response = client.get("/agenda/integrer/?commune=brecy&theme=parentalite")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "&lt;iframe src=&quot;http://localhost/agenda/widget/?commune=brecy&amp;theme=parentalite&quot; "
        "title=&quot;Agenda des temps ressources&quot;"
    ) in html
    assert "http://localhost/agenda/json/?commune=brecy&amp;theme=parentalite" in html
    assert 'for="embed-code"' in html


def test_the_widget_and_the_embed_page_have_their_own_title_and_trail(client, territory):
    """RGAA 8.6: the widget is not titled like the agenda; the trail names the embed page, not the agenda."""
    widget = client.get("/agenda/widget/?commune=brecy").content.decode()
    assert "<title>Agenda, version à intégrer dans un autre site – " in widget
    assert "<title>Erreur : Agenda, version" in client.get("/agenda/widget/?theme=inconnu").content.decode()
    assert "<title>Agenda – " in client.get("/agenda/").content.decode()
    embed = client.get("/agenda/integrer/").content.decode()
    assert '<li class="breadcrumbs__item"><a href="/agenda/">Agenda</a></li>' in embed
    assert '<span aria-current="page">Intégrer cet agenda</span>' in embed
