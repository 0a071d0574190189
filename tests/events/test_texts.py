"""Text messages about registrations: who gets one, what it says, when it leaves, what staff see."""

import io
import re
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

import pytest

from events import services, texts
from events.models import EventSession, Registration
from events.services import Attendee, register
from portal.models import OutboundText
from portal.sms import gsm
from tests.factories import CommuneFactory, VenueFactory

from .conftest import NOW

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

MOBILE = "06 12 34 56 78"
LANDLINE = "03 53 01 42 10"
FORM = {"first_name": "Odette", "last_name": "Lambert", "adults": "1", "children": "0", "consent": "on"}
SHORT_LINK = re.compile(r"http://localhost/i/([\w-]{22})/")


def form_url(event, session):
    return f"{event.url}inscription/?seance={session.pk}"


def book_online(client, event, session, capture, **fields):
    with capture(execute=True):
        response = client.post(form_url(event, session), {**FORM, **fields})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


def html(response):
    return re.sub(r"\s+", " ", response.content.decode()).replace("&#x27;", "'")


def person(number, **fields):
    fields.setdefault("phone", f"+3361234560{number}")
    fields.setdefault("contact_by", Registration.ContactBy.SMS)
    return Attendee("Jean", f"Moreau{number}", **fields)


def book(event, session, number, **fields):
    return register(event, [session.pk], person(number, **fields)).registrations[0]


def bodies(outbox):
    return [message.body for message in outbox]


def test_a_phone_only_mobile_booking_gets_one_short_text_with_date_place_and_a_working_link(
    client, workshop, sms_outbox, django_capture_on_commit_callbacks
):
    event, [session, _] = workshop

    page = book_online(client, event, session, django_capture_on_commit_callbacks, phone=MOBILE)

    [message] = sms_outbox
    assert message.to == "+33612345678" and message.sender == "CCAS Test"
    info = gsm.measure(message.body)
    assert (info.encoding, info.segments) == ("gsm7", 1) and info.units <= 160
    assert "mar. 23 mars 14h" in message.body
    assert gsm.fold_accents(session.venue.name) in message.body and '"Atelier budget"' in message.body
    assert "Odette" not in message.body and "Lambert" not in message.body
    assert "Vous allez recevoir un SMS au <strong>06 12 34 56 78</strong>" in html(page)
    assert mail.outbox == []
    short = SHORT_LINK.search(message.body).group(0).removeprefix("http://localhost")
    opened = client.get(short)
    assert opened.status_code == 302 and opened["Location"].startswith("/inscription/")
    assert opened["Cache-Control"].startswith("private") or "no-store" in opened["Cache-Control"]
    manage = client.get(opened["Location"])
    assert manage.status_code == 200 and "Atelier budget" in html(manage)


def test_a_landline_booking_gets_no_text_and_the_page_says_the_team_will_call(
    client, workshop, sms_outbox, django_capture_on_commit_callbacks
):
    event, [session, _] = workshop

    page = book_online(client, event, session, django_capture_on_commit_callbacks, phone=LANDLINE)

    assert sms_outbox == [] and OutboundText.objects.count() == 0
    assert "est un fixe : il ne reçoit pas de SMS. L'équipe vous appellera" in html(page)
    assert Registration.objects.get().phone == "+33353014210"


@pytest.mark.parametrize(
    ("choice", "emails", "texted"),
    [("email", 1, 0), ("sms", 0, 1), ("both", 1, 1)],
)
def test_someone_who_gives_both_chooses_email_text_or_both(
    client, workshop, sms_outbox, django_capture_on_commit_callbacks, choice, emails, texted
):
    event, [session, _] = workshop

    book_online(
        client,
        event,
        session,
        django_capture_on_commit_callbacks,
        email="odette@example.org",
        phone=MOBILE,
        contact_by=choice,
    )

    assert (len(mail.outbox), len(sms_outbox)) == (emails, texted)
    assert Registration.objects.get().contact_by == choice


