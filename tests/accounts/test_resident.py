"""A resident's optional account: sign up, verify, log in, book, see, download, delete."""

import json
import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

import pytest
from allauth.account.models import EmailAddress

from appointments.models import AppointmentRequest, AppointmentSubject
from events.models import Registration
from events.services import Attendee, register
from portal.models import OutboundEmail

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

EMAIL = "amina.diallo@example.org"
PASSWORD = "une phrase de passe longue"


def text(response):
    return re.sub(r"\s+", " ", response.content.decode()).replace("&#x27;", "'")


def sign_up_and_verify(client, capture, email=EMAIL):
    with capture(execute=True):
        response = client.post("/compte/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == "/compte/confirm-email/"
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.M).group(1)
    with capture(execute=True):
        client.post("/compte/confirm-email/", {"code": code})
    return code


def log_in(client, email=EMAIL):
    return client.post("/compte/login/", {"login": email, "password": PASSWORD})


def test_sign_up_verify_log_in_book_see_download_and_delete(client, site, workshop, django_capture_on_commit_callbacks):
    event, (session, later) = workshop
    sign_up_and_verify(client, django_capture_on_commit_callbacks)
    assert EmailAddress.objects.get(email=EMAIL).verified
    assert mail.outbox[0].subject == "Confirmez votre adresse e-mail"

    response = log_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/mon-espace/"

    # The registration form knows who is signed in.
    form_url = f"{event.url}inscription/?seance={session.pk}"
    form_page = text(client.get(form_url))
    assert f'value="{EMAIL}"' in form_page
    with django_capture_on_commit_callbacks(execute=True):
        booked = client.post(
            form_url,
            {
                "first_name": "Amina",
                "last_name": "Diallo",
                "email": EMAIL,
                "adults": "1",
                "children": "0",
                "consent": "on",
            },
        )
    assert booked.status_code == 302
    registration = Registration.objects.get()
    assert registration.user.email == EMAIL

    space = text(client.get("/mon-espace/"))
    assert "Mes inscriptions à venir" in space
    assert "Atelier budget" in space
    assert "Annuler cette inscription" in space
    assert client.get("/mon-espace/")["Cache-Control"].count("no-store") == 1

    download = client.get("/mon-espace/mes-donnees.json")
    assert download["Content-Disposition"] == 'attachment; filename="mes-donnees.json"'
    data = json.loads(download.content)
    assert data["compte"]["email"] == EMAIL
    assert data["inscriptions"][0]["evenement"] == "Atelier budget"
    assert data["inscriptions"][0]["nom"] == "Diallo"

    # Deleting needs a recent password (allauth reauthentication) and a ticked box.
    client.post("/compte/reauthenticate/", {"password": PASSWORD})
    refused = client.post("/mon-espace/supprimer-mon-compte/", {})
    assert "Cochez la case pour confirmer" in text(refused)
    deleted = client.post("/mon-espace/supprimer-mon-compte/", {"confirm": "on"})
    assert deleted["Location"] == "/mon-espace/compte-supprime/"

    # Nothing is left that names her; the headcount stays, the place is freed.
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email__iexact=EMAIL).exists()
    assert not EmailAddress.objects.exists()
    assert not Registration.objects.filter(last_name="Diallo").exists()
    assert not Registration.objects.filter(email__iexact=EMAIL).exists()
    assert not OutboundEmail.objects.filter(to__icontains="amina").exists()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert registration.first_name == "—" and registration.user is None and registration.people == 1
    assert client.get("/mon-espace/").status_code == 302


def test_mon_espace_needs_a_login(client, site):
    response = client.get("/mon-espace/")
    assert response.status_code == 302
    assert response["Location"] == "/compte/login/?next=/mon-espace/"
    assert client.get("/mon-espace/mes-donnees.json").status_code == 302


@pytest.fixture
def amina(django_user_model, site):
    user = django_user_model.objects.create_user("amina", EMAIL, PASSWORD)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    return user


