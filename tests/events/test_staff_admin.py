"""Sophie, the group facilitator, follows registrations in the Wagtail admin."""

import csv
import io
from datetime import datetime

from django.core import mail
from django.urls import reverse

import openpyxl
import pytest

from events.models import Registration
from tests.events.staff_helpers import action_url, book, downloaded, session_url, text
from tests.factories import CommuneFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

INDEX = "/admin/inscriptions/"


# --- The list ---------------------------------------------------------------------------------


def test_the_list_shows_registrations_and_filters_by_status(admin_client, workshop):
    event, [session, _] = workshop
    book(event, session, "Nadia", "Benali")
    gone = book(event, session, "Julien", "Roux")
    admin_client.post(action_url(session), {"registration": gone.pk, "action": "cancel"})

    everyone = text(admin_client.get(INDEX))
    cancelled = text(admin_client.get(INDEX, {"status": "cancelled"}))

    assert "Benali" in everyone and "Roux" in everyone
    assert "Roux" in cancelled and "Benali" not in cancelled
    assert "Annulée" in cancelled


def test_the_list_searches_by_phone_number(admin_client, workshop):
    event, [session, _] = workshop
    book(event, session, "Nadia", "Benali", phone="+33612345678")
    book(event, session, "Julien", "Roux")

    html = text(admin_client.get(INDEX, {"q": "06 12 34 56 78"}))

    assert "Benali" in html and "Roux" not in html


def test_the_list_links_each_row_to_its_session_page(admin_client, workshop):
    event, [session, _] = workshop
    book(event, session, "Nadia", "Benali")

    html = text(admin_client.get(INDEX))

    assert f'href="{session_url(session)}"' in html


def french_csv(content):
    """Parse a CSV as French office software does: BOM, semicolons."""
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_csv_export_opens_in_a_french_spreadsheet(admin_client, workshop):
    event, [session, other] = workshop
    book(event, session, "Nadia", "Benali", children=2, needs_childcare=True, phone="06 39 98 00 11")
    book(event, other, "Julien", "Roux")

    response = admin_client.get(INDEX, {"session": session.pk, "export": "csv"})
    rows = french_csv(downloaded(response) if response.streaming else response.content)

    assert response["Content-Disposition"] == 'attachment; filename="inscriptions-atelier-budget-2027-03-23-14h00.csv"'
    assert rows[0][:5] == ["Nom", "Prénom", "E-mail", "Téléphone", "Commune"]
    assert "Garde d'enfants" in rows[0] and "Statut" in rows[0] and "Rang en liste d'attente" in rows[0]
    assert len(rows) == 2  # the other session's registration is filtered out
    line = dict(zip(rows[0], rows[1], strict=True))
    assert line["Nom"] == "Benali"
    assert line["Téléphone"] == "06 39 98 00 11"
    assert line["Statut"] == "Confirmée"
    assert line["Enfants"] == "2"
    assert line["Garde d'enfants"] == "oui"
    assert line["Séance"] == "23/03/2027 14:00"
    assert not any("token" in heading.lower() for heading in rows[0])


def test_the_waiting_list_rank_is_in_the_export(admin_client, full_session):
    _event, session, *_people = full_session

    response = admin_client.get(INDEX, {"session": session.pk, "export": "csv"})
    rows = french_csv(response.content)
    ranks = {row[1]: row[rows[0].index("Rang en liste d'attente")] for row in rows[1:]}

    assert ranks == {"Claire": "", "Bruno": "1", "Inès": "2"}


