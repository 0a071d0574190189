"""The "needs expressed" figure survives the purge that erases needs 30 days after a session."""

from datetime import date, timedelta

import pytest
import time_machine

from events.models import EventSession, Registration
from events.retention import purge_registration_data
from indicators.figures import Period, participants_figures
from indicators.models import NeedsTally

from .conftest import NOW, make_session, register

pytestmark = pytest.mark.django_db

YEAR = Period.year(2026)


def needs(period=YEAR):
    """{need: [period, previous period]} as the indicators page shows it."""
    section = participants_figures(period)
    rows = next(table for table in section.all_tables() if table.key == "participants-besoins").rows
    return {row[0]: row[1:] for row in rows}


def tallied():
    rows = NeedsTally.objects.all()
    return (
        sum(row.childcare for row in rows),
        sum(row.accessibility for row in rows),
        sum(row.interpreter for row in rows),
    )


def test_a_registration_purged_31_days_after_its_session_still_counts(season):
    session = make_session(season.events[0], date(2026, 10, 1), season.s1.venue)
    registration = register(
        session, "Iris", email="iris@example.org", needs_childcare=True, needs_interpreter=True, children=1
    )
    expected = {"Garde d'enfants": [2, 0], "Accès adapté": [1, 0], "Interprète": [2, 0]}
    assert needs() == expected

    with time_machine.travel(session.end + timedelta(days=29), tick=False):
        purge_registration_data()
        assert not NeedsTally.objects.filter(session=session).exists()
        assert needs() == expected
    with time_machine.travel(session.end + timedelta(days=31), tick=False):
        purge_registration_data()
        assert needs() == expected

    registration.refresh_from_db()
    assert not (registration.needs_childcare or registration.needs_interpreter)
    assert registration.needs_erased_at is not None
    tally = NeedsTally.objects.get(session=session)
    assert (tally.session_day, tally.childcare, tally.accessibility, tally.interpreter) == (date(2026, 10, 1), 1, 0, 1)
    # Counts only: nothing in a tally points to a person or a registration.
    assert {field.name for field in NeedsTally._meta.fields} == {
        "id",
        "session",
        "session_day",
        "childcare",
        "accessibility",
        "interpreter",
    }


def test_a_second_purge_adds_nothing(season):
    register(season.s5, "Jules", email="jules@example.org", needs_accessibility=True)  # 2025: previous period
    expected = {"Garde d'enfants": [1, 0], "Accès adapté": [1, 1], "Interprète": [1, 0]}
    assert needs() == expected

    erased, _anonymised = purge_registration_data()
    assert erased == Registration.objects.exclude(needs_erased_at=None).count() > 0
    assert not Registration.objects.filter(needs_childcare=True).exists()
    assert needs() == expected
    assert tallied() == (1, 2, 1)
    rows = NeedsTally.objects.count()

    assert purge_registration_data()[0] == 0
    assert NeedsTally.objects.count() == rows
    assert tallied() == (1, 2, 1)
    assert needs() == expected


def test_only_what_the_figure_counts_is_tallied(season):
    # Not counted by the figure, before or after the purge: waiting list, cancelled session.
    register(season.s1, "Ivy", email="ivy@example.org", status="waiting", needs_childcare=True)
    register(season.s3, "Jo", email="jo@example.org", needs_interpreter=True)
    expected = {"Garde d'enfants": [1, 0], "Accès adapté": [1, 0], "Interprète": [1, 0]}
    assert needs() == expected

    purge_registration_data()

    assert needs() == expected
    assert tallied() == (1, 1, 1)
    assert set(NeedsTally.objects.values_list("session_id", flat=True)) == {season.s1.pk, season.s4.pk, season.s7.pk}


def test_erased_needs_are_never_counted_twice(season):
    purge_registration_data()
    # Even if a flag came back on an erased registration, the tally alone counts it.
    Registration.objects.filter(session=season.s1, first_name="Alice").update(needs_childcare=True)
    assert needs() == {"Garde d'enfants": [1, 0], "Accès adapté": [1, 0], "Interprète": [1, 0]}


def test_a_session_cancelled_after_the_purge_no_longer_counts(season):
    purge_registration_data()
    EventSession.objects.filter(pk=season.s4.pk).update(status=EventSession.Status.CANCELLED)
    assert needs()["Interprète"] == [0, 0]


def test_the_purge_works_in_small_batches(season):
    for number in range(5):
        register(season.s2, f"P{number}", email=f"p{number}@example.org", needs_accessibility=True)
    expected = {"Garde d'enfants": [1, 0], "Accès adapté": [6, 0], "Interprète": [1, 0]}
    assert needs() == expected

    erased, _anonymised = purge_registration_data(batch_size=2)

    assert erased == Registration.objects.exclude(needs_erased_at=None).count()
    assert Registration.objects.filter(needs_erased_at=None, session__end__lt=NOW - timedelta(days=30)).count() == 0
    assert needs() == expected
    assert tallied() == (1, 6, 1)