def test_cancelling_from_mon_espace_frees_the_place_for_the_waiting_list(client, amina, make_event):
    event, [session] = make_event("Groupe de parole", registration_required=True, online_registration=True, capacity=1)
    mine = register(event, [session.pk], Attendee(first_name="Amina", last_name="Diallo", email=EMAIL), user=amina)
    waiting = register(event, [session.pk], Attendee(first_name="Léa", last_name="Roux", email="lea@example.org"))
    assert waiting.registrations[0].status == Registration.Status.WAITING
    client.post("/compte/login/", {"login": EMAIL, "password": PASSWORD})

    response = client.post(f"/mon-espace/inscriptions/{mine.registrations[0].pk}/annuler/")

    assert response["Location"] == "/mon-espace/"
    assert Registration.objects.get(pk=mine.registrations[0].pk).status == Registration.Status.CANCELLED
    assert Registration.objects.get(pk=waiting.registrations[0].pk).status == Registration.Status.CONFIRMED
    assert "Votre inscription à « Groupe de parole » est annulée" in text(client.get("/mon-espace/"))


def test_a_registration_made_without_an_account_is_attached_only_from_its_own_link(client, amina, workshop):
    event, (session, later) = workshop
    booking = register(
        event, [session.pk], Attendee(first_name="Amina", last_name="Diallo", email="Amina.Diallo@example.org")
    )
    register(event, [later.pk], Attendee(first_name="Other", last_name="Person", email="other@example.org"))
    client.post("/compte/login/", {"login": EMAIL, "password": PASSWORD})

    space = text(client.get("/mon-espace/"))
    assert "Une inscription a été faite avec votre adresse e-mail, sans compte." in space
    assert "Atelier budget" not in space  # counted, never shown
    assert "Atelier budget" not in client.get("/mon-espace/mes-donnees.json").content.decode()

    manage = f"/inscription/{booking.token}/"
    assert "Rattacher cette inscription à mon espace" in text(client.get(manage))
    assert client.post(manage + "rattacher/")["Location"] == manage

    assert list(Registration.objects.filter(user=amina).values_list("session", flat=True)) == [session.pk]
    space = text(client.get("/mon-espace/"))
    assert "Inscriptions faites sans compte" not in space and "Atelier budget" in space
    assert "Cette inscription est visible dans" in text(client.get(manage))


def test_attaching_from_a_link_needs_a_signed_in_account_and_never_steals_anothers(client, amina, workshop):
    event, (session, _later) = workshop
    booking = register(event, [session.pk], Attendee(first_name="Léa", last_name="Roux", email="lea@example.org"))
    manage = f"/inscription/{booking.token}/"

    assert Client().post(manage + "rattacher/").status_code == 404
    Registration.objects.update(user=amina)
    other = get_user_model().objects.create_user("bruno", "bruno@example.org", PASSWORD)
    EmailAddress.objects.create(user=other, email="bruno@example.org", verified=True, primary=True)
    client.post("/compte/login/", {"login": "bruno@example.org", "password": PASSWORD})
    client.post(manage + "rattacher/")

    assert Registration.objects.get().user == amina


def _anonymous_request(site, subject, **fields):
    return AppointmentRequest.objects.create(
        site=site,
        reference="RDV-7K3M9Q",
        token_key="k",
        token_hash="h",
        subject=subject,
        message="Un message très personnel",
        first_name="Amina",
        last_name="Diallo",
        phone="0639980011",
        email=EMAIL,
        consent_at="2027-01-01T10:00:00Z",
        **fields,
    )


def test_an_address_alone_shows_nothing_of_an_anonymous_request(client, amina, site):
    _anonymous_request(site, AppointmentSubject.objects.create(name="Aide au budget"))
    client.post("/compte/login/", {"login": EMAIL, "password": PASSWORD})

    space = text(client.get("/mon-espace/"))
    data = client.get("/mon-espace/mes-donnees.json").content.decode()

    assert "Une demande faite avec votre adresse e-mail existe" in space
    for secret in ("RDV-7K3M9Q", "Aide au budget", "très personnel", "0639980011"):
        assert secret not in space and secret not in data


def test_an_attached_request_shows_reference_subject_status_and_dates_only(client, amina, site):
    _anonymous_request(site, AppointmentSubject.objects.create(name="Aide au budget"), account=amina)
    client.post("/compte/login/", {"login": EMAIL, "password": PASSWORD})

    space = text(client.get("/mon-espace/"))
    assert "RDV-7K3M9Q" in space and "Aide au budget" in space and "Nouvelle" in space
    assert "très personnel" not in space
    assert "très personnel" in client.get("/mon-espace/mes-donnees.json").content.decode()


