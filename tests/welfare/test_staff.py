"""The Veille sociale team's register: list, entry page and its history, edits, agreement, removal, data."""

import json

from wagtail.models import ModelLogEntry

import pytest

from welfare.models import CallAttempt, CallLine, Campaign, EntryEvent, RegisterActivity, RegisterEntry
from welfare.services import campaigns

from .conftest import LANDLINE, staff_client, text

pytestmark = pytest.mark.django_db


def test_a_veille_sociale_user_sees_the_entries_of_the_register(veille_client, make_entry):
    make_entry("Roux")
    make_entry("Bernard", commune="montferrand")

    response = veille_client.get("/admin/registre/")

    html = text(response)
    assert response.status_code == 200
    assert "ROUX Jeanne" in html and "BERNARD Jeanne" in html
    assert "no-store" in response["Cache-Control"]


def test_pending_sign_ups_are_listed_first(veille_client, make_entry):
    make_entry("Abadie")
    make_entry("Zola", status="pending", requester_kind="neighbour")

    html = text(veille_client.get("/admin/registre/"))

    assert html.index("ZOLA") < html.index("ABADIE")


def test_the_list_filters_by_commune_and_searches_by_name(veille_client, make_entry, communes):
    make_entry("Roux")
    make_entry("Bernard", commune="montferrand")

    by_commune = text(veille_client.get("/admin/registre/", {"commune": communes["montferrand"].pk}))
    by_name = text(veille_client.get("/admin/registre/", {"q": "roux"}))

    assert "BERNARD" in by_commune and "ROUX" not in by_commune
    assert "ROUX" in by_name and "BERNARD" not in by_name


def test_the_list_cannot_be_exported(veille_client, make_entry):
    make_entry("Roux")
    response = veille_client.get("/admin/registre/", {"export": "csv"})

    assert response["Content-Type"].startswith("text/html")


def test_the_history_shows_who_viewed_the_entry(veille_client, make_entry, django_user_model):
    entry = make_entry("Roux")
    other = staff_client(django_user_model, "Veille sociale", "sophie")
    other.user.first_name, other.user.last_name = "Sophie", "Lefèvre"
    other.user.save()

    other.get(f"/admin/registre/{entry.pk}/")
    page = text(veille_client.get(f"/admin/registre/{entry.pk}/"))

    views = EntryEvent.objects.filter(entry=entry, action="viewed")
    assert sorted(event.user.username for event in views) == ["karim", "sophie"]
    history = page[page.index("Historique") :]
    assert "Sophie Lefèvre" in history and "Karim Haddad" in history and "Consultée" in history


def test_an_edit_is_saved_and_journaled_by_field_name_without_the_values(veille_client, make_entry, communes):
    entry = make_entry("Roux")
    data = {
        "first_name": "Jeanne",
        "last_name": "Roux",
        "birth_date": "01/01/1940",
        "ground": "age_65",
        "address": "8 rue Neuve",
        "commune": communes["saint-aubin"].pk,
        "phone": LANDLINE,
    }

    response = veille_client.post(f"/admin/registre/{entry.pk}/modifier/", data)

    entry.refresh_from_db()
    assert response.status_code == 302 and entry.address == "8 rue Neuve"
    change = EntryEvent.objects.get(entry=entry, action="changed")
    assert change.detail == "adresse" and change.user == veille_client.user
    assert "Neuve" not in change.detail


def test_a_bad_edit_saves_nothing(veille_client, make_entry, communes):
    entry = make_entry("Roux")
    data = {"first_name": "<b>J</b>", "last_name": "Roux", "birth_date": "31/02/1940", "ground": "age_65"}

    response = veille_client.post(f"/admin/registre/{entry.pk}/modifier/", {**data, "address": "x", "phone": "1" * 30})

    entry.refresh_from_db()
    assert response.status_code == 200 and entry.first_name == "Jeanne"
    assert not EntryEvent.objects.filter(action="changed").exists()


def test_staff_register_someone_who_phones(veille_client, communes, site):
    data = {
        "first_name": "Lucien",
        "last_name": "Bernard",
        "birth_date": "03/11/1938",
        "ground": "age_65",
        "address": "2 chemin des Vignes",
        "commune": communes["montferrand"].pk,
        "phone": LANDLINE,
        "channel": "phone",
        "requester_kind": "self",
        "agreed": "on",
    }

    response = veille_client.post("/admin/registre/ajouter/", data)

    entry = RegisterEntry.objects.get()
    assert response.status_code == 302 and entry.status == "active" and entry.channel == "phone"
    assert EntryEvent.objects.get(entry=entry, action="submitted").user == veille_client.user


