"""Emergency campaigns: the call list, "pas de réponse" coming back, the progress, the call sheet, closing."""

from datetime import timedelta

import pytest
import time_machine

from tests.pdf_tools import pdf_info, pdf_text
from welfare.models import CallLine, Campaign, EntryEvent
from welfare.services import campaigns
from welfare.services.common import RegisterError

from .conftest import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def canicule(veille_client, make_entry, communes):
    """A heatwave campaign on Saint-Aubin and Montferrand, with people of three communes on the register."""
    people = {
        "Roux": make_entry("Roux"),
        "Abadie": make_entry("Abadie"),
        "Bernard": make_entry("Bernard", commune="montferrand"),
        "Carpentier": make_entry("Carpentier", commune="brecy"),
        "Lefort": make_entry("Lefort", status="pending", requester_kind="neighbour"),
    }
    response = veille_client.post(
        "/admin/registre/veilles/declencher/",
        {
            "kind": "heatwave",
            "communes": [communes["saint-aubin"].pk, communes["montferrand"].pk],
            "starts_on": "2027-07-15",
            "retry_hours": 2,
        },
    )
    assert response.status_code == 302
    return Campaign.objects.get(), people


def line_of(campaign, entry):
    return CallLine.objects.get(campaign=campaign, entry=entry)


def test_a_canicule_on_two_communes_lists_exactly_their_active_entries(canicule):
    campaign, people = canicule

    listed = {line.entry.last_name for line in campaign.lines.select_related("entry")}

    assert listed == {"Roux", "Abadie", "Bernard"}  # not Brécy, not the pending sign-up
    assert campaign.listed_count == 3 and campaign.commune_names == ["Saint-Aubin-des-Vallons", "Montferrand-sur-Yvre"]


def test_the_list_is_in_call_order_commune_by_commune_then_by_name(canicule):
    campaign, _people = canicule

    order = list(campaign.lines.order_by("position").values_list("entry__last_name", flat=True))

    assert order == ["Abadie", "Roux", "Bernard"]


def test_pas_de_reponse_brings_the_entry_back_after_the_delay(canicule, veille_client, frozen_now):
    campaign, people = canicule
    roux = line_of(campaign, people["Roux"])
    campaigns.log_call(roux.pk, "no_answer", user=veille_client.user)

    due_now = set(campaigns.due_lines(campaign).values_list("entry__last_name", flat=True))
    with time_machine.travel(frozen_now + timedelta(minutes=119), tick=False):
        due_before_delay = set(campaigns.due_lines(campaign).values_list("entry__last_name", flat=True))
    with time_machine.travel(frozen_now + timedelta(minutes=120), tick=False):
        due_after_delay = set(campaigns.due_lines(campaign).values_list("entry__last_name", flat=True))

    assert due_now == due_before_delay == {"Abadie", "Bernard"}
    assert due_after_delay == {"Abadie", "Bernard", "Roux"}


def test_the_waiting_list_shows_when_to_call_back(canicule, veille_client):
    campaign, people = canicule
    campaigns.log_call(line_of(campaign, people["Roux"]).pk, "no_answer", user=veille_client.user)

    html = text(veille_client.get(f"/admin/registre/veilles/{campaign.pk}/", {"liste": "waiting"}))

    assert "ROUX Jeanne" in html and "à rappeler après 12:00" in html and "ABADIE" not in html


def test_the_progress_figures_are_exact(canicule, veille_client, frozen_now):
    campaign, people = canicule
    campaigns.log_call(line_of(campaign, people["Roux"]).pk, "no_answer", user=veille_client.user)
    campaigns.log_call(line_of(campaign, people["Bernard"]).pk, "visit", "Sans ventilateur.", user=veille_client.user)
    campaigns.log_call(line_of(campaign, people["Bernard"]).pk, "well", user=veille_client.user)
    campaign.refresh_from_db()

    now = campaigns.progress(campaign)
    later = campaigns.progress(campaign, frozen_now + timedelta(hours=3))

    assert (now.total, now.reached, now.to_reach, now.never_called) == (3, 1, 2, 1)
    assert (now.due_now, now.waiting, now.follow_up, now.calls, now.percent_reached) == (1, 1, 0, 3, 33)
    assert (later.due_now, later.waiting) == (2, 0)
    assert campaign.outcome_counts == {"no_answer": 1, "visit": 1, "well": 1} and campaign.reached_count == 1
    page = text(veille_client.get(f"/admin/registre/veilles/{campaign.pk}/"))
    assert "Jointes</strong></dt><dd>1 (33 %)" in page and "Appels passés</strong></dt><dd>3" in page


