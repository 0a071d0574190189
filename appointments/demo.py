"""Demo content of the appointment requests: the subjects, the page at /rendez-vous/, a few requests.

Called by `manage.py seed_demo` as `seed(home)`. Idempotent: subjects are looked up by slug,
the page by its slug, requests by their fixed demo reference. Requests are created directly,
without the service, so no email leaves. The people are invented.
"""

from datetime import timedelta

from django.utils import timezone, translation

from wagtail.models import Site

from home.demo_content import ORG, _p
from home.management.commands.seed_demo import ensure_page
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

SUBJECTS = [
    ("Accès aux droits et démarches", "acces-aux-droits"),
    ("Aide financière", "aide-financiere"),
    ("Logement", "logement"),
    ("Santé / handicap", "sante-handicap"),
    ("Parentalité", "parentalite"),
    ("Emploi / insertion", "emploi-insertion"),
    ("Autre", "autre"),
]

INTRO = (
    "<p>Vous avez besoin de parler de votre situation avec une travailleuse sociale ou un agent "
    "d'accueil ? Faites une demande en ligne : nous vous recontactons pour fixer un rendez-vous.</p>"
)

# (reference, first name, last name, subject slug, status, days ago, place, contact, email?)
REQUESTS = [
    ("RDV-DEM0-A1", "Nadia", "Benali", "aide-financiere", Status.NEW, 1, Place.OFFICE, ContactPreference.PHONE, False),
    ("RDV-DEM0-A2", "Julien", "Marchand", "logement", Status.NEW, 2, Place.PHONE, ContactPreference.EMAIL, True),
    (
        "RDV-DEM0-A3",
        "Odile",
        "Perrin",
        "sante-handicap",
        Status.IN_PROGRESS,
        6,
        Place.HOME,
        ContactPreference.PHONE,
        False,
    ),
    (
        "RDV-DEM0-A4",
        "Karim",
        "Haddad",
        "acces-aux-droits",
        Status.PROPOSED,
        9,
        Place.FRANCE_SERVICES,
        ContactPreference.EMAIL,
        True,
    ),
    ("RDV-DEM0-A6", "Léa", "Fontaine", "parentalite", Status.CLOSED, 30, Place.OFFICE, ContactPreference.PHONE, True),
    (
        "RDV-DEM0-A7",
        "Michel",
        "Girard",
        "emploi-insertion",
        Status.DROPPED,
        45,
        Place.PHONE,
        ContactPreference.POST,
        False,
    ),
]


def seed(home):
    created = []
    with translation.override("fr"):
        subjects = {}
        for order, (name, slug) in enumerate(SUBJECTS):
            subject, was_created = AppointmentSubject.objects.get_or_create(
                slug=slug, defaults={"name": name, "sort_order": order * 10}
            )
            subjects[slug] = subject
            if was_created:
                created.append(f"Objet de rendez-vous : {name}")
        page, page_created = ensure_page(
            home,
            AppointmentRequestPage,
            "rendez-vous",
            title="Prendre rendez-vous",
            intro=INTRO,
            notification_email=ORG["email"],
            show_in_menus=True,
            search_description="Demander un rendez-vous au CIAS sans téléphoner.",
            body=[("paragraph", _p("Vous préférez appeler ? L'accueil répond au " + ORG["phone"] + "."))],
        )
        if page_created:
            created.append(page.title)
        site = Site.objects.filter(root_page=home).first() or Site.objects.get(is_default_site=True)
        communes = list(Commune.objects.order_by("pk"))
        now = timezone.now()
        for number, (reference, first, last, slug, status, days, place, contact, has_email) in enumerate(REQUESTS):
            if AppointmentRequest.objects.filter(reference=reference).exists():
                continue
            token_key = new_token_key()
            created_at = now - timedelta(days=days)
            request = AppointmentRequest.objects.create(
                site=site,
                page=page,
                reference=reference,
                token_key=token_key,
                token_hash=hash_token(token_for_key(token_key)),
                subject=subjects[slug],
                message="" if number % 2 else "J'ai reçu un courrier que je ne comprends pas.",
                contact_preference=contact,
                availability=["mon-am", "wed-pm"] if number % 2 else ["tue-am", "thu-am", "fri-pm"],
                place=place,
                needs_interpreter=number == 3,
                needs_accessibility=place == Place.HOME,
                first_name=first,
                last_name=last,
                phone=f"06399800{60 + number:02d}",
                email=f"{first.lower().replace('é', 'e')}.{last.lower()}@example.org" if has_email else "",
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
            created.append(f"Demande de rendez-vous {reference}")
    return created
