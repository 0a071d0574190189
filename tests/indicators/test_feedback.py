"""Feedback after a session: who is asked, once, and the anonymous one-answer form."""

import re
from datetime import date, datetime, timedelta

from django.core.management import call_command

import pytest
import time_machine

from events.models import EventSession, Registration
from indicators import services
from indicators.models import FeedbackAnswer, FeedbackClaim, FeedbackLink
from tests.factories import EventIndexPageFactory, EventPageFactory, VenueFactory

from .conftest import PARIS, register

pytestmark = pytest.mark.django_db

# Sessions end on Monday 7 December 2026 at 16:00; the command runs the next morning.
SESSION_DAY = date(2026, 12, 7)
NEXT_MORNING = datetime(2026, 12, 8, 9, 0, tzinfo=PARIS)


@pytest.fixture
def event(home_page):
    agenda = EventIndexPageFactory(parent=home_page)
    return EventPageFactory(parent=agenda, title="Groupe d'aidants")


def session_on(event, day, *, status=EventSession.Status.SCHEDULED):
    start = datetime(day.year, day.month, day.day, 14, tzinfo=PARIS)
    return EventSession.objects.create(
        event=event, start=start, end=start + timedelta(hours=2), venue=VenueFactory(), status=status
    )


@pytest.fixture
def run_command(django_capture_on_commit_callbacks):
    """Run the command at a given time; emails leave after commit, as in production."""

    def run(at=NEXT_MORNING):
        with time_machine.travel(at, tick=False), django_capture_on_commit_callbacks(execute=True):
            call_command("send_feedback_requests", stdout=open("/dev/null", "w"))  # noqa: SIM115

    return run