def test_xlsx_export_has_a_named_sheet_real_dates_and_widths(admin_client, workshop):
    event, [session, _] = workshop
    book(event, session, "Nadia", "Benali")
    book(event, session, "Julien", "Roux")

    response = admin_client.get(INDEX, {"export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(downloaded(response) if response.streaming else response.content))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    session_column = rows[0].index("Séance")

    assert sheet.title == "Inscriptions"
    assert rows[0][:2] == ("Nom", "Prénom")
    assert {row[0] for row in rows[1:]} == {"Benali", "Roux"}
    assert rows[1][session_column] == datetime(2027, 3, 23, 14, 0)  # noqa: DTZ001 - Paris wall-clock time, a real date
    assert sheet.column_dimensions["A"].width >= 10


def test_staff_cannot_create_a_registration_bypassing_the_service(admin_client, workshop):
    response = admin_client.get(INDEX + "new/")

    assert response.status_code == 302
    assert Registration.objects.count() == 0


def test_the_edit_form_offers_contact_details_but_not_status_or_token(admin_client, workshop):
    event, [session, _] = workshop
    registration = book(event, session, "Nadia", "Benali")
    url = reverse("inscriptions:edit", args=[registration.pk])

    html = text(admin_client.get(url))

    assert 'name="phone"' in html
    assert 'name="status"' not in html and 'name="token' not in html and 'name="adults"' not in html


def test_the_inspect_view_shows_the_registration_without_its_token(admin_client, workshop):
    event, [session, _] = workshop
    registration = book(event, session, "Nadia", "Benali")

    html = text(admin_client.get(reverse("inscriptions:inspect", args=[registration.pk])))

    assert "Benali" in html and "nadia@example.org" in html
    assert registration.token_key not in html and registration.token_hash not in html


def test_deleting_an_active_registration_gives_its_place_to_the_waiting_list(admin_client, full_session):
    _, _, holder, first, second = full_session

    admin_client.post(reverse("inscriptions:delete", args=[holder.pk]))

    assert not Registration.objects.filter(pk=holder.pk).exists()
    assert Registration.objects.get(pk=first.pk).status == Registration.Status.CONFIRMED
    assert Registration.objects.get(pk=second.pk).status == Registration.Status.CONFIRMED


# --- The session page -------------------------------------------------------------------------


def test_the_session_page_shows_headcounts_and_needs(admin_client, make_event):
    event, [session] = make_event(
        "Café des parents", days=(3,), registration_required=True, online_registration=True, capacity=4
    )
    commune = CommuneFactory(name="Brécy")
    book(
        event,
        session,
        "Nadia",
        "Benali",
        children=2,
        needs_childcare=True,
        needs_details="2 enfants de 3 et 6 ans",
        commune_id=commune.pk,
    )
    book(event, session, "Julien", "Roux", adults=2)  # 2 people for 1 place left: waiting list

    html = text(admin_client.get(session_url(session)))

    assert "Café des parents" in html
    assert "Places</dt><dd><strong>4</strong>" in html
    assert "Places prises</dt><dd><strong>3</strong>" in html
    assert "Places restantes</dt><dd><strong>1</strong>" in html
    assert "Liste d'attente</dt><dd><strong>2</strong> personnes (1 inscription)" in html
    assert "Garde d'enfants" in html and "2 enfants de 3 et 6 ans" in html
    assert "Brécy" in html
    assert "Liste d'attente (n° 1)" in html
    assert f"/admin/inscriptions/?session={session.pk}&amp;export=csv" in html


def test_approving_and_refusing_a_request(admin_client, make_event, django_capture_on_commit_callbacks):
    event, [session] = make_event(
        "Groupe d'aidants",
        days=(3,),
        registration_required=True,
        online_registration=True,
        requires_approval=True,
        capacity=8,
    )
    accepted = book(event, session, "Nadia")
    declined = book(event, session, "Julien")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = admin_client.post(action_url(session), {"registration": accepted.pk, "action": "approve"})
        admin_client.post(action_url(session), {"registration": declined.pk, "action": "refuse"})
    html = text(admin_client.get(first["Location"]))

    assert first["Location"] == session_url(session)
    assert Registration.objects.get(pk=accepted.pk).status == Registration.Status.CONFIRMED
    assert Registration.objects.get(pk=declined.pk).status == Registration.Status.REFUSED
    assert "La demande de Nadia Martin est acceptée" in html
    assert len(mail.outbox) == 2


def test_staff_cancellation_promotes_the_waiting_list(admin_client, full_session):
    _, session, holder, first, second = full_session

    response = admin_client.post(action_url(session), {"registration": holder.pk, "action": "cancel"})
    html = text(admin_client.get(response["Location"]))

    holder.refresh_from_db()
    assert holder.status == Registration.Status.CANCELLED
    assert holder.cancelled_by == Registration.CancelledBy.STAFF
    assert Registration.objects.get(pk=first.pk).status == Registration.Status.CONFIRMED
    assert Registration.objects.get(pk=second.pk).status == Registration.Status.CONFIRMED
    assert "L'inscription de Claire Martin est annulée." in html


def test_marking_present_and_absent(admin_client, workshop):
    event, [session, _] = workshop
    came = book(event, session, "Nadia")
    missed = book(event, session, "Julien")

    admin_client.post(action_url(session), {"registration": came.pk, "action": "present"})
    admin_client.post(action_url(session), {"registration": missed.pk, "action": "absent"})
    html = text(admin_client.get(session_url(session)))

    assert Registration.objects.get(pk=came.pk).attended is True
    assert Registration.objects.get(pk=missed.pk).attended is False
    assert "Julien Martin est noté(e) absent(e)." in html


def test_an_action_on_a_registration_of_another_session_is_refused(admin_client, workshop):
    event, [session, other] = workshop
    registration = book(event, other, "Nadia")

    response = admin_client.post(action_url(session), {"registration": registration.pk, "action": "cancel"})

    assert response.status_code == 404
    assert Registration.objects.get(pk=registration.pk).is_active


def test_staff_register_someone_who_phones_without_email(admin_client, workshop):
    event, [session, _] = workshop

    response = admin_client.post(
        session_url(session),
        {
            "staff-first_name": "Odette",
            "staff-last_name": "Lambert",
            "staff-phone": "06 12 34 56 78",
            "staff-adults": "1",
            "staff-children": "0",
            "staff-needs_accessibility": "on",
            "staff-channel": "phone",
        },
    )
    html = text(admin_client.get(response["Location"]))

    registration = Registration.objects.get()
    assert registration.channel == Registration.Channel.PHONE
    assert registration.email == "" and registration.phone == "+33612345678"
    assert registration.status == Registration.Status.CONFIRMED and registration.needs_accessibility
    assert "Odette Lambert est inscrit ou inscrite (confirmée)." in html
    assert "Téléphone" in html


def test_a_desk_registration_on_a_full_session_shows_the_reason(admin_client, make_event):
    event, [session] = make_event(
        "Atelier cuisine",
        days=(3,),
        registration_required=True,
        online_registration=True,
        capacity=1,
        waiting_list=False,
    )
    book(event, session, "Nadia")

    response = admin_client.post(
        session_url(session),
        {
            "staff-first_name": "Odette",
            "staff-last_name": "Lambert",
            "staff-phone": "0612345678",
            "staff-adults": "1",
            "staff-children": "0",
            "staff-channel": "desk",
        },
    )

    assert response.status_code == 200
    assert "Cette séance est complète et n'a pas de liste d'attente." in text(response)
    assert Registration.objects.count() == 1


def test_the_event_summary_lists_each_session_with_its_headcount(admin_client, workshop):
    event, [session, other] = workshop
    book(event, session, "Nadia", adults=2, children=1)

    html = text(admin_client.get(reverse("events-admin:event", args=[event.pk])))

    assert f'href="{session_url(session)}"' in html and f'href="{session_url(other)}"' in html
    assert "<td>3</td> <td>5</td>" in html  # taken, left of the first session


def test_the_event_edit_screen_links_to_its_registrations(admin_client, workshop):
    event, _ = workshop

    html = text(admin_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])))

    assert reverse("events-admin:event", args=[event.pk]) in html
