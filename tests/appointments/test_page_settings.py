"""The address that learns of every new request is changed by Administration only."""

from django.contrib.auth.models import Group

import pytest

from tests.admin_forms import page_edit_data
from tests.auth import login_with_second_factor

pytestmark = pytest.mark.django_db


def staff(django_user_model, client, role):
    user = django_user_model.objects.create_user(f"agent-{role}", f"{role[:5].lower()}@example.org", "x")
    user.groups.add(Group.objects.get(name=role))
    return login_with_second_factor(client, user)


def test_communication_edits_the_page_but_not_the_notification_address(django_user_model, client, appointment_page):
    staff(django_user_model, client, "Communication")
    data = page_edit_data(client, appointment_page)
    assert "notification_email" not in data

    data.update({"title": ["Demander un rendez-vous"], "notification_email": ["espion@example.org"]})
    response = client.post(f"/admin/pages/{appointment_page.pk}/edit/", {**data, "action-publish": "publish"})

    appointment_page.refresh_from_db()
    assert response.status_code == 302
    assert appointment_page.title == "Demander un rendez-vous"
    assert appointment_page.notification_email == "equipe@ccas-test.example"


def test_administration_changes_the_notification_address(django_user_model, client, appointment_page):
    staff(django_user_model, client, "Administration")
    data = page_edit_data(client, appointment_page)
    assert data["notification_email"] == ["equipe@ccas-test.example"]

    data["notification_email"] = ["accueil-social@ccas-test.example"]
    client.post(f"/admin/pages/{appointment_page.pk}/edit/", {**data, "action-publish": "publish"})

    appointment_page.refresh_from_db()
    assert appointment_page.notification_email == "accueil-social@ccas-test.example"
