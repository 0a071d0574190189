"""The demo: the page in the menu and on the home page, people across the communes, a pending third-party
sign-up, a past heatwave with its call outcomes; a second run changes nothing, nothing is sent."""

import os

from django.core import mail
from django.core.management import call_command

import pytest

from indicators.models import CallTally, CampaignRecord, RegisterCount
from portal.models import OutboundEmail, OutboundText
from welfare.models import Campaign, RegisterEntry, RegisterSignupPage

from .conftest import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_today):
    return demo_today


def test_the_page_is_published_in_the_menu_and_offers_the_appointment_request(demo, client):
    page = RegisterSignupPage.objects.get()

    assert page.url == "/registre-personnes-vulnerables/" and page.show_in_menus and page.live
    assert page.other_help_page.url == "/rendez-vous/"
    home = text(client.get("/"))
    assert 'href="/registre-personnes-vulnerables/"' in home and "S'inscrire au registre" in home


def test_the_demo_people_live_across_the_communes_and_one_third_party_sign_up_waits(demo):
    entries = RegisterEntry.objects.select_related("commune")

    assert entries.count() == 9
    assert entries.values("commune").distinct().count() == 8
    pending = entries.get(status="pending")
    assert pending.requester_kind == "neighbour" and pending.requester_name
    assert set(entries.values_list("ground", flat=True)) == {"age_65", "unfit_60", "disability"}


def test_the_past_heatwave_kept_its_call_outcomes_and_the_indicators_counted_them(demo):
    # The snapshot was seeded outside any transaction: the indicators' on-commit handlers ran.
    campaign = Campaign.objects.get()

    assert campaign.kind == "heatwave" and not campaign.is_open and campaign.closed_at > campaign.opened_at
    assert campaign.commune_names == ["Saint-Aubin-des-Vallons", "Montferrand-sur-Yvre"]
    assert (campaign.listed_count, campaign.calls_count, campaign.reached_count) == (3, 4, 3)
    assert campaign.outcome_counts == {"no_answer": 1, "visit": 1, "well": 2}
    assert set(campaign.lines.values_list("last_outcome", flat=True)) == {"well", "visit"}
    assert sum(RegisterCount.objects.values_list("count", flat=True)) == 8  # the active people
    assert CampaignRecord.objects.get().calls == 4
    assert sum(CallTally.objects.values_list("count", flat=True)) == 4


def test_a_second_run_changes_nothing_and_nothing_is_sent(demo):
    before = (RegisterEntry.objects.count(), Campaign.objects.count(), RegisterSignupPage.objects.count())

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    after = (RegisterEntry.objects.count(), Campaign.objects.count(), RegisterSignupPage.objects.count())
    assert before == after
    # The demo's past season keeps a history of texts (kind and status only); nothing is queued.
    queued = OutboundText.objects.filter(status__in=[OutboundText.Status.PENDING, OutboundText.Status.SENDING])
    assert not mail.outbox and not OutboundEmail.objects.exists() and not queued.exists()
