"""Shared by the staff registration tests: a booking through the service, the session page's
addresses, staff members with chosen permissions."""

import re

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from events.services import Attendee, register


def text(response):
    return re.sub(r"\s+", " ", response.content.decode()).replace("&#x27;", "'")


def book(event, session, first_name, last_name="Martin", adults=1, children=0, **fields):
    attendee = Attendee(
        first_name=first_name,
        last_name=last_name,
        email=f"{first_name.lower()}@example.org",
        adults=adults,
        children=children,
        **fields,
    )
    return register(event, [session.pk], attendee).registrations[0]


def session_url(session):
    return reverse("events-admin:session", args=[session.pk])


def action_url(session):
    return reverse("events-admin:session-action", args=[session.pk])


def downloaded(response):
    return b"".join(response.streaming_content)


def make_staff(django_user_model, *codenames):
    """A staff member who can open the admin, with only the given registration permissions."""
    user = django_user_model.objects.create_user(username=f"staff-{'-'.join(codenames) or 'none'}", password="x")
    group = Group.objects.create(name=f"Équipe {'-'.join(codenames) or 'accueil'}")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(content_type__app_label="events", codename=codename))
    user.groups.add(group)
    return user
