"""Emails about appointment requests: a reference and links, never what the person wrote.

Functions take a request id (they run after commit) and reload what they need.
"""

from django.urls import reverse

from home.models import SiteSettings
from portal.emails import send_templated_email

from .ical import build_proposal
from .models import AppointmentRequest


def status_path(request):
    page = request.page
    if page is None:
        return ""
    return page.relative_url(request.site) + page.reverse_subpage("status_view", args=[request.token])


def _resident(template, request, attachments=()):
    if not request.email:
        return None  # phone or post only: the team contacts the person
    return send_templated_email(
        f"emails/appointments/{template}",
        [request.email],
        {"reference": request.reference, "status_path": status_path(request), "request": request},
        site=request.site,
        attachments=attachments,
    )


def send_request_received(request_id):
    """To the resident: the reference and the status link. To the team: the reference and the admin link."""
    request = AppointmentRequest.objects.select_related("site", "page").get(pk=request_id)
    _resident("request_received", request)
    address = request.page.notification_email if request.page else ""
    if address:
        send_templated_email(
            "emails/appointments/staff_notification",
            [address],
            {"reference": request.reference, "admin_path": reverse("rendez_vous:detail", args=[request.pk])},
            site=request.site,
        )


def send_proposal(request_id):
    request = AppointmentRequest.objects.select_related("site", "page").get(pk=request_id)
    organisation = SiteSettings.for_site(request.site).organisation_name
    ics = build_proposal(request, host=request.site.hostname or "localhost", organisation=organisation)
    _resident(
        "proposal", request, attachments=[("rendez-vous.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")]
    )
