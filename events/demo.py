"""Demo content of the calendar: venues, the agenda page and about thirty temps ressources.

Called by `manage.py seed_demo` as `seed(home)`; the data is in `events/demo_data/`:
`venues.json` (venue fields by key, the commune by its slug) and `events.json`. Dates are
relative to the day of the seed (mostly the coming months, a few in the last weeks so the
archive is not empty), so a fresh demo always looks current. Idempotent: venues are looked up
by name, the agenda by its slug and events by their slug under the agenda; what exists is never
changed.

An event in `events.json` holds its page fields and:
- `themes`, `audiences` (slugs), `contact` (a key of `contacts`, which `contact_defaults` completes),
  `access` (which `access_*` booleans are true), `body` (blocks, see `home.demo_blocks`; headings
  are h3, under the page's own "En détail");
- `online` (online booking settings) and `bookings` (indexes in `people`, booked at the seed);
- either `sessions`: `{"week": 2, "weekday": "TUE", "slot": "AFTERNOON", "venue": "solidarites"}`
  (weeks from the current one, negative in the past; a slot named in `slots` or "14:00-17:00";
  no venue online; optional `status`, `note`, or `postponed_to` `{"week", "weekday"}` and `reason`),
- or `series`: a first session's `week`, `weekday`, `slot` and `venue`, a repeat `rule` (see
  `events.recurrence`), a `count` and `changes` (fields of the n-th session, from "0").
Closed days (Sundays, public holidays, the end-of-year closure) get no session: a series skips
them and ends later; a list of sessions moves by whole weeks (earlier if it is all past).
"""

from datetime import datetime, time, timedelta

from django.utils import timezone, translation

from dateutil.easter import easter

from home.demo_blocks import ensure_page, read_data, stream
from home.models import Audience, Commune, Theme

from .models import AttendanceMode, EventFormat, EventIndexPage, EventPage, EventSession, Registration, Venue
from .recurrence import RepeatRule, repeat_dates
from .templatetags.events_tags import day_fr

WEEKDAYS = ["MON", "TUE", "WED", "THU", "FRI", "SAT"]
# Keys of an event in the data that are not page fields.
SPEC_KEYS = {"themes", "audiences", "contact", "access", "online", "bookings", "sessions", "series", "body"}
# Days that no session falls on (besides Sundays): French public holidays and the end-of-year closure.
FIXED_HOLIDAYS = {(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)}
EASTER_HOLIDAYS = (1, 39, 50)  # Easter Monday, Ascension Day, Whit Monday: days after Easter Sunday.


def seed(home):
    """Create the venues, the agenda page and the events that are missing; return their labels."""
    created = []
    data = read_data("events", "events.json")
    contacts = {key: {**data["contact_defaults"], **fields} for key, fields in data["contacts"].items()}
    slots = {name: parse_slot(value) for name, value in data["slots"].items()}
    with translation.override("fr"):
        venue_rows = read_data("events", "venues.json")["venues"]
        venues = {key: ensure_venue(fields, created) for key, fields in venue_rows.items()}
        agenda, agenda_created = ensure_page(home, EventIndexPage, show_in_menus=True, **data["agenda"])
        if agenda_created:
            created.append(agenda.title)
        existing = set(agenda.get_children().values_list("slug", flat=True))
        themes = {theme.slug: theme for theme in Theme.objects.all()}
        audiences = {audience.slug: audience for audience in Audience.objects.all()}
        today = timezone.localtime().date()
        monday = today - timedelta(days=today.weekday())
        for spec in data["events"]:
            if spec["slug"] in existing:
                continue
            page = build_event(spec, contacts)
            agenda.add_child(instance=page)
            page.sessions.add(*build_sessions(spec, monday, slots, venues))
            page.themes.set([themes[slug] for slug in spec["themes"]])
            page.audiences.set([audiences[slug] for slug in spec["audiences"]])
            page.save_revision().publish()
            if page.online_registration:
                seed_registrations(page, spec.get("bookings", []), data["people"])
            created.append(page.title)
    return created


def ensure_venue(fields, created):
    venue = Venue.objects.filter(name=fields["name"]).first()
    if venue is None:
        venue = Venue.objects.create(**{**fields, "commune": Commune.objects.get(slug=fields["commune"])})
        created.append(str(venue))
    return venue


def build_event(spec, contacts):
    """The unsaved page of an event."""
    contact = contacts[spec["contact"]]
    fields = {key: value for key, value in spec.items() if key not in SPEC_KEYS}
    fields["event_format"] = EventFormat(fields["event_format"])
    if "attendance_mode" in fields:
        fields["attendance_mode"] = AttendanceMode(fields["attendance_mode"])
    online = spec.get("online")
    return EventPage(
        **fields,
        body=stream(spec["body"], contacts=contacts, heading_level="h3"),
        search_description=spec["summary"],
        is_free=not spec.get("price"),
        registration_required=bool(spec.get("registration_info")) or online is not None,
        online_registration=online is not None,
        **(online or {}),
        contact_name=contact["name"],
        contact_phone=contact["phone"],
        contact_email=contact["email"],
        **{f"access_{kind}": True for kind in spec.get("access", [])},
    )


