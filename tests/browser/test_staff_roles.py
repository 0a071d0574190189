"""Each staff role does its job in a real browser, CSRF checks on: Animation's whole session work,
Accueil social's inbox, Communication's event, Pilotage's summary; axe on what the portal writes."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from appointments.models import AppointmentRequest, AppointmentSubject, Status
from events.models import EventPage, Registration
from tests.browser.conftest import sign_in_staff
from tests.factories import EventIndexPageFactory, EventPageFactory, EventSessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def new_event(home_page):
    """A new event with two sessions and no registration yet: the first booking is by phone."""
    agenda = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(
        parent=agenda, title="Groupe des aidants", registration_required=True, online_registration=True, capacity=2
    )
    start = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0) + timedelta(days=3)
    first = EventSessionFactory(event=event, start=start, end=start + timedelta(hours=2))
    second = EventSessionFactory(event=event, start=start + timedelta(days=7), end=start + timedelta(days=7, hours=2))
    return event, first, second


def click_and_wait(tab, locator):
    with tab.expect_navigation():
        locator.click()


def test_animation_books_by_phone_moves_confirms_by_hand_messages_and_prints(new_event, staff_member, browser_page):
    event, first, second = new_event
    sophie = staff_member("Animation", "sophie@example.org", "Sophie", "Lefèvre")
    sign_in_staff(browser_page, sophie)
    tab = browser_page.tab

    # The sessions calendar reaches a session that has no booking yet.
    browser_page.goto("/admin/inscriptions/seances/")
    assert browser_page.admin_axe_violations() == []
    browser_page.screenshot("admin-sessions-calendar")
    click_and_wait(tab, tab.get_by_role("link", name="Groupe des aidants").first)
    assert "Personne n'est encore inscrit à cette séance." in tab.inner_text("main")

    # A phone booking for a couple, then one for a person who waits.
    for first_name, adults, phone in (("Claire", "2", "06 39 98 00 11"), ("Odette", "1", "06 39 98 00 22")):
        tab.fill("#id_staff-first_name", first_name)
        tab.fill("#id_staff-last_name", "Martin")
        tab.fill("#id_staff-phone", phone)
        tab.fill("#id_staff-adults", adults)
        tab.select_option("#id_staff-channel", "phone")
        click_and_wait(tab, tab.get_by_role("button", name="Inscrire"))
    assert "Odette Martin est sur la liste d'attente, n° 1" in tab.inner_text("main")
    assert browser_page.admin_axe_violations() == []
    browser_page.screenshot("admin-session-page")

    # Confirm Odette out of the list, with a reason.
    click_and_wait(tab, tab.get_by_role("link", name="Confirmer hors liste : Odette Martin"))
    tab.get_by_label("Une place a été ajoutée (salle plus grande, animateur en plus)").check()
    click_and_wait(tab, tab.get_by_role("button", name="Confirmer la place"))
    assert Registration.objects.get(first_name="Odette").status == Registration.Status.CONFIRMED

    # Move Claire to the next session.
    click_and_wait(tab, tab.get_by_role("link", name="Déplacer : Claire Martin"))
    tab.locator("input[name=session]").first.check()
    click_and_wait(tab, tab.get_by_role("button", name="Déplacer l'inscription"))
    assert Registration.objects.get(first_name="Claire").session_id == second.pk

    # Write to the people of the second session: preview, then send.
    click_and_wait(tab, tab.get_by_role("link", name="Écrire aux personnes inscrites"))
    tab.fill("#id_subject", "Changement de salle")
    tab.fill("#id_body", "Nous serons en salle 2.")
    click_and_wait(tab, tab.get_by_role("button", name="Voir l'aperçu"))
    assert "Vérifiez avant d'envoyer" in tab.inner_text("main")
    assert browser_page.admin_axe_violations() == []
    click_and_wait(tab, tab.get_by_role("button", name="Envoyer"))
    assert "personne(s) sans e-mail sont à appeler" in tab.inner_text("main")

    # The attendance sheet downloads as a PDF.
    with tab.expect_download() as download:
        tab.get_by_role("link", name="Feuille d'émargement (PDF)").click()
    assert download.value.suggested_filename.startswith("emargement-groupe-des-aidants-")

    actions = set(ModelLogEntry.objects.filter(user=sophie).values_list("action", flat=True))
    assert {
        "events.registration.desk_booking",
        "events.registration.confirm_by_hand",
        "events.registration.move",
        "events.session.message",
    } <= actions
    assert browser_page.csp_violations == [] or all("admin" in v for v in browser_page.csp_violations)


def test_accueil_social_opens_the_inbox_on_open_requests_and_follows_one(site, staff_member, browser_page):
    subject = AppointmentSubject.objects.create(name="Logement", slug="logement")
    request = AppointmentRequest.objects.create(
        site=site,
        reference="RDV-7K3M-Q9",
        token_key="k",
        token_hash="h",
        subject=subject,
        first_name="Nadia",
        last_name="Benali",
        phone="0639980011",
        consent_at=timezone.now(),
    )
    karim = staff_member("Accueil social", "karim@example.org", "Karim", "Haddad")
    sign_in_staff(browser_page, karim)
    tab = browser_page.tab

    browser_page.goto("/admin/rendez-vous/")
    click_and_wait(tab, tab.get_by_role("link", name="RDV-7K3M-Q9"))
    tab.select_option("#id_assign-assigned_to", label="Karim Haddad")
    click_and_wait(tab, tab.get_by_role("button", name="Attribuer"))
    assert "La demande est suivie par Karim Haddad." in tab.inner_text("main")
    tab.select_option("#id_status-status", "in_progress")
    click_and_wait(tab, tab.get_by_role("button", name="Changer le statut"))
    request.refresh_from_db()
    assert request.status == Status.IN_PROGRESS and request.assigned_to == karim
    assert browser_page.admin_axe_violations() == []
    browser_page.screenshot("admin-request-detail")


def test_communication_duplicates_an_event_with_new_dates(new_event, staff_member, browser_page):
    event, first, _second = new_event
    claire = staff_member("Communication", "claire@example.org", "Claire", "Martin")
    sign_in_staff(browser_page, claire)
    tab = browser_page.tab

    browser_page.goto(f"/admin/inscriptions/temps/{event.pk}/dupliquer/")
    tab.fill("#id_title", "Groupe des aidants (printemps)")
    new_first = (timezone.localtime(first.start) + timedelta(days=56)).date()
    tab.fill("#id_first_date", new_first.isoformat())
    assert browser_page.admin_axe_violations() == []
    click_and_wait(tab, tab.get_by_role("button", name="Créer le brouillon"))

    copy = EventPage.objects.get(title="Groupe des aidants (printemps)")
    assert not copy.live and copy.sessions.count() == 2
    assert timezone.localdate(copy.sessions.order_by("start").first().start) == new_first
    assert "/edit/" in tab.url


def test_pilotage_reads_the_board_summary(site, staff_member, browser_page):
    pierre = staff_member("Pilotage", "pilotage@example.org", "Pierre", "Lefèvre")
    sign_in_staff(browser_page, pierre)

    browser_page.goto("/admin/indicateurs/synthese/")

    assert browser_page.tab.locator("h1").count() >= 1
    assert browser_page.admin_axe_violations() == []
    browser_page.screenshot("admin-indicators-summary")
