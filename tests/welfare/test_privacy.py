"""The highest privacy bar: never cached, never indexed, never in logs, removed completely."""

import io
import logging

from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import serializers
from django.test import Client, override_settings

import pytest

from portal.models import OutboundEmail
from welfare.models import RegisterEntry
from welfare.services import campaigns, entries

from .conftest import CHECK_URL, DONE_URL, FORM_URL, text

pytestmark = pytest.mark.django_db

SECRETS = ("Quintard", "Odette", "Saules", "0380123456", "+33380123456", "03 80 12 34 56", "Passerelle")


@pytest.fixture
def quintard(form_data):
    return {
        **form_data,
        "first_name": "Odette",
        "last_name": "Quintard",
        "address": "3 rue des Saules",
        "home_care_service": "SSIAD Passerelle",
        "email": "odette.q@example.org",
        "by_text": "on",
    }


def sign_up(client, data, capture):
    client.post(FORM_URL, data)
    with capture(execute=True):
        client.post(CHECK_URL)
    return client.get(DONE_URL)


def everything_stored():
    """Every row of every table, serialised: where a removed person could still hide."""
    dumps = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        dumps.append(serializers.serialize("json", model._default_manager.all()))
    dumps.append(" ".join(str(session.get_decoded()) for session in Session.objects.all()))
    return " ".join(dumps)


def test_removal_deletes_the_person_from_every_table(
    client, quintard, veille_client, communes, django_capture_on_commit_callbacks
):
    sign_up(client, quintard, django_capture_on_commit_callbacks)
    entry = RegisterEntry.objects.get()
    veille_client.get(f"/admin/registre/{entry.pk}/")
    campaign = campaigns.open_campaign(
        kind="heatwave", communes=[communes["saint-aubin"]], starts_on=entry.created_at.date(), user=None
    )
    campaigns.log_call(campaign.lines.get().pk, "needs_help", "Odette Quintard : courses à livrer", user=None)
    assert "Quintard" in everything_stored()

    with django_capture_on_commit_callbacks(execute=True):
        veille_client.post(f"/admin/registre/{entry.pk}/retirer/", {"channel": "phone", "confirm": "on"})

    stored = everything_stored()
    assert not [secret for secret in SECRETS if secret in stored]
    assert entry.reference not in stored


@pytest.fixture
def log_output():
    """What the configured console handlers write (the same handler objects, filters included),
    with the "django" loggers turned up to DEBUG as someone chasing a bug would."""
    buffer = io.StringIO()
    handlers = {
        handler
        for name in ("", "django", "portal", "welfare")
        for handler in logging.getLogger(name).handlers
        if isinstance(handler, logging.StreamHandler)
    }
    previous = {handler: handler.setStream(buffer) for handler in handlers}
    levels = {name: logging.getLogger(name).level for name in ("", "django")}
    logging.getLogger("django").setLevel(logging.DEBUG)
    yield buffer
    for handler, stream in previous.items():
        handler.setStream(stream)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_nothing_personal_reaches_the_logs(
    client, quintard, veille_client, log_output, django_capture_on_commit_callbacks
):
    sign_up(client, quintard, django_capture_on_commit_callbacks)
    client.post(FORM_URL, {**quintard, "birth_date": "31/02/1950"})
    entry = RegisterEntry.objects.get()
    veille_client.get(f"/admin/registre/{entry.pk}/")
    veille_client.get("/admin/registre/", {"q": "Quintard"})
    client.get(f"{FORM_URL}suivi/{entry.token}/")
    client.get(f"{FORM_URL}suivi/{entry.token[:-2]}xx/")  # a mistyped link: logged as a 404

    logged = log_output.getvalue()
    assert "Not Found" in logged  # the handlers did write
    assert not [secret for secret in (*SECRETS, entry.token, entry.token[:-2]) if secret in logged]


@override_settings(ADMINS=[("Exploitation", "exploitation@example.org")])
def test_a_server_error_report_hides_what_the_form_held(quintard, monkeypatch):
    from portal import drafts

    def broken(*args, **kwargs):
        raise RuntimeError("panne")

    monkeypatch.setattr(drafts, "keep", broken)
    response = Client(raise_request_exception=False).post(FORM_URL, quintard)

    assert response.status_code == 500
    report = OutboundEmail.objects.get(to=["exploitation@example.org"])
    assert "panne" in report.body_text
    assert not [secret for secret in SECRETS if secret in report.body_text + report.subject]


def test_the_form_is_never_kept_by_the_page_cache(client, signup_page, settings):
    settings.PAGE_CACHE_ENABLED = True
    first, second = client.get(FORM_URL), Client().get(FORM_URL)

    assert second.get("X-Page-Cache") != "hit"
    assert "no-store" in first["Cache-Control"] and "noindex" in first["X-Robots-Tag"]


def test_every_step_of_the_flow_is_private(client, quintard, django_capture_on_commit_callbacks):
    client.post(FORM_URL, quintard)
    check = client.get(CHECK_URL)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHECK_URL)
    done = client.get(DONE_URL)

    for response in (check, done):
        assert "no-store" in response["Cache-Control"] and "noindex" in response["X-Robots-Tag"]
        assert response["Referrer-Policy"] == "same-origin"


def test_the_register_is_not_in_the_site_search_nor_the_sitemap(client, make_entry, signup_page):
    make_entry("Quintard")

    search = text(client.get("/recherche/", {"q": "Quintard"}))
    sitemap = client.get("/sitemap.xml").content.decode()

    assert "QUINTARD" not in search and "rue des Lilas" not in search
    assert "/suivi/" not in sitemap and "/registre-personnes-vulnerables/" not in sitemap


def test_the_emails_left_in_the_outbox_are_dropped_on_removal(make_entry):
    from portal.emails import send_templated_email

    entry = make_entry("Quintard")
    send_templated_email("emails/welfare/received", ["odette.q@example.org"], {"reference": entry.reference})
    assert OutboundEmail.objects.filter(subject__contains=entry.reference).exists()

    entries.remove_entry(entry.pk, channel="phone")

    assert not OutboundEmail.objects.filter(subject__contains=entry.reference).exists()
