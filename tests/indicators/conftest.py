"""A small, fully known season (2026, compared with 2025) whose indicators are computed by hand.

The expected numbers are written next to each test; this module says what exists:

2026 sessions: s1 10/03 (Saint-Aubin), s2 14/04 (Saint-Aubin), s3 12/05 cancelled, s4 20/03
(Valmont), s7 01/06 online; s6 20/12 is still to come. 2025: s5 05/06 (Valmont).
"""

import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from wagtail.models import Site

import pytest
import time_machine

from appointments.models import AppointmentEvent, AppointmentRequest, AppointmentStat, AppointmentSubject, Status
from events.models import EventFormat, EventSession, Registration
from indicators.models import DiversityAnswer, FeedbackAnswer, FeedbackLink, PaperCopy
from portal.tokens import hash_token, new_token_key
from resources.models import DiffusionCount
from tests.factories import (
    AudienceFactory,
    CommuneFactory,
    EventIndexPageFactory,
    EventPageFactory,
    ThemeFactory,
    VenueFactory,
)
from tests.resources.factories import ResourceFormatFactory, ResourceIndexPageFactory, ResourcePageFactory

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 12, 15, 12, 0, tzinfo=PARIS)


def at(day, hour=14):
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=PARIS)


@pytest.fixture
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def make_session(event, day, venue=None, status=EventSession.Status.SCHEDULED):
    return EventSession.objects.create(event=event, start=at(day), end=at(day, 16), venue=venue, status=status)


def register(session, name, *, email="", phone="", adults=1, children=0, status="confirmed", **fields):
    key = new_token_key()
    return Registration.objects.create(
        session=session,
        token_key=key,
        token_hash=hash_token(key),
        status=status,
        first_name=name,
        last_name="Test",
        email=email,
        phone=phone,
        adults=adults,
        children=children,
        **fields,
    )


class Season:
    """Handles on what the `season` fixture created."""


def _events(s, home_page):
    """Three events, seven sessions, ten registrations and three diversity answers."""
    s.saint_aubin = CommuneFactory(name="Saint-Aubin", slug="saint-aubin")
    s.valmont = CommuneFactory(name="Valmont", slug="valmont")
    parenting = ThemeFactory(name="Parentalité", slug="parentalite")
    rights = ThemeFactory(name="Accès aux droits", slug="acces-aux-droits")
    parents = AudienceFactory(name="Parents", slug="parents")
    venue_a = VenueFactory(commune=s.saint_aubin, name="Maison des familles")
    venue_b = VenueFactory(commune=s.valmont, name="Mairie de Valmont")
    agenda = EventIndexPageFactory(parent=home_page)
    e1 = EventPageFactory(parent=agenda, title="Café des parents", event_format=EventFormat.PARENT_GROUP)
    e1.themes.set([parenting])
    e1.audiences.set([parents])
    e1.save()
    e2 = EventPageFactory(parent=agenda, title="Permanence droits", event_format=EventFormat.INFORMATION)
    e2.themes.set([parenting, rights])
    e2.save()
    e3 = EventPageFactory(parent=agenda, title="Atelier en ligne", event_format=EventFormat.WORKSHOP)
    s.events = (e1, e2, e3)
    s.s1 = make_session(e1, date(2026, 3, 10), venue_a)
    s.s2 = make_session(e1, date(2026, 4, 14), venue_a)
    s.s3 = make_session(e1, date(2026, 5, 12), venue_a, EventSession.Status.CANCELLED)
    s.s4 = make_session(e2, date(2026, 3, 20), venue_b)
    s.s5 = make_session(e2, date(2025, 6, 5), venue_b)
    s.s6 = make_session(e2, date(2026, 12, 20), venue_b)
    s.s7 = make_session(e3, date(2026, 6, 1), None)

    web, phone, desk = Registration.Channel.WEB, Registration.Channel.PHONE, Registration.Channel.DESK
    register(
        s.s1, "Alice", email="alice@example.org", children=2, attended=True, commune=s.saint_aubin, needs_childcare=True
    )
    register(s.s1, "Bob", email="bob@example.org", attended=False, channel=phone, commune=s.valmont)
    register(s.s2, "Alice", email="alice@example.org", children=2, attended=True, commune=s.saint_aubin)
    register(s.s4, "Chloé", phone="0611223344", adults=2, channel=desk, needs_interpreter=True)
    register(s.s5, "Bob", email="bob@example.org", attended=True, channel=web, commune=s.valmont)
    register(s.s7, "Dan", email="dan@example.org", attended=True, commune=s.saint_aubin, needs_accessibility=True)
    register(s.s1, "Eve", email="eve@example.org", status="cancelled")
    register(s.s3, "Fay", email="fay@example.org")
    register(s.s6, "Gus", email="gus@example.org")
    register(s.s1, "Hal", email="hal@example.org", status="waiting")

    DiversityAnswer.objects.create(
        session=s.s1, session_day=date(2026, 3, 10), age_band="26-39", family_situation="parent-seul", caregiver="non"
    )
    DiversityAnswer.objects.create(
        session=s.s4, session_day=date(2026, 3, 20), age_band="60-74", family_situation="non-repondu", caregiver="oui"
    )
    DiversityAnswer.objects.create(session=s.s5, session_day=date(2025, 6, 5), age_band="40-59")
    return parenting, rights


