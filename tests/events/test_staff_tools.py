"""Sophie's tools: every session reachable, desk bookings explained, cancel after a confirmation,
move, confirm out of the list, message registrants, print the attendance sheet, duplicate an
event, and each action in the site history with her name (never the resident's)."""

import re

from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from events.admin_duplicate import duplicate_event
from events.models import EventPage, Registration
from events.services import Attendee, register
from tests.auth import login_with_second_factor
from tests.pdf_tools import pdf_info, pdf_text

from .conftest import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def text(response):
    return re.sub(r"\s+", " ", response.content.decode()).replace("&#x27;", "'")


def book(event, session, first_name, email=True, adults=1):
    attendee = Attendee(
        first_name=first_name,
        last_name="Martin",
        email=f"{first_name.lower()}@example.org" if email else "",
        phone="" if email else "06 39 98 00 11",
        adults=adults,
    )
    return register(event, [session.pk], attendee).registrations[0]


@pytest.fixture
def sophie(django_user_model):
    user = django_user_model.objects.create_user(
        "sophie", "sophie@example.org", "x", first_name="Sophie", last_name="Lefèvre"
    )
    user.groups.add(Group.objects.get(name="Animation"))
    return login_with_second_factor(Client(enforce_csrf_checks=False), user)


@pytest.fixture
def small_group(make_event):
    """Two places (a couple holds them), one person waiting who has no email, a later session."""
    event, [session, later] = make_event(
        "Groupe d'aidants", days=(4, 11), registration_required=True, online_registration=True, capacity=2
    )
    holder = book(event, session, "Claire", adults=2)
    waiting = book(event, session, "Odette", email=False)
    return event, session, later, holder, waiting


def session_url(session):
    return reverse("events-admin:session", args=[session.pk])


def test_every_session_is_in_the_calendar_even_without_bookings_soonest_first(sophie, make_event):
    event, [later, sooner] = make_event("Nouvel atelier", days=(9, 2), registration_required=True, capacity=8)

    html = text(sophie.get(reverse("events-admin:sessions")))

    assert html.index(f'href="{session_url(sooner)}"') < html.index(f'href="{session_url(later)}"')
    assert "Nouvel atelier" in html
    page = text(sophie.get(session_url(sooner)))
    assert "Personne n'est encore inscrit à cette séance." in page and "Inscrire une personne" in page


def test_a_desk_booking_put_on_the_waiting_list_says_why(sophie, small_group):
    event, session, _later, _holder, _waiting = small_group
    data = {"staff-first_name": "Jean", "staff-last_name": "Roux", "staff-phone": "06 39 98 00 22"}
    data.update({"staff-adults": "1", "staff-children": "0", "staff-channel": Registration.Channel.PHONE})

    response = sophie.post(session_url(session), data, follow=True)

    assert "Jean Roux est sur la liste d'attente, n° 2 : il reste 0 place(s) pour 1 personne(s)." in text(response)


def test_cancel_asks_first_then_says_who_gets_the_place_and_who_to_call(
    sophie, small_group, django_capture_on_commit_callbacks
):
    _event, session, _later, holder, waiting = small_group
    url = reverse("events-admin:registration-cancel", args=[session.pk, holder.pk])

    question = text(sophie.get(url))
    assert "Oui, annuler l'inscription" in question
    assert Registration.objects.get(pk=holder.pk).is_active  # GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        sophie.post(url)
    page = text(sophie.get(session_url(session)))

    assert "L'inscription de Claire Martin est annulée." in page
    assert "La place revient à Odette Martin, qui n'a pas d'e-mail : appelez au 06 39 98 00 11." in page
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert waiting.call_reason == Registration.CallReason.PROMOTED
    assert "À appeler : place confirmée (liste d'attente)" in page
    sophie.post(
        reverse("events-admin:session-action", args=[session.pk]), {"registration": waiting.pk, "action": "called"}
    )
    assert Registration.objects.get(pk=waiting.pk).call_reason == ""


def test_a_booking_moves_to_another_session_and_the_waiting_list_moves_up(
    sophie, small_group, django_capture_on_commit_callbacks
):
    _event, session, later, holder, waiting = small_group
    url = reverse("events-admin:registration-move", args=[session.pk, holder.pk])

    with django_capture_on_commit_callbacks(execute=True):
        page = text(sophie.post(url, {"session": later.pk}, follow=True))

    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.session == later and holder.status == Registration.Status.CONFIRMED
    assert waiting.status == Registration.Status.CONFIRMED  # the freed places went to the list
    assert "Claire Martin est inscrit(e) le 31/03/2027 14:00 (place confirmée)." in page
    moved = [message for message in mail.outbox if "changé de date" in message.subject]
    assert [message.to for message in moved] == [["claire@example.org"]]


