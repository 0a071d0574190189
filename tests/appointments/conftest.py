import re

from django.contrib.auth.models import Group, Permission
from django.test import Client

import pytest

from appointments.models import AppointmentRequestPage, AppointmentSubject
from home.models import Commune
from tests.auth import login_with_second_factor

FORM = {
    "subject": "",  # filled by the `form_data` fixture
    "message": "J'ai reçu un courrier de la CAF.",
    "contact_preference": "phone",
    "availability": ["mon-am", "wed-pm"],
    "place": "office",
    "needs": ["interpreter"],
    "first_name": "Nadia",
    "last_name": "Benali",
    "phone": "06 39 98 00 11",
    "email": "Nadia.Benali@example.org",
    "commune": "",
    "consent": "on",
}


def text(response):
    return re.sub(r"\s+", " ", response.content.decode()).replace("&#x27;", "'")


@pytest.fixture
def subjects(db):
    return [
        AppointmentSubject.objects.create(name="Logement", slug="logement", sort_order=1),
        AppointmentSubject.objects.create(name="Aide financière", slug="aide-financiere", sort_order=2),
    ]


@pytest.fixture
def commune(db):
    return Commune.objects.create(name="Saint-Aubin-des-Vallons", slug="saint-aubin", postcode="71990")


@pytest.fixture
def appointment_page(home_page, site_settings):
    page = AppointmentRequestPage(
        title="Prendre rendez-vous",
        slug="rendez-vous",
        intro="<p>Demandez un rendez-vous.</p>",
        notification_email="equipe@ccas-test.example",
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def form_data(subjects, commune, appointment_page):
    return {**FORM, "subject": str(subjects[0].pk), "commune": str(commune.pk)}


def make_user(django_user_model, username, *, group=None, codenames=()):
    """A user who can open the admin, in `group` (by name) or with the given permissions."""
    user = django_user_model.objects.create_user(username=username, password="x", first_name=username.title())
    if group:
        user.groups.add(Group.objects.get(name=group))
    else:
        own = Group.objects.create(name=f"Groupe {username}")
        own.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
        for app_label, codename in codenames:
            own.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        user.groups.add(own)
    return user


@pytest.fixture
def social_worker(django_user_model):
    return make_user(django_user_model, "sophie", group="Accueil social")


@pytest.fixture
def social_client(social_worker):
    client = Client()
    login_with_second_factor(client, social_worker)
    return client


@pytest.fixture
def editor(django_user_model):
    """A communications officer: page permissions only."""
    from wagtail.models import GroupPagePermission, Page

    user = make_user(django_user_model, "camille", codenames=[("home", "change_sitesettings")])
    group = user.groups.get()
    root = Page.objects.get(depth=1)
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=root, permission=Permission.objects.get(codename=permission)
        )
    return user
