"""Bad input on every field of the sign-up form: a French error beside the field, nothing saved."""

import pytest

from portal.models import FormDraft
from welfare.models import RegisterEntry

from .conftest import FORM_URL, text

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"

BAD_INPUT = [
    ("birth_date", "31/02/1950", "Cette date n'existe pas : vérifiez le jour et le mois"),
    ("birth_date", "12/13/1950", "Cette date n'existe pas : vérifiez le jour et le mois"),
    ("birth_date", "00/05/1950", "Cette date n'existe pas : vérifiez le jour et le mois"),
    ("birth_date", "12/05/2031", "La date de naissance ne peut pas être dans le futur"),
    ("birth_date", "16/07/2027", "La date de naissance ne peut pas être dans le futur"),
    ("birth_date", "12/05/1850", "elle donne un âge de plus de 120 ans"),
    ("birth_date", "12/05/55", "Écrivez l'année avec 4 chiffres"),
    ("birth_date", "le 12 mai", "Écrivez la date de naissance avec le jour, le mois et l'année"),
    ("birth_date", "", "Indiquez la date de naissance"),
    ("birth_date", SCRIPT, "Écrivez la date de naissance avec le jour, le mois et l'année"),
    ("phone", "0" * 30, "Ce numéro est trop long"),
    ("phone", "06 12 34 56 78 90 12 34 56 78 90 12 34 56", "Ce numéro est trop long"),
    ("phone", "06 12 AB 56 78", "Écrivez le numéro avec des chiffres seulement"),
    ("phone", "", "Indiquez un numéro de téléphone"),
    ("phone", SCRIPT, "Écrivez le numéro avec des chiffres seulement"),
    ("phone_other", "1" * 30, "Ce numéro est trop long"),
    ("phone_other", "+44 20 7946 0958", "Seuls les numéros français sont acceptés"),
    ("home_care_phone", "12", "Ce numéro est trop court"),
    ("emergency_phone", "9" * 31, "Ce numéro est trop long"),
    ("first_name", SCRIPT, "Retirez les signes « < » et « > »"),
    ("first_name", "", "Indiquez votre prénom"),
    ("first_name", "Jean\u202ene", "sans caractère spécial invisible"),
    ("first_name", "x" * 101, "100 caractères"),
    ("last_name", SCRIPT, "Retirez les signes « < » et « > »"),
    ("last_name", "1234", "Écrivez ce nom avec des lettres"),
    ("address", SCRIPT, "Retirez les signes « < » et « > »"),
    ("address", "", "Indiquez l'adresse où vit la personne"),
    ("address", "r" * 201, "Écrivez 200 caractères au plus"),
    ("address_extra", "<b>bâtiment</b>", "Retirez les signes « < » et « > »"),
    ("home_care_service", SCRIPT, "Retirez les signes « < » et « > »"),
    ("emergency_contact", SCRIPT, "Retirez les signes « < » et « > »"),
    ("reach_notes", SCRIPT, "Retirez les signes « < » et « > »"),
    ("reach_notes", "\u200bsonner", "caractères invisibles"),
    ("ground", "", "Choisissez la situation qui correspond"),
    ("ground", "rich", "Sélectionnez un choix valide"),
    ("commune", "", "Choisissez la commune où vit la personne"),
    ("commune", "999999", "Choisissez une commune de la liste"),
    ("reach_needs", "telepathy", "Sélectionnez un choix valide"),
    ("email", "pas-une-adresse", "Écrivez une adresse e-mail complète"),
    ("email", SCRIPT, "Écrivez une adresse e-mail complète"),
    ("for_whom", "", "Dites si la demande est pour vous ou pour une autre personne"),
    ("declaration", "", "Cochez la case pour que nous puissions enregistrer la demande"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUT)
def test_bad_input_gets_a_french_error_and_saves_nothing(client, form_data, field, value, message):
    response = client.post(FORM_URL, {**form_data, field: value})

    html = text(response)
    assert response.status_code == 200
    assert message in html, (field, value)
    assert f'href="#id_{field}' in html  # the error summary links to the field
    assert "<title>Erreur : " in html
    assert not FormDraft.objects.exists() and not RegisterEntry.objects.exists()


def test_a_script_typed_by_a_third_party_as_their_name_is_refused(client, form_data):
    data = {**form_data, "for_whom": "other", "requester_kind": "neighbour", "requester_name": "<script>x</script>"}

    response = client.post(FORM_URL, data)

    assert "Retirez les signes « < » et « > »" in text(response) and b"<script>x" not in response.content
    assert not FormDraft.objects.exists()


def test_a_home_care_phone_needs_the_service_name(client, form_data):
    html = text(client.post(FORM_URL, {**form_data, "home_care_phone": "03 80 12 34 57"}))

    assert "Indiquez le nom du service à domicile de ce numéro." in html


def test_typed_values_are_kept_after_an_error(client, form_data):
    html = text(client.post(FORM_URL, {**form_data, "birth_date": "31/02/1950"}))

    assert 'value="31/02/1950"' in html and 'value="Roux"' in html and 'aria-invalid="true"' in html


THIRD_PARTY_BAD_INPUT = [
    ("requester_kind", "mayor", "Sélectionnez un choix valide"),
    ("requester_name", "<i>Monique</i>", "Retirez les signes « < » et « > »"),
    ("requester_name", "x" * 151, "150 caractères"),
    ("requester_phone", "0" * 30, "Ce numéro est trop long"),
    ("requester_phone", "07 81 23", "Ce numéro est trop court"),
]


@pytest.mark.parametrize(("field", "value", "message"), THIRD_PARTY_BAD_INPUT)
def test_bad_input_about_the_third_party_saves_nothing(client, form_data, field, value, message):
    data = {**form_data, "for_whom": "other", "requester_kind": "neighbour", "requester_name": "Monique Vasseur"}

    html = text(client.post(FORM_URL, {**data, field: value}))

    assert message in html and f'href="#id_{field}' in html
    assert not FormDraft.objects.exists()


def test_an_unknown_benefit_is_refused(client, form_data):
    html = text(client.post(FORM_URL, {**form_data, "ground": "disability", "benefit": "lottery"}))

    assert "Sélectionnez un choix valide" in html and not FormDraft.objects.exists()


def test_a_post_without_its_csrf_token_is_refused_and_saves_nothing(form_data):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(FORM_URL, form_data)

    assert response.status_code == 403 and not FormDraft.objects.exists()