def test_a_move_to_a_past_or_foreign_session_is_refused_and_changes_nothing(sophie, small_group, make_event):
    _event, session, _later, holder, _waiting = small_group
    _other, [foreign] = make_event("Autre atelier", days=(5,))

    response = sophie.post(
        reverse("events-admin:registration-move", args=[session.pk, holder.pk]), {"session": foreign.pk}
    )

    assert response.status_code == 200 and "Sélectionnez un choix valide" in text(response)
    assert Registration.objects.get(pk=holder.pk).session == session


def test_a_waiting_person_is_confirmed_by_hand_with_a_reason_even_when_full(sophie, small_group):
    _event, session, _later, _holder, waiting = small_group
    url = reverse("events-admin:registration-confirm", args=[session.pk, waiting.pk])

    assert "Choisissez une raison" in text(sophie.post(url, {}))
    sophie.post(url, {"reason": "extra-place"})

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    entry = ModelLogEntry.objects.get(action="events.registration.confirm_by_hand")
    assert entry.data == {"reason": "extra-place"} and entry.user.last_name == "Lefèvre"


def test_a_message_is_previewed_then_sent_to_each_registrant_apart(
    sophie, small_group, django_capture_on_commit_callbacks
):
    event, session, _later, holder, waiting = small_group
    book(event, session, "Bruno")  # waiting too, with an email
    url = reverse("events-admin:session-message", args=[session.pk])
    data = {"audience": "all", "subject": "Changement de salle", "body": "Nous serons en salle 2, au premier étage."}

    preview = text(sophie.post(url, data))
    assert "Vérifiez avant d'envoyer" in preview and "Envoyé à 2 personnes par e-mail" in preview
    assert "Odette" in preview and not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        sent = text(sophie.post(url, {**data, "send": "1"}, follow=True))

    assert "Message envoyé à 2 personne(s) par e-mail." in sent
    assert sorted(message.to[0] for message in mail.outbox) == ["bruno@example.org", "claire@example.org"]
    assert all("salle 2" in message.body and "/inscription/" in message.body for message in mail.outbox)
    assert Registration.objects.get(pk=waiting.pk).call_reason == Registration.CallReason.STAFF_MESSAGE
    assert ModelLogEntry.objects.filter(action="events.session.message").count() == 1


def test_the_attendance_sheet_is_a_tagged_pdf_with_names_headcounts_and_a_signature_column(sophie, small_group):
    _event, session, _later, _holder, _waiting = small_group

    response = sophie.get(reverse("events-admin:attendance-sheet", args=[session.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="emargement-groupe-daidants-2027-03-24-14h00.pdf"'
    content = pdf_text(response.content)
    assert "Feuille d'émargement" in content and "MARTIN Claire" in content and "Signature" in content
    assert "2 personnes attendues / 2 places" in content
    assert "Liste d'attente : 1. MARTIN Odette (1)" in content
    assert pdf_info(response.content)["Tagged"] == "yes"


def test_an_event_is_duplicated_as_a_draft_with_its_sessions_moved_across_summer_time(admin_user, make_event):
    event, [first, _second] = make_event(
        "Groupe des parents", days=(1, 8), registration_required=True, online_registration=True
    )
    book(event, first, "Claire")

    copy = duplicate_event(event, title="Groupe des parents (printemps)", first_date=at(5).date(), user=admin_user)

    sessions = list(copy.sessions.order_by("start"))
    assert not copy.live and copy.title == "Groupe des parents (printemps)"
    assert [s.start for s in sessions] == [at(5), at(12)]  # 14:00 before and after the change of 28 March
    assert not Registration.objects.filter(session__event=copy).exists()
    assert EventPage.objects.get(pk=event.pk).sessions.count() == 2


def test_the_duplicate_page_refuses_who_cannot_add_pages(sophie, make_event):
    event, _sessions = make_event("Groupe des parents", days=(1,))

    response = sophie.get(reverse("events-admin:duplicate", args=[event.pk]))

    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_the_site_history_names_the_staff_member_never_the_resident(admin_client, sophie, small_group):
    _event, session, _later, holder, _waiting = small_group
    sophie.post(
        reverse("events-admin:session-action", args=[session.pk]), {"registration": holder.pk, "action": "present"}
    )

    history = text(admin_client.get(reverse("wagtailadmin_reports:site_history")))

    assert "Présence notée" in history and "Sophie Lefèvre" in history
    assert f"Inscription n° {holder.pk} · Groupe d'aidants · 24 mars 2027" in history
    assert "Claire" not in history and "Martin" not in history
