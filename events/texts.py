"""Text messages about registrations, on the same occasions as the emails (events.emails).

`queue(kind, registration_ids)` runs in the caller's transaction, beside the change it tells
about: a rolled back booking sends nothing (portal.sms stores the text with the booking and
sends it after commit). One text per booking (a whole cycle is one text), to people who want
texts (`Registration.wants_texts`: a mobile number, and texts chosen or no email given).

What a text says: what happened, the date written out ("mar. 3 mars 14h"), the place and the
short personal link; the event's title unless the editors marked the event sensitive. Never
the needs, the names or anything else the person typed. One segment whenever a wording fits
(`portal.sms.compose.fit`), the title dropped before anything else.
"""

import logging

from django.db.models import Min
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal import sms
from portal.sms.compose import fit, short_day, short_when

from .models.registrations import Registration, bookings

logger = logging.getLogger("events.texts")


def topic(registration_pk):
    """What a text is about, for portal.sms: the first registration of the booking."""
    return f"events.registration:{registration_pk}"


def short_url(registration):
    """The full address of the short personal link (/i/…/), which opens the manage page."""
    event = registration.session.event
    site = event.get_site()
    root = site.root_url if site else ""
    return root + reverse("events-short:manage", args=[registration.short_token])


def _what(registrations):
    """ "« Atelier mémoire » " or "", for a sensitive event or when the title does not fit."""
    event = registrations[0].session.event
    return "" if event.sensitive else f"« {event.title} » "


def _when(registrations):
    session = registrations[0].session
    if len(registrations) > 1:
        return _("%(count)s séances dès le %(when)s") % {"count": len(registrations), "when": short_when(session.start)}
    return short_when(session.start)


def _places(registrations):
    """Where, richest first: "Maison des familles, Brécy", then "Maison des familles"."""
    venue = registrations[0].session.venue
    if venue is None:
        return [_("en ligne")]
    if venue.commune.name.lower() in venue.name.lower():
        return [venue.name]
    return [f"{venue.name}, {venue.commune.name}", venue.name]


def _values(registrations, **values):
    first = registrations[0]
    return {"when": _when(registrations), "where": _places(registrations)[0], "link": short_url(first), **values}


def _wordings(registrations, *templates, **values):
    """The templates (richest first) with the title, then without; with the commune, then without;
    without the place as a last resort. `fit` keeps the first that needs one segment."""
    values = _values(registrations, **values)
    candidates = [
        template % {**values, "what": what, "where": where}
        for where in _places(registrations)
        for what in (_what(registrations), "")
        for template in templates
    ]
    candidates.append(templates[-1].replace(", %(where)s", "") % {**values, "what": ""})
    return fit(*candidates)


def _received(registrations):
    from .services import waiting_position

    first = registrations[0]
    if first.status == first.Status.WAITING:
        return _wordings(
            registrations,
            _(
                "Liste d'attente (rang %(position)s) pour %(what)s%(when)s, %(where)s. Un SMS vous dira si une "
                "place se libère. Voir ou annuler : %(link)s"
            ),
            _("Liste d'attente (rang %(position)s) pour %(what)s%(when)s, %(where)s. Voir ou annuler : %(link)s"),
            position=waiting_position(first),
        )
    if first.status == first.Status.PENDING:
        return _wordings(
            registrations,
            _("Demande reçue pour %(what)s%(when)s, %(where)s. L'équipe vous confirmera la place. Voir : %(link)s"),
            _("Demande reçue pour %(what)s%(when)s, %(where)s, à confirmer par l'équipe. Voir : %(link)s"),
        )
    return _wordings(
        registrations, _("Inscription confirmée : %(what)s%(when)s, %(where)s. Voir ou annuler : %(link)s")
    )


def _promoted(registrations):
    first = registrations[0]
    if first.status == first.Status.PENDING:
        return _wordings(
            registrations,
            _("Une place s'est libérée pour %(what)s%(when)s, %(where)s. L'équipe vous la confirmera. Voir : %(link)s"),
            _("Place libérée : %(what)s%(when)s, %(where)s, à confirmer par l'équipe. Voir : %(link)s"),
        )
    return _wordings(
        registrations,
        _("Bonne nouvelle : vous avez une place pour %(what)s%(when)s, %(where)s. Voir ou annuler : %(link)s"),
        _("Place libérée pour vous : %(what)s%(when)s, %(where)s. Annuler : %(link)s"),
    )


def _reminder(registrations):
    return _wordings(
        registrations,
        _("Rappel : %(what)s%(when)s, %(where)s. Vous ne pouvez plus venir ? Annulez : %(link)s"),
        _("Rappel : %(what)s%(when)s, %(where)s. Absent ? Annulez : %(link)s"),
    )


def _moved(registrations):
    first = registrations[0]
    if first.status == first.Status.WAITING:
        return _wordings(
            registrations,
            _("Votre inscription %(what)spasse au %(when)s, %(where)s, sur liste d'attente. Voir : %(link)s"),
            _("Nouvelle date : %(what)s%(when)s, %(where)s, sur liste d'attente. Voir : %(link)s"),
        )
    return _wordings(
        registrations,
        _("Votre inscription %(what)spasse au %(when)s, %(where)s. Voir ou annuler : %(link)s"),
        _("Nouvelle date : %(what)s%(when)s, %(where)s. Annuler : %(link)s"),
    )


