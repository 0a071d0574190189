"""Booking rules through the public service: places, waiting list, promotion, approval."""

from django.core import mail

import pytest

from events import services
from events.models import EventSession, Registration
from events.services import Attendee, RegistrationError, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def person(number, adults=1, children=0, **fields):
    return Attendee(
        first_name=f"Prénom{number}",
        last_name="Martin",
        email=f"personne{number}@example.org",
        adults=adults,
        children=children,
        **fields,
    )


def book(event, session, number, **fields):
    return register(event, [session.pk], person(number, **fields)).registrations[0]


def test_registrations_are_confirmed_until_full_then_waitlisted_in_order(workshop):
    event, [session, _] = workshop

    confirmed = [book(event, session, n, adults=2) for n in range(4)]  # 8 people
    waiting = [book(event, session, n) for n in range(4, 7)]

    assert {r.status for r in confirmed} == {Registration.Status.CONFIRMED}
    assert {r.status for r in waiting} == {Registration.Status.WAITING}
    assert [services.waiting_position(r) for r in waiting] == [1, 2, 3]
    assert services.places_left(session) == 0


def test_a_group_larger_than_the_places_left_joins_the_waiting_list(workshop):
    event, [session, _] = workshop
    book(event, session, 1, adults=2, children=2)
    book(event, session, 2, adults=2)

    group = book(event, session, 3, adults=1, children=2)  # 3 people, 2 places left

    assert group.status == Registration.Status.WAITING


def test_cancelling_frees_places_and_promotes_the_earliest_that_fit(workshop, django_capture_on_commit_callbacks):
    event, [session, _] = workshop
    holders = [book(event, session, n, adults=2) for n in range(4)]
    family = book(event, session, 10, adults=2, children=1)  # 3 people, first in line
    single = book(event, session, 11)
    last = book(event, session, 12)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel([holders[0].pk])  # frees 2 places: the family of 3 cannot fit, the next one can

    statuses = {r.pk: r.status for r in Registration.objects.all()}
    assert statuses[family.pk] == Registration.Status.WAITING
    assert statuses[single.pk] == Registration.Status.CONFIRMED
    assert statuses[last.pk] == Registration.Status.CONFIRMED
    assert services.waiting_position(Registration.objects.get(pk=family.pk)) == 1
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        "Bonne nouvelle : votre place est confirmée – Atelier budget",
        "Bonne nouvelle : votre place est confirmée – Atelier budget",
        "Votre inscription est annulée – Atelier budget",
    ]


def test_fifo_promotion_of_five_when_five_cancel(make_event, django_capture_on_commit_callbacks):
    event, [session] = make_event("Groupe", days=(3,), registration_required=True, online_registration=True, capacity=7)
    holders = [book(event, session, n) for n in range(7)]
    waiting = [book(event, session, n) for n in range(7, 20)]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel([r.pk for r in holders[:5]])

    promoted = [r for r in waiting if Registration.objects.get(pk=r.pk).status == Registration.Status.CONFIRMED]
    assert promoted == waiting[:5]
    remaining = [Registration.objects.get(pk=r.pk) for r in waiting[5:]]
    assert [services.waiting_position(r) for r in remaining] == list(range(1, 9))
    assert sum("Bonne nouvelle" in m.subject for m in mail.outbox) == 5


def test_nobody_overtakes_people_already_waiting(workshop):
    event, [session, _] = workshop
    holders = [book(event, session, n, adults=2) for n in range(4)]
    family = book(event, session, 10, adults=3)
    services.cancel([holders[0].pk])  # 2 places free, the family of 3 still waits

    newcomer = book(event, session, 11)

    assert newcomer.status == Registration.Status.WAITING
    assert services.waiting_position(newcomer) == 2
    assert Registration.objects.get(pk=family.pk).status == Registration.Status.WAITING


def test_cancelling_twice_frees_the_places_once(workshop):
    event, [session, _] = workshop
    holders = [book(event, session, n, adults=2) for n in range(4)]
    waiting = [book(event, session, n) for n in range(4, 8)]

    first = services.cancel([holders[0].pk])
    second = services.cancel([holders[0].pk])

    assert len(first) == 1 and second == []
    confirmed_waiting = Registration.objects.filter(pk__in=[r.pk for r in waiting], status="confirmed").count()
    assert confirmed_waiting == 2


def test_the_same_email_cannot_register_twice_for_a_session(workshop):
    event, [session, _] = workshop
    book(event, session, 1)

    with pytest.raises(RegistrationError) as error:
        register(event, [session.pk], person(1))

    assert error.value.code == "duplicate"
    assert "déjà inscrit" in str(error.value.message)
    assert Registration.objects.count() == 1


