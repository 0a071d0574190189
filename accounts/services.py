"""What a resident's account holds, and the rights over it: see, download, delete.

Owning an email address is not owning what was sent with it: a shared mailbox, or a partner who
reads someone's mail, must not be able to read their requests by creating an account. So a
registration (`Registration.user`) or an appointment request (`AppointmentRequest.account`)
belongs to an account only once attached from its own personal link, by a signed-in resident.
Anything else made with one of the account's verified addresses is only counted ("use the
link you received"), never shown, and stays out of the data export.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from appointments import texts as request_texts
from appointments.models import AppointmentRequest
from events import services as booking
from events import texts as registration_texts
from events.models import Registration
from events.models.registrations import ACTIVE_STATUSES
from news import privacy as news_privacy
from portal import sms
from portal.models import OutboundEmail
from welfare.exports import entry_data as register_entry_data
from welfare.models import RegisterEntry

ERASED = "—"


def ensure_verified_email(user):
    """An account made by a command or an administrator has a known address: mark it verified.

    allauth requires a verified address to log in (ACCOUNT_EMAIL_VERIFICATION = "mandatory").
    """
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=user.email, defaults={"email": user.email, "verified": True, "primary": True}
    )


def verified_emails(user):
    return list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))


def _email_match(field, emails):
    query = Q(pk__in=[])
    for email in emails:
        query |= Q(**{f"{field}__iexact": email})
    return query


def registrations_of(user):
    """The account's registrations, soonest session first, with what the page shows."""
    return (
        Registration.objects.filter(user=user)
        .select_related("session__event", "session__venue", "commune")
        .order_by("session__start", "pk")
    )


def split_upcoming(registrations, now=None):
    now = now or timezone.now()
    upcoming = [r for r in registrations if r.session.end >= now]
    past = [r for r in registrations if r.session.end < now]
    past.reverse()
    return upcoming, past


def unattached_registration_count(user):
    """How many personal links (bookings) were made without an account with the account's addresses."""
    emails = verified_emails(user)
    matching = Registration.objects.filter(_email_match("email", emails), user__isnull=True)
    return matching.values("token_hash").distinct().count()


def appointment_requests_of(user):
    """The requests attached to the account from their own status link."""
    return AppointmentRequest.objects.filter(account=user).select_related("subject").order_by("-created_at")


def unattached_request_count(user):
    """Requests made with one of the account's addresses and not attached: counted, never shown."""
    emails = verified_emails(user)
    return AppointmentRequest.objects.filter(_email_match("email", emails), account__isnull=True).count()


def register_entries_of(user):
    """The account's entries in the register of vulnerable people, attached from their status link."""
    return RegisterEntry.objects.filter(account=user).select_related("commune", "page").order_by("created_at")


def cancel_registration(user, registration_id):
    """Cancel one upcoming registration of this account (and the rest of its cycle booking).

    Goes through the booking service like any cancellation: places are freed and the waiting
    list moves up. Raises Registration.DoesNotExist for anything that is not theirs.
    """
    registration = Registration.objects.select_related("session").get(
        pk=registration_id, user=user, status__in=ACTIVE_STATUSES, session__end__gte=timezone.now()
    )
    booking.cancel([registration.pk])
    return registration


def texts_data(topic):
    """The texts about one record: what was sent and what became of it (the words are not kept)."""
    return [
        {
            "type": text.kind,
            "statut": text.get_status_display(),
            "cree_le": text.created_at.isoformat(),
            "envoye_le": text.sent_at.isoformat() if text.sent_at else None,
        }
        for text in sms.texts_for(topic)
    ]