def _session_cancelled(registrations):
    values = _values(registrations, what=_what(registrations))
    return fit(
        _("Séance annulée : %(what)s%(when)s n'aura pas lieu. Vous n'avez rien à faire. Autres dates : %(link)s")
        % values,
        _("Séance annulée : %(when)s n'aura pas lieu. Vous n'avez rien à faire.") % values,
    )


def _cancelled(registrations):
    values = {"what": _what(registrations), "day": short_day(registrations[0].session.start)}
    return fit(
        _("Votre inscription à %(what)sdu %(day)s est annulée. Merci de nous avoir prévenus.") % values,
        _("Votre inscription du %(day)s est annulée. Merci de nous avoir prévenus.") % values,
    )


def _refused(registrations):
    values = _values(registrations, day=short_day(registrations[0].session.start))
    return _("Votre demande d'inscription du %(day)s n'a pas été acceptée. Détails : %(link)s") % values


# kind (as in events.emails) -> the words of the text.
WORDINGS = {
    "registration_received": _received,
    "registration_promoted": _promoted,
    "reminder": _reminder,
    "registration_moved": _moved,
    "session_cancelled": _session_cancelled,
    "registration_cancelled": _cancelled,
    "registration_refused": _refused,
}


def queue(kind, registration_ids):
    """Queue the `kind` text of each booking among these registrations that wants texts.

    Nothing leaves after the session has started (the deadline) nor, for anything but the
    cancellation itself, once the registration is cancelled (see `withdraw`). Returns the
    queued rows.
    """
    queued = []
    for registrations in bookings(registration_ids):
        first = registrations[0]
        if not first.wants_texts:
            continue
        try:
            text = sms.queue_text(
                first.phone,
                WORDINGS[kind](registrations),
                kind=f"events.{kind}",
                topic=topic(first.pk),
                deadline=first.session.start,
            )
        except ValueError:
            # Too long even in its shortest wording: the booking must not fail for a text.
            logger.exception("The %s text of registration %s is too long", kind, first.pk)
            Registration.objects.filter(pk=first.pk).update(call_reason=Registration.CallReason.TEXT_FAILED)
            continue
        if text is not None:
            queued.append(text)
    return queued


def withdraw(registration_ids):
    """The registrations are cancelled: their texts that have not left yet never will."""
    for registration_id in registration_ids:
        sms.cancel_texts(topic(registration_id))


def erase(registration_ids):
    """For the retention purge: nothing about these registrations' texts stays personal."""
    if registration_ids:
        sms.erase_texts(*(topic(pk) for pk in registration_ids))


# A text that will not arrive (failed for good, reported undeliverable) -> why the team calls.
CALL_REASONS = {
    "events.registration_promoted": "promoted",
    "events.registration_moved": "moved",
    "events.registration_refused": "refused",
    "events.session_cancelled": "session_cancelled",
}


def text_failed(sender, *, kind, topic, **kwargs):
    """portal.signals.text_failed: the team is asked to call (the session page lists the person).

    Not for the acknowledgement of a cancellation the person made themselves.
    """
    prefix = "events.registration:"
    pk = topic[len(prefix) :] if topic.startswith(prefix) else ""
    if not pk.isdigit() or kind == "events.registration_cancelled":
        return
    reason = CALL_REASONS.get(kind, Registration.CallReason.TEXT_FAILED)
    Registration.objects.filter(pk=int(pk)).update(call_reason=reason)


# What staff read about a text (kind without the "events." prefix).
KIND_LABELS = {
    "registration_received": _lazy("confirmation"),
    "registration_promoted": _lazy("place libérée"),
    "reminder": _lazy("rappel"),
    "registration_moved": _lazy("changement de date"),
    "session_cancelled": _lazy("séance annulée"),
    "registration_cancelled": _lazy("annulation"),
    "registration_refused": _lazy("refus"),
}


def last_texts(registrations):
    """{registration pk: its newest text, or None}, the booking's texts included (two queries)."""
    from portal.models import OutboundText

    keys = {registration.token_key for registration in registrations}
    leads = dict(
        Registration.objects.filter(token_key__in=keys)
        .values("token_key")
        .annotate(lead=Min("pk"))
        .values_list("token_key", "lead")
    )
    topics = {topic(r.pk) for r in registrations} | {topic(pk) for pk in leads.values()}
    newest = {}
    for text in OutboundText.objects.filter(topic__in=topics).order_by("created_at", "pk"):
        text.kind_label = KIND_LABELS.get(text.kind.removeprefix("events."), text.kind)
        newest[text.topic] = text
    result = {}
    for registration in registrations:
        found = [newest.get(topic(registration.pk)), newest.get(topic(leads.get(registration.token_key)))]
        found = [text for text in found if text is not None]
        result[registration.pk] = max(found, key=lambda text: (text.created_at, text.pk)) if found else None
    return result
