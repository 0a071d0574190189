"""Transmission to the préfet: only on an explicit, recorded staff action, during a campaign or with a reason."""

import csv
import io

import pytest

from tests.pdf_tools import pdf_text
from welfare.models import EntryEvent, Transmission
from welfare.services import campaigns

from .conftest import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_entry):
    return [
        make_entry("Roux"),
        make_entry("Bernard", commune="montferrand"),
        make_entry("Lefort", status="pending", requester_kind="neighbour"),
    ]


def post(client, communes, **extra):
    data = {
        "communes": [communes["saint-aubin"].pk, communes["montferrand"].pk],
        "request_reference": "Courriel de la préfecture du 15/07/2027, 9 h 40",
        "reason": "",
        "file_format": "csv",
        **extra,
    }
    return client.post("/admin/registre/transmission/", data)


def test_without_a_campaign_a_written_reason_is_needed(veille_client, people, communes):
    response = post(veille_client, communes)

    assert response.status_code == 200 and "écrivez le motif de la transmission" in text(response)
    assert not Transmission.objects.exists() and not EntryEvent.objects.filter(action="transmitted").exists()


def test_a_transmission_records_who_when_why_and_which_request(veille_client, people, communes, frozen_now):
    response = post(veille_client, communes, reason="Plan grand froid : demande écrite du préfet")

    transmission = Transmission.objects.get()
    assert transmission.user == veille_client.user and transmission.user_name == "Karim Haddad"
    assert transmission.at == frozen_now and transmission.entries_count == 2
    assert transmission.request_reference.startswith("Courriel de la préfecture")
    assert transmission.reason == "Plan grand froid : demande écrite du préfet"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Référence", "Nom", "Prénom"]
    assert [row[1] for row in rows[1:]] == ["Roux", "Bernard"]  # active people only, in call order
    assert rows[1][9] == "03 80 12 34 56"
    assert EntryEvent.objects.filter(action="transmitted", user=veille_client.user).count() == 2


def test_during_an_open_campaign_no_reason_is_needed_and_a_pdf_can_be_chosen(veille_client, people, communes):
    campaign = campaigns.open_campaign(
        kind="heatwave", communes=[communes["saint-aubin"]], starts_on=people[0].created_at.date(), user=None
    )

    response = post(veille_client, communes, campaign=campaign.pk, file_format="pdf")

    assert response["Content-Type"] == "application/pdf"
    content = pdf_text(response.content)
    assert "ROUX Jeanne" in content and "BERNARD Jeanne" in content and "LEFORT" not in content
    assert Transmission.objects.get().campaign == campaign


def test_the_transmissions_are_listed_in_the_journal(veille_client, people, communes):
    post(veille_client, communes, reason="Demande du préfet")

    html = text(veille_client.get("/admin/registre/journal/"))

    assert "Courriel de la préfecture du 15/07/2027" in html and "Karim Haddad" in html
