"""The four staff roles (and Pilotage) reach what their job needs in the admin, and nothing else."""

from datetime import date

from django.contrib.auth.models import Group

import pytest

from accounts.roles import ROLES
from appointments.models import AppointmentRequest, AppointmentSubject
from home.models import Commune
from tests.auth import assert_admin_refusal, login_with_second_factor
from tests.factories import EventIndexPageFactory
from welfare.models import RegisterEntry
from welfare.services.campaigns import open_campaign

pytestmark = pytest.mark.django_db

# Accueil social members get Veille sociale by default (accounts.roles.join_default_roles).
REGISTER = {"Veille sociale", "Accueil social", "Administration"}
# url → roles that may open it; everybody else is refused (403, or 302 back to the dashboard;
# the register's addresses always answer 403).
MATRIX = {
    "/admin/": {
        "Communication",
        "Animation",
        "Accueil social",
        "Administration",
        "Pilotage",
        "Veille sociale",
        "Partenaire",
    },
    # A partner is sent straight to the part of the tree they work in: the agenda.
    "/admin/pages/": {"Communication", "Administration", "Partenaire"},
    "/admin/documents/": {"Communication", "Administration"},
    "/admin/images/": {"Communication", "Administration"},
    "/admin/snippets/home/theme/": {"Communication", "Administration"},
    "/admin/snippets/events/venue/": {"Communication", "Administration"},
    "/admin/snippets/partners/organisation/": {"Communication", "Administration"},
    "/admin/settings/home/sitesettings/{site}/": {"Communication", "Administration"},
    "/admin/settings/events/agendaembedsettings/{site}/": {"Communication", "Administration"},
    # Partner accounts add events under the agenda (their own organisation's: tests/partners).
    "/admin/pages/{agenda}/": {"Communication", "Administration", "Partenaire"},
    "/admin/pages/add/events/eventpage/{agenda}/": {"Communication", "Administration", "Partenaire"},
    "/admin/pages/{agenda}/edit/": {"Communication", "Administration"},
    "/admin/inscriptions/": {"Animation", "Administration"},
    "/admin/rendez-vous/": {"Accueil social", "Administration"},
    "/admin/rendez-vous/{request}/": {"Accueil social", "Administration"},
    "/admin/indicateurs/": {"Administration", "Pilotage"},
    "/admin/exemplaires-papier/": {"Communication", "Animation", "Administration"},
    "/admin/users/": {"Administration"},
    "/admin/groups/": {"Administration"},
    "/admin/registre/": REGISTER,
    "/admin/registre/{entry}/": REGISTER,
    "/admin/registre/{entry}/donnees.json": REGISTER,
    "/admin/registre/veilles/": REGISTER,
    "/admin/registre/veilles/{campaign}/": REGISTER,
    "/admin/registre/veilles/{campaign}/feuille-d-appels.pdf": REGISTER,
    "/admin/registre/transmission/": REGISTER,
}
REGISTER_REFUSALS = {403}


@pytest.fixture
def appointment(site):
    subject = AppointmentSubject.objects.create(name="Logement")
    return AppointmentRequest.objects.create(
        site=site,
        reference="RDV-ABCD23",
        token_key="k",
        token_hash="h",
        subject=subject,
        message="Situation personnelle",
        first_name="Karim",
        last_name="Haddad",
        phone="0612345678",
        consent_at="2027-01-01T10:00:00Z",
    )


@pytest.fixture
def register_entry(site):
    commune = Commune.objects.create(name="Les Aulnaies", slug="les-aulnaies")
    entry = RegisterEntry.objects.create(
        site=site,
        reference="REG-ABCD-23",
        token_key="k",
        token_hash="h",
        status="active",
        first_name="Odette",
        last_name="Quintard",
        birth_date="1940-01-01",
        ground="age_65",
        address="3 rue des Saules",
        commune=commune,
        phone="+33380123456",
    )
    campaign = open_campaign(kind="heatwave", communes=[commune], starts_on=date(2027, 7, 15), user=None)
    return entry, campaign


def test_the_roles_exist_after_migrate():
    assert set(ROLES) <= set(Group.objects.values_list("name", flat=True))
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


@pytest.mark.parametrize("role", sorted(ROLES))
def test_each_role_reaches_exactly_its_views(role, client, django_user_model, appointment, register_entry, home_page):
    user = django_user_model.objects.create_user(f"user-{role}", f"{role[:4].lower()}@example.org", "x")
    user.groups.add(Group.objects.get(name=role))
    login_with_second_factor(client, user)

    entry, campaign = register_entry
    agenda = EventIndexPageFactory(parent=home_page)
    outcome = {}
    for pattern in MATRIX:
        response = client.get(
            pattern.format(
                request=appointment.pk, entry=entry.pk, campaign=campaign.pk, site=appointment.site_id, agenda=agenda.pk
            )
        )
        outcome[pattern] = response.status_code == 200 or (
            pattern == "/admin/pages/" and response.get("Location") == f"/admin/pages/{agenda.pk}/"
        )
        if not outcome[pattern]:
            if pattern.startswith("/admin/registre/"):
                assert response.status_code in REGISTER_REFUSALS, (pattern, response.status_code)
            elif pattern == "/admin/indicateurs/":
                assert response.status_code == 403
            else:
                assert_admin_refusal(response)
            # A refusal never shows the request's nor the register's personal data.
            assert b"Haddad" not in response.content and b"Quintard" not in response.content
    expected = {pattern: role in allowed for pattern, allowed in MATRIX.items()}
    assert outcome == expected


def test_communication_sees_no_personal_data_anywhere_in_the_admin(client, django_user_model, appointment):
    user = django_user_model.objects.create_user("com", "com@example.org", "x")
    user.groups.add(Group.objects.get(name="Communication"))
    login_with_second_factor(client, user)

    for url in ["/admin/", "/admin/pages/", "/admin/reports/site-history/", f"/admin/rendez-vous/{appointment.pk}/"]:
        assert b"Haddad" not in client.get(url).content
    assert_admin_refusal(client.get("/admin/rendez-vous/", {"export": "csv"}))
    assert_admin_refusal(client.get("/admin/inscriptions/", {"export": "xlsx"}))


def test_joining_accueil_social_gives_veille_sociale_once(django_user_model):
    user = django_user_model.objects.create_user("karim", "karim@example.org", "x")
    user.groups.add(Group.objects.get(name="Accueil social"))
    assert user.groups.filter(name="Veille sociale").exists()

    user.groups.remove(Group.objects.get(name="Veille sociale"))
    user.groups.add(Group.objects.get(name="Communication"))

    assert not user.groups.filter(name="Veille sociale").exists()


def test_veille_sociale_alone_reaches_the_register_but_not_the_appointments(client, django_user_model, register_entry):
    user = django_user_model.objects.create_user("veille", "veille@example.org", "x")
    user.groups.add(Group.objects.get(name="Veille sociale"))
    login_with_second_factor(client, user)

    assert client.get("/admin/registre/").status_code == 200
    assert client.get("/admin/rendez-vous/").status_code in (302, 403)
