"""Text messages about an appointment request: the reference and the short status link, the date,
time and place of a proposed appointment. Never the subject, the message or the needs.

Queued in the caller's transaction (portal.sms.queue_text), to a mobile number only, unless
the person ticked "Je ne veux pas recevoir de SMS" (`AppointmentRequest.wants_texts`).
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from home.models import SiteSettings
from portal import sms
from portal.phones import format_phone
from portal.sms.compose import fit, short_when


def topic(request_pk):
    return f"appointments.request:{request_pk}"


def short_url(request):
    return request.site.root_url + reverse("appointments-short:status", args=[request.short_token])


def received(request):
    settings = SiteSettings.for_site(request.site)
    values = {"name": settings.display_name, "reference": request.reference, "link": short_url(request)}
    return fit(
        _("%(name)s : demande de rendez-vous %(reference)s bien enregistrée. Nous vous contactons. Suivi : %(link)s")
        % values,
        _("Demande de rendez-vous %(reference)s enregistrée. Suivi : %(link)s") % values,
    )


def proposal(request):
    settings = SiteSettings.for_site(request.site)
    values = {
        "when": short_when(request.proposed_start),
        "where": request.proposed_place,
        "reference": request.reference,
        "link": short_url(request),
        "phone": format_phone(settings.phone),
    }
    with_phone = (
        _("Rendez-vous proposé %(when)s, %(where)s (réf. %(reference)s). Pas disponible ? %(phone)s ou %(link)s")
        % values
    )
    return fit(
        with_phone if settings.phone else "",
        _("Rendez-vous proposé %(when)s, %(where)s (réf. %(reference)s). Détails : %(link)s") % values,
        _("Rendez-vous proposé %(when)s (réf. %(reference)s). Lieu et détails : %(link)s") % values,
    )


def queue_received(request):
    if request.wants_texts:
        sms.queue_text(request.phone, received(request), kind="appointments.received", topic=topic(request.pk))


def queue_proposal(request):
    if request.wants_texts and request.proposed_start:
        sms.queue_text(
            request.phone,
            proposal(request),
            kind="appointments.proposal",
            topic=topic(request.pk),
            deadline=request.proposed_start,
        )


KIND_LABELS = {
    "appointments.received": _lazy("accusé de réception"),
    "appointments.proposal": _lazy("rendez-vous proposé"),
}


def sent_texts(request):
    """The request's texts, newest first, labelled for staff."""
    found = list(sms.texts_for(topic(request.pk)))
    for text in found:
        text.kind_label = KIND_LABELS.get(text.kind, text.kind)
    return found


def withdraw(request_pk):
    sms.cancel_texts(topic(request_pk))


def erase(request_pks):
    if request_pks:
        sms.erase_texts(*(topic(pk) for pk in request_pks))
