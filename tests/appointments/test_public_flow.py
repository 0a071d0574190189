"""The public request flow through the test client: form, check answers, confirmation, status link."""

import re

from django.core import mail
from django.test import Client, override_settings

import pytest

from appointments.models import REFERENCE_ALPHABET, AppointmentEvent, AppointmentRequest, Status, new_reference
from appointments.views import PENDING_KEY
from portal.models import OutboundEmail

from .conftest import text

pytestmark = pytest.mark.django_db

REFERENCE_RE = re.compile(rf"^RDV-[{REFERENCE_ALPHABET}]{{4}}-[{REFERENCE_ALPHABET}]{{2}}$")
FORM_URL = "/rendez-vous/"
CHECK_URL = "/rendez-vous/verifier/"
DONE_URL = "/rendez-vous/confirmation/"


def submit(client, data, capture):
    """Form → check answers → send; returns the confirmation page."""
    response = client.post(FORM_URL, data)
    assert response.status_code == 302 and response["Location"] == CHECK_URL
    with capture(execute=True):
        response = client.post(CHECK_URL)
    assert response.status_code == 302 and response["Location"] == DONE_URL
    return client.get(DONE_URL)


def status_link(body):
    return re.search(r"(/rendez-vous/suivi/[\w-]+/)", body).group(1)


def mailed_status_link():
    """The status link, from the acknowledgement email (the page no longer shows it)."""
    acknowledgement = next(message for message in mail.outbox if "suivi" in message.body)
    return status_link(acknowledgement.body)


def test_the_form_shows_the_urgent_numbers_the_quick_exit_and_the_notice(client, form_data):
    response = client.get(FORM_URL)
    html = text(response)

    assert response.status_code == 200
    for number in ("15", "17", "18", "112", "115", "119", "3919"):
        assert f'href="tel:{number}"' in html
    assert 'href="/quitter/"' in html and "Quitter rapidement" in html
    assert "js/quick-exit.js" in html
    assert "12 mois après sa clôture" in html
    assert "CNIL" in html and "responsable du traitement" in html
    assert "N'écrivez pas d'information sur votre santé" in html
    assert 'name="consent"' in html and "checked" not in html


def test_the_whole_flow_gives_a_reference_and_two_minimal_emails(client, form_data, django_capture_on_commit_callbacks):
    response = client.post(FORM_URL, form_data)
    assert response.status_code == 302
    assert "Nadia" not in response["Location"]
    assert AppointmentRequest.objects.count() == 0  # nothing saved before the check

    check = text(client.get(CHECK_URL))
    assert "Vérifiez votre demande" in check
    assert check.count(">Modifier<") == 12
    assert "Benali" in check and "06 39 98 00 11" in check and "Logement" in check

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(CHECK_URL)
    done = client.get(sent["Location"])
    request = AppointmentRequest.objects.get()

    assert REFERENCE_RE.match(request.reference)
    assert request.reference in text(done)
    assert "no-store" in done["Cache-Control"] and done["Referrer-Policy"] == "same-origin"
    assert request.status == Status.NEW and request.phone == "+33639980011"
    assert request.email == "nadia.benali@example.org" and request.needs_interpreter
    assert request.availability == ["mon-am", "wed-pm"]
    assert client.session.get(PENDING_KEY) is None
    assert AppointmentEvent.objects.filter(request=request, action="submitted").count() == 1

    assert len(mail.outbox) == 2
    acknowledgement, notification = sorted(mail.outbox, key=lambda m: m.to != ["nadia.benali@example.org"])
    assert acknowledgement.to == ["nadia.benali@example.org"]
    ack_body = acknowledgement.body + acknowledgement.alternatives[0][0]
    assert request.reference in acknowledgement.subject and request.reference in ack_body
    assert f"/rendez-vous/suivi/{request.token}/" in ack_body
    for secret in ("Nadia", "Benali", "Logement", "CAF", "0639980011", "06 39 98 00 11", "639980011", "Saint-Aubin"):
        assert secret not in ack_body and secret not in acknowledgement.subject

    assert notification.to == ["equipe@ccas-test.example"]
    staff_body = notification.body + notification.alternatives[0][0]
    assert request.reference in staff_body
    assert f"/admin/rendez-vous/{request.pk}/" in staff_body
    assert request.token not in staff_body
    for secret in ("Nadia", "Benali", "Logement", "CAF", "639980011", "nadia.benali", "Saint-Aubin"):
        assert secret not in staff_body and secret not in notification.subject
    assert not notification.attachments


