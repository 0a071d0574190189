"""The cluster's content, made in the check's own Django process (production settings, direct to
PostgreSQL): a site, an event of 20 places, a session due for reminders, the appointment page, a
resource, a page to edit, a staff member with a second factor and a resident."""

from datetime import timedelta

from django.utils import timezone

REMINDED = 30
PLACES = 20
STAFF_EMAIL, RESIDENT_EMAIL = "claire.agent@example.org", "camille.habitante@example.org"
PASSWORD = "une longue phrase de passe du cluster"  # noqa: S105 - a throw-away database
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - the staff member of a throw-away database


def site_and_pages():
    from wagtail.models import Collection, Locale, Page, Site

    from tests.factories import EventIndexPageFactory, HomePageFactory, StandardPageFactory
    from tests.resources.factories import ResourceIndexPageFactory, ResourcePageFactory

    Locale.objects.get_or_create(language_code="fr")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    for child in root.get_children():
        Site.objects.filter(root_page=child).delete()
        child.delete()
    home = HomePageFactory(parent=root, title="Accueil", slug="accueil", hero_title="Bienvenue au CCAS")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "127.0.0.1", "port": 80, "root_page": home, "site_name": "CCAS du cluster"},
    )
    edited = StandardPageFactory(parent=home, title="Plan canicule", slug="plan-canicule", body=[])
    resources = ResourceIndexPageFactory(parent=home)
    resource = ResourcePageFactory(parent=resources, title="Guide des aidants", slug="guide-des-aidants")
    return home, EventIndexPageFactory(parent=home), edited, resource


def events(agenda):
    from events.models import Registration
    from events.models.registrations import token_for_key
    from portal.tokens import hash_token, new_token_key
    from tests.factories import EventPageFactory, EventSessionFactory

    options = {"registration_required": True, "online_registration": True, "waiting_list": True}
    booked = EventPageFactory(parent=agenda, title="Atelier budget", slug="atelier-budget", capacity=PLACES, **options)
    booked_session = EventSessionFactory(event=booked, start=timezone.now() + timedelta(days=10))
    reminded = EventPageFactory(parent=agenda, title="Café des parents", slug="cafe-des-parents", **options)
    reminded_session = EventSessionFactory(event=reminded, start=timezone.now() + timedelta(hours=20))
    for number in range(REMINDED):
        key = new_token_key()
        Registration.objects.create(
            session=reminded_session,
            token_key=key,
            token_hash=hash_token(token_for_key(key)),
            status=Registration.Status.CONFIRMED,
            confirmed_at=timezone.now(),
            first_name="Parent",
            last_name=f"Rappel {number}",
            email=f"rappel{number}@example.org",
        )
    return booked, booked_session, reminded_session


def appointment_page(home):
    from appointments.models import AppointmentRequestPage, AppointmentSubject
    from home.models import Commune

    page = AppointmentRequestPage(title="Prendre rendez-vous", slug="rendez-vous", intro="<p>Demandez.</p>")
    home.add_child(instance=page)
    page.save_revision().publish()
    subject = AppointmentSubject.objects.create(name="Logement", slug="logement", sort_order=1)
    commune = Commune.objects.create(name="Saint-Aubin-des-Vallons", slug="saint-aubin", postcode="71990")
    return page, subject, commune


def people():
    from django.contrib.auth import get_user_model

    from accounts.services import ensure_verified_email
    from tests.auth import enrol_totp

    users = get_user_model().objects
    staff = users.create_superuser("claire", email=STAFF_EMAIL, password=PASSWORD, first_name="Claire")
    ensure_verified_email(staff)
    enrol_totp(staff, TOTP_SECRET)
    resident = users.create_user("camille", email=RESIDENT_EMAIL, password=PASSWORD, first_name="Camille")
    ensure_verified_email(resident)
    return staff, resident


def build():
    """Make everything; returns what the checks need, as plain values."""
    home, agenda, edited, resource = site_and_pages()
    booked, booked_session, reminded_session = events(agenda)
    page, subject, commune = appointment_page(home)
    people()
    return {
        "booking_url": f"{booked.url}inscription/?seance={booked_session.pk}",
        "event_url": booked.url,
        "booked_session": booked_session.pk,
        "reminded_session": reminded_session.pk,
        "appointment_url": page.url,
        "subject": subject.pk,
        "commune": commune.pk,
        "edited_page": edited.pk,
        "edited_url": edited.url,
        "resource": resource.pk,
    }