def seed_registrations(page, bookings, people):
    """Book `people[n]` for each n of `bookings` on the first bookable session (or the whole cycle)."""
    from events import services

    page = EventPage.objects.get(pk=page.pk)  # sessions as saved, with their ids
    sessions = services.bookable_sessions(page)
    if page.registration_scope == "session":
        sessions = sessions[:1]
    for number in bookings:
        person = people[number]
        adults, children = person["adults"], person["children"]
        attendee = services.Attendee(
            first_name=person["first_name"],
            last_name=person["last_name"],
            phone=f"+336399800{number:02d}",  # ARCEP's fictional mobile range: never texted
            contact_by=Registration.ContactBy.SMS,
            commune_id=Commune.objects.order_by("pk").values_list("pk", flat=True)[number % 8],
            adults=min(adults, page.max_people_per_registration),
            children=min(children, max(page.max_people_per_registration - adults, 0)),
            needs_childcare=children > 0 and number % 2 == 0,
        )
        services.register(page, [session.pk for session in sessions], attendee, channel=person["channel"])


def build_sessions(spec, monday, slots, venues):
    """The unsaved sessions of an event, in date order."""
    if "series" in spec:
        rows = series_rows(spec["series"], monday, slots)
    else:
        weeks = [week_of(session) for session in spec["sessions"]]
        weeks += [week_of(session["postponed_to"]) for session in spec["sessions"] if "postponed_to" in session]
        shift = week_shift(weeks, monday)
        rows = [row for session in spec["sessions"] for row in session_rows(session, monday, shift, slots)]
    sessions = []
    for order, (day, (start, end), venue, extra) in enumerate(sorted(rows, key=lambda row: (row[0], row[1]))):
        sessions.append(
            EventSession(
                start=aware(day, start),
                end=aware(day, end),
                venue=venues[venue] if venue else None,
                sort_order=order,
                **session_fields(extra),
            )
        )
    return sessions


def session_rows(session, monday, shift, slots):
    """(day, slot, venue key, extra fields) of one session; a postponed one also gives its new date."""
    week, weekday = week_of(session)
    day = week_day(monday, week + shift, weekday)
    slot, venue = slot_times(session["slot"], slots), session.get("venue")
    if "postponed_to" not in session:
        return [(day, slot, venue, {key: session[key] for key in ("status", "note") if key in session})]
    week, weekday = week_of(session["postponed_to"])
    new_day = week_day(monday, week + shift, weekday)
    postponed = {
        "status": EventSession.Status.POSTPONED,
        "note": f"Reportée au {day_fr(new_day)} : {session['reason']}.",
    }
    return [(day, slot, venue, postponed), (new_day, slot, venue, {"note": f"Remplace la séance du {day_fr(day)}."})]


def series_rows(series, monday, slots):
    """The rows of a repeat rule; like a real cycle, it skips closed days and ends later instead."""
    week, weekday = week_of(series)
    slot = slot_times(series["slot"], slots)
    first = week_day(monday, week + week_shift([(week, weekday)], monday), weekday)
    candidates = repeat_dates(aware(first, slot[0]), series["count"] * 2, RepeatRule(series["rule"]))
    days = [when.date() for when in candidates if not closed(when.date())][: series["count"]]
    changes = series.get("changes", {})
    return [(day, slot, series["venue"], changes.get(str(index), {})) for index, day in enumerate(days)]


def session_fields(extra):
    """The status (checked) and note of a session."""
    return {**extra, "status": EventSession.Status(extra["status"])} if "status" in extra else extra


def slot_times(slot, slots):
    """(start, end) of a slot of the data: a name from `slots` or "14:00-17:00"."""
    return slots[slot] if slot in slots else parse_slot(slot)


def parse_slot(text):
    """ "09:30-11:30" → (time(9, 30), time(11, 30))."""
    start, end = text.split("-")
    return time.fromisoformat(start), time.fromisoformat(end)


def week_of(spec):
    """(week, weekday number) of a session in the data: {"week": 2, "weekday": "TUE"} → (2, 1)."""
    return spec["week"], WEEKDAYS.index(spec["weekday"])


def week_shift(weeks, monday):
    """How many weeks to move an event so that none of its days is closed (earlier if it is all past)."""
    step = -1 if all(week < 0 for week, _weekday in weeks) else 1
    shift = 0
    while any(closed(week_day(monday, week + shift, weekday)) for week, weekday in weeks):
        shift += step
    return shift


def week_day(monday, week, weekday):
    return monday + timedelta(weeks=week, days=weekday)


def aware(day, wall_clock):
    """The aware datetime of a local wall-clock time, in the current time zone (Europe/Paris)."""
    return timezone.make_aware(datetime.combine(day, wall_clock))


def closed(day):
    """Whether nothing takes place on `day`: a Sunday, a public holiday or the end-of-year closure."""
    return (
        day.weekday() == 6
        or (day.month, day.day) in FIXED_HOLIDAYS
        or (day - easter(day.year)).days in EASTER_HOLIDAYS
        or (day.month == 12 and day.day >= 24)
    )