def test_references_are_random_not_sequential(client, form_data, django_capture_on_commit_callbacks):
    for _i in range(5):
        submit(client, form_data, django_capture_on_commit_callbacks)
    references = list(AppointmentRequest.objects.order_by("pk").values_list("reference", flat=True))
    draws = [new_reference() for _i in range(2000)]

    assert len(set(references)) == 5
    assert all(REFERENCE_RE.match(reference) for reference in references)
    # 2,000 draws from 25^6 references: (almost) no repeat, and every position uses the whole
    # alphabet, which a counter or a clock-based code would not.
    assert len(set(draws)) >= 1990
    for position in (4, 5, 6, 7, 9, 10):
        assert {draw[position] for draw in draws} == set(REFERENCE_ALPHABET)


def test_modifier_brings_back_the_answers(client, form_data):
    client.post(FORM_URL, form_data)
    html = text(client.get(FORM_URL))

    assert 'value="Benali"' in html and 'value="06 39 98 00 11"' in html
    assert re.search(r'<input type="checkbox" name="availability" value="mon-am"[^>]*checked', html)
    assert not re.search(r'value="tue-am"[^>]*checked', html)

    changed = client.post(FORM_URL, {**form_data, "last_name": "Benali-Roux"})
    assert changed.status_code == 302
    assert "Benali-Roux" in text(client.get(CHECK_URL))


def test_a_phone_only_request_sends_only_the_staff_notification(client, form_data, django_capture_on_commit_callbacks):
    submit(client, {**form_data, "email": ""}, django_capture_on_commit_callbacks)

    assert [message.to for message in mail.outbox] == [["equipe@ccas-test.example"]]


@pytest.mark.parametrize(
    "field",
    ["subject", "contact_preference", "place", "first_name", "last_name", "commune", "consent"],
)
def test_each_missing_required_field_saves_nothing(client, form_data, field):
    data = {key: value for key, value in form_data.items() if key != field}

    response = client.post(FORM_URL, data)
    html = text(response)

    assert response.status_code == 200
    assert html.count("Il y a un problème") == 1
    assert "<title>Erreur : " in html
    assert client.session.get(PENDING_KEY) is None
    assert AppointmentRequest.objects.count() == 0 and OutboundEmail.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"message": "x" * 1001}, "1000 caractères au plus"),
        ({"first_name": "x" * 101}, "Prénom"),
        ({"phone": "", "email": ""}, "Indiquez un numéro de téléphone ou une adresse e-mail"),
        ({"phone": "12345"}, "10 chiffres"),
        ({"email": "nadia@"}, "adresse e-mail complète"),
        ({"contact_preference": "email", "email": ""}, "pour être contacté par e-mail"),
        ({"place": "moon"}, "Il y a un problème"),
        ({"availability": ["sun-am"]}, "Il y a un problème"),
    ],
)
def test_bad_input_saves_nothing(client, form_data, changes, message):
    response = client.post(FORM_URL, {**form_data, **changes})

    assert response.status_code == 200
    assert message in text(response)
    assert AppointmentRequest.objects.count() == 0 and client.session.get(PENDING_KEY) is None


def test_the_check_page_without_answers_goes_back_to_the_form(client, form_data):
    assert client.get(CHECK_URL)["Location"] == FORM_URL
    assert client.post(CHECK_URL)["Location"] == FORM_URL
    assert AppointmentRequest.objects.count() == 0


def test_the_honeypot_discards_silently(client, form_data):
    response = client.post(FORM_URL, {**form_data, "website": "http://spam.example"})

    assert response.status_code == 302 and response["Location"] == FORM_URL
    assert client.session.get(PENDING_KEY) is None
    assert AppointmentRequest.objects.count() == 0


@override_settings(PUBLIC_FORM_RATE_LIMITS={"appointment": 3})
def test_after_the_hourly_limit_of_sent_requests_the_next_post_gets_a_429(
    client, form_data, django_capture_on_commit_callbacks
):
    for _i in range(3):
        submit(client, form_data, django_capture_on_commit_callbacks)
    response = client.post(FORM_URL, form_data)

    assert response.status_code == 429
    assert "trop" in text(response).lower()
    assert client.session.get(PENDING_KEY) is None
    assert AppointmentRequest.objects.count() == 3


