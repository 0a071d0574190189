"""Subscriptions to new temps ressources: "Parentalité à Brécy", the digest, one-click unsubscribe."""

import re
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.utils import timezone

import pytest

from events.models import EventPage
from news.digest import send_digests, token_for
from news.models import Subscription
from portal.models import OutboundEmail
from tests.factories import CommuneFactory, EventPageFactory, EventSessionFactory, ThemeFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocabulary(db):
    return {
        "parentalite": ThemeFactory(slug="parentalite", name="Parentalité et relations familiales"),
        "aidants": ThemeFactory(slug="aidants", name="Aidants"),
        "brecy": CommuneFactory(slug="brecy-la-riviere", name="Brécy-la-Rivière"),
        "aulnaies": CommuneFactory(slug="les-aulnaies", name="Les Aulnaies"),
    }


def add_event(agenda, title, theme, commune, days=10):
    event = EventPageFactory(parent=agenda, title=title)
    EventSessionFactory(event=event, venue=VenueFactory(commune=commune), start=timezone.now() + timedelta(days=days))
    event = EventPage.objects.get(pk=event.pk)
    event.themes.add(theme)
    event.save_revision().publish()
    return event


def subscribe(client, **data):
    return client.post("/abonnements/temps-ressources/", {"email": "amina.diallo@example.org", **data})


def confirmed_subscription(client, **filters):
    subscribe(client, **filters)
    subscription = Subscription.objects.get()
    client.post(f"/abonnements/suivi/{token_for(subscription)}/", {"action": "confirm"})
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    return subscription


def digests():
    return OutboundEmail.objects.filter(subject="Les nouveaux temps ressources de la semaine")


def test_a_filtered_agenda_offers_the_subscription_with_its_filters(client, agenda, vocabulary):
    html = client.get("/agenda/?theme=parentalite&commune=brecy-la-riviere&q=café").content.decode()

    assert "Recevoir les nouveaux temps ressources de ce type" in html
    assert 'href="/abonnements/temps-ressources/?theme=parentalite&amp;commune=brecy-la-riviere"' in html
    form = client.get("/abonnements/temps-ressources/?theme=parentalite&commune=brecy-la-riviere").content.decode()
    assert '<option value="parentalite" selected>' in form
    assert '<option value="brecy-la-riviere" selected>' in form
    assert "Vos données personnelles" in form


def test_parentalite_a_brecy_gets_only_new_matching_sessions_once(client, agenda, vocabulary):
    add_event(agenda, "Café des parents d'avant", vocabulary["parentalite"], vocabulary["brecy"])
    subscription = confirmed_subscription(client, theme="parentalite", commune="brecy-la-riviere")
    [confirmation] = OutboundEmail.objects.all()
    assert "Confirmez votre abonnement" in confirmation.subject

    assert send_digests() == 0  # nothing published since the confirmation
    add_event(agenda, "Groupe de parents de Brécy", vocabulary["parentalite"], vocabulary["brecy"])
    add_event(agenda, "Café des aidants de Brécy", vocabulary["aidants"], vocabulary["brecy"])
    add_event(agenda, "Groupe de parents des Aulnaies", vocabulary["parentalite"], vocabulary["aulnaies"])

    assert send_digests() == 1
    assert send_digests() == 0  # run twice: sent once
    [digest] = digests()
    assert digest.to == ["amina.diallo@example.org"]
    assert "Groupe de parents de Brécy" in digest.body_text
    for other in ("Café des parents d'avant", "Café des aidants", "des Aulnaies"):
        assert other not in digest.body_text
    assert (
        digest.headers["List-Unsubscribe"]
        == f"<{settings.BASE_URL}/abonnements/desabonnement/{token_for(subscription)}/>"
    )
    assert digest.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"/abonnements/suivi/{token_for(subscription)}/" in digest.body_text
    subscription.refresh_from_db()
    assert subscription.last_sent_at is not None


def test_the_headers_reach_the_smtp_message(client, agenda, vocabulary, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, theme="parentalite")
    [message] = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")


