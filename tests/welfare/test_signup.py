"""The online sign-up: form → check answers → reference; eligibility; third parties; acknowledgements."""

import re

from django.core import mail

import pytest

from portal.models import FormDraft
from portal.references import REFERENCE_ALPHABET
from welfare.models import EntryEvent, RegisterEntry

from .conftest import CHECK_URL, DONE_URL, FORM_URL, LANDLINE_E164, MOBILE_E164, text

pytestmark = pytest.mark.django_db

REFERENCE_RE = re.compile(rf"REG-[{REFERENCE_ALPHABET}]{{4}}-[{REFERENCE_ALPHABET}]{{2}}")


def send(client, data, capture):
    """Form → check answers → send; returns the confirmation page."""
    response = client.post(FORM_URL, data)
    assert response.status_code == 302 and response["Location"] == CHECK_URL, text(response)[:3000]
    with capture(execute=True):
        response = client.post(CHECK_URL)
    assert response.status_code == 302 and response["Location"] == DONE_URL
    return client.get(DONE_URL)


def test_the_page_explains_who_can_register_and_shows_the_privacy_notice(client, form_data):
    html = text(client.get(FORM_URL))

    assert "Qui peut s'inscrire ?" in html and "65 ans ou plus" in html and "inapte au travail" in html
    assert "obligation légale" in html and "L121-6-1" in html and "CNIL" in html
    assert "volontaire" in html and "préfet" in html
    assert 'name="declaration"' in html and "checked" not in html


def test_a_person_of_72_signs_up_online_and_gets_a_reference(client, form_data, django_capture_on_commit_callbacks):
    done = send(client, form_data, django_capture_on_commit_callbacks)

    entry = RegisterEntry.objects.get()
    assert REFERENCE_RE.fullmatch(entry.reference)
    assert entry.reference in text(done)
    assert entry.status == "active" and entry.agreed_at is not None
    assert entry.age() == 72 and entry.ground == "age_65"
    assert entry.phone == LANDLINE_E164 and entry.phone_other == MOBILE_E164
    assert entry.reach_needs == ["hard_of_hearing", "morning"]
    assert EntryEvent.objects.filter(entry=entry, action="submitted").count() == 1


def test_nothing_is_saved_before_the_check_step_and_the_answers_stay_on_the_server(client, form_data):
    response = client.post(FORM_URL, form_data)

    assert response.status_code == 302 and not RegisterEntry.objects.exists()
    assert "Roux" not in str(dict(client.session.items()))
    assert FormDraft.objects.get(scope="register").data["last_name"] == "Roux"
    check = text(client.get(CHECK_URL))
    assert "Vérifiez vos réponses" in check and "Roux" in check and "12 mai 1955" in check
    assert check.count(">Modifier<") == 13  # one per answer of a sign-up for oneself


def test_the_confirmation_is_shown_once(client, form_data, django_capture_on_commit_callbacks):
    send(client, form_data, django_capture_on_commit_callbacks)
    again = client.get(DONE_URL)

    assert again.status_code == 302 and again["Location"] == FORM_URL
    assert not FormDraft.objects.exists()


def test_modifier_brings_back_the_answers(client, form_data):
    client.post(FORM_URL, form_data)
    html = text(client.get(FORM_URL))

    assert 'value="Roux"' in html and 'value="12/05/1955"' in html and 'value="06 12 34 56 78"' in html


def test_a_third_partys_sign_up_for_a_neighbour_is_pending(client, form_data, django_capture_on_commit_callbacks):
    data = {
        **form_data,
        "for_whom": "other",
        "requester_kind": "neighbour",
        "requester_name": "Monique Vasseur",
        "requester_phone": "07 81 23 45 67",
    }
    done = text(send(client, data, django_capture_on_commit_callbacks))

    entry = RegisterEntry.objects.get()
    assert entry.status == "pending" and entry.agreed_at is None
    assert entry.requester_kind == "neighbour" and entry.requester_name == "Monique Vasseur"
    assert "demander si elle est d'accord" in done


def test_a_third_party_must_say_who_they_are(client, form_data):
    response = client.post(FORM_URL, {**form_data, "for_whom": "other"})

    html = text(response)
    assert "Dites qui vous êtes pour la personne à inscrire." in html
    assert "Indiquez votre prénom et votre nom." in html
    assert not FormDraft.objects.exists()


def test_a_40_year_old_without_a_ground_is_told_who_can_register_and_offered_an_appointment(client, form_data):
    response = client.post(FORM_URL, {**form_data, "birth_date": "03/02/1987", "ground": "none"})

    html = text(response)
    assert response.status_code == 200
    assert html.count("l'inscription au registre n'est pas possible") >= 1
    assert "Le registre est réservé aux personnes de 65 ans et plus" in html
    assert 'href="/rendez-vous/"' in html and "Prendre rendez-vous" in html
    assert "<title>Erreur : " in html
    assert not FormDraft.objects.exists() and not RegisterEntry.objects.exists()


def test_a_40_year_old_who_ticks_the_age_ground_is_told_their_age_is_not_enough(client, form_data):
    response = client.post(FORM_URL, {**form_data, "birth_date": "03/02/1987", "ground": "age_65"})

    html = text(response)
    assert "À 40 ans, on ne peut pas être inscrit au titre de l'âge : il faut avoir 65 ans ou plus." in html
    assert 'href="/rendez-vous/"' in html


