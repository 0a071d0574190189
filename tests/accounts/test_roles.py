"""The four staff roles (and Pilotage) reach what their job needs in the admin, and nothing else."""

from django.contrib.auth.models import Group

import pytest

from accounts.roles import ROLES
from appointments.models import AppointmentRequest, AppointmentSubject
from tests.auth import assert_admin_refusal, login_with_second_factor

pytestmark = pytest.mark.django_db

# url → roles that may open it; everybody else is refused (403, or 302 back to the dashboard).
MATRIX = {
    "/admin/": {"Communication", "Animation", "Accueil social", "Administration", "Pilotage"},
    "/admin/pages/": {"Communication", "Administration"},
    "/admin/documents/": {"Communication", "Administration"},
    "/admin/images/": {"Communication", "Administration"},
    "/admin/snippets/home/theme/": {"Communication", "Administration"},
    "/admin/snippets/events/venue/": {"Communication", "Administration"},
    "/admin/inscriptions/": {"Animation", "Administration"},
    "/admin/rendez-vous/": {"Accueil social", "Administration"},
    "/admin/rendez-vous/{request}/": {"Accueil social", "Administration"},
    "/admin/indicateurs/": {"Administration", "Pilotage"},
    "/admin/exemplaires-papier/": {"Communication", "Animation", "Administration"},
    "/admin/users/": {"Administration"},
    "/admin/groups/": {"Administration"},
}


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


def test_the_roles_exist_after_migrate():
    assert set(ROLES) <= set(Group.objects.values_list("name", flat=True))
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


@pytest.mark.parametrize("role", sorted(ROLES))
def test_each_role_reaches_exactly_its_views(role, client, django_user_model, appointment):
    user = django_user_model.objects.create_user(f"user-{role}", f"{role[:4].lower()}@example.org", "x")
    user.groups.add(Group.objects.get(name=role))
    login_with_second_factor(client, user)

    outcome = {}
    for pattern in MATRIX:
        response = client.get(pattern.format(request=appointment.pk))
        outcome[pattern] = response.status_code == 200
        if not outcome[pattern]:
            if pattern == "/admin/indicateurs/":
                assert response.status_code == 403
            else:
                assert_admin_refusal(response)
            # A refusal never shows the request's personal data.
            assert b"Haddad" not in response.content
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