def test_the_one_click_unsubscribe_ends_it_at_once_and_for_good(client, agenda, vocabulary):
    subscription = confirmed_subscription(client, theme="parentalite", commune="brecy-la-riviere")
    url = f"/abonnements/desabonnement/{token_for(subscription)}/"
    csrf_client = client.__class__(enforce_csrf_checks=True)

    response = csrf_client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert Subscription.objects.count() == 0
    add_event(agenda, "Groupe de parents de Brécy", vocabulary["parentalite"], vocabulary["brecy"])
    assert send_digests() == 0
    assert csrf_client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 404


def test_the_unsubscribe_link_opened_in_a_browser_asks_before_ending(client, agenda, vocabulary):
    subscription = confirmed_subscription(client, theme="parentalite")

    response = client.get(f"/abonnements/desabonnement/{token_for(subscription)}/")

    assert "Me désabonner" in response.content.decode()
    assert Subscription.objects.count() == 1


def test_the_filters_can_be_changed_from_the_personal_link(client, agenda, vocabulary):
    subscription = confirmed_subscription(client, theme="parentalite")

    client.post(
        f"/abonnements/suivi/{token_for(subscription)}/", {"action": "update", "theme": "aidants", "commune": ""}
    )

    subscription.refresh_from_db()
    assert subscription.theme.slug == "aidants" and subscription.commune is None


def test_an_unconfirmed_subscription_gets_no_digest(client, agenda, vocabulary):
    subscribe(client, theme="parentalite")
    add_event(agenda, "Groupe de parents de Brécy", vocabulary["parentalite"], vocabulary["brecy"])

    assert send_digests() == 0


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"email": "amina@"}, "Écrivez une adresse e-mail complète"),
        ({"email": ""}, "Indiquez votre adresse e-mail."),
        ({"theme": "n-existe-pas"}, "Sélectionnez un choix valide"),
        ({"format": "concert"}, "Sélectionnez un choix valide"),
    ],
)
def test_bad_input_gives_a_french_error_and_saves_nothing(client, home_page, vocabulary, data, error):
    response = subscribe(client, **data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert Subscription.objects.count() == 0 and OutboundEmail.objects.count() == 0


def test_a_filter_that_does_not_exist_in_the_address_is_a_404(client, home_page, vocabulary):
    assert client.get("/abonnements/temps-ressources/?theme=n-existe-pas").status_code == 404
    assert client.get("/abonnements/temps-ressources/?commune=brecy-la-riviere").status_code == 200


def test_a_tampered_link_is_a_404_and_changes_nothing(client, agenda, vocabulary):
    subscription = confirmed_subscription(client, theme="parentalite")
    token = token_for(subscription)
    tampered = token[:-3] + ("xyz" if not token.endswith("xyz") else "abc")

    for path in (f"/abonnements/suivi/{tampered}/", f"/abonnements/desabonnement/{tampered}/"):
        assert client.get(path).status_code == 404
        assert client.post(path, {"action": "stop"}).status_code == 404
    assert Subscription.objects.count() == 1


def test_eleven_subscriptions_in_an_hour_from_one_address_are_refused(client, home_page, vocabulary):
    for number in range(10):
        assert subscribe(client, email=f"parent{number}@example.org").status_code == 302

    response = subscribe(client, email="parent10@example.org")

    assert response.status_code == 429
    assert Subscription.objects.count() == 10


def test_the_honeypot_saves_nothing(client, home_page, vocabulary):
    assert subscribe(client, website="http://spam.example").status_code == 302
    assert Subscription.objects.count() == 0


def test_the_command_sends_the_digest(client, agenda, vocabulary):
    from io import StringIO

    from django.core.management import call_command

    confirmed_subscription(client, theme="parentalite")
    add_event(agenda, "Groupe de parents de Brécy", vocabulary["parentalite"], vocabulary["brecy"])
    out = StringIO()
    call_command("send_news_digests", "--dry-run", stdout=out)
    assert digests().count() == 0
    call_command("send_news_digests", stdout=out)
    call_command("send_news_digests", stdout=out)

    assert out.getvalue() == "Résumés à envoyer : 1.\nRésumés envoyés : 1.\nRésumés envoyés : 0.\n"
    assert digests().count() == 1
    assert re.search(r"Groupe de parents de Brécy", digests().get().body_html)