def test_choosing_texts_with_a_landline_is_refused_beside_the_field_and_saves_nothing(client, workshop):
    event, [session, _] = workshop

    response = client.post(
        form_url(event, session), {**FORM, "email": "odette@example.org", "phone": LANDLINE, "contact_by": "sms"}
    )

    assert response.status_code == 200
    assert "Ce numéro est un fixe : il ne reçoit pas de SMS" in html(response)
    assert 'href="#id_contact_by_0"' in html(response)
    assert Registration.objects.count() == 0


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("07 00 00 00 00", "ne correspond à aucun téléphone en France"),
        ("+44 7911 123456", "Seuls les numéros français sont acceptés"),
        ("06 12 AB 56 78", "chiffres seulement"),
        ("1" * 30, "trop long"),
    ],
)
def test_a_bad_number_gets_a_french_error_beside_the_field_and_saves_nothing(client, workshop, typed, words):
    event, [session, _] = workshop

    response = client.post(form_url(event, session), {**FORM, "phone": typed})

    page = html(response)
    assert response.status_code == 200 and words in page
    assert 'id="id_phone-error"' in page and 'href="#id_phone"' in page
    assert Registration.objects.count() == 0 and OutboundText.objects.count() == 0


def test_the_waiting_list_text_gives_the_position(workshop, sms_outbox, django_capture_on_commit_callbacks):
    event, [session, _] = workshop
    with django_capture_on_commit_callbacks(execute=True):
        book(event, session, 1, adults=4)
        book(event, session, 2, adults=4)
        book(event, session, 3, adults=1)
        book(event, session, 4, adults=1)

    assert bodies(sms_outbox)[3].startswith('Liste d\'attente (rang 2) pour "Atelier budget" mar. 23 mars 14h')


def test_a_place_freed_sends_exactly_one_text_to_the_person_promoted(
    workshop, sms_outbox, django_capture_on_commit_callbacks
):
    event, [session, _] = workshop
    with django_capture_on_commit_callbacks(execute=True):
        first = book(event, session, 1, adults=4)
        book(event, session, 2, adults=4)
        waiting = book(event, session, 3, adults=2)
    sms_outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel([first.pk])

    promoted, cancelled = sorted(sms_outbox, key=lambda message: message.to != waiting.phone)
    assert promoted.to == waiting.phone and promoted.body.startswith(
        'Place libérée pour vous : "Atelier budget" mar. 23 mars 14h'
    )
    assert cancelled.to == first.phone and "est annulée" in cancelled.body
    assert len(sms_outbox) == 2


def run_reminders():
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


def test_the_reminder_is_texted_once_even_when_the_command_runs_twice(
    make_event, sms_outbox, django_capture_on_commit_callbacks
):
    event, [soon] = make_event("Atelier budget", days=(1,), registration_required=True, online_registration=True)
    book(event, soon, 1)
    book(event, soon, 2, phone="+33353014210")  # a landline: the team calls, no reminder counted
    sms_outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = run_reminders()
    with django_capture_on_commit_callbacks(execute=True):
        second = run_reminders()

    assert first.startswith("1 rappel(s)") and second.startswith("0 rappel(s)")
    [reminder] = sms_outbox
    assert reminder.body.startswith('Rappel : "Atelier budget" dim. 21 mars 14h')
    assert "Annulez : http://localhost/i/" in reminder.body


def test_no_reminder_for_a_cancelled_or_started_session(make_event, sms_outbox, time_machine):
    event, [soon, started] = make_event(
        "Atelier budget", days=(1, 2), registration_required=True, online_registration=True
    )
    book(event, soon, 1)
    book(event, started, 2)
    EventSession.objects.filter(pk=soon.pk).update(status=EventSession.Status.CANCELLED)
    sms_outbox.clear()

    time_machine.move_to(started.start + timedelta(minutes=5), tick=False)
    run_reminders()
    call_command("send_queued_texts", stdout=io.StringIO())

    assert sms_outbox == []


def test_a_cancelled_session_sends_one_text_each_and_withdraws_the_waiting_reminder(
    make_event, sms_outbox, time_machine, django_capture_on_commit_callbacks
):
    event, [soon] = make_event("Atelier budget", days=(1,), registration_required=True, online_registration=True)
    one, two = book(event, soon, 1), book(event, soon, 2)
    time_machine.move_to(NOW.replace(hour=21), tick=False)  # quiet hours: the reminders wait for 08:00
    run_reminders()
    assert OutboundText.objects.filter(kind="events.reminder", status="pending").count() == 2
    sms_outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        soon.status = EventSession.Status.CANCELLED
        soon.save()
    time_machine.move_to(NOW.replace(hour=8) + timedelta(days=1), tick=False)
    call_command("send_queued_texts", stdout=io.StringIO())

    assert sorted(message.to for message in sms_outbox) == sorted([one.phone, two.phone])
    assert all(message.body.startswith('Séance annulée : "Atelier budget" dim. 21 mars 14h') for message in sms_outbox)
    assert not OutboundText.objects.filter(kind="events.reminder").exists()


