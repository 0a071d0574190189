"""Behind a trusted proxy each visitor has their own limits; nobody else can choose their address."""

from django.test import Client, RequestFactory, override_settings

import pytest
from allauth.account.models import EmailAddress

from events.models import Registration
from portal.middleware import ClientAddressMiddleware

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

PROXY = "10.0.0.5"
PASSWORD = "une phrase de passe longue"


def address_seen(remote, forwarded=None, trusted=(PROXY,)):
    with override_settings(TRUSTED_PROXIES=list(trusted)):
        middleware = ClientAddressMiddleware(lambda request: request.META["REMOTE_ADDR"])
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return middleware(RequestFactory().get("/", **extra))


def test_the_forwarded_address_counts_only_from_a_trusted_proxy():
    assert address_seen(PROXY, "203.0.113.7") == "203.0.113.7"
    assert address_seen("198.51.100.9", "203.0.113.7") == "198.51.100.9"  # forged: ignored
    assert address_seen(PROXY) == PROXY
    assert address_seen(PROXY, "203.0.113.7", trusted=()) == PROXY


def test_the_client_is_the_first_untrusted_hop_from_the_right():
    # The visitor may prepend anything: only what our own proxies appended is believed.
    assert address_seen(PROXY, "1.2.3.4, 203.0.113.7") == "203.0.113.7"
    assert address_seen(PROXY, "203.0.113.7, 10.0.0.4", trusted=("10.0.0.0/24",)) == "203.0.113.7"
    assert address_seen(PROXY, "not-an-ip") == PROXY
    assert address_seen(PROXY, "2001:db8::1") == "2001:db8::1"


def book(client, event, session, number, forwarded):
    data = {
        "first_name": "Parent",
        "last_name": f"Numéro {number}",
        "email": f"parent{number}@example.org",
        "adults": "1",
        "children": "0",
        "consent": "on",
    }
    url = f"{event.url}inscription/?seance={session.pk}"
    return client.post(url, data, REMOTE_ADDR=forwarded[0], HTTP_X_FORWARDED_FOR=forwarded[1])


@override_settings(TRUSTED_PROXIES=[PROXY], PUBLIC_FORM_RATE_LIMITS={"registration": 1})
def test_behind_the_proxy_people_at_different_addresses_do_not_block_each_other(workshop):
    event, [session, _] = workshop
    client = Client()
    for number in range(10):
        assert book(client, event, session, number, (PROXY, f"203.0.113.{number}")).status_code == 302
    assert book(client, event, session, 10, (PROXY, "203.0.113.99")).status_code == 302
    # The same person again is over their own limit.
    assert book(client, event, session, 11, (PROXY, "203.0.113.99")).status_code == 429
    assert Registration.objects.count() == 11


@override_settings(TRUSTED_PROXIES=[PROXY], PUBLIC_FORM_RATE_LIMITS={"registration": 1})
def test_from_an_untrusted_address_a_forged_header_changes_nothing(workshop):
    event, [session, _] = workshop
    client = Client()
    assert book(client, event, session, 0, ("198.51.100.9", "203.0.113.1")).status_code == 302
    assert book(client, event, session, 1, ("198.51.100.9", "203.0.113.2")).status_code == 429
    assert Registration.objects.count() == 1


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_failed_logins_from_one_address_do_not_lock_out_a_resident_elsewhere(django_user_model, site):
    user = django_user_model.objects.create_user("amina", "amina@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email="amina@example.org", verified=True, primary=True)
    client = Client()
    for number in range(11):
        client.post(
            "/compte/login/",
            {"login": f"inconnu{number}@example.org", "password": "mauvais"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="203.0.113.50",
        )
    blocked = client.post(
        "/compte/login/",
        {"login": "amina@example.org", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.50",
    )
    elsewhere = Client().post(
        "/compte/login/",
        {"login": "amina@example.org", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )

    assert "Trop de tentatives de connexion" in blocked.content.decode()
    assert "_auth_user_id" not in client.session
    assert elsewhere.status_code == 302 and elsewhere["Location"] == "/mon-espace/"
