"""The inbox in the Wagtail admin: list, detail (journaled), actions, .ics, and who may see it."""

from datetime import date, time

from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest
from icalendar import Calendar

from appointments import services
from appointments.models import AppointmentEvent, AppointmentNote, AppointmentRequest, Status
from tests.auth import assert_admin_refusal, login_with_second_factor

from .conftest import make_user, text

pytestmark = pytest.mark.django_db

INDEX = "/admin/rendez-vous/"


@pytest.fixture
def appointment(form_data, appointment_page, site):
    data = {
        **form_data,
        "subject": int(form_data["subject"]),
        "commune": int(form_data["commune"]),
        "phone": "+33639980011",
        "email": "nadia.benali@example.org",
        "needs": ["interpreter"],
    }
    return services.submit_request(site=site, page=appointment_page, data=data).request


def detail(appointment):
    return reverse("rendez_vous:detail", args=[appointment.pk])


def action(appointment):
    return reverse("rendez_vous:action", args=[appointment.pk])


def test_the_group_exists_with_view_and_change_only():
    from django.contrib.auth.models import Group

    codenames = set(Group.objects.get(name="Accueil social").permissions.values_list("codename", flat=True))

    assert {"view_appointmentrequest", "change_appointmentrequest", "access_admin"} <= codenames
    assert "delete_appointmentrequest" not in codenames and "add_appointmentrequest" not in codenames


def test_the_list_filters_and_searches(social_client, appointment, subjects):
    other = AppointmentRequest.objects.create(
        site=appointment.site,
        page=appointment.page,
        reference="RDV-TEST-XX",
        token_key="k",
        token_hash="h",
        subject=subjects[1],
        first_name="Odile",
        last_name="Perrin",
        phone="+33639980012",
        consent_at=appointment.consent_at,
        status=Status.IN_PROGRESS,
    )

    everything = text(social_client.get(INDEX))
    new_only = text(social_client.get(INDEX + "?status=new"))
    by_subject = text(social_client.get(INDEX + f"?subject={subjects[1].pk}"))
    searched = text(social_client.get(INDEX + "?q=0639980011"))
    by_date = text(social_client.get(INDEX + "?created_at_from=2000-01-01&created_at_to=2000-01-02"))

    assert appointment.reference in everything and other.reference in everything
    assert appointment.reference in new_only and other.reference not in new_only
    assert other.reference in by_subject and appointment.reference not in by_subject
    assert appointment.reference in searched and other.reference not in searched
    assert appointment.reference not in by_date
    assert detail(appointment) in everything
    assert "menu" in text(social_client.get("/admin/")).lower() and INDEX in text(social_client.get("/admin/"))


def test_opening_a_request_is_journaled_without_its_content(social_client, social_worker, appointment):
    response = social_client.get(detail(appointment))
    social_client.get(detail(appointment))
    html = text(response)

    assert response.status_code == 200
    assert "Benali" in html and "06 39 98 00 11" in html and "courrier de la CAF" in html
    assert "no-store" in response["Cache-Control"]
    views = AppointmentEvent.objects.filter(request=appointment, action="viewed", user=social_worker)
    assert views.count() == 1  # a reload is the same consultation
    for event in AppointmentEvent.objects.filter(request=appointment):
        assert "Benali" not in event.detail and "CAF" not in event.detail


def test_status_assignment_note_and_history(social_client, social_worker, appointment):
    assert social_client.get(action(appointment)).status_code == 405

    social_client.post(action(appointment), {"action": "assign", "assign-assigned_to": social_worker.pk})
    appointment.refresh_from_db()
    assert appointment.assigned_to == social_worker and appointment.status == Status.NEW  # the status stays

    social_client.post(action(appointment), {"action": "note", "note-text": "Rappeler lundi."})
    assert AppointmentNote.objects.get().text == "Rappeler lundi."

    social_client.post(action(appointment), {"action": "status", "status-status": "closed"})
    appointment.refresh_from_db()
    assert appointment.status == Status.CLOSED and appointment.closed_at

    bad = social_client.post(action(appointment), {"action": "status", "status-status": "nonsense"})
    assert bad.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == Status.CLOSED

    page = text(social_client.get(detail(appointment)))
    actions = list(AppointmentEvent.objects.filter(request=appointment).values_list("action", flat=True))
    assert sorted(actions) == sorted(["submitted", "assigned", "note", "status", "viewed"])
    assert "Rappeler lundi." in page
    for label in ("Demande reçue", "Attribuée", "Note ajoutée", "Statut changé", "Consultée"):
        assert label in page
    assert all(event.user == social_worker for event in AppointmentEvent.objects.exclude(action="submitted"))


