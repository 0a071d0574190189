"""Demo: a past season, so that the "Indicateurs" page shows something meaningful on `make run`.

From 1 January of last year to last month: past sessions of six demo events with their
registrations (attendance marked on most), optional diversity answers and feedback; resource
views and downloads; paper copies; appointment pre-requests handled by the team, and anonymous
counts of requests purged long ago. Idempotent: nothing is added when paper copies exist.
Deterministic: a seeded random generator, so every run of the demo looks the same. The names,
answers and places it draws from are in `indicators/demo_data/season.json`.
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from wagtail.models import Site

from appointments.models import AppointmentEvent, AppointmentRequest, AppointmentStat, AppointmentSubject, Status
from events.models import EventPage, EventSession, Registration
from home.demo_blocks import read_data
from home.models import Commune
from portal.models import OutboundText
from portal.tokens import hash_token, new_token_key
from resources.models import DiffusionCount, ResourcePage

from .models import DiversityAnswer, FeedbackAnswer, FeedbackClaim, FeedbackLink, PaperCopy


def months_of_season(today):
    """The first day of each month from January last year to last month."""
    months = []
    current = date(today.year - 1, 1, 1)
    while current < today.replace(day=1):
        months.append(current)
        current = (current + timedelta(days=32)).replace(day=1)
    return months


def aware(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def seed(home):
    if PaperCopy.objects.exists():
        return []
    rng = random.Random(8)  # noqa: S311 - demo data, not a secret
    data = read_data("indicators", "season.json")
    today = timezone.localdate()
    months = months_of_season(today)
    with transaction.atomic():
        created = []
        created += seed_sessions(rng, months, data)
        created += seed_supports(rng, months, data)
        created += seed_requests(rng, months, data)
    return created


def seed_sessions(rng, months, data):
    communes = list(Commune.objects.order_by("pk"))
    events = list(EventPage.objects.filter(slug__in=data["event_slugs"]).order_by("pk"))
    if not events:
        return []
    people = [
        (f"{first} {last}", f"{first.lower()}.{last.lower()}@example.org".replace("ï", "i").replace("è", "e"))
        for first in data["first_names"]
        for last in data["last_names"][:4]
    ]
    sessions = 0
    for index, event in enumerate(events):
        page = EventPage.objects.get(pk=event.pk)
        venue = page.sessions.exclude(venue=None).values_list("venue", flat=True).first()
        new_sessions = []
        for number, month in enumerate(months):
            if (number + index) % 2:
                continue  # every other month, staggered between events
            day = month + timedelta(days=7 + index * 3)
            status = EventSession.Status.CANCELLED if (number + index) % 11 == 0 else EventSession.Status.SCHEDULED
            new_sessions.append(EventSession(start=aware(day, 14), end=aware(day, 16), venue_id=venue, status=status))
        page.sessions.add(*new_sessions)
        # Through a revision, so that an editor's next publish keeps these sessions.
        page.save_revision().publish()
        saved = EventSession.objects.filter(event_id=page.pk, start__in=[new.start for new in new_sessions])
        for session in saved.select_related("event"):
            sessions += 1
            if session.status == EventSession.Status.CANCELLED:
                continue
            seed_attendees(rng, session, people, communes, data)
    return [f"Saison passée : {sessions} séances avec inscriptions, présences et avis"]


def seed_attendees(rng, session, people, communes, data):
    """Registrations of a past session, with diversity answers and feedback from some of them."""
    attendance_taken = rng.random() < 0.8
    attendees = rng.sample(people, rng.randint(4, 9))
    registrations, answers, links = [], [], []
    day = timezone.localdate(session.start)
    for name, email in attendees:
        registration = past_registration(rng, session, name, email, attendance_taken, communes)
        registrations.append(registration)
        if rng.random() < 0.6:
            answers.append(diversity_answer(rng, session, day))
        if registration.attended is not False and registration.channel == Registration.Channel.WEB:
            # The feedback email went out; about half of the people answered.
            FeedbackClaim.objects.create(booking_hash=hash_token(f"feedback-claim:{registration.token_key}"))
            links.append(FeedbackLink(session=session, token_hash=hash_token(new_token_key()), used=rng.random() < 0.5))
    Registration.objects.bulk_create(registrations)
    seed_texts(session, registrations)
    DiversityAnswer.objects.bulk_create(answers)
    FeedbackLink.objects.bulk_create(links)
    FeedbackAnswer.objects.bulk_create([feedback_answer(rng, session, day, data) for link in links if link.used])


def past_registration(rng, session, name, email, attendance_taken, communes):
    first, last = name.split(" ", 1)
    key = new_token_key()
    came = rng.random() < 0.8 if attendance_taken else None
    children = rng.choice([0, 0, 1, 2])
    channel = rng.choice([Registration.Channel.WEB] * 4 + [Registration.Channel.PHONE, Registration.Channel.DESK])
    return Registration(
        session=session,
        token_key=key,
        token_hash=hash_token(key),
        status=Registration.Status.CONFIRMED,
        first_name=first,
        last_name=last,
        email=email if channel == Registration.Channel.WEB else "",
        # ARCEP's fictional mobile range: never texted.
        phone="" if channel == Registration.Channel.WEB else f"+3363998{rng.randint(100000, 999999) % 10000:04d}",
        contact_by=Registration.ContactBy.EMAIL if channel == Registration.Channel.WEB else Registration.ContactBy.SMS,
        commune=rng.choice(communes) if communes else None,
        adults=1,
        children=children,
        needs_childcare=children > 0 and rng.random() < 0.3,
        needs_accessibility=rng.random() < 0.08,
        needs_interpreter=rng.random() < 0.05,
        channel=channel,
        attended=came,
        confirmed_at=session.start - timedelta(days=7),
    )


def seed_texts(session, registrations):
    """What the outbox keeps of the texts of a past session: kind, status and times, no number, no words.

    A generator of their own, so that the season's other figures stay those drawn before.
    """
    rng = random.Random(session.start.toordinal())  # noqa: S311 - demo data, not a secret
    rows = []
    for registration in registrations:
        if registration.contact_by != Registration.ContactBy.SMS:
            continue
        for kind, at in (
            ("events.registration_received", registration.confirmed_at),
            ("events.reminder", session.start - timedelta(hours=22)),
        ):
            status = rng.choices(["delivered", "sent", "undeliverable", "failed"], weights=[86, 8, 4, 2])[0]
            sent_at = None if status == "failed" else at
            rows.append(OutboundText(kind=kind, status=status, not_before=at, sent_at=sent_at, attempts=1))
    for row, created in zip(OutboundText.objects.bulk_create(rows), [row.not_before for row in rows], strict=True):
        OutboundText.objects.filter(pk=row.pk).update(created_at=created)


def diversity_answer(rng, session, day):
    return DiversityAnswer(
        session=session,
        session_day=day,
        age_band=rng.choice(["18-25", "26-39", "26-39", "40-59", "40-59", "60-74", "75-plus", "non-repondu"]),
        family_situation=rng.choice(["parent-seul", "parent-couple", "sans-enfant", "non-repondu", ""]),
        caregiver=rng.choice(["oui", "non", "non", "non-repondu"]),
    )


def feedback_answer(rng, session, day, data):
    return FeedbackAnswer(
        session=session,
        event_title=session.event.title,
        session_day=day,
        usefulness=rng.choice([3, 4, 4, 5, 5, 5, 2]),
        takeaway=rng.choice(data["takeaways"]),
        missing=rng.choice(data["missing"]),
        come_again=rng.choice(["oui", "oui", "oui", "peut-etre", "non", ""]),
    )


def seed_supports(rng, months, data):
    resources = list(ResourcePage.objects.order_by("pk"))
    counts = []
    for month in months:
        for resource in resources:
            day = month + timedelta(days=rng.randint(0, 25))
            counts.append(DiffusionCount(resource=resource, kind="view", day=day, count=rng.randint(5, 60)))
            if rng.random() < 0.6:
                counts.append(
                    DiffusionCount(
                        resource=resource, kind="download", file_format="pdf", day=day, count=rng.randint(1, 15)
                    )
                )
    # Today's real counters may already hold a row for some (resource, kind, day): skip those.
    DiffusionCount.objects.bulk_create(counts, ignore_conflicts=True)
    copies = (
        [
            PaperCopy(
                resource=rng.choice(resources),
                quantity=rng.choice([10, 20, 25, 50]),
                day=month + timedelta(days=rng.randint(0, 25)),
                place=rng.choice(data["places"]),
            )
            for month in months
            for _copy in range(rng.randint(1, 3))
        ]
        if resources
        else []
    )
    PaperCopy.objects.bulk_create(copies)
    return [f"Saison passée : {len(counts)} compteurs de consultation et {len(copies)} remises papier"]


def seed_requests(rng, months, data):
    subjects = list(AppointmentSubject.objects.order_by("pk"))
    site = Site.objects.filter(is_default_site=True).first()
    if not subjects or site is None:
        return []
    handled_statuses = [Status.CLOSED, Status.CLOSED, Status.DROPPED, Status.IN_PROGRESS]
    count = 0
    for number, month in enumerate(months):
        for rank in range(rng.randint(1, 4)):
            created_at = aware(month + timedelta(days=rng.randint(0, 25)), rng.choice([9, 10, 14, 16]))
            status = rng.choice(handled_statuses)
            key = new_token_key()
            request = AppointmentRequest.objects.create(
                site=site,
                reference=f"RDV-H{number:02d}{rank}-{rng.randint(10, 99)}",
                token_key=key,
                token_hash=hash_token(key),
                subject=rng.choice(subjects),
                first_name=rng.choice(data["first_names"]),
                last_name=rng.choice(data["last_names"]),
                phone=f"0639{rng.randint(100000, 999999)}",
                consent_at=created_at,
                status=status,
                closed_at=created_at + timedelta(days=12) if status in (Status.CLOSED, Status.DROPPED) else None,
            )
            AppointmentRequest.objects.filter(pk=request.pk).update(created_at=created_at)
            submitted = AppointmentEvent.objects.create(request=request, action=AppointmentEvent.Action.SUBMITTED)
            handled = AppointmentEvent.objects.create(request=request, action=AppointmentEvent.Action.STATUS)
            AppointmentEvent.objects.filter(pk=submitted.pk).update(at=created_at)
            AppointmentEvent.objects.filter(pk=handled.pk).update(at=created_at + timedelta(hours=rng.randint(2, 72)))
            count += 1
    # Requests purged long ago survive only as anonymous counts.
    for month in months[:3]:
        AppointmentStat.objects.get_or_create(
            month=month, subject_name=subjects[0].name, commune_name="", status=Status.CLOSED, defaults={"count": 4}
        )
    return [f"Saison passée : {count} demandes de rendez-vous traitées"]
