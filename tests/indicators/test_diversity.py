"""The optional "Pour nous aider à mieux vous connaître" questions of the registration form."""

from datetime import date

import pytest

from events.forms import RegistrationForm
from events.models import EventSession, Registration
from indicators.figures import Period, participants_figures
from indicators.models import DiversityAnswer
from tests.factories import EventIndexPageFactory, EventPageFactory, VenueFactory

from .conftest import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

FORM = {
    "first_name": "Nadia",
    "last_name": "Benali",
    "email": "nadia.benali@example.org",
    "phone": "",
    "adults": "1",
    "children": "2",
    "consent": "on",
}


@pytest.fixture
def workshop(home_page, site_settings):
    agenda = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(
        parent=agenda,
        title="Atelier budget",
        registration_required=True,
        online_registration=True,
        capacity=8,
    )
    day = date(2026, 12, 18)
    session = EventSession.objects.create(event=event, start=at(day), end=at(day, 16), venue=VenueFactory())
    return event, session


def post(client, workshop, **extra):
    event, session = workshop
    return client.post(f"{event.url}inscription/?seance={session.pk}", {**FORM, **extra})


def test_the_block_is_optional_and_offers_to_prefer_not_to_answer(client, workshop):
    event, session = workshop
    html = client.get(f"{event.url}inscription/?seance={session.pk}").content.decode()
    assert "Pour nous aider à mieux vous connaître (facultatif)" in html
    assert html.count("Je préfère ne pas répondre") >= 3
    assert 'name="age_band"' in html
    assert "checked" not in html.split("Pour nous aider")[1].split("</fieldset>")[0]


def test_skipping_the_questions_registers_and_stores_nothing_about_them(client, workshop):
    response = post(client, workshop)
    assert response.status_code == 302
    assert Registration.objects.count() == 1
    assert DiversityAnswer.objects.count() == 0


def test_answers_are_stored_apart_from_the_registration_with_the_session_only(client, workshop):
    _event, session = workshop
    response = post(client, workshop, age_band="26-39", family_situation="parent-seul", caregiver="non-repondu")
    assert response.status_code == 302
    registration = Registration.objects.get()
    answer = DiversityAnswer.objects.get()
    assert (answer.age_band, answer.family_situation, answer.caregiver) == ("26-39", "parent-seul", "non-repondu")
    assert answer.session == session
    assert answer.session_day == date(2026, 12, 18)
    # Nothing in the answer points to the person or the registration, not even a time.
    assert {field.name for field in DiversityAnswer._meta.fields} == {
        "id",
        "session",
        "session_day",
        "age_band",
        "family_situation",
        "caregiver",
    }
    assert not [field for field in Registration._meta.get_fields() if field.related_model is DiversityAnswer]
    values = " ".join(str(value) for value in answer.__dict__.values())
    for personal in ("Nadia", "Benali", "nadia", registration.token_key, registration.token_hash):
        assert personal not in values


def test_a_wrong_choice_is_an_error_and_nothing_is_saved(client, workshop):
    response = post(client, workshop, age_band="centenaire")
    assert response.status_code == 200
    assert "Il y a un problème" in response.content.decode()
    assert Registration.objects.count() == 0
    assert DiversityAnswer.objects.count() == 0


def test_the_answers_only_appear_aggregated_in_the_indicators(client, workshop):
    post(client, workshop, age_band="18-25")
    post(client, workshop, age_band="18-25", email="autre@example.org")
    rows = {
        row[0]: row[1]
        for table in participants_figures(Period.year(2026)).tables
        if table.key == "participants-age"
        for row in table.rows
    }
    assert rows["18 à 25 ans"] == 2


def test_the_form_gives_the_answers_for_separate_storage():
    form = RegistrationForm(
        {**FORM, "caregiver": "oui"},
        event=EventPageFactory.build(max_people_per_registration=4),
        organisation="CCAS",
    )
    assert form.is_valid(), form.errors
    assert form.question_answers() == {"age_band": "", "family_situation": "", "caregiver": "oui"}