def test_logging_a_call_through_the_page_goes_to_the_next_person(canicule, veille_client):
    campaign, people = canicule
    abadie, roux = line_of(campaign, people["Abadie"]), line_of(campaign, people["Roux"])

    page = veille_client.get(f"/admin/registre/veilles/{campaign.pk}/appel/{abadie.pk}/")
    response = veille_client.post(
        f"/admin/registre/veilles/{campaign.pk}/appel/{abadie.pk}/", {"outcome": "needs_help", "note": "Courses."}
    )

    assert "ABADIE Jeanne" in text(page)
    assert response["Location"] == f"/admin/registre/veilles/{campaign.pk}/appel/{roux.pk}/"
    abadie.refresh_from_db()
    assert abadie.last_outcome == "needs_help" and abadie.calls.get().note == "Courses."
    assert EntryEvent.objects.filter(entry=people["Abadie"], action="viewed", user=veille_client.user).exists()


def test_a_call_needs_an_outcome_and_a_clean_note(canicule, veille_client):
    campaign, people = canicule
    line = line_of(campaign, people["Abadie"])

    response = veille_client.post(
        f"/admin/registre/veilles/{campaign.pk}/appel/{line.pk}/", {"outcome": "", "note": "<script>"}
    )

    assert response.status_code == 200 and not line.calls.exists()
    assert "Choisissez le résultat de l'appel." in text(response) and "Retirez les signes" in text(response)


def test_the_printable_call_sheet_lists_name_phone_and_address_in_call_order(canicule, veille_client):
    campaign, people = canicule

    response = veille_client.get(f"/admin/registre/veilles/{campaign.pk}/feuille-d-appels.pdf")

    assert response["Content-Type"] == "application/pdf" and "no-store" in response["Cache-Control"]
    content = pdf_text(response.content)
    positions = [content.index(name) for name in ("ABADIE Jeanne", "ROUX Jeanne", "BERNARD Jeanne")]
    assert positions == sorted(positions)
    for person in (people["Abadie"], people["Roux"], people["Bernard"]):
        assert person.address in content
    assert content.count("03 80 12 34 56") == 3
    assert "CARPENTIER" not in content and "LEFORT" not in content
    assert pdf_info(response.content)["Tagged"] == "yes"
    assert EntryEvent.objects.filter(action="exported", detail__startswith="Feuille d'appels").count() == 3


def test_someone_who_joins_the_register_during_the_campaign_goes_to_the_end_of_the_list(canicule, make_entry):
    campaign, _people = canicule
    from welfare.services.entries import record_agreement

    late = make_entry("Zidane", status="pending", requester_kind="family")
    record_agreement(late.pk, user=None, how="Accord de la personne (par téléphone)")

    campaign.refresh_from_db()
    assert line_of(campaign, late).position == 4 and campaign.listed_count == 4


def test_closing_keeps_the_anonymous_figures_and_stops_the_calls(canicule, veille_client):
    campaign, people = canicule
    campaigns.log_call(line_of(campaign, people["Roux"]).pk, "well", user=veille_client.user)

    veille_client.post(f"/admin/registre/veilles/{campaign.pk}/clore/")

    campaign.refresh_from_db()
    assert not campaign.is_open and campaign.closed_by == veille_client.user
    with pytest.raises(RegisterError):
        campaigns.log_call(line_of(campaign, people["Abadie"]).pk, "well", user=veille_client.user)
    assert (campaign.listed_count, campaign.calls_count, campaign.outcome_counts) == (3, 1, {"well": 1})


def test_the_call_list_of_a_closed_campaign_is_erased_after_the_delay_and_its_figures_stay(
    canicule, veille_client, frozen_now
):
    campaign, people = canicule
    campaigns.log_call(line_of(campaign, people["Roux"]).pk, "well", user=veille_client.user)
    campaigns.close_campaign(campaign.pk, user=veille_client.user)

    assert campaigns.erase_closed_lists(frozen_now + timedelta(days=29)) == 0
    assert campaigns.erase_closed_lists(frozen_now + timedelta(days=31), dry_run=True) == 1
    assert campaigns.erase_closed_lists(frozen_now + timedelta(days=31)) == 1

    campaign.refresh_from_db()
    assert not campaign.lines.exists() and campaign.list_erased_at is not None
    assert (campaign.listed_count, campaign.calls_count, campaign.reached_count) == (3, 1, 1)
    assert "1 appels" in text(veille_client.get(f"/admin/registre/veilles/{campaign.pk}/"))


def test_another_crisis_needs_its_name(veille_client, communes):
    response = veille_client.post(
        "/admin/registre/veilles/declencher/",
        {"kind": "other", "label": "", "communes": [communes["brecy"].pk], "starts_on": "2027-07-15", "retry_hours": 2},
    )

    assert "Précisez de quelle crise il s'agit." in text(response) and not Campaign.objects.exists()
