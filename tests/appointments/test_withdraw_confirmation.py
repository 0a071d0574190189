"""RGAA 11.12: the status link's "Retirer ma demande" asks before withdrawing anything."""

import pytest

from appointments.models import AppointmentRequest
from tests.appointments.test_public_flow import mailed_status_link, submit, text

pytestmark = pytest.mark.django_db


def test_the_status_page_button_leads_to_a_confirmation_that_withdraws_nothing(
    client, form_data, django_capture_on_commit_callbacks
):
    submit(client, form_data, django_capture_on_commit_callbacks)
    link = mailed_status_link()
    assert '<input type="hidden" name="etape" value="confirmer">' in text(client.get(link))

    asked = client.post(link + "retirer/", {"etape": "confirmer"})
    html = text(asked)

    assert asked.status_code == 200
    assert "Retirer votre demande de rendez-vous ?" in html
    assert "Oui, retirer ma demande" in html
    assert f'<a href="{link}">Non, garder ma demande</a>' in html
    assert AppointmentRequest.objects.get().is_open

    client.post(link + "retirer/")
    assert not AppointmentRequest.objects.get().is_open
