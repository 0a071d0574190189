"""Demo content of the appointment requests: the subjects, the page at /rendez-vous/, a few requests.

Called by `manage.py seed_demo` as `seed(home)`, with the data of
`appointments/demo_data/appointments.json`: the subjects, the page's fields and the requests
(reference, person, subject slug, status, age in days, place, contact preference and whether the
person gave an email address). Idempotent: subjects are looked up by slug, the page by its slug,
requests by their fixed demo reference. Requests are created directly, without the service, so
no email leaves. The people are invented.
"""

from datetime import timedelta

from django.utils import timezone, translation

from wagtail.models import Site

from home.demo_blocks import ensure_page, paragraphs, read_data, stream
from home.models import Commune

from .models import (
    AppointmentEvent,
    AppointmentRequest,
    AppointmentRequestPage,
    AppointmentSubject,
    ContactPreference,
    Place,
    Status,
    hash_token,
    new_token_key,
    token_for_key,
)


def seed(home):
    """Create the subjects, the page and the demo requests that are missing; return their labels."""
    created = []
    data = read_data("appointments", "appointments.json")
    with translation.override("fr"):
        subjects = {}
        for order, fields in enumerate(data["subjects"]):
            subject, was_created = AppointmentSubject.objects.get_or_create(
                slug=fields["slug"], defaults={"name": fields["name"], "sort_order": order * 10}
            )
            subjects[fields["slug"]] = subject
            if was_created:
                created.append(f"Objet de rendez-vous : {fields['name']}")
        fields = data["page"]
        page, page_created = ensure_page(
            home,
            AppointmentRequestPage,
            show_in_menus=True,
            **{**fields, "intro": paragraphs(fields["intro"]), "body": stream(fields["body"])},
        )
        if page_created:
            created.append(page.title)
        site = Site.objects.filter(root_page=home).first() or Site.objects.get(is_default_site=True)
        communes = list(Commune.objects.order_by("pk"))
        now = timezone.now()
        for number, spec in enumerate(data["requests"]):
            if not AppointmentRequest.objects.filter(reference=spec["reference"]).exists():
                create_request(number, spec, now, site, page, subjects[spec["subject"]], communes)
                created.append(f"Demande de rendez-vous {spec['reference']}")
    return created


def create_request(number, spec, now, site, page, subject, communes):
    """One demo request and its "submitted" event, dated `days_ago`; details vary with its `number`."""
    status, place = Status(spec["status"]), Place(spec["place"])
    first, last = spec["first_name"], spec["last_name"]
    token_key = new_token_key()
    created_at = now - timedelta(days=spec["days_ago"])
    request = AppointmentRequest.objects.create(
        site=site,
        page=page,
        reference=spec["reference"],
        token_key=token_key,
        token_hash=hash_token(token_for_key(token_key)),
        subject=subject,
        message="" if number % 2 else "J'ai reçu un courrier que je ne comprends pas.",
        contact_preference=ContactPreference(spec["contact_preference"]),
        availability=["mon-am", "wed-pm"] if number % 2 else ["tue-am", "thu-am", "fri-pm"],
        place=place,
        needs_interpreter=number == 3,
        needs_accessibility=place == Place.HOME,
        first_name=first,
        last_name=last,
        phone=f"+336399800{60 + number:02d}",  # ARCEP's fictional mobile range: never texted
        email=f"{first.lower().replace('é', 'e')}.{last.lower()}@example.org" if spec["has_email"] else "",
        commune=communes[number % len(communes)] if communes else None,
        consent_at=created_at,
        status=status,
        proposed_start=(now + timedelta(days=5)).replace(hour=9, minute=30, second=0, microsecond=0)
        if status == Status.PROPOSED
        else None,
        proposed_place="Maison des solidarités, 12 rue des Tanneurs" if status == Status.PROPOSED else "",
        closed_at=created_at + timedelta(days=10) if status in (Status.CLOSED, Status.DROPPED) else None,
    )
    AppointmentRequest.objects.filter(pk=request.pk).update(created_at=created_at)
    AppointmentEvent.objects.create(request=request, action=AppointmentEvent.Action.SUBMITTED)
