"""The private status link: see, confirm for a year, leave the register (deleted at once), attach to an account."""

import pytest

from portal.models import OutboundText
from tests.pdf_tools import pdf_info, pdf_text
from welfare.models import EntryEvent, RegisterActivity, RegisterEntry
from welfare.services import entries as services

from .conftest import FORM_URL, text

pytestmark = pytest.mark.django_db


def status_url(entry, suffix=""):
    return f"{FORM_URL}suivi/{entry.token}/{suffix}"


def test_the_status_page_shows_the_reference_and_state_but_no_personal_data(client, make_entry):
    entry = make_entry("Lefort")
    response = client.get(status_url(entry))

    html = text(response)
    assert response.status_code == 200
    assert entry.reference in html and "Inscrite" in html
    assert "Lefort" not in html and "rue des Lilas" not in html
    assert response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


@pytest.mark.parametrize("token", ["x" * 43, "", "a" * 150])
def test_a_wrong_link_answers_404(client, make_entry, token):
    make_entry()
    assert client.get(f"{FORM_URL}suivi/{token}/").status_code == 404


def test_get_never_changes_anything(client, make_entry):
    entry = make_entry()
    for suffix in ("", "desinscription/", "confirmer/", "accuse-de-reception/"):
        client.get(status_url(entry, suffix))

    assert RegisterEntry.objects.filter(pk=entry.pk).exists()
    assert not EntryEvent.objects.filter(entry=entry, action="confirmed").exists()


def test_leaving_from_the_link_deletes_the_entry_and_everything_about_it(client, make_entry):
    entry = make_entry("Lefort")
    services.log(entry.pk, EntryEvent.Action.VIEWED)
    OutboundText.objects.create(
        recipient="+33612345678",
        body="x",
        kind="register_received",
        topic=f"welfare.entry:{entry.pk}",
        not_before=entry.created_at,
    )

    confirm_page = client.get(status_url(entry, "desinscription/"))
    response = client.post(status_url(entry, "desinscription/"))

    assert "Oui, me retirer du registre" in text(confirm_page)
    assert response.status_code == 302
    assert "Informations effacées" in text(client.get(response["Location"]))
    assert not RegisterEntry.objects.exists() and not EntryEvent.objects.exists()
    assert not OutboundText.objects.filter(topic__startswith="welfare.").exists()
    assert RegisterActivity.objects.get().removal_channel == "link"
    assert client.get(status_url(entry)).status_code == 404


def test_a_third_party_withdraws_a_pending_request(client, make_entry):
    entry = make_entry(status="pending", requester_kind="neighbour")
    client.post(status_url(entry, "desinscription/"))

    assert not RegisterEntry.objects.exists()
    assert RegisterActivity.objects.get().removal_channel == "withdrawn"


def test_the_person_confirms_for_a_year(client, make_entry, frozen_now):
    entry = make_entry(reconfirm_step=2, needs_call=True, last_confirmed_at=None)
    response = client.post(status_url(entry, "confirmer/"))

    entry.refresh_from_db()
    assert response.status_code == 302
    assert entry.last_confirmed_at == frozen_now and entry.reconfirm_step == 0 and not entry.needs_call
    assert "confirmée pour un an" in text(client.get(response["Location"]))


def test_the_third_partys_link_stops_working_once_the_person_agrees(client, make_entry, veille_client):
    entry = make_entry(status="pending", requester_kind="neighbour", requester_name="Monique Vasseur")
    old_link = status_url(entry)

    services.record_agreement(entry.pk, user=veille_client.user, how="Accord de la personne (par téléphone)")

    entry.refresh_from_db()
    assert entry.status == "active" and entry.requester_name == ""
    assert client.get(old_link).status_code == 404
    assert client.get(status_url(entry)).status_code == 200


def test_the_acknowledgement_letter_is_a_tagged_french_pdf_with_the_address_block(client, make_entry):
    entry = make_entry("Lefort", first_name="Jeanne")
    response = client.get(status_url(entry, "accuse-de-reception/"))

    assert response["Content-Type"] == "application/pdf" and "no-store" in response["Cache-Control"]
    content = pdf_text(response.content)
    assert "Jeanne Lefort" in content and "rue des Lilas" in content and "71990 Saint-Aubin-des-Vallons" in content
    assert entry.reference in content and "Vous êtes inscrit·e" in content
    assert pdf_info(response.content)["Tagged"] == "yes"


def test_a_signed_in_resident_attaches_the_entry_and_finds_it_in_their_data(client, make_entry, django_user_model):
    from accounts.services import export_data

    entry = make_entry("Lefort")
    user = django_user_model.objects.create_user("amina", "amina@example.org", "x")
    client.force_login(user)

    client.post(status_url(entry, "rattacher/"))

    entry.refresh_from_db()
    assert entry.account == user
    exported = export_data(user)["registre_personnes_vulnerables"]
    assert exported[0]["nom"] == "Lefort" and exported[0]["reference"] == entry.reference
    assert exported[0]["historique"][0]["quoi"] == "Rattachée à un compte"


def test_attaching_needs_a_signed_in_resident(client, make_entry):
    entry = make_entry()
    assert client.post(status_url(entry, "rattacher/")).status_code == 404


def test_the_letter_of_a_pending_sign_up_asks_the_person_for_their_agreement(client, make_entry):
    entry = make_entry("Lefort", status="pending", requester_kind="neighbour")

    content = pdf_text(client.get(status_url(entry, "accuse-de-reception/")).content)

    assert "Jeanne Lefort" in content and "faite par une autre personne" in content
    assert "Vous ne serez inscrit·e que si vous êtes d'accord" in content