def recipients(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


def link_in(message):
    return re.search(r"/avis/([\w-]+)/", message.body).group(1)


def test_people_marked_present_are_asked_once_even_if_the_command_runs_twice(run_command, event, mailoutbox):
    session = session_on(event, SESSION_DAY)
    register(session, "Ana", email="ana@example.org", attended=True)
    register(session, "Ben", email="ben@example.org", attended=False)
    register(session, "Cid", email="cid@example.org", attended=None)  # not marked while others were
    run_command()
    run_command()
    run_command(NEXT_MORNING + timedelta(days=1))
    assert recipients(mailoutbox) == ["ana@example.org"]
    assert FeedbackLink.objects.count() == 1
    message = mailoutbox[0]
    assert message.subject == "Votre avis sur « Groupe d'aidants »"
    assert "/avis/" in message.body
    assert "Ana" in message.body


def test_every_confirmed_registrant_is_asked_when_attendance_was_not_taken(run_command, event, mailoutbox):
    session = session_on(event, SESSION_DAY)
    register(session, "Ana", email="ana@example.org")
    register(session, "Ben", email="ben@example.org")
    register(session, "Cid", email="cid@example.org", status=Registration.Status.CANCELLED)
    register(session, "Dia", email="dia@example.org", status=Registration.Status.WAITING)
    register(session, "Eli", phone="0611223344")  # no address: the team calls instead
    run_command()
    assert recipients(mailoutbox) == ["ana@example.org", "ben@example.org"]


def test_nobody_is_asked_before_the_session_took_place_nor_for_a_cancelled_one(run_command, event, mailoutbox):
    upcoming = session_on(event, date(2026, 12, 10))
    register(upcoming, "Ana", email="ana@example.org")
    cancelled = session_on(event, SESSION_DAY, status=EventSession.Status.CANCELLED)
    register(cancelled, "Ben", email="ben@example.org")
    just_ended = session_on(event, SESSION_DAY)
    register(just_ended, "Cid", email="cid@example.org")
    run_command(datetime(2026, 12, 7, 17, 0, tzinfo=PARIS))  # an hour after the end: too early
    assert mailoutbox == []
    run_command()
    assert recipients(mailoutbox) == ["cid@example.org"]


def test_sessions_older_than_two_weeks_are_not_asked_about(run_command, event, mailoutbox):
    register(session_on(event, date(2026, 11, 1)), "Ana", email="ana@example.org")
    run_command()
    assert mailoutbox == []


def test_a_cycle_is_asked_about_once_after_its_last_session(run_command, event, mailoutbox):
    first = session_on(event, date(2026, 11, 30))
    last = session_on(event, SESSION_DAY + timedelta(days=7))
    one = register(first, "Ana", email="ana@example.org", attended=True)
    Registration.objects.create(
        session=last,
        token_key=one.token_key,
        token_hash=one.token_hash[:-1] + "0",
        first_name="Ana",
        last_name="Test",
        email="ana@example.org",
    )
    run_command()
    assert mailoutbox == []  # one session of the cycle is still to come
    run_command(NEXT_MORNING + timedelta(days=7))
    run_command(NEXT_MORNING + timedelta(days=8))
    assert recipients(mailoutbox) == ["ana@example.org"]
    assert FeedbackLink.objects.get().session == last


def test_dry_run_counts_without_sending(event, mailoutbox, capsys):
    register(session_on(event, SESSION_DAY), "Ana", email="ana@example.org")
    with time_machine.travel(NEXT_MORNING, tick=False):
        call_command("send_feedback_requests", "--dry-run")
    assert "1 questionnaire(s) à envoyer." in capsys.readouterr().out
    assert mailoutbox == []
    assert FeedbackClaim.objects.count() == 0


def test_the_claim_and_the_link_cannot_be_joined_to_the_person(run_command, event, mailoutbox):
    registration = register(session_on(event, SESSION_DAY), "Ana", email="ana@example.org")
    run_command()
    claim = FeedbackClaim.objects.get()
    link = FeedbackLink.objects.get()
    stored = f"{claim.__dict__} {link.__dict__}"
    assert registration.token_key not in stored
    assert registration.token_hash not in stored
    assert "ana" not in stored
    assert link_in(mailoutbox[0]) not in stored  # only the hash of the token


@pytest.fixture
def feedback_link(event, mailoutbox, site, run_command):
    register(session_on(event, SESSION_DAY), "Ana", email="ana@example.org", attended=True)
    run_command()
    return link_in(mailoutbox[0])


def answer(client, token, **data):
    payload = {"usefulness": "4", "takeaway": "Je me sens moins seul", "missing": "", "come_again": "oui", **data}
    with time_machine.travel(NEXT_MORNING + timedelta(days=1), tick=False):
        return client.post(f"/avis/{token}/", payload)


def test_the_form_stores_one_anonymous_answer_then_says_it_is_already_done(client, feedback_link):
    with time_machine.travel(NEXT_MORNING, tick=False):
        page = client.get(f"/avis/{feedback_link}/")
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "Ce temps ressources vous a-t-il été utile ?" in page.content.decode()
    response = answer(client, feedback_link)
    assert response.status_code == 302
    assert response["Location"] == "/avis/merci/"
    stored = FeedbackAnswer.objects.get()
    assert (stored.usefulness, stored.takeaway, stored.come_again) == (4, "Je me sens moins seul", "oui")
    assert stored.event_title == "Groupe d'aidants"
    assert stored.session_day == SESSION_DAY
    assert {field.name for field in FeedbackAnswer._meta.fields} == {
        "id",
        "session",
        "event_title",
        "session_day",
        "usefulness",
        "takeaway",
        "missing",
        "come_again",
    }
    again = answer(client, feedback_link, usefulness="1")
    assert again.status_code == 200
    assert "Vous avez déjà répondu" in again.content.decode()
    assert FeedbackAnswer.objects.count() == 1
    assert client.get("/avis/merci/").status_code == 200


def test_bad_input_shows_errors_and_saves_nothing(client, feedback_link):
    for data in ({"usefulness": ""}, {"usefulness": "6"}, {"takeaway": "x" * 1001}, {"come_again": "toujours"}):
        response = answer(client, feedback_link, **data)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Il y a un problème" in html
        assert "<title>Erreur : " in html
    assert FeedbackAnswer.objects.count() == 0
    assert not FeedbackLink.objects.get().used


def test_a_wrong_or_expired_link_answers_the_same_404(client, feedback_link):
    with time_machine.travel(NEXT_MORNING, tick=False):
        unknown = client.get("/avis/" + "A" * 43 + "/")
        tampered = client.get(f"/avis/{feedback_link[:-1]}B/")
    with time_machine.travel(NEXT_MORNING + timedelta(days=services.FEEDBACK_LINK_DAYS + 1), tick=False):
        expired = client.get(f"/avis/{feedback_link}/")
        expired_post = client.post(f"/avis/{feedback_link}/", {"usefulness": "5"})
    assert {unknown.status_code, tampered.status_code, expired.status_code, expired_post.status_code} == {404}
    assert unknown.content == tampered.content == expired.content
    assert FeedbackAnswer.objects.count() == 0
