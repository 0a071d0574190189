"""The admin speaks plain French to Claire and Sophie, and the editor's forms help rather than refuse."""

import re

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Collection, Page, PageViewRestriction, Workflow

import pytest

from events.models import EventPage, Registration
from events.services import Attendee, register
from home.models import StandardPage
from tests.factories import EventIndexPageFactory, EventPageFactory, EventSessionFactory

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", response.content.decode()).replace("&#x27;", "'")


def test_the_roots_and_the_moderation_workflow_have_french_names(home_page):
    call_command("migrate", verbosity=0)  # the post_migrate receivers, as after a deploy

    assert Page.get_first_root_node().title == "Racine"
    assert Collection.get_first_root_node().name == "Racine"
    workflow = Workflow.objects.get()
    assert workflow.name == "Validation par la Communication"
    [task] = workflow.tasks.all()
    assert list(task.specific.groups.values_list("name", flat=True)) == ["Communication"]


def test_the_event_editor_adds_a_session_without_un_e_and_ticks_themes(admin_client, home_page):
    agenda = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=agenda, title="Café des parents")

    html = text(admin_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])))

    assert "un(e)" not in html and "ce(tte)" not in html
    assert "Ajouter : Séance" in html
    assert re.search(r'<input type="checkbox" name="themes"', html) or "w-field__input" in html
    assert '<select name="themes"' not in html


def test_online_registration_means_sur_inscription_without_refusing_the_form(home_page):
    agenda = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory.build(title="Atelier budget", online_registration=True, registration_required=False)
    agenda.add_child(instance=event)

    event.full_clean()

    assert event.registration_required is True


def test_a_new_page_address_has_no_accents(home_page):
    page = StandardPage(title="Nouvelle permanence à Brécy")
    home_page.add_child(instance=page)

    assert page.slug == "nouvelle-permanence-a-brecy"


def test_a_password_protected_page_asks_in_the_site_layout_and_in_french(client, home_page, site_settings):
    page = StandardPage(title="Comptes rendus", slug="comptes-rendus")
    home_page.add_child(instance=page)
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="relais2027")

    html = text(client.get("/comptes-rendus/"))

    assert "Page protégée par un mot de passe" in html and "Saisissez le mot de passe" in html
    assert "CCAS de Bourg-Test" in html  # the site's header and footer
    assert "Password required" not in html


def test_a_registration_record_reads_oui_non_and_local_dates(admin_client, home_page, django_user_model):
    agenda = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=agenda, registration_required=True, online_registration=True)
    session = EventSessionFactory(event=event)
    registration = register(event, [session.pk], Attendee(first_name="Jean", last_name="Roux", email="j@example.org"))
    row = registration.registrations[0]

    html = text(admin_client.get(reverse("inscriptions:inspect", args=[row.pk])))

    assert ">False<" not in html and ">None<" not in html and ">True<" not in html
    assert "non" in html and "—" in html
    assert Registration.objects.get(pk=row.pk).created_at.tzinfo is not None


def test_staff_of_the_animation_role_see_no_wagtail_english_on_their_pages(client, home_page, django_user_model):
    from tests.auth import login_with_second_factor

    user = django_user_model.objects.create_user("sophie", "sophie@example.org", "x")
    user.groups.add(Group.objects.get(name="Animation"))
    login_with_second_factor(client, user)

    html = text(client.get(reverse("events-admin:sessions")))

    assert "Séances" in html and "Moderators" not in html and "Root" not in html
    assert EventPage.objects.count() == 0


def test_a_page_for_signed_in_people_sends_visitors_to_the_portal_login(client, home_page):
    page = home_page.add_child(instance=StandardPage(title="Espace partenaires", slug="espace-partenaires"))
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/espace-partenaires/")

    assert response.status_code == 302
    assert response["Location"] == "/compte/login/?next=/espace-partenaires/"
