"""iCalendar files and feeds, parsed back with the icalendar library."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from events.models import EventSession
from tests.factories import ThemeFactory, VenueFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

REQUIRED = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "STATUS", "URL", "LOCATION")


def parse(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_the_agenda_feed_round_trips_and_every_event_has_the_required_properties(client, make_event):
    venue = VenueFactory(name="Maison des familles", address="3 rue des Écoles")
    make_event("Café des parents", days=(3, 10), venue=venue)

    calendar, events = parse(client.get("/agenda/ical/"))

    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert len(events) == 2
    for event in events:
        assert all(name in event for name in REQUIRED), [n for n in REQUIRED if n not in event]
        assert event["UID"].startswith("session-") and event["UID"].endswith("@localhost")
        assert event.decoded("DTSTART").tzinfo is not None
        assert event["DTSTART"].params["TZID"] == "Europe/Paris"
        assert "Maison des familles, 3 rue des Écoles" in str(event["LOCATION"])
        assert str(event["URL"]).endswith("/agenda/cafe-des-parents/")
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert Calendar.from_ical(calendar.to_ical()) == calendar


def test_times_are_right_across_the_daylight_saving_change(client, make_event):
    make_event("Groupe de parents", days=(3, 10))  # 23 March (UTC+1) and 30 March 2027 (UTC+2), 14 h local

    _, events = parse(client.get("/agenda/ical/"))
    starts = sorted(event.decoded("DTSTART") for event in events)

    assert [start.strftime("%d/%m %H:%M") for start in starts] == ["23/03 14:00", "30/03 14:00"]
    assert [start.utcoffset() for start in starts] == [timedelta(hours=1), timedelta(hours=2)]


def test_a_filtered_feed_contains_exactly_the_filtered_sessions(client, make_event):
    theme = ThemeFactory(name="Parentalité", slug="parentalite")
    _, wanted = make_event("Café des parents", days=(3, 5), themes=[theme])
    make_event("Atelier budget", days=(4,))

    _, events = parse(client.get("/agenda/ical/?theme=parentalite"))

    assert {str(event["UID"]) for event in events} == {f"session-{session.pk}@localhost" for session in wanted}


def test_cancelled_sessions_are_published_as_cancelled(client, make_event):
    _, sessions = make_event("Café des parents", days=(3,))
    EventSession.objects.filter(pk=sessions[0].pk).update(status="cancelled")

    _, events = parse(client.get("/agenda/ical/"))

    assert events[0]["STATUS"] == "CANCELLED"
    assert str(events[0]["SUMMARY"]).startswith("Annulé : ")


def test_sequence_grows_when_a_session_changes_and_the_uid_stays(client, make_event):
    _, [session] = make_event("Café des parents", days=(3,))
    _, before = parse(client.get("/agenda/ical/"))

    session.start += timedelta(hours=1)
    session.save()
    session.note = "Salle 2"
    session.save()
    unchanged = EventSession.objects.get(pk=session.pk)
    unchanged.save()
    _, after = parse(client.get("/agenda/ical/"))

    assert before[0]["UID"] == after[0]["UID"]
    assert (before[0]["SEQUENCE"], after[0]["SEQUENCE"]) == (0, 2)


def test_one_session_and_a_whole_event_can_be_added_to_a_calendar(client, make_event):
    event, sessions = make_event("Café des parents", days=(3, 10))

    one = client.get(f"/agenda/cafe-des-parents/seances/{sessions[1].pk}/ical/")
    whole = client.get("/agenda/cafe-des-parents/ical/")

    assert one["Content-Disposition"] == 'attachment; filename="cafe-des-parents-2027-03-30.ics"'
    assert len(parse(one)[1]) == 1
    assert len(parse(whole)[1]) == 2


def test_a_session_of_another_event_answers_404(client, make_event):
    make_event("Café des parents", days=(3,))
    _, [other] = make_event("Atelier budget", days=(4,))

    assert client.get(f"/agenda/cafe-des-parents/seances/{other.pk}/ical/").status_code == 404
    assert client.get("/agenda/cafe-des-parents/seances/999999/ical/").status_code == 404


def test_feeds_of_past_sessions_keep_one_month_of_history(client, make_event):
    make_event("Ancien atelier", days=(-40,))
    make_event("Atelier récent", days=(-10,))

    _, events = parse(client.get("/agenda/ical/"))

    assert [str(event["SUMMARY"]) for event in events] == ["Atelier récent"]