@override_settings(PUBLIC_FORM_RATE_LIMITS={"appointment": 3})
def test_posts_sent_back_with_errors_do_not_count_against_the_limit(
    client, form_data, django_capture_on_commit_callbacks
):
    for _i in range(10):
        assert client.post(FORM_URL, {**form_data, "first_name": ""}).status_code == 200

    submit(client, form_data, django_capture_on_commit_callbacks)

    assert AppointmentRequest.objects.count() == 1


def test_posts_without_csrf_token_are_refused(form_data, django_capture_on_commit_callbacks):
    csrf_client = Client(enforce_csrf_checks=True)

    assert csrf_client.post(FORM_URL, form_data).status_code == 403
    # With answers pending in the session, the final POST still needs the token.
    plain = Client()
    plain.post(FORM_URL, form_data)
    csrf_client.cookies = plain.cookies
    assert csrf_client.post(CHECK_URL).status_code == 403
    assert AppointmentRequest.objects.count() == 0


def test_the_status_link(client, form_data, django_capture_on_commit_callbacks):
    submit(client, form_data, django_capture_on_commit_callbacks)
    link = mailed_status_link()
    request = AppointmentRequest.objects.get()
    before = AppointmentRequest.objects.values().get()

    other = Client()
    pages = [other.get(link) for _i in range(10)]

    assert all(page.status_code == 200 for page in pages)
    html = text(pages[0])
    assert request.reference in html and "Logement" in html and "Nouvelle" in html
    assert "Benali" not in html and "639980011" not in html
    assert "no-store" in pages[0]["Cache-Control"]
    assert pages[0]["Referrer-Policy"] == "same-origin"
    assert AppointmentRequest.objects.values().get() == before
    assert other.get(link + "retirer/").status_code == 405
    assert AppointmentRequest.objects.get().status == Status.NEW


def test_a_wrong_token_is_a_404_indistinguishable(client, form_data, django_capture_on_commit_callbacks):
    submit(client, form_data, django_capture_on_commit_callbacks)
    link = mailed_status_link()
    token = link.split("/")[-2]
    wrong_token = token[:-1] + ("B" if token.endswith("A") else "A")

    wrong = client.get(f"/rendez-vous/suivi/{wrong_token}/")
    unknown = client.get("/rendez-vous/suivi/nimportequoi/")
    posted = client.post(f"/rendez-vous/suivi/{wrong_token}/retirer/")

    assert wrong.status_code == unknown.status_code == posted.status_code == 404
    assert wrong.content == unknown.content


def test_the_resident_withdraws_by_post(client, form_data, django_capture_on_commit_callbacks):
    submit(client, form_data, django_capture_on_commit_callbacks)
    link = mailed_status_link()
    csrf_client = Client(enforce_csrf_checks=True)

    assert csrf_client.post(link + "retirer/").status_code == 403
    response = client.post(link + "retirer/")
    request = AppointmentRequest.objects.get()

    assert response.status_code == 302 and response["Location"] == link
    assert request.status == Status.DROPPED and request.withdrawn_at and request.closed_at
    assert "Votre demande est retirée" in text(client.get(link))
    assert "Retirer ma demande" not in text(client.get(link))
    assert AppointmentEvent.objects.filter(request=request, action="withdrawn", user=None).count() == 1

    client.post(link + "retirer/")
    assert AppointmentEvent.objects.filter(request=request, action="withdrawn").count() == 1


def test_the_confirmation_needs_the_session(client, form_data):
    assert client.get(DONE_URL)["Location"] == FORM_URL


def test_form_data_is_not_in_the_url_nor_in_the_check_page_links(client, form_data):
    response = client.post(FORM_URL, form_data)
    check = client.get(response["Location"]).content.decode()

    for link in re.findall(r'href="([^"]+)"', check):
        assert "Benali" not in link and "639980011" not in link


def test_an_inactive_subject_is_not_offered(client, form_data, subjects):
    subjects[1].active = False
    subjects[1].save()

    html = text(client.get(FORM_URL))

    assert "Logement" in html and "Aide financière" not in html
