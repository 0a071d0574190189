"""The registration form, its confirmation, the personal link — through the test client."""

import re

from django.core import mail
from django.test import Client, override_settings

import pytest

from events.models import EventSession, Registration
from events.services import Attendee, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

FORM = {
    "first_name": "Nadia",
    "last_name": "Benali",
    "email": "Nadia.Benali@example.org",
    "phone": "",
    "adults": "1",
    "children": "2",
    "needs_childcare": "on",
    "consent": "on",
}


def text(response):
    return re.sub(r"\s+", " ", response.content.decode()).replace("&#x27;", "'")


def form_url(event, session):
    return f"{event.url}inscription/?seance={session.pk}"


def test_event_page_shows_places_left_and_a_registration_button(client, workshop):
    event, [session, _] = workshop

    html = text(client.get(event.url))

    assert "8 places restantes" in html
    assert f'href="/agenda/atelier-budget/inscription/?seance={session.pk}"' in html
    assert "M'inscrire" in html


def test_a_resident_registers_and_gets_a_confirmation_page_and_an_email(
    client, workshop, django_capture_on_commit_callbacks
):
    event, [session, _] = workshop

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url(event, session), FORM)
    page = client.get(response["Location"])
    html = text(page)

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.email == "nadia.benali@example.org"
    assert registration.people == 3 and registration.needs_childcare
    assert "Votre place est confirmée" in html
    assert "nadia.benali@example.org" in html
    assert "no-store" in page["Cache-Control"]
    [message] = mail.outbox
    assert message.subject == "Votre place est confirmée – Atelier budget"
    assert "Bonjour Nadia" in message.body
    assert "garde" not in message.body.lower()  # needs are never repeated in an email
    token = re.search(r"http://\S+/inscription/(\S+)/", message.body).group(1)
    assert token == registration.token and len(token) >= 43
    assert registration.token_key not in message.body
    [attachment] = message.attachments
    assert attachment[0] == "seance.ics" and "BEGIN:VEVENT" in str(attachment[1])


def test_the_form_with_errors_explains_each_one_and_saves_nothing(client, workshop):
    event, [session, _] = workshop

    response = client.post(form_url(event, session), {"adults": "0", "children": "9", "phone": "12"})
    html = text(response)

    assert response.status_code == 200
    assert "<title>Erreur : Inscription – Atelier budget" in html
    assert "Il y a un problème" in html
    for field in ("first_name", "last_name", "phone", "adults", "consent"):
        assert f'href="#id_{field}"' in html, field
    assert 'aria-describedby="id_phone-hint id_phone-error"' in html
    assert "06 12 34 56 78" in html
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_email_or_phone_is_required_and_phone_alone_is_enough(client, workshop):
    event, [session, _] = workshop

    neither = client.post(form_url(event, session), {**FORM, "email": ""})
    phone_only = client.post(form_url(event, session), {**FORM, "email": "", "phone": "06 12 34 56 78"})

    assert "Indiquez une adresse e-mail ou un numéro de téléphone" in text(neither)
    assert phone_only.status_code == 302
    assert Registration.objects.get().phone == "+33612345678"


def test_a_second_registration_with_the_same_email_is_refused_clearly(client, workshop):
    event, [session, _] = workshop
    client.post(form_url(event, session), FORM)

    response = client.post(form_url(event, session), {**FORM, "email": "nadia.benali@example.org"})

    assert "Vous êtes déjà inscrit ou inscrite à cette séance" in text(response)
    assert Registration.objects.count() == 1


def test_a_full_session_puts_people_on_the_waiting_list_with_their_position(client, workshop):
    event, [session, _] = workshop
    for number in range(4):
        register(event, [session.pk], Attendee("A", "B", email=f"p{number}@example.org", adults=2))

    event_html = text(client.get(event.url))
    response = client.post(form_url(event, session), FORM)
    html = text(client.get(response["Location"]))

    assert "<strong>Complet</strong> — inscrivez-vous sur la liste d'attente" in event_html
    assert "M'inscrire sur la liste d'attente" in event_html
    assert "Vous êtes n° 1 sur la liste d'attente" in html


def test_no_registration_button_on_past_cancelled_or_closed_sessions(client, workshop):
    event, [first, second] = workshop
    EventSession.objects.filter(pk=first.pk).update(status="cancelled")
    event.registration_closes_at = second.start.replace(year=2020)
    event.save()

    html = text(client.get(event.url))
    response = client.get(form_url(event, second))

    assert "M'inscrire" not in html
    assert response.status_code == 302
    assert Registration.objects.count() == 0


def test_a_post_to_a_closed_session_saves_nothing_and_says_why(client, workshop):
    event, [session, _] = workshop
    EventSession.objects.filter(pk=session.pk).update(status="cancelled")

    response = client.post(form_url(event, session), FORM)
    follow = text(client.get(response["Location"]))

    assert response.status_code == 302
    assert "Cette séance est annulée" in follow
    assert Registration.objects.count() == 0


