""" "Imprimer" in the admin: the Communication and Animation roles print, and count the paper copies."""

from datetime import date

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

import pytest

from indicators.figures import Period, supports_figures
from indicators.models import PaperCopy
from tests.auth import login_with_second_factor
from tests.pdf_tools import pdf_text, qr_codes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

URL = "/admin/imprimer/"


def staff_client(django_user_model, role):
    user = django_user_model.objects.create_user(f"user-{role[:4]}", f"{role[:4].lower()}@example.org", "x")
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    login_with_second_factor(client, user)
    return client, user


@pytest.fixture
def cafe(make_event):
    return make_event("Café des parents", days=(3,), registration_required=True, online_registration=True)


@pytest.mark.parametrize("role", ["Communication", "Animation"])
def test_communication_and_animation_find_imprimer_in_the_menu_and_download_the_programme(
    django_user_model, role, cafe
):
    client, _user = staff_client(django_user_model, role)

    dashboard = client.get("/admin/").content.decode()
    response = client.post(URL, {"document": "programme", "month": "2027-03", "paper_size": "A4"})

    assert URL in dashboard
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="programme-2027-03.pdf"'
    assert "Café des parents" in pdf_text(response.content)
    assert not PaperCopy.objects.exists()


@pytest.mark.parametrize("role", ["Accueil social", "Pilotage"])
def test_other_roles_cannot_print(django_user_model, role):
    client, _user = staff_client(django_user_model, role)

    response = client.get(URL)

    # The admin answers a refusal by going back to the dashboard with a message.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert URL not in client.get("/admin/").content.decode()


def test_copies_of_a_programme_feed_the_paper_figures(django_user_model, cafe):
    client, user = staff_client(django_user_model, "Communication")

    client.post(
        URL,
        {"document": "programme", "month": "2027-03", "paper_size": "A4", "copies": "40", "place": "Mairie de Brécy"},
    )
    section = supports_figures(Period.year(2027))

    copy = PaperCopy.objects.get()
    assert (copy.support, copy.quantity, copy.place, copy.day) == (
        "programme",
        40,
        "Mairie de Brécy",
        date(2027, 3, 20),
    )
    assert copy.label == "Programme de mars 2027" and copy.recorded_by == user
    figures = {figure.label: figure.current for figure in section.key_figures}
    assert figures["Exemplaires papier remis"] == 40
    [table] = [table for table in section.tables if table.key == "supports-papier-agenda"]
    assert ["Programme du mois", 40, 0] in table.rows


def test_a_poster_printed_from_the_admin_counts_its_copies_for_its_event(django_user_model, cafe):
    event, _ = cafe
    client, _user = staff_client(django_user_model, "Animation")

    form = client.get(f"{URL}?affiche={event.pk}").content.decode()
    response = client.post(
        URL,
        {"document": "affiche", "event": event.pk, "paper_size": "A3", "copies": "5", "place": "École des Tilleuls"},
    )

    assert f'<option value="{event.pk}" selected>' in form
    assert response["Content-Type"] == "application/pdf"
    assert qr_codes(response.content, dpi=100) == [
        "http://localhost/agenda/cafe-des-parents/inscription/?source=affiche"
    ]
    copy = PaperCopy.objects.get()
    assert (copy.support, copy.quantity, copy.event_id) == ("affiche", 5, event.pk)
    assert copy.label == "Affiche A3 : Café des parents"


def test_copies_without_a_place_are_refused_with_a_message(django_user_model, cafe):
    client, _user = staff_client(django_user_model, "Communication")

    response = client.post(URL, {"document": "programme", "paper_size": "A4", "copies": "10"})

    assert response.status_code == 200
    assert "Indiquez où vont les exemplaires" in response.content.decode()
    assert not PaperCopy.objects.exists()


def test_a_poster_needs_its_event(django_user_model):
    client, _user = staff_client(django_user_model, "Communication")

    response = client.post(URL, {"document": "affiche", "paper_size": "A4"})

    assert "Choisissez le temps ressources de l&#x27;affiche." in response.content.decode()


def test_the_event_edit_screen_links_to_its_poster(admin_client, cafe):
    event, _ = cafe

    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()

    assert f"{URL}?affiche={event.pk}" in html