def test_recording_the_agreement_makes_a_pending_entry_active(veille_client, make_entry):
    entry = make_entry("Lefort", status="pending", requester_kind="neighbour", requester_name="Monique Vasseur")

    veille_client.post(
        f"/admin/registre/{entry.pk}/accord/", {"agreement-who": "la personne", "agreement-how": "Par téléphone"}
    )

    entry.refresh_from_db()
    assert entry.status == "active" and entry.requester_name == ""
    assert EntryEvent.objects.get(entry=entry, action="agreed").detail == "Accord de la personne (par téléphone)"


def test_removal_on_request_deletes_the_entry_and_its_call_logs_but_keeps_the_campaign_counts(
    veille_client, make_entry, communes
):
    entry = make_entry("Roux")
    campaign = campaigns.open_campaign(
        kind="heatwave", communes=[communes["saint-aubin"]], starts_on=entry.created_at.date(), user=veille_client.user
    )
    line = CallLine.objects.get(campaign=campaign, entry=entry)
    campaigns.log_call(line.pk, "no_answer", user=veille_client.user)
    campaigns.log_call(line.pk, "well", "Va bien.", user=veille_client.user)

    page = veille_client.get(f"/admin/registre/{entry.pk}/retirer/")
    response = veille_client.post(f"/admin/registre/{entry.pk}/retirer/", {"channel": "phone", "confirm": "on"})

    assert "Retirer et tout effacer" in text(page) and response.status_code == 302
    assert not RegisterEntry.objects.exists()
    assert not CallLine.objects.exists() and not CallAttempt.objects.exists() and not EntryEvent.objects.exists()
    campaign.refresh_from_db()
    assert (campaign.listed_count, campaign.calls_count, campaign.reached_count) == (1, 2, 1)
    assert campaign.outcome_counts == {"no_answer": 1, "well": 1}
    removal = RegisterActivity.objects.get(action="removed")
    assert removal.user == veille_client.user and removal.removal_channel == "phone"
    assert "Roux" not in removal.detail + removal.user_name


def test_removal_needs_the_confirmation(veille_client, make_entry):
    entry = make_entry("Roux")
    response = veille_client.post(f"/admin/registre/{entry.pk}/retirer/", {"channel": "phone"})

    assert response.status_code == 200 and "Cochez la case pour confirmer" in text(response)
    assert RegisterEntry.objects.filter(pk=entry.pk).exists()


def test_the_persons_data_export_holds_the_entry_its_history_and_its_calls(veille_client, make_entry, communes):
    entry = make_entry("Roux", emergency_contact="Thierry Roux, son fils")
    campaign = campaigns.open_campaign(
        kind="cold", communes=[communes["saint-aubin"]], starts_on=entry.created_at.date(), user=veille_client.user
    )
    campaigns.log_call(campaign.lines.get().pk, "needs_help", "Courses à livrer.", user=veille_client.user)

    response = veille_client.get(f"/admin/registre/{entry.pk}/donnees.json")

    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment") and "no-store" in response["Cache-Control"]
    assert data["nom"] == "Roux" and data["personne_a_prevenir"]["nom"] == "Thierry Roux, son fils"
    assert data["appels_de_veille"][0]["appels"][0] == {
        "quand": data["appels_de_veille"][0]["appels"][0]["quand"],
        "resultat": "Besoin d'aide",
        "note": "Courses à livrer.",
    }
    assert EntryEvent.objects.filter(entry=entry, action="exported").exists()


def test_the_staff_letter_is_journaled(veille_client, make_entry):
    entry = make_entry("Roux")
    response = veille_client.get(f"/admin/registre/{entry.pk}/accuse-de-reception.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert EntryEvent.objects.filter(entry=entry, action="letter", user=veille_client.user).exists()


def test_no_staff_action_writes_into_wagtails_own_history(veille_client, make_entry, communes):
    entry = make_entry("Roux")
    veille_client.get(f"/admin/registre/{entry.pk}/")
    veille_client.post(f"/admin/registre/{entry.pk}/retirer/", {"channel": "phone", "confirm": "on"})
    veille_client.post(
        "/admin/registre/veilles/declencher/",
        {"kind": "heatwave", "communes": [communes["saint-aubin"].pk], "starts_on": "2027-07-15", "retry_hours": 2},
    )

    assert Campaign.objects.exists()
    assert not ModelLogEntry.objects.filter(content_type__app_label="welfare").exists()


def test_the_lists_offer_to_register_someone_and_to_start_a_campaign(veille_client):
    people = text(veille_client.get("/admin/registre/"))
    campaigns_page = text(veille_client.get("/admin/registre/veilles/"))

    assert 'href="/admin/registre/ajouter/"' in people and "Inscrire une personne" in people
    assert 'href="/admin/registre/veilles/declencher/"' in campaigns_page and "Déclencher une veille" in campaigns_page