def test_the_honeypot_silently_discards_robots(client, workshop):
    event, [session, _] = workshop

    response = client.post(form_url(event, session), {**FORM, "website": "http://spam.example"})

    assert response.status_code == 302
    assert Registration.objects.count() == 0


@override_settings(PUBLIC_FORM_RATE_LIMITS={"registration": 3})
def test_after_the_hourly_limit_of_saved_bookings_the_next_post_gets_a_429(client, workshop):
    event, [session, _] = workshop
    for _number in range(10):  # sent back with errors: these do not count
        assert client.post(form_url(event, session), {"first_name": "x"}).status_code == 200
    for number in range(3):
        booked = client.post(form_url(event, session), {**FORM, "email": f"parent{number}@example.org"})
        assert booked.status_code == 302

    response = client.post(form_url(event, session), {**FORM, "email": "parent9@example.org"})

    assert response.status_code == 429
    assert "Trop de tentatives" in text(response)
    assert Registration.objects.count() == 3


def test_the_form_needs_a_csrf_token(workshop):
    event, [session, _] = workshop

    response = Client(enforce_csrf_checks=True).post(form_url(event, session), FORM)

    assert response.status_code == 403
    assert Registration.objects.count() == 0


def booked(event, session, **fields):
    return register(event, [session.pk], Attendee("Jean", "Moreau", email="jean@example.org", **fields))


def test_the_personal_link_shows_the_registration_and_get_changes_nothing(client, workshop):
    event, [session, _] = workshop
    booking = booked(event, session)

    responses = [client.get(f"/inscription/{booking.token}/") for _ in range(10)]
    html = text(responses[-1])

    assert "Mon inscription : Atelier budget" in html
    assert "Votre place est confirmée" in html
    assert responses[-1]["Referrer-Policy"] == "same-origin"
    assert "no-store" in responses[-1]["Cache-Control"]
    assert Registration.objects.get().status == Registration.Status.CONFIRMED


def test_cancelling_by_the_link_is_a_post_and_a_second_time_says_already_cancelled(client, workshop):
    event, [session, _] = workshop
    booking = booked(event, session)

    first = client.post(f"/inscription/{booking.token}/annuler/", follow=True)
    second = client.post(f"/inscription/{booking.token}/annuler/", follow=True)

    assert "Votre inscription est annulée. Merci de nous avoir prévenus." in text(first)
    assert second.status_code == 200
    assert "Cette inscription était déjà annulée : vous n'avez rien à faire." in text(second)
    assert Registration.objects.get().status == Registration.Status.CANCELLED


def test_wrong_tokens_all_answer_the_same_404(client, workshop):
    event, [session, _] = workshop
    booking = booked(event, session)
    cancelled = register(event, [session.pk], Attendee("Lucie", "Petit", email="lucie@example.org"))
    client.post(f"/inscription/{cancelled.token}/annuler/", follow=True)
    registration = booking.registrations[0]

    unknown = client.get("/inscription/" + "A" * 43 + "/")
    altered = client.get(f"/inscription/{booking.token[:-1]}B/")
    by_id = client.get(f"/inscription/{registration.pk}/")
    by_key = client.get(f"/inscription/{registration.token_key}/")
    post = client.post("/inscription/" + "A" * 43 + "/annuler/")

    assert {r.status_code for r in (unknown, altered, by_id, by_key, post)} == {404}
    assert unknown.content == altered.content == by_id.content == by_key.content
    assert client.get(f"/inscription/{cancelled.token}/").status_code == 200  # shows "annulée", not an error


def test_leaving_the_waiting_list_by_the_link(client, workshop):
    event, [session, _] = workshop
    for number in range(4):
        register(event, [session.pk], Attendee("A", "B", email=f"p{number}@example.org", adults=2))
    waiting = booked(event, session)

    html = text(client.get(f"/inscription/{waiting.token}/"))
    client.post(f"/inscription/{waiting.token}/annuler/")

    assert "Quitter la liste d'attente" in html
    assert Registration.objects.get(pk=waiting.registrations[0].pk).status == Registration.Status.CANCELLED


def test_a_cycle_registration_is_one_form_for_every_session(client, workshop):
    event, sessions = workshop
    event.registration_scope = "cycle"
    event.save()

    page = text(client.get(event.url))
    response = client.post(f"{event.url}inscription/", FORM)

    assert "M'inscrire au cycle" in page
    assert response.status_code == 302
    assert sorted(Registration.objects.values_list("session_id", flat=True)) == sorted(s.pk for s in sessions)


@pytest.mark.parametrize("seance", ["abc", "999999", "", "1e3", "-1"])
def test_a_wrong_session_in_the_address_leads_back_to_the_event_page(client, workshop, seance):
    event, _ = workshop

    response = client.get(f"{event.url}inscription/?seance={seance}")
    post = client.post(f"{event.url}inscription/?seance={seance}", FORM)

    assert response.status_code == 302 and response["Location"] == event.url
    assert post.status_code == 302
    assert Registration.objects.count() == 0
