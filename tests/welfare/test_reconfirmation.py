"""The yearly re-confirmation: a message, two reminders, then "à appeler". Nobody is deleted silently."""

from datetime import timedelta

from django.core.management import call_command

import pytest
import time_machine

from portal.models import OutboundText
from tests.pdf_tools import pdf_text
from welfare.models import EntryEvent, RegisterEntry
from welfare.services import reconfirmation

from .conftest import MOBILE_E164, text

pytestmark = pytest.mark.django_db

A_YEAR_AGO = timedelta(days=365)


@pytest.fixture
def due(make_entry, frozen_now):
    """Two people confirmed a year ago: one with a mobile, one with a landline only."""
    with_mobile = make_entry("Roux", phone_other=MOBILE_E164, last_confirmed_at=frozen_now - A_YEAR_AGO)
    landline_only = make_entry("Bernard", last_confirmed_at=frozen_now - A_YEAR_AGO)
    recent = make_entry("Perrot", last_confirmed_at=frozen_now - timedelta(days=30))
    return with_mobile, landline_only, recent


def test_starting_texts_the_mobiles_and_lists_letters_for_the_others(
    due, veille_client, sms_outbox, django_capture_on_commit_callbacks
):
    with_mobile, landline_only, recent = due

    with django_capture_on_commit_callbacks(execute=True):
        response = veille_client.post("/admin/registre/reconfirmation/", {"action": "start"})

    assert response.status_code == 302
    for entry in due:
        entry.refresh_from_db()
    assert with_mobile.reconfirm_step == 1 and not with_mobile.letter_due
    assert landline_only.reconfirm_step == 1 and landline_only.letter_due
    assert recent.reconfirm_step == 0
    assert [message.to for message in sms_outbox] == [MOBILE_E164]
    words = sms_outbox[0].body
    assert with_mobile.reference in words and f"/suivi/{with_mobile.token}/" in words
    assert "Roux" not in words and "Jeanne" not in words and "canicule" not in words.lower()


def test_the_letters_to_post_are_a_pdf_then_marked_posted(due, veille_client):
    reconfirmation.start_reconfirmation(user=veille_client.user)
    _mobile, landline_only, _recent = due

    pdf = veille_client.get("/admin/registre/reconfirmation/courriers.pdf")
    veille_client.post("/admin/registre/reconfirmation/", {"action": "posted", "entries": [landline_only.pk]})

    content = pdf_text(pdf.content)
    assert "Jeanne Bernard" in content and "Souhaitez-vous rester inscrit·e" in content and "ROUX" not in content
    landline_only.refresh_from_db()
    assert not landline_only.letter_due


def test_two_reminders_then_a_call_and_the_entry_stays(due, veille_client, frozen_now):
    with_mobile = due[0]
    reconfirmation.start_reconfirmation(user=veille_client.user)

    steps = []
    for weeks in (1, 3, 6, 9, 12):
        with time_machine.travel(frozen_now + timedelta(weeks=weeks), tick=False):
            call_command("send_register_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        with_mobile.refresh_from_db()
        steps.append((with_mobile.reconfirm_step, with_mobile.needs_call))

    assert steps == [(1, False), (2, False), (3, False), (3, True), (3, True)]
    texts = OutboundText.objects.filter(topic=f"welfare.entry:{with_mobile.pk}")
    assert sorted(texts.values_list("kind", flat=True)) == [f"register_reconfirm_{step}" for step in (1, 2, 3)]
    assert RegisterEntry.objects.filter(pk=with_mobile.pk, status="active").exists()
    assert EntryEvent.objects.filter(entry=with_mobile, action="flagged").count() == 1


def test_the_people_to_call_are_shown_to_the_team(make_entry, veille_client):
    make_entry("Masson", reconfirm_step=3, needs_call=True)

    html = text(veille_client.get("/admin/registre/reconfirmation/"))

    assert "MASSON Jeanne" in html


def test_a_confirmation_by_phone_ends_the_reminders(due, veille_client, frozen_now):
    with_mobile = due[0]
    reconfirmation.start_reconfirmation(user=veille_client.user)

    veille_client.post(f"/admin/registre/{with_mobile.pk}/confirmation/", {"confirmation-how": "Par téléphone"})
    with time_machine.travel(frozen_now + timedelta(weeks=12), tick=False):
        sent = reconfirmation.send_reminders()

    with_mobile.refresh_from_db()
    assert with_mobile.reconfirm_step == 0 and with_mobile.last_confirmed_at == frozen_now
    assert (sent.texts, sent.letters) == (0, 1)  # only the other person: a reminder letter


def test_the_dry_run_changes_nothing(due, veille_client, frozen_now):
    reconfirmation.start_reconfirmation(user=veille_client.user)
    with time_machine.travel(frozen_now + timedelta(weeks=4), tick=False):
        counted = reconfirmation.send_reminders(dry_run=True)

    assert counted.texts == 2
    assert set(RegisterEntry.objects.values_list("reconfirm_step", flat=True)) == {0, 1}
