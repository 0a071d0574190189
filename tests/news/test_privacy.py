"""Retention of what news keeps, the resident's data export and account deletion, the indicators."""

from datetime import timedelta

from django.utils import timezone

import pytest
import time_machine

from news import privacy
from news.models import NotifyRequest, Subscription
from portal.models import OutboundEmail

pytestmark = pytest.mark.django_db


def subscription(email="amina.diallo@example.org", **fields):
    from news.digest import PURPOSE
    from portal.tokens import derive_token, hash_token, new_token_key

    key = new_token_key()
    return Subscription.objects.create(
        email=email, token_key=key, token_hash=hash_token(derive_token(key, PURPOSE)), **fields
    )


def test_unconfirmed_requests_go_after_seven_days(full_event):
    now = timezone.now()
    old = subscription(created_at=now - timedelta(days=8))
    recent = subscription(email="recent@example.org", created_at=now - timedelta(days=6))
    NotifyRequest.objects.create(
        event=full_event, email="a@example.org", token_key="k", token_hash="n1", created_at=now - timedelta(days=8)
    )
    kept = NotifyRequest.objects.create(
        event=full_event,
        email="b@example.org",
        token_key="k",
        token_hash="n2",
        created_at=now - timedelta(days=8),
        confirmed_at=now - timedelta(days=7),
    )

    counts = privacy.purge(now)

    assert counts["subscriptions_unconfirmed"] == 1 and counts["notify_unconfirmed"] == 1
    assert list(Subscription.objects.all()) == [recent]
    assert list(NotifyRequest.objects.all()) == [kept]
    assert not Subscription.objects.filter(pk=old.pk).exists()


def test_a_year_without_a_digest_asks_again_then_removes(home_page):
    start = timezone.now()
    item = subscription(confirmed_at=start, last_sent_at=start)

    with time_machine.travel(start + timedelta(days=300)):
        assert privacy.purge()["subscriptions_asked_again"] == 0
    with time_machine.travel(start + timedelta(days=366)):
        assert privacy.purge()["subscriptions_asked_again"] == 1
        assert privacy.purge()["subscriptions_asked_again"] == 0  # asked once
    [message] = OutboundEmail.objects.filter(subject__startswith="Souhaitez-vous rester abonné")
    assert message.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    with time_machine.travel(start + timedelta(days=366 + 31)):
        assert privacy.purge()["subscriptions_unanswered"] == 1
    assert not Subscription.objects.filter(pk=item.pk).exists()


def test_confirming_again_keeps_it(client, home_page):
    from news.digest import token_for

    start = timezone.now()
    item = subscription(confirmed_at=start, last_sent_at=start)
    with time_machine.travel(start + timedelta(days=366)):
        privacy.purge()
        client.post(f"/abonnements/suivi/{token_for(item)}/", {"action": "confirm"})
    with time_machine.travel(start + timedelta(days=366 + 31)):
        privacy.purge()
    item.refresh_from_db()
    assert item.reconfirm_asked_at is None


def test_the_data_export_and_the_account_deletion_include_them(full_event, django_user_model):
    from accounts.services import delete_account, ensure_verified_email, export_data

    user = django_user_model.objects.create_user("amina", email="amina.diallo@example.org", password="x")
    ensure_verified_email(user)
    subscription(email="Amina.Diallo@example.org", confirmed_at=timezone.now())
    NotifyRequest.objects.create(event=full_event, email="amina.diallo@example.org", token_key="k", token_hash="n")
    other = subscription(email="someone@example.org")

    data = export_data(user)

    assert [item["email"] for item in data["abonnements_nouveaux_temps_ressources"]] == ["Amina.Diallo@example.org"]
    assert data["prevenez_moi"][0]["evenement"] == "Groupe de parents"
    delete_account(user)
    assert list(Subscription.objects.all()) == [other]
    assert NotifyRequest.objects.count() == 0


def test_the_indicators_count_per_filter_and_never_show_an_address(home_page):
    from indicators.figures import Period, all_sections
    from tests.factories import ThemeFactory

    theme = ThemeFactory(slug="parentalite", name="Parentalité et relations familiales")
    subscription(email="a@example.org", theme=theme, confirmed_at=timezone.now())
    subscription(email="b@example.org", theme=theme, confirmed_at=timezone.now(), event_format="")
    subscription(email="c@example.org")

    today = timezone.localdate()
    [section] = [s for s in all_sections(Period(today.replace(month=1, day=1), today)) if s.key == "abonnements"]

    table = section.tables[0]
    assert table.rows == [["Parentalité et relations familiales", 2, 0], ["Tous les temps ressources", 0, 1]]
    assert not section.key_figures  # not in the board's one-page summary
    assert "@" not in repr(section)
