"""The French demo content `make run` shows: complete, realistic, idempotent and silent.

Every test here reads the demo seeded once for the module (tests/conftest.py: demo_module).
"""

import io
import os
from datetime import timedelta

from django.core import mail
from django.core.management import call_command

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, ReferenceIndex, Revision

import pytest
import time_machine

from appointments.models import AppointmentRequest, AppointmentRequestPage, AppointmentSubject
from events.models import EventPage, EventSession, Registration
from home.models import Commune, SiteSettings, Theme
from portal.models import OutboundEmail
from resources.models import PartnerPage, ResourceDocument, ResourceFormat, ResourcePage
from tests.conftest import DEMO_SEEDED_ON

pytestmark = pytest.mark.django_db


def counts():
    models = (Page, Revision, Image, SiteSettings, EventSession, Registration, ResourceDocument, AppointmentRequest)
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.parametrize("days_later", [0, 400], ids=["same-day", "next-year"])
def test_a_second_run_changes_nothing_and_sends_nothing(demo_site, days_later):
    before = counts()
    out = io.StringIO()

    with time_machine.travel(DEMO_SEEDED_ON + timedelta(days=days_later), tick=False):
        call_command("seed_demo", stdout=out)

    assert counts() == before
    assert "rien à changer" in out.getvalue()
    assert not mail.outbox and not OutboundEmail.objects.exists()


def test_the_site_speaks_for_a_fictional_cias_in_french(demo_site, client):
    html = client.get("/").content.decode()

    assert "CIAS des Trois Vallons" in html and 'lang="fr"' in html
    for path in ("/le-cias/", "/contact/", "/accessibilite/", "/donnees-personnelles/", "/mentions-legales/"):
        assert client.get(path).status_code == 200, path


def test_the_resources_cover_every_theme_and_format_with_real_documents(demo_site):
    resources = ResourcePage.objects.live()
    partners = PartnerPage.objects.live()

    assert resources.count() >= 20
    assert resources.filter(easy_read_version__isnull=False).count() >= 3
    assert partners.count() >= 15
    assert Commune.objects.filter(partners__isnull=False).distinct().count() >= 5
    assert set(Theme.objects.filter(resources__isnull=False).values_list("slug", flat=True)) == set(
        Theme.objects.values_list("slug", flat=True)
    )
    assert set(ResourceFormat.objects.filter(resources__isnull=False).values_list("slug", flat=True)) == set(
        ResourceFormat.objects.values_list("slug", flat=True)
    )
    assert all(item.document.file.read(5) == b"%PDF-" for item in ResourceDocument.objects.select_related("document"))
    assert all(partner.phone.startswith("03 53 01") and partner.email.endswith(".example") for partner in partners)


def test_the_agenda_has_upcoming_and_past_sessions_and_bookings(demo_site):
    assert EventPage.objects.live().count() > 20
    assert EventSession.objects.filter(status=EventSession.Status.CANCELLED).exists()
    assert Registration.objects.filter(status=Registration.Status.WAITING).exists()


def test_the_appointments_have_subjects_and_requests_in_every_status(demo_site, client):
    page = AppointmentRequestPage.objects.get()

    assert page.url == "/rendez-vous/" and page.show_in_menus and page.title == "Prendre rendez-vous"
    assert AppointmentSubject.objects.count() == 7
    # 6 from the appointments demo, the rest from the indicators' past season (14 months).
    past_season = AppointmentRequest.objects.filter(reference__startswith="RDV-H").count()
    assert AppointmentRequest.objects.count() - past_season == 6
    assert past_season == 44  # one to four requests a month: the same on any day the suite runs
    assert set(AppointmentRequest.objects.values_list("status", flat=True)) == {
        "new",
        "in_progress",
        "proposed",
        "closed",
        "dropped",
    }
    assert all(r.email.endswith("@example.org") or not r.email for r in AppointmentRequest.objects.all())
    assert client.get("/rendez-vous/").status_code == 200


def test_the_demo_data_is_read_from_files_next_to_each_app(demo_site):
    from django.conf import settings

    for app in ("home", "events", "resources", "appointments", "indicators"):
        assert os.listdir(settings.BASE_DIR / app / "demo_data"), app


def test_the_whole_demo_can_be_indexed_for_the_admin_s_usage_counts(demo_site):
    """Wagtail's reference index, off in tests (tests/conftest.py), builds over every demo page."""
    assert not ReferenceIndex.objects.exists()  # seeded with the index off

    call_command("rebuild_references_index", stdout=io.StringIO())

    used = {document.title for document in Document.objects.all() if ReferenceIndex.get_references_to(document)}
    attached = set(ResourceDocument.objects.values_list("document__title", flat=True))
    assert attached and used >= attached
