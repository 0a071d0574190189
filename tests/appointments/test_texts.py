"""Text messages about an appointment request: the reference and the status link, the proposed
appointment; never the subject, the message or the needs."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse

import pytest
import time_machine

from appointments import services
from appointments.models import REFERENCE_ALPHABET, AppointmentRequest
from portal.models import OutboundText
from portal.sms import gsm

from .conftest import text

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# A Tuesday, 10:00 in Paris: outside the quiet hours.
NOW = datetime(2027, 3, 16, 10, 0, tzinfo=PARIS)
MOBILE = "06 12 34 56 78"
SHORT_LINK = re.compile(r"http://localhost(/r/[\w-]{22}/)")
SECRETS = ("Logement", "CAF", "courrier", "Nadia", "Benali", "interprète")


REFERENCE = re.compile(rf"RDV-[{REFERENCE_ALPHABET}]{{4}}-[{REFERENCE_ALPHABET}]{{2}}")


def tells_a_secret(body):
    """Whether the text names the subject, the message or the person; the random link token and
    reference are left out (a token such as "...mtCAFnq..." once spelled a secret by chance)."""
    words = REFERENCE.sub(" ", SHORT_LINK.sub(" ", body)).lower()
    return any(secret.lower() in words for secret in SECRETS)


def test_the_secret_check_sees_a_secret_but_not_inside_a_random_token():
    link = "http://localhost/r/TXp7Z15z2qHKMTcAFNqzX8/"
    assert not tells_a_secret(f"Demande RDV-CAF7-Q9 bien enregistrée. Suivi : {link}")
    assert tells_a_secret(f"Demande RDV-7K3M-Q9 (courrier de la CAF). Suivi : {link}")


@pytest.fixture(autouse=True)
def ten_o_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def send(client, data, capture):
    client.post("/rendez-vous/", data)
    with capture(execute=True):
        response = client.post("/rendez-vous/verifier/")
    assert response["Location"] == "/rendez-vous/confirmation/"
    return client.get("/rendez-vous/confirmation/")


def test_a_mobile_only_request_gets_its_reference_and_a_working_status_link_nothing_else(
    client, form_data, sms_outbox, django_capture_on_commit_callbacks
):
    page = send(client, {**form_data, "phone": MOBILE, "email": ""}, django_capture_on_commit_callbacks)

    request = AppointmentRequest.objects.get()
    [message] = sms_outbox
    assert message.to == "+33612345678"
    assert request.reference in message.body and gsm.measure(message.body).segments == 1
    assert not tells_a_secret(message.body)
    assert "Vous allez recevoir un SMS au <strong>06 12 34 56 78</strong>" in text(page)
    opened = client.get(SHORT_LINK.search(message.body).group(1))
    assert opened.status_code == 302 and opened["Location"].startswith("/rendez-vous/suivi/")
    status = client.get(opened["Location"])
    assert status.status_code == 200 and request.reference in text(status)


def test_a_wrong_short_link_is_a_404(client, form_data):
    assert client.get("/r/" + "A" * 22 + "/").status_code == 404
    assert client.get("/r/trop-court/").status_code == 404


def test_no_text_when_refused_or_for_a_landline_and_the_check_page_says_so(
    client, form_data, sms_outbox, django_capture_on_commit_callbacks
):
    client.post("/rendez-vous/", {**form_data, "phone": "03 53 01 42 10", "email": ""})
    check = text(client.get("/rendez-vous/verifier/"))
    assert "Pas de SMS : ce numéro est un fixe, nous vous appelons" in check
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/rendez-vous/verifier/")

    send(client, {**form_data, "phone": MOBILE, "email": "", "no_texts": "on"}, django_capture_on_commit_callbacks)

    assert sms_outbox == [] and OutboundText.objects.count() == 0
    assert AppointmentRequest.objects.filter(no_texts=True).count() == 1


def test_the_proposed_appointment_is_texted_with_date_time_and_place_never_the_subject(
    social_client, form_data, site, sms_outbox, django_capture_on_commit_callbacks
):
    data = {**form_data, "subject": int(form_data["subject"]), "commune": int(form_data["commune"])}
    with django_capture_on_commit_callbacks(execute=True):
        request = services.submit_request(site=site, page=None, data={**data, "phone": "+33612345678"}).request
    sms_outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = social_client.post(
            reverse("rendez_vous:action", args=[request.pk]),
            {
                "action": "proposal",
                "proposal-date": "2027-03-18",
                "proposal-time": "09:30",
                "proposal-place": "Maison des solidarités, 12 rue des Tanneurs",
            },
        )

    [message] = sms_outbox
    assert message.body.startswith("Rendez-vous proposé jeu. 18 mars 9h30, Maison des solidarités, 12 rue des Tanneurs")
    assert request.reference in message.body and gsm.measure(message.body).segments == 1
    assert not tells_a_secret(message.body)
    page = text(social_client.get(response["Location"]))
    assert "la personne le reçoit par SMS" in page
    assert "rendez-vous proposé : envoyé" in page and "accusé de réception : envoyé" in page


def test_a_withdrawn_request_sends_nothing_more_and_the_purge_erases_its_texts(
    form_data, site, sms_outbox, django_capture_on_commit_callbacks
):
    data = {**form_data, "subject": int(form_data["subject"]), "commune": int(form_data["commune"])}
    with time_machine.travel(NOW.replace(hour=22), tick=False):  # quiet hours: the text waits for 08:00
        request = services.submit_request(site=site, page=None, data={**data, "phone": "+33612345678"}).request
    assert OutboundText.objects.get().status == OutboundText.Status.PENDING

    services.withdraw(request.pk)
    assert OutboundText.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_request(site=site, page=None, data={**data, "phone": "+33612345678"})
    assert len(sms_outbox) == 1
    services.change_status(AppointmentRequest.objects.latest("pk").pk, "closed", user=None)
    with time_machine.travel(NOW + timedelta(days=400), tick=False):
        services.purge_expired()
    assert AppointmentRequest.objects.count() == 0
    text_row = OutboundText.objects.get()
    assert (text_row.topic, text_row.recipient, text_row.body) == ("", "", "")
