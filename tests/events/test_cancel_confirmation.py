"""RGAA 11.12: the personal link's "Annuler mon inscription" asks before cancelling anything."""

import pytest

from events.models import Registration
from tests.events.test_registration_views import booked, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def test_the_manage_page_button_leads_to_a_confirmation_that_cancels_nothing(client, workshop):
    event, [session, _] = workshop
    booking = booked(event, session)
    manage = text(client.get(f"/inscription/{booking.token}/"))
    assert '<input type="hidden" name="etape" value="confirmer">' in manage

    asked = client.post(f"/inscription/{booking.token}/annuler/", {"etape": "confirmer"})
    html = text(asked)

    assert asked.status_code == 200
    assert "<h1>Annuler votre inscription ?</h1>" in html
    assert "Oui, annuler mon inscription" in html
    assert f'<a href="/inscription/{booking.token}/">Non, garder mon inscription</a>' in html
    assert Registration.objects.get().status == Registration.Status.CONFIRMED

    done = client.post(f"/inscription/{booking.token}/annuler/", follow=True)
    assert "Votre inscription est annulée" in text(done)
    assert Registration.objects.get().status == Registration.Status.CANCELLED


def test_an_already_cancelled_registration_is_not_asked_again(client, workshop):
    event, [session, _] = workshop
    booking = booked(event, session)
    client.post(f"/inscription/{booking.token}/annuler/")

    again = client.post(f"/inscription/{booking.token}/annuler/", {"etape": "confirmer"}, follow=True)

    assert "Cette inscription était déjà annulée" in text(again)
