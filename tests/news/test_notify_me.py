""" "Prévenez-moi": a full event → confirmation → confirmed → one message at the next session, then gone."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest

from events.models import EventPage
from news.models import NotifyRequest
from news.notify import send_due_notifications, token_for
from portal.models import OutboundEmail, OutboundText
from tests.factories import EventSessionFactory

pytestmark = pytest.mark.django_db


def ask(client, event, **data):
    return client.post(f"/abonnements/prevenez-moi/{event.pk}/", {"email": "", "phone": "", **data})


def link_in(text):
    return re.search(r"https?://[^\s\"<]+/abonnements/lien/[^\s\"<]+/", text).group(0)


def publish_new_session(event, days=30):
    EventSessionFactory(event=event, start=timezone.now() + timedelta(days=days))
    page = EventPage.objects.get(pk=event.pk)
    page.save_revision().publish()


def test_a_full_event_offers_prevenez_moi(client, full_event):
    html = client.get(full_event.url).content.decode()

    assert "C'est complet ?" in html
    assert f'href="/abonnements/prevenez-moi/{full_event.pk}/"' in html


def test_an_open_event_does_not_offer_it(client, agenda):
    from tests.factories import EventPageFactory

    event = EventPageFactory(parent=agenda, online_registration=True, capacity=20)
    EventSessionFactory(event=event)
    event.save_revision().publish()

    assert "notify-me-title" not in client.get(event.url).content.decode()


def test_the_full_flow_sends_exactly_one_message_then_the_request_is_gone(
    client, full_event, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, full_event, email="Amina.Diallo@Example.org")
    assert response.status_code == 302
    [confirmation] = mail.outbox
    assert confirmation.to == ["amina.diallo@example.org"]
    assert "Confirmez votre demande" in confirmation.subject
    link = link_in(confirmation.body)
    path = link.split("testserver")[-1] if "testserver" in link else "/" + link.split("/", 3)[3]

    # Not confirmed yet: a new session sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        publish_new_session(full_event, days=20)
    assert len(mail.outbox) == 1

    page = client.get(path)
    assert page.status_code == 200 and "Confirmer" in page.content.decode()
    client.post(path, {"action": "confirm"})
    assert NotifyRequest.objects.get().confirmed_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        publish_new_session(full_event, days=35)
    assert len(mail.outbox) == 2
    notice = mail.outbox[1]
    assert notice.subject == "Inscriptions ouvertes : Groupe de parents"
    assert f"{full_event.url}inscription/" in notice.body
    assert NotifyRequest.objects.count() == 0
    assert client.get(path).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        publish_new_session(full_event, days=50)
        send_due_notifications()
    assert len(mail.outbox) == 2


def test_a_text_for_a_mobile_number(client, full_event, sms_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(client, full_event, phone="06 12 34 56 78").status_code == 302
    row = NotifyRequest.objects.get()
    assert row.phone == "+33612345678" and row.email == ""
    assert OutboundText.objects.filter(topic=f"news.notify:{row.pk}", kind="news_notify_confirm").count() == 1


def test_registration_opening_is_told_by_the_cron(client, agenda):
    from tests.factories import EventPageFactory

    opens = timezone.now() + timedelta(days=2)
    event = EventPageFactory(parent=agenda, online_registration=True, capacity=10, registration_opens_at=opens)
    EventSessionFactory(event=event, start=timezone.now() + timedelta(days=10))
    event.save_revision().publish()
    assert "ne sont pas encore ouvertes" in client.get(event.url).content.decode()
    ask(client, event, email="parent@example.org")
    row = NotifyRequest.objects.get()
    client.post(f"/abonnements/lien/{token_for(row)}/", {"action": "confirm"})

    assert send_due_notifications() == 0  # not open yet
    assert send_due_notifications(now=opens + timedelta(minutes=5)) == 1
    assert send_due_notifications(now=opens + timedelta(minutes=15)) == 0
    assert OutboundEmail.objects.filter(subject__startswith="Inscriptions ouvertes").count() == 1


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"email": "amina@"}, "Écrivez une adresse e-mail complète"),
        ({}, "Indiquez une adresse e-mail ou un numéro de portable"),
        ({"phone": "03 85 00 00 00"}, "Ce numéro ne reçoit pas de SMS"),
        ({"email": "a@example.org", "phone": "0612345678"}, "pas les deux"),
    ],
)
def test_bad_input_gives_a_french_error_and_saves_nothing(client, full_event, data, error):
    response = ask(client, full_event, **data)

    assert response.status_code == 200
    assert error in response.content.decode().replace("&#x27;", "'")
    assert "Il y a un problème" in response.content.decode()
    assert NotifyRequest.objects.count() == 0 and OutboundEmail.objects.count() == 0


def test_a_tampered_link_or_an_unknown_event_is_a_404(client, full_event):
    ask(client, full_event, email="amina@example.org")

    token = token_for(NotifyRequest.objects.get())
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/abonnements/lien/{tampered}/").status_code == 404
    assert client.post(f"/abonnements/lien/{tampered}/", {"action": "stop"}).status_code == 404
    assert client.get("/abonnements/prevenez-moi/999999/").status_code == 404
    assert NotifyRequest.objects.count() == 1


def test_the_honeypot_saves_nothing(client, full_event):
    response = ask(client, full_event, email="robot@example.org", website="http://spam.example")

    assert response.status_code == 302
    assert NotifyRequest.objects.count() == 0


def test_stop_deletes_the_request(client, full_event):

    ask(client, full_event, email="amina@example.org")
    token = token_for(NotifyRequest.objects.get())

    response = client.post(f"/abonnements/lien/{token}/", {"action": "stop"})

    assert "votre demande est effacée" in response.content.decode()
    assert NotifyRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "days", "words"),
    [
        ({"registration_scope": "cycle"}, 7, "quand le prochain cycle est publié"),
        ({}, -7, "s'il revient"),
    ],
)
def test_a_cycle_or_a_past_event_offers_it_too(client, agenda, fields, days, words):
    from tests.factories import EventPageFactory

    event = EventPageFactory(parent=agenda, online_registration=True, capacity=20, **fields)
    EventSessionFactory(event=event, start=timezone.now() + timedelta(days=days))
    event.save_revision().publish()

    assert words in client.get(event.url).content.decode()


def test_eleven_requests_in_an_hour_from_one_address_are_refused(client, full_event):
    for number in range(10):
        assert ask(client, full_event, email=f"parent{number}@example.org").status_code == 302

    assert ask(client, full_event, email="parent10@example.org").status_code == 429
    assert NotifyRequest.objects.count() == 10