def export_data(user):
    """Everything the portal stores about this person, as plain JSON-serialisable data."""
    registrations = registrations_of(user)
    return {
        "compte": {
            "identifiant": user.get_username(),
            "email": user.email,
            "prenom": user.first_name,
            "nom": user.last_name,
            "cree_le": user.date_joined.isoformat(),
            "derniere_connexion": user.last_login.isoformat() if user.last_login else None,
        },
        "adresses_email": [
            {"email": address.email, "verifiee": address.verified, "principale": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
        "double_authentification": [
            {"type": authenticator.type, "creee_le": authenticator.created_at.isoformat()}
            for authenticator in Authenticator.objects.filter(user=user)
        ],
        "inscriptions": [
            {
                "evenement": registration.session.event.title,
                "seance_debut": registration.session.start.isoformat(),
                "statut": registration.get_status_display(),
                "prenom": registration.first_name,
                "nom": registration.last_name,
                "email": registration.email,
                "telephone": registration.phone,
                "commune": str(registration.commune) if registration.commune else None,
                "adultes": registration.adults,
                "enfants": registration.children,
                "besoins": {
                    "garde_enfants": registration.needs_childcare,
                    "accessibilite": registration.needs_accessibility,
                    "interprete": registration.needs_interpreter,
                    "precisions": registration.needs_details,
                },
                "canal": registration.get_channel_display(),
                "prevenu": registration.get_contact_by_display(),
                "sms": texts_data(registration_texts.topic(registration.pk)),
                "presence": registration.attended,
                "inscrit_le": registration.created_at.isoformat(),
            }
            for registration in registrations
        ],
        "demandes_de_rendez_vous": [
            {
                "reference": request.reference,
                "objet": request.subject.name,
                "statut": request.get_status_display(),
                "message": request.message,
                "prenom": request.first_name,
                "nom": request.last_name,
                "email": request.email,
                "telephone": request.phone,
                "pas_de_sms": request.no_texts,
                "sms": texts_data(request_texts.topic(request.pk)),
                "recue_le": request.created_at.isoformat(),
                "cloturee_le": request.closed_at.isoformat() if request.closed_at else None,
            }
            for request in appointment_requests_of(user)
        ],
        # Everything the register holds about the person: the entry, its journal, its calls.
        "registre_personnes_vulnerables": [register_entry_data(entry) for entry in register_entries_of(user)],
        # Subscriptions and "Prévenez-moi" requests made with the account's verified addresses.
        **news_privacy.data_for_emails(verified_emails(user)),
    }


@transaction.atomic
def delete_account(user):
    """Erase the account and every trace of the person it holds.

    Upcoming registrations are cancelled (places freed, waiting list promoted, no email sent);
    every registration of the account is then anonymised so the headcounts stay for the
    indicators. Messages still waiting in the outbox for their addresses are dropped, and the
    registrations' texts no longer say whose they were.
    Appointment pre-requests are not touched: they belong to the social services' follow-up,
    have their own retention period and can be withdrawn from their own link. Entries in the
    register of vulnerable people are only detached: staying on it (or leaving it, from the
    status link or by phone) is a separate decision of the person. Subscriptions and
    "Prévenez-moi" requests of the account's addresses are deleted (news.privacy).
    """
    now = timezone.now()
    emails = [user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)]
    emails = sorted({email.lower() for email in emails if email})
    upcoming = Registration.objects.filter(user=user, status__in=ACTIVE_STATUSES, session__end__gte=now)
    booking.cancel(list(upcoming.values_list("pk", flat=True)), tell=False)
    registration_texts.erase(list(Registration.objects.filter(user=user).values_list("pk", flat=True)))
    Registration.objects.filter(user=user).update(
        user=None,
        first_name=ERASED,
        last_name=ERASED,
        email="",
        phone="",
        needs_details="",
        needs_childcare=False,
        needs_accessibility=False,
        needs_interpreter=False,
        needs_erased_at=now,
    )
    news_privacy.erase_for_emails(emails)
    for message in OutboundEmail.objects.all().only("pk", "to"):
        if {address.lower() for address in message.to} & set(emails):
            message.delete()
    user.delete()