def _resources(s, home_page, parenting, rights):
    """Resources: R1 (Fiche pratique; Accès aux droits), R2 (FALC + Fiche pratique; Parentalité), R3 (nothing)."""
    index = ResourceIndexPageFactory(parent=home_page)
    sheet = ResourceFormatFactory(name="Fiche pratique", slug="fiche-pratique")
    easy = ResourceFormatFactory(name="FALC", slug="falc")
    s.r1 = ResourcePageFactory(parent=index, title="Fiche budget")
    s.r1.formats.set([sheet])
    s.r1.themes.set([rights])
    s.r1.save()
    s.r2 = ResourcePageFactory(parent=index, title="Guide des parents FALC")
    s.r2.formats.set([easy, sheet])
    s.r2.themes.set([parenting])
    s.r2.save()
    s.r3 = ResourcePageFactory(parent=index, title="Annuaire")
    view, download = DiffusionCount.Kind.VIEW, DiffusionCount.Kind.DOWNLOAD
    for resource, kind, file_format, day, count in [
        (s.r1, view, "", date(2026, 2, 1), 10),
        (s.r1, download, "pdf", date(2026, 2, 1), 4),
        (s.r2, view, "", date(2026, 3, 5), 6),
        (s.r2, download, "pdf", date(2025, 5, 1), 3),
        (s.r3, view, "", date(2026, 2, 10), 2),
        (s.r1, view, "", date(2025, 12, 31), 5),
    ]:
        DiffusionCount.objects.create(resource=resource, kind=kind, file_format=file_format, day=day, count=count)
    PaperCopy.objects.create(resource=s.r2, quantity=20, day=date(2026, 4, 1), place="Forum des associations")
    PaperCopy.objects.create(resource=s.r1, quantity=5, day=date(2025, 11, 2), place="Accueil du CCAS")


def _feedback(s):
    """Feedback: 4 links for s1, 1 for s5; answers 5, 4 (s1), 3 (s4) in 2026 and 2 (s5) in 2025."""
    for _i in range(4):
        FeedbackLink.objects.create(session=s.s1, token_hash=hash_token(new_token_key()))
    FeedbackLink.objects.create(session=s.s5, token_hash=hash_token(new_token_key()))
    for session, usefulness, come_again, takeaway, missing in [
        (s.s1, 5, "oui", "Des idées pour le coucher", ""),
        (s.s1, 4, "peut-etre", "", "Plus de temps"),
        (s.s4, 3, "", "", ""),
        (s.s5, 2, "non", "Rien", ""),
    ]:
        FeedbackAnswer.objects.create(
            session=session,
            event_title=session.event.title,
            session_day=timezone.localdate(session.start),
            usefulness=usefulness,
            come_again=come_again,
            takeaway=takeaway,
            missing=missing,
        )


def _appointments():
    """Appointments: 3 requests in 2026 (handled after 5 h and 25 h, one not yet), 1 in 2025 (48 h),
    plus anonymous counts of purged ones."""
    housing = AppointmentSubject.objects.create(name="Logement", slug="logement")
    budget = AppointmentSubject.objects.create(name="Budget", slug="budget")
    site = Site.objects.get(is_default_site=True)
    for reference, subject, created, status, events in [
        ("RDV-0001", housing, datetime(2026, 1, 10, 9, tzinfo=PARIS), Status.NEW, []),
        (
            "RDV-0002",
            housing,
            datetime(2026, 2, 3, 10, tzinfo=PARIS),
            Status.IN_PROGRESS,
            [(AppointmentEvent.Action.VIEWED, 1), (AppointmentEvent.Action.STATUS, 5)],
        ),
        (
            "RDV-0003",
            budget,
            datetime(2026, 2, 20, 8, tzinfo=PARIS),
            Status.CLOSED,
            [(AppointmentEvent.Action.ASSIGNED, 25), (AppointmentEvent.Action.NOTE, 30)],
        ),
        (
            "RDV-0004",
            budget,
            datetime(2025, 3, 1, 8, tzinfo=PARIS),
            Status.DROPPED,
            [(AppointmentEvent.Action.STATUS, 48)],
        ),
    ]:
        request = AppointmentRequest.objects.create(
            site=site,
            reference=reference,
            token_key="k",
            token_hash=hash_token(reference),
            subject=subject,
            first_name="Zoé",
            last_name="Test",
            phone="0600000000",
            consent_at=created,
            status=status,
        )
        AppointmentRequest.objects.filter(pk=request.pk).update(created_at=created)
        for action, hours in events:
            event = AppointmentEvent.objects.create(request=request, action=action)
            AppointmentEvent.objects.filter(pk=event.pk).update(at=created + timedelta(hours=hours))
    AppointmentStat.objects.create(month=date(2026, 1, 1), subject_name="Budget", status=Status.CLOSED, count=2)
    AppointmentStat.objects.create(month=date(2025, 2, 1), subject_name="Logement", status=Status.CLOSED, count=3)


@pytest.fixture
def season(home_page, frozen_now):
    s = Season()
    s.home = home_page
    parenting, rights = _events(s, home_page)
    _resources(s, home_page, parenting, rights)
    _feedback(s)
    _appointments()
    return s


@pytest.fixture
def viewer(db, django_user_model):
    """A member of a "Pilotage"-like group: admin access and `indicators.view_indicators`."""
    group = Group.objects.create(name="Pilotage (test)")
    group.permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
        Permission.objects.get(codename="view_indicators", content_type__app_label="indicators"),
    )
    user = django_user_model.objects.create_user("pilotage", "pilotage@example.org", "x")
    user.groups.add(group)
    return user


@pytest.fixture
def communication(db, django_user_model):
    """A member of a "Communication"-like group: admin access, page editing, no indicators."""
    group = Group.objects.create(name="Communication (test)")
    group.permissions.add(Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"))
    user = django_user_model.objects.create_user("communication", "communication@example.org", "x")
    user.groups.add(group)
    return user


def staff_login(client, user):
    """Log a staff member in as if they had passed the second factor (see accounts.middleware)."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
    )
    client.force_login(user)
    session = client.session
    session["portal_login_at"] = time.time()
    session["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client
