"""Emails about the register: a reference and links, never what the form held.

Run after commit with an entry id (reloaded here). The acknowledgement's address is passed in
and never stored on the entry.
"""

from django.urls import reverse

from portal.emails import send_templated_email

from .models import RegisterEntry


def status_path(entry):
    page = entry.page
    if page is None:
        return ""
    return page.relative_url(entry.site) + page.reverse_subpage("status", args=[entry.token])


def send_received(entry_id, email=""):
    """To whoever asked: the reference and the status link. To the team: the reference and the admin link."""
    entry = RegisterEntry.objects.select_related("site", "page").filter(pk=entry_id).first()
    if entry is None:
        return
    context = {"reference": entry.reference, "status_path": status_path(entry), "pending": entry.is_pending}
    if email:
        send_templated_email("emails/welfare/received", [email], context, site=entry.site)
    address = entry.page.notification_email if entry.page else ""
    if address:
        send_templated_email(
            "emails/welfare/staff_notification",
            [address],
            {
                "reference": entry.reference,
                "pending": entry.is_pending,
                "admin_path": reverse("registre:detail", args=[entry.pk]),
            },
            site=entry.site,
        )
