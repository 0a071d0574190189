"""A partner page's organisation (partners app): what events name as their organiser."""

from events.listing import upcoming, with_listing_fields
from events.models import EventPage, EventSession
from home.visibility import public
from partners.models import Organisation


def sync_organisation(page):
    """Give the page its organisation on first save; keep the organisation's name its title."""
    if page.organisation_id is None:
        page.organisation = Organisation.objects.create(name=page.title)
    elif page.organisation.name != page.title:
        Organisation.objects.filter(pk=page.organisation_id).update(name=page.title)
        page.organisation.name = page.title


def upcoming_sessions(page, limit=20):
    """The next sessions of live, public events this partner organises, soonest first."""
    if page.organisation_id is None:
        return []
    events = public(EventPage.objects.live()).filter(organisers=page.organisation_id)
    return list(upcoming(with_listing_fields(EventSession.objects.filter(event__in=events)))[:limit])