def test_one_resident_cannot_touch_another_residents_registration(client, amina, django_user_model, workshop):
    event, (session, _later) = workshop
    other = django_user_model.objects.create_user("bruno", "bruno@example.org", PASSWORD)
    EmailAddress.objects.create(user=other, email="bruno@example.org", verified=True, primary=True)
    theirs = register(
        event, [session.pk], Attendee(first_name="Bruno", last_name="Petit", email="bruno@example.org"), user=other
    )
    client.post("/compte/login/", {"login": EMAIL, "password": PASSWORD})

    response = client.post(f"/mon-espace/inscriptions/{theirs.registrations[0].pk}/annuler/")

    assert response.status_code == 404
    assert Registration.objects.get(pk=theirs.registrations[0].pk).is_active
    assert "Petit" not in client.get("/mon-espace/mes-donnees.json").content.decode()
    anonymous = Client().post(f"/mon-espace/inscriptions/{theirs.registrations[0].pk}/annuler/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/compte/login/")


def test_account_actions_need_a_csrf_token(amina, workshop):
    event, (session, _later) = workshop
    mine = register(event, [session.pk], Attendee(first_name="Amina", last_name="Diallo", email=EMAIL), user=amina)
    client = Client(enforce_csrf_checks=True)
    client.force_login(amina, backend="django.contrib.auth.backends.ModelBackend")

    assert client.post(f"/mon-espace/inscriptions/{mine.registrations[0].pk}/annuler/").status_code == 403
    assert client.post("/mon-espace/supprimer-mon-compte/", {"confirm": "on"}).status_code == 403
    assert client.post("/compte/logout/").status_code == 403
    assert Registration.objects.get().is_active


def normalised(response):
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return response.status_code, response.get("Location"), html


def test_sign_up_and_password_reset_do_not_reveal_who_has_an_account(amina, django_capture_on_commit_callbacks):
    known, unknown = Client(), Client()
    with django_capture_on_commit_callbacks(execute=True):
        known_signup = known.post("/compte/signup/", {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD})
        unknown_signup = unknown.post(
            "/compte/signup/", {"email": "personne@example.org", "password1": PASSWORD, "password2": PASSWORD}
        )
    assert known_signup.status_code == unknown_signup.status_code == 302
    assert known_signup["Location"] == unknown_signup["Location"]
    assert normalised(known.get(known_signup["Location"]))[0] == 200
    # The owner of the known address is told by email instead.
    assert any(EMAIL in message.to for message in mail.outbox)

    known, unknown = Client(), Client()
    with django_capture_on_commit_callbacks(execute=True):
        known_reset = known.post("/compte/password/reset/", {"email": EMAIL})
        unknown_reset = unknown.post("/compte/password/reset/", {"email": "personne@example.org"})
    assert known_reset.status_code == unknown_reset.status_code
    assert known_reset.get("Location") == unknown_reset.get("Location")
    known_page = normalised(known.get(known_reset["Location"]))[2].replace(EMAIL, "ADRESSE")
    unknown_page = normalised(unknown.get(unknown_reset["Location"]))[2].replace("personne@example.org", "ADRESSE")
    assert known_page == unknown_page


def test_login_errors_do_not_reveal_who_has_an_account(client, amina):
    wrong_password = text(client.post("/compte/login/", {"login": EMAIL, "password": "pas le bon"}))
    no_account = text(client.post("/compte/login/", {"login": "personne@example.org", "password": "pas le bon"}))
    strip = lambda html: re.sub(r'value="[^"]*"', "", html)  # noqa: E731
    assert strip(wrong_password) == strip(no_account)
    assert "Il y a un problème" in wrong_password


def test_the_delete_page_says_which_upcoming_registrations_will_be_cancelled(client, amina, workshop):
    client.post("/compte/login/", {"login": EMAIL, "password": PASSWORD})
    client.post("/compte/reauthenticate/", {"password": PASSWORD})
    assert "inscription à venir" not in text(client.get("/mon-espace/supprimer-mon-compte/"))

    event, (session, later) = workshop
    register(event, [session.pk], Attendee(first_name="Amina", last_name="Diallo", email=EMAIL), user=amina)
    register(event, [later.pk], Attendee(first_name="Amina", last_name="Diallo", email=EMAIL), user=amina)
    assert "vos 2 inscriptions à venir, qui sont annulées" in text(client.get("/mon-espace/supprimer-mon-compte/"))