def test_a_40_year_old_with_a_disability_benefit_can_register(client, form_data, django_capture_on_commit_callbacks):
    data = {**form_data, "birth_date": "03/02/1987", "ground": "disability", "benefit": "aah"}
    send(client, data, django_capture_on_commit_callbacks)

    entry = RegisterEntry.objects.get()
    assert entry.ground == "disability" and entry.benefit == "aah"


def test_the_disability_ground_needs_the_benefit(client, form_data):
    html = text(client.post(FORM_URL, {**form_data, "birth_date": "03/02/1987", "ground": "disability"}))

    assert "Choisissez la prestation, la carte ou la pension de la personne." in html


def test_the_acknowledgement_email_holds_only_the_reference_and_the_link(
    client, form_data, django_capture_on_commit_callbacks
):
    send(client, {**form_data, "email": "Thierry.Roux@example.org"}, django_capture_on_commit_callbacks)
    entry = RegisterEntry.objects.get()

    acknowledgement = next(message for message in mail.outbox if message.to == ["thierry.roux@example.org"])
    body = acknowledgement.subject + acknowledgement.body + acknowledgement.alternatives[0][0]
    assert entry.reference in acknowledgement.subject
    assert f"/registre-personnes-vulnerables/suivi/{entry.token}/" in body
    for secret in ("Roux", "Madeleine", "Lilas", "1955", "Saint-Aubin", "0380123456", "03 80", "Thierry", "handicap"):
        assert secret not in body
    assert not hasattr(entry, "email")


def test_the_team_is_told_with_the_reference_and_an_admin_link_only(
    client, form_data, django_capture_on_commit_callbacks
):
    send(client, form_data, django_capture_on_commit_callbacks)
    entry = RegisterEntry.objects.get()

    notification = next(message for message in mail.outbox if message.to == ["veille@ccas-test.example"])
    body = notification.subject + notification.body + notification.alternatives[0][0]
    assert entry.reference in body and f"/admin/registre/{entry.pk}/" in body
    assert entry.token not in body
    for secret in ("Roux", "Madeleine", "Lilas", "1955", "Saint-Aubin"):
        assert secret not in body


def test_the_acknowledgement_text_goes_to_the_mobile_with_the_reference_only(
    client, form_data, sms_outbox, django_capture_on_commit_callbacks
):
    send(client, {**form_data, "by_text": "on"}, django_capture_on_commit_callbacks)
    entry = RegisterEntry.objects.get()

    assert [message.to for message in sms_outbox] == [MOBILE_E164]
    words = sms_outbox[0].body
    assert entry.reference in words and "03 53 01 00 00" in words
    for secret in ("Roux", "Madeleine", "registre", "canicule", "Lilas"):
        assert secret not in words


def test_a_text_needs_a_mobile(client, form_data):
    html = text(client.post(FORM_URL, {**form_data, "phone_other": "", "by_text": "on"}))

    assert "Pour recevoir un SMS, indiquez un numéro de portable" in html
    assert not FormDraft.objects.exists()


def test_a_robot_filling_the_hidden_field_saves_nothing(client, form_data):
    response = client.post(FORM_URL, {**form_data, "website": "http://spam.example"})

    assert response.status_code == 302 and response["Location"] == FORM_URL
    assert not FormDraft.objects.exists()
    assert client.get(CHECK_URL)["Location"] == FORM_URL


def test_the_11th_sign_up_in_an_hour_is_refused_and_saves_nothing(
    client, form_data, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_FORM_RATE_LIMITS = {**settings.PUBLIC_FORM_RATE_LIMITS, "register": 2}
    send(client, form_data, django_capture_on_commit_callbacks)
    send(client, {**form_data, "last_name": "Perrot"}, django_capture_on_commit_callbacks)

    refused = client.post(FORM_URL, {**form_data, "last_name": "Bernard"})

    assert refused.status_code == 429 and "Retry-After" in refused
    assert RegisterEntry.objects.count() == 2 and not FormDraft.objects.filter(data__last_name="Bernard").exists()


def test_errors_cost_nothing_against_the_limit(client, form_data, settings, django_capture_on_commit_callbacks):
    settings.PUBLIC_FORM_RATE_LIMITS = {**settings.PUBLIC_FORM_RATE_LIMITS, "register": 1}
    for _attempt in range(3):
        assert client.post(FORM_URL, {**form_data, "birth_date": "31/02/1950"}).status_code == 200

    send(client, form_data, django_capture_on_commit_callbacks)

    assert RegisterEntry.objects.count() == 1


def test_the_quick_exit_erases_the_answers_being_typed(client, form_data):
    client.post(FORM_URL, form_data)
    assert FormDraft.objects.exists()

    client.get("/quitter/")

    assert not FormDraft.objects.exists()
    assert client.get(CHECK_URL)["Location"] == FORM_URL


def test_answers_abandoned_for_30_minutes_are_gone(client, form_data, frozen_now):
    import time_machine

    from portal import drafts

    client.post(FORM_URL, form_data)
    with time_machine.travel(frozen_now.timestamp() + 31 * 60, tick=False):
        assert client.get(CHECK_URL)["Location"] == FORM_URL
        assert drafts.purge() == 1
