"""Secrets on screen are not stored, personal links are not indexed, names are only names."""

from django.core import mail
from django.test import Client, override_settings

import pytest

from events.models import Registration
from events.services import Attendee, register
from portal.logging import scrub
from portal.models import OutboundEmail

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/compte/login/", "/compte/signup/", "/compte/password/reset/"])
def test_account_pages_are_never_stored_nor_indexed(client, site, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "noindex" in response["X-Robots-Tag"]


def test_the_totp_set_up_and_recovery_codes_pages_are_not_stored(admin_client):
    for path in ("/compte/2fa/", "/compte/2fa/recovery-codes/"):
        response = admin_client.get(path)
        assert response["Cache-Control"] == "no-store", path


@pytest.mark.usefixtures("frozen_now")
def test_a_personal_link_page_is_private_and_not_indexed(client, workshop):
    event, [session, _] = workshop
    booking = register(event, [session.pk], Attendee(first_name="Jean", last_name="Roux", email="j@example.org"))

    response = client.get(f"/inscription/{booking.token}/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"


def test_robots_txt_keeps_crawlers_away_from_personal_links_and_accounts(client, site):
    lines = client.get("/robots.txt").content.decode().splitlines()

    for path in ("/inscription/", "/avis/", "/compte/", "/mon-espace/", "/*/suivi/"):
        assert f"Disallow: {path}" in lines


def test_the_log_scrubber_hides_a_token_whatever_follows_it():
    assert scrub("GET /inscription/Zk3v9Qp1xYw8LmN2bV7cT4rS6uH0aE5=/ HTTP/1.1") == "GET /inscription/[…]/ HTTP/1.1"
    assert scrub("GET /inscription/Zk3v9Qp1xYw8LmN2bV7cT4rS6uH0aE5.ics") == "GET /inscription/[…]"


BAD_NAMES = {
    "line break": "Jean\r\nBcc: tous@example.org",
    "terminal escape": "Jean\x1b[31m",
    "right-to-left override": "Jean\u202egpj.exe",
    "zero-width only": "\u200b\u200b",
    "no letter": "1234",
}


@pytest.mark.usefixtures("frozen_now")
@pytest.mark.parametrize("name", BAD_NAMES.values(), ids=BAD_NAMES.keys())
def test_a_name_with_control_characters_is_refused_and_nothing_saved(client, workshop, name):
    event, [session, _] = workshop
    data = {
        "first_name": name,
        "last_name": "Roux",
        "email": "j@example.org",
        "adults": "1",
        "children": "0",
        "consent": "on",
    }

    response = client.post(f"{event.url}inscription/?seance={session.pk}", data)

    assert response.status_code == 200
    assert "Écrivez ce nom avec des lettres" in response.content.decode()
    assert not Registration.objects.exists() and not OutboundEmail.objects.exists()


def test_names_in_other_scripts_and_with_accents_are_accepted():
    from portal.forms import validate_person_name

    for name in ("Hélène", "N'Diaye", "Marie-Ève", "Ørsted", "محمد", "O’Connor"):
        validate_person_name(name)


@override_settings(ROOT_URLCONF="tests.portal.urls_errors", ADMINS=[("Exploitation", "exploitation@example.org")])
def test_a_server_error_reaches_the_admins_through_the_outbox(home_page):
    Client(raise_request_exception=False).get("/erreur/", {"email": "jean.dupont@example.org"})

    message = OutboundEmail.objects.get()
    assert message.to == ["exploitation@example.org"]
    assert "RuntimeError" in message.body_text or "boom" in message.body_text
    assert "jean.dupont@example.org" not in message.subject
    assert not mail.outbox  # queued, not sent inside the failing request