def test_a_text_due_at_23_00_leaves_at_08_00(workshop, sms_outbox, time_machine, django_capture_on_commit_callbacks):
    event, [session, _] = workshop
    time_machine.move_to(NOW.replace(hour=23), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        book(event, session, 1)
    call_command("send_queued_texts", stdout=io.StringIO())
    assert sms_outbox == []

    time_machine.move_to(NOW.replace(hour=8) + timedelta(days=1), tick=False)
    call_command("send_queued_texts", stdout=io.StringIO())

    assert len(sms_outbox) == 1
    assert OutboundText.objects.get().sent_at == NOW.replace(hour=8) + timedelta(days=1)


def test_a_sensitive_event_is_never_named_in_a_text(make_event, sms_outbox, django_capture_on_commit_callbacks):
    event, [session] = make_event(
        "Groupe de parole : violences conjugales",
        days=(3,),
        registration_required=True,
        online_registration=True,
        sensitive=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        book(event, session, 1)

    [message] = sms_outbox
    assert "violences" not in message.body.lower() and "Groupe" not in message.body
    assert message.body.startswith("Inscription confirmée : mar. 23 mars 14h")


def test_a_cycle_booking_is_one_text(make_event, sms_outbox, django_capture_on_commit_callbacks):
    event, sessions = make_event(
        "Atelier mémoire",
        days=(3, 10, 17),
        registration_required=True,
        online_registration=True,
        registration_scope="cycle",
    )
    with django_capture_on_commit_callbacks(execute=True):
        register(event, [s.pk for s in sessions], person(1))

    [message] = sms_outbox
    assert "3 séances dès le mar. 23 mars 14h" in message.body


def test_a_failed_text_asks_the_team_to_call(settings, workshop, sms_outbox, django_capture_on_commit_callbacks):
    event, [session, _] = workshop
    with django_capture_on_commit_callbacks(execute=True):
        first = book(event, session, 1, adults=4)
        book(event, session, 2, adults=4)
        waiting = book(event, session, 3, adults=2)
    settings.SMS_BACKEND = "portal.sms.backends.disabled"  # no provider: every text fails at once

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel([first.pk])

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert waiting.call_reason == Registration.CallReason.PROMOTED
    promoted = OutboundText.objects.get(kind="events.registration_promoted")
    assert promoted.status == OutboundText.Status.FAILED and promoted.recipient == "" and promoted.body == ""


def test_the_session_page_shows_each_channel_and_the_last_text(
    admin_client, workshop, settings, django_capture_on_commit_callbacks
):
    event, [session, _] = workshop
    with django_capture_on_commit_callbacks(execute=True):
        book(event, session, 1)
        book(event, session, 2, phone="+33353014210")
        book(event, session, 3, phone="", email="jean3@example.org", contact_by="email")
    settings.SMS_BACKEND = "portal.sms.backends.disabled"
    with django_capture_on_commit_callbacks(execute=True):
        book(event, session, 4)

    page = html(admin_client.get(reverse("events-admin:session", args=[session.pk])))

    assert "SMS confirmation : envoyé" in page
    assert "Par appel (numéro fixe)" in page
    assert "E-mail" in page and "SMS : sans objet" in page
    assert "SMS confirmation : échec de l'envoi" in page
    assert "06 12 34 56 01" in page and 'href="tel:+33612345601"' in page


def test_the_registrations_list_and_its_export_show_the_last_text(
    admin_client, workshop, django_capture_on_commit_callbacks
):
    event, [session, _] = workshop
    with django_capture_on_commit_callbacks(execute=True):
        book(event, session, 1)

    listing = html(admin_client.get("/admin/inscriptions/"))
    export = admin_client.get("/admin/inscriptions/", {"export": "csv"}).content.decode("utf-8-sig")

    assert "Dernier SMS" in listing and "envoyé" in listing
    assert "Prévenu;Dernier SMS" in export and "Par SMS;envoyé" in export
    assert "06 12 34 56 01" in export


def test_staff_booking_by_phone_asks_about_texts(
    admin_client, workshop, sms_outbox, django_capture_on_commit_callbacks
):
    event, [session, _] = workshop
    url = reverse("events-admin:session", args=[session.pk])
    form = html(admin_client.get(url))
    assert "Si la personne donne les deux : la prévenir" in form and "Un fixe ne reçoit pas de SMS" in form

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            url,
            {
                "staff-first_name": "Odette",
                "staff-last_name": "Lambert",
                "staff-phone": MOBILE,
                "staff-email": "odette@example.org",
                "staff-contact_by": "both",
                "staff-adults": "1",
                "staff-children": "0",
                "staff-channel": "phone",
            },
        )

    registration = Registration.objects.get()
    assert registration.channel == "phone" and registration.contact_by == "both"
    assert len(sms_outbox) == 1 and len(mail.outbox) == 1


def test_the_purge_and_the_data_export_cover_the_texts(
    workshop, django_user_model, sms_outbox, time_machine, django_capture_on_commit_callbacks
):
    from accounts.services import export_data
    from events.retention import purge_registration_data

    event, [session, _] = workshop
    with django_capture_on_commit_callbacks(execute=True):
        registration = book(event, session, 1)
    resident = django_user_model.objects.create_user("odette", "odette@example.org", "x")
    Registration.objects.filter(pk=registration.pk).update(user=resident)

    [exported] = export_data(resident)["inscriptions"]
    assert exported["prevenu"] == "Par SMS"
    assert [(t["type"], t["statut"]) for t in exported["sms"]] == [("events.registration_received", "envoyé")]

    time_machine.move_to(session.end + timedelta(days=800), tick=False)
    purge_registration_data()

    text = OutboundText.objects.get()
    assert (text.topic, text.recipient, text.body) == ("", "", "")
    assert text.kind == "events.registration_received" and text.status == OutboundText.Status.SENT
    assert texts.last_texts([Registration.objects.get()]) == {registration.pk: None}


@pytest.mark.parametrize("kind", sorted(texts.WORDINGS))
def test_every_text_fits_one_segment_with_a_real_address_a_long_title_and_a_long_place(make_event, site, kind):
    site.hostname, site.port = "www.cias-des-trois-vallons.fr", 443
    site.save()
    venue = VenueFactory(name="Maison des solidarités Émile-Zola", commune=CommuneFactory(name="Saint-Aubin-sur-Aire"))
    event, [session] = make_event(
        "Groupe d'échange entre aidants : la fatigue, le sommeil et le répit",
        days=(3,),
        venue=venue,
        registration_required=True,
        online_registration=True,
    )
    registration = book(event, session, 1)

    body = gsm.prepare(texts.WORDINGS[kind]([registration]))

    assert gsm.measure(body).segments == 1, body
    assert "23 mars" in body
    if kind not in ("registration_cancelled", "session_cancelled"):
        assert "https://www.cias-des-trois-vallons.fr/i/" in body
    if kind not in ("registration_cancelled", "session_cancelled", "registration_refused"):
        assert "Maison des solidarités Émile-Zola" in body


@pytest.fixture
def smsc(settings):
    """A real SMPP 3.4 server on 127.0.0.1, the portal's SMPP backend pointing at it."""
    from tests.sms.smpp_server import SMPPServer, point_portal_at

    server = SMPPServer().start()
    point_portal_at(settings, server)
    yield server
    server.stop()


def test_a_booking_reaches_a_real_smpp_provider_once_with_its_sender_and_accents(
    client, workshop, smsc, settings, time_machine, django_capture_on_commit_callbacks
):
    event, [session, _] = workshop
    smsc.stop()  # the provider is down when the person books

    book_online(client, event, session, django_capture_on_commit_callbacks, phone=MOBILE)
    text = OutboundText.objects.get()
    assert text.status == OutboundText.Status.PENDING and text.last_error == "ProviderUnreachable"

    smsc.start()
    time_machine.move_to(NOW + timedelta(minutes=2), tick=False)
    call_command("send_queued_texts", stdout=io.StringIO())
    call_command("send_queued_texts", stdout=io.StringIO())

    [message] = smsc.messages
    assert message["source_addr"] == settings.SMS_SENDER and message["destination_addr"] == "33612345678"
    assert message["text"].startswith('Inscription confirmée : "Atelier budget" mar. 23 mars 14h')
    assert message["data_coding"] == 0  # GSM-7: "é" arrives as written
    assert OutboundText.objects.get().status == OutboundText.Status.SENT