def test_after_cancelling_the_same_person_may_register_again(workshop):
    event, [session, _] = workshop
    first = book(event, session, 1)
    services.cancel([first.pk])

    assert book(event, session, 1).status == Registration.Status.CONFIRMED


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"status": EventSession.Status.CANCELLED}, "cancelled"),
        ({"status": EventSession.Status.POSTPONED}, "closed"),
        ({"days": -1}, "past"),
    ],
)
def test_cancelled_postponed_or_past_sessions_refuse_registrations(workshop, change, code):
    event, [session, _] = workshop
    if "days" in change:
        from .conftest import at

        EventSession.objects.filter(pk=session.pk).update(start=at(-1), end=at(-1, 16))
    else:
        EventSession.objects.filter(pk=session.pk).update(**change)

    with pytest.raises(RegistrationError) as error:
        register(event, [session.pk], person(1))

    assert error.value.code == code
    assert Registration.objects.count() == 0


def test_a_full_session_without_waiting_list_refuses(workshop):
    event, [session, _] = workshop
    event.waiting_list = False
    event.save()
    [book(event, session, n, adults=2) for n in range(4)]

    with pytest.raises(RegistrationError) as error:
        register(event, [session.pk], person(9))

    assert error.value.code == "full"
    assert Registration.objects.count() == 4


def test_registrations_close_at_the_closing_date(workshop, frozen_now):
    from datetime import timedelta

    event, [session, _] = workshop
    event.registration_closes_at = frozen_now - timedelta(minutes=1)
    event.save()

    with pytest.raises(RegistrationError) as error:
        register(event, [session.pk], person(1))
    assert error.value.code == "closed"


def test_too_many_people_in_one_registration_is_refused(workshop):
    event, [session, _] = workshop

    with pytest.raises(RegistrationError) as error:
        register(event, [session.pk], person(1, adults=2, children=3))
    assert error.value.code == "too_many"


def test_a_cycle_registration_books_every_session_with_one_link(workshop):
    event, sessions = workshop
    event.registration_scope = "cycle"
    event.save()

    booking = register(event, [s.pk for s in sessions], person(1))

    assert [r.session_id for r in booking.registrations] == [s.pk for s in sessions]
    assert len({r.token_hash for r in booking.registrations}) == 1
    assert services.registrations_for_token(booking.token) == booking.registrations


def test_approval_holds_places_and_staff_decide(workshop, django_capture_on_commit_callbacks):
    event, [session, _] = workshop
    event.requires_approval = True
    event.save()
    requests = [book(event, session, n, adults=2) for n in range(4)]
    waiting = book(event, session, 9)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.approve(requests[0].pk)
        services.refuse(requests[1].pk)

    assert requests[0].status == Registration.Status.PENDING
    assert Registration.objects.get(pk=requests[0].pk).status == Registration.Status.CONFIRMED
    assert Registration.objects.get(pk=requests[1].pk).status == Registration.Status.REFUSED
    # The refused request's places go to the waiting list, who then await approval too.
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.PENDING
    assert {m.subject.split(" – ")[0] for m in mail.outbox} >= {
        "Bonne nouvelle : votre place est confirmée",
        "Votre demande d'inscription",
    }


def test_tokens_are_long_random_and_distinct():
    from events.models.registrations import new_token_key, token_for_key

    tokens = {token_for_key(new_token_key()) for _ in range(10_000)}

    assert len(tokens) == 10_000
    assert all(len(token) >= 43 for token in tokens)  # 256 bits in URL-safe base64


def test_publishing_a_cancelled_session_cancels_its_registrations_and_tells_each_person_once(
    workshop, django_capture_on_commit_callbacks
):
    event, [session, _] = workshop
    [book(event, session, n) for n in range(3)]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        session.status = EventSession.Status.CANCELLED
        session.save()
    with django_capture_on_commit_callbacks(execute=True):
        session.save()  # saving again sends nothing more

    assert Registration.objects.filter(status="cancelled", cancelled_by="session").count() == 3
    assert [m.subject for m in mail.outbox] == ["Séance annulée : vous n'avez rien à faire – Atelier budget"] * 3
    assert "Vous n'avez rien à faire" in mail.outbox[0].body


def test_staff_can_register_someone_by_phone_when_online_registration_is_off(workshop):
    event, [session, _] = workshop
    event.online_registration = False
    event.save()

    with pytest.raises(RegistrationError):
        register(event, [session.pk], person(1))
    registration = register(
        event, [session.pk], Attendee("Jean", "Moreau", phone="0612345678"), channel=Registration.Channel.PHONE
    ).registrations[0]

    assert registration.status == Registration.Status.CONFIRMED
    assert registration.channel == "phone" and registration.email == ""
