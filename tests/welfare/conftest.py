"""Shared fixtures of the register's tests: the page, communes, entries, staff of each role, frozen time."""

import html
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.test import Client

import pytest
import time_machine

from accounts.roles import apply_roles
from home.models import Commune
from portal.tokens import hash_token, new_token_key
from tests.auth import login_with_second_factor
from welfare.models import RegisterEntry, RegisterSignupPage, token_for_key

PARIS = ZoneInfo("Europe/Paris")
# Thursday 15 July 2027, 10:00 in Paris: a heatwave morning.
NOW = datetime(2027, 7, 15, 10, 0, tzinfo=PARIS)
TODAY = NOW.date()
FORM_URL = "/registre-personnes-vulnerables/"
CHECK_URL = FORM_URL + "verifier/"
DONE_URL = FORM_URL + "confirmation/"
# Numbers of allocated ranges (libphonenumber) so that they validate; no text leaves a test.
MOBILE = "06 12 34 56 78"
MOBILE_E164 = "+33612345678"
LANDLINE = "03 80 12 34 56"
LANDLINE_E164 = "+33380123456"

FORM = {
    "for_whom": "self",
    "requester_kind": "",
    "requester_name": "",
    "requester_phone": "",
    "first_name": "Madeleine",
    "last_name": "Roux",
    "birth_date": "12/05/1955",  # 72 on NOW
    "ground": "age_65",
    "benefit": "",
    "address": "4 rue des Lilas",
    "address_extra": "",
    "commune": "",  # filled by `form_data`
    "phone": LANDLINE,
    "phone_other": MOBILE,
    "home_care_service": "",
    "home_care_phone": "",
    "emergency_contact": "Thierry Roux, son fils",
    "emergency_phone": "06 98 76 54 32",
    "reach_needs": ["hard_of_hearing", "morning"],
    "reach_notes": "",
    "email": "",
    "declaration": "on",
}


def text(response):
    """The page's HTML, whitespace collapsed and entities decoded (what a reader sees, in the markup)."""
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def communes(db):
    return {
        slug: Commune.objects.create(name=name, slug=slug, postcode=postcode, sort_order=order)
        for order, (name, slug, postcode) in enumerate(
            [
                ("Saint-Aubin-des-Vallons", "saint-aubin", "71990"),
                ("Montferrand-sur-Yvre", "montferrand", "71991"),
                ("Brécy-la-Rivière", "brecy", "71993"),
            ]
        )
    }


@pytest.fixture
def appointment_page(home_page):
    from wagtail.models import Page

    page = Page(title="Prendre rendez-vous", slug="rendez-vous")
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def signup_page(home_page, site_settings, appointment_page):
    page = RegisterSignupPage(
        title="Registre canicule et grand froid",
        slug="registre-personnes-vulnerables",
        intro="<p>Inscrivez-vous.</p>",
        notification_email="veille@ccas-test.example",
        other_help_page=appointment_page,
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def form_data(communes, signup_page):
    return {**FORM, "commune": str(communes["saint-aubin"].pk)}


@pytest.fixture
def make_entry(site, signup_page, communes):
    """make_entry(last_name, commune="saint-aubin", status="active", **fields): an entry as the services leave it."""
    counter = iter(range(1, 1000))

    def make(last_name="Roux", commune="saint-aubin", status="active", **fields):
        number = next(counter)
        key = new_token_key()
        values = {
            "site": site,
            "page": signup_page,
            "reference": f"REG-TEST-{number:02d}",
            "token_key": key,
            "token_hash": hash_token(token_for_key(key)),
            "status": status,
            "first_name": "Jeanne",
            "last_name": last_name,
            "birth_date": date(1940, 1, 1),
            "ground": "age_65",
            "address": f"{number} rue des Lilas",
            "commune": communes[commune],
            "phone": LANDLINE_E164,
            "agreed_at": NOW if status == "active" else None,
            "last_confirmed_at": NOW if status == "active" else None,
            **fields,
        }
        return RegisterEntry.objects.create(**values)

    return make


def staff_client(django_user_model, role, username=None):
    """A client signed in (password + second factor) as a member of `role` (None: no role)."""
    apply_roles()
    user = django_user_model.objects.create_user(
        username or f"agent-{(role or 'sans-role').lower().replace(' ', '-')}", password="x", first_name="Agent"
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    client = Client()
    login_with_second_factor(client, user)
    client.user = user
    return client


@pytest.fixture
def veille_client(django_user_model):
    client = staff_client(django_user_model, "Veille sociale", "karim")
    client.user.first_name, client.user.last_name = "Karim", "Haddad"
    client.user.save()
    return client