def test_a_proposal_emails_the_resident_with_a_valid_ics(
    social_client, appointment, django_capture_on_commit_callbacks
):
    AppointmentRequest.objects.filter(pk=appointment.pk).update(contact_preference="email")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = social_client.post(
            action(appointment),
            {
                "action": "proposal",
                "proposal-date": "2030-03-12",
                "proposal-time": "10:30",
                "proposal-place": "Maison des solidarités, 12 rue des Tanneurs",
            },
        )
    appointment.refresh_from_db()

    assert response.status_code == 302
    assert appointment.status == Status.PROPOSED
    [message] = mail.outbox
    assert message.to == ["nadia.benali@example.org"]
    body = message.body + message.alternatives[0][0]
    assert appointment.reference in body and "12 mars 2030" in body and "10:30" in body
    assert "Benali" not in body and "Logement" not in body and "CAF" not in body
    [(filename, content, mimetype)] = message.attachments
    assert filename == "rendez-vous.ics" and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]).startswith("appointment-") and str(event["uid"]).endswith("@localhost")
    start = event.decoded("dtstart")
    assert (start.date(), start.time()) == (date(2030, 3, 12), time(10, 30))
    assert str(start.tzinfo) == "Europe/Paris" or "Europe/Paris" in str(event["dtstart"].params.get("TZID"))
    assert calendar.walk("VTIMEZONE")
    assert "Maison des solidarités" in str(event["location"])
    raw = content if isinstance(content, str) else content.decode()
    for secret in ("Benali", "Nadia", "Logement", "CAF", "639980011"):
        assert secret not in raw
    assert AppointmentEvent.objects.filter(request=appointment, action="proposed").count() == 1


def test_a_user_without_change_permission_can_read_but_not_act(django_user_model, appointment):
    reader = make_user(django_user_model, "lecteur", codenames=[("appointments", "view_appointmentrequest")])
    client = Client()
    login_with_second_factor(client, reader)

    assert client.get(detail(appointment)).status_code == 200
    assert "Traiter la demande" not in text(client.get(detail(appointment)))
    assert_admin_refusal(client.post(action(appointment), {"action": "status", "status-status": "closed"}))
    appointment.refresh_from_db()
    assert appointment.status == Status.NEW


def test_an_editor_sees_nothing_of_the_requests(editor, appointment):
    client = Client()
    login_with_second_factor(client, editor)
    before = AppointmentRequest.objects.values().get()

    dashboard = client.get("/admin/")
    urls = [
        INDEX,
        INDEX + "results/",
        INDEX + "?q=Benali",
        INDEX + "?export=csv",
        INDEX + "?export=xlsx",
        detail(appointment),
        action(appointment),
        "/admin/search/?q=Benali",
        f"/admin/search/?q={appointment.reference}",
    ]
    responses = [client.get(url) for url in urls]
    posts = [
        client.post(action(appointment), {"action": "status", "status-status": "closed"}),
        client.post(action(appointment), {"action": "note", "note-text": "x"}),
    ]

    assert dashboard.status_code == 200
    assert INDEX not in dashboard.content.decode()
    for response in responses[:7] + posts:
        assert_admin_refusal(response)
    for response in responses + posts:
        body = response.content.decode()
        assert "Benali" not in body and appointment.reference not in body and "639980011" not in body
    assert AppointmentRequest.objects.values().get() == before
    assert not AppointmentEvent.objects.filter(action="viewed").exists()
    assert not AppointmentNote.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, appointment):
    for url in (INDEX, detail(appointment)):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_there_is_no_add_edit_delete_or_export(social_client, appointment):
    export = social_client.get(INDEX + "?export=csv")

    assert export["Content-Type"].startswith("text/html")
    assert "Benali" not in text(export)
    for url in (f"{INDEX}new/", f"{INDEX}edit/{appointment.pk}/", f"{INDEX}delete/{appointment.pk}/"):
        assert social_client.get(url).status_code == 404


def test_a_proposal_to_someone_who_asked_to_be_phoned_sends_no_email_and_says_to_call(
    social_client, appointment, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    data = {"action": "proposal", "proposal-date": "2030-03-12", "proposal-time": "10:30", "proposal-place": "Accueil"}
    with django_capture_on_commit_callbacks(execute=True):
        page = text(social_client.post(action(appointment), data, follow=True))

    assert not mail.outbox
    assert "La personne préfère être appelée : appelez-la au 06 39 98 00 11." in page
    assert AppointmentRequest.objects.get(pk=appointment.pk).status == Status.PROPOSED


def test_saving_the_same_status_says_nothing_changed_and_journals_nothing(social_client, appointment):
    page = text(social_client.post(action(appointment), {"action": "status", "status-status": "new"}, follow=True))

    assert "Le statut était déjà « Nouvelle » : rien n'a changé." in page
    assert not AppointmentEvent.objects.filter(request=appointment, action="status").exists()


def test_the_inbox_opens_on_open_requests_and_names_who_follows_them(
    social_client, social_worker, appointment, site, subjects
):
    social_worker.first_name, social_worker.last_name = "Karim", "Haddad"
    social_worker.save()
    AppointmentRequest.objects.filter(pk=appointment.pk).update(assigned_to=social_worker)
    closed = AppointmentRequest.objects.create(
        site=site,
        reference="RDV-CLOS-33",
        token_key="k2",
        token_hash="h2",
        subject=subjects[0],
        first_name="Léa",
        last_name="Roux",
        phone="0639980022",
        consent_at="2027-01-01T10:00:00Z",
        status=Status.CLOSED,
    )

    default = text(social_client.get(INDEX))
    everything = text(social_client.get(INDEX, {"vue": "toutes"}))
    mine = text(social_client.get(INDEX, {"vue": "miennes"}))

    assert appointment.reference in default and closed.reference not in default
    assert closed.reference in everything
    assert appointment.reference in mine
    assert "Karim Haddad" in default and social_worker.username not in default
