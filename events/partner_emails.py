"""Partner contributors hear what became of the event they submitted: published, or sent back.

Receivers of Wagtail's `workflow_approved` and `task_rejected` (connected in apps.py). The
message goes to the partner account that submitted the event to moderation, through the
outbox (portal.emails); it holds the event's title, its address or the reviewer's comment.
"""

from django.urls import reverse

from partners.access import partner_organisations
from portal.emails import send_templated_email

from .models import EventPage


def _event_and_partner(workflow_state):
    """The event of a moderation and the partner account that asked for it, or (None, None)."""
    page = workflow_state.content_object
    page = getattr(page, "specific", page)
    user = workflow_state.requested_by
    if not isinstance(page, EventPage) or user is None or not user.email or partner_organisations(user) is None:
        return None, None
    return page, user


def tell_partner_published(sender, instance, user=None, **kwargs):
    """workflow_approved (Wagtail has just published the event): tell the partner who submitted it."""
    page, partner = _event_and_partner(instance)
    if page is None:
        return
    page.refresh_from_db()
    if not page.live:
        return
    send_templated_email(
        "emails/events/partner_published",
        [partner.email],
        {"first_name": partner.first_name, "event": page, "event_url": page.full_url},
        site=page.get_site(),
    )


def tell_partner_sent_back(sender, instance, user=None, **kwargs):
    """task_rejected: the reviewer's comment to the partner who submitted the event."""
    page, partner = _event_and_partner(instance.workflow_state)
    if page is None:
        return
    send_templated_email(
        "emails/events/partner_sent_back",
        [partner.email],
        {
            "first_name": partner.first_name,
            "event": page,
            "comment": instance.comment,
            "edit_path": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
        site=page.get_site(),
    )
