"""A session in the schema.org Event vocabulary: the event pages' JSON-LD and the JSON feed."""

from django.utils import timezone

STATUSES = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
}
MODES = {
    "sur-place": "https://schema.org/OfflineEventAttendanceMode",
    "en-ligne": "https://schema.org/OnlineEventAttendanceMode",
    "hybride": "https://schema.org/MixedEventAttendanceMode",
}


def _location(session, url):
    if not session.venue_id:
        return {"@type": "VirtualLocation", "url": url}
    venue = session.venue
    return {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.address,
            "postalCode": venue.commune.postcode,
            "addressLocality": venue.commune.name,
            "addressCountry": "FR",
        },
    }


def organizers_of(page, request):
    """The partners of the directory (with their page's address), then the free-text organiser."""
    organizers = []
    for organisation in page.organisers.all():
        item = {"@type": "Organization", "name": organisation.name}
        if partner := organisation.public_page:
            item["url"] = partner.get_full_url(request)
        organizers.append(item)
    if page.organiser:
        organizers.append({"@type": "Organization", "name": page.organiser})
    return organizers


def session_event(page, session, url, request=None, organizers=None):
    """One session (one date) of `page` as a schema.org Event (`url`: the event page's address)."""
    item = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "startDate": timezone.localtime(session.start).isoformat(),
        "endDate": timezone.localtime(session.end).isoformat(),
        "eventStatus": STATUSES[session.status],
        "eventAttendanceMode": MODES[page.attendance_mode],
        "isAccessibleForFree": page.is_free,
        "location": _location(session, url),
    }
    organizers = organizers_of(page, request) if organizers is None else organizers
    if len(organizers) == 1:
        item["organizer"] = organizers[0]
    elif organizers:
        item["organizer"] = organizers
    return item
