"""Partners' iCalendar feeds into the agenda: one event per UID, one session per occurrence.

`import_feeds()` (command `import_partner_feeds`, cron) reads every feed (events.feed_fetch:
bounded, conditional GET) and, for each one on its own (a broken feed never stops the others):
- expands recurrences with `recurring-ical-events` (RRULE, RDATE, EXDATE, moved occurrences),
  from yesterday to FEED_IMPORT_DAYS_AHEAD, in each event's own time zone;
- creates the event of a new UID (organised by the feed's partner, with the feed's theme,
  public and venue), published at once or sent to Communication's moderation;
- updates the title, description and times that changed in the feed — unless staff changed
  that field on the portal: each imported value is kept as a hash (`snapshot`) and a page value
  that no longer matches it is staff's, left alone;
- cancels the upcoming sessions whose occurrence is `STATUS:CANCELLED` or no longer in the feed.
A run that finds nothing new changes nothing (no revision, no write). Updates of an event
already online are published; a new event waits for approval unless the feed says otherwise.
"""

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

import icalendar
import recurring_ical_events

from .feed_fetch import FeedError, fetch
from .models import EventIndexPage, EventPage, EventSession, ImportedEvent, ImportedSession, PartnerFeed

logger = logging.getLogger("events.feed_import")
PAGE_FIELDS = ("title", "summary")
SINGLE = "unique"


@dataclass
class Occurrence:
    start: datetime
    end: datetime
    cancelled: bool


@dataclass
class FeedEvent:
    title: str
    summary: str
    occurrences: dict = field(default_factory=dict)

    def in_date_order(self):
        """(key, occurrence) pairs, soonest first: new sessions are numbered in that order."""
        return sorted(self.occurrences.items(), key=lambda pair: (pair[1].start, pair[0]))


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    cancelled: int = 0


def digest(value):
    text = value.astimezone(UTC).isoformat() if isinstance(value, datetime) else str(value)
    return hashlib.sha256(json.dumps(text).encode()).hexdigest()[:16]


def _aware(value, end=False):
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, date):  # an all-day event: the whole local day
        return timezone.make_aware(datetime.combine(value, time.max if end else time.min).replace(microsecond=0))
    raise ValueError(value)


def _key(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def parse(content, now):
    """{uid: FeedEvent} of the feed's occurrences in the import window; FeedError if unreadable."""
    try:
        calendar = icalendar.Calendar.from_ical(content)
        window_end = now + timedelta(days=settings.FEED_IMPORT_DAYS_AHEAD)
        components = recurring_ical_events.of(calendar).between(now - timedelta(days=1), window_end)
    except Exception as error:  # icalendar and its expander raise many kinds of errors
        raise FeedError(_("Le fichier reçu n'est pas un agenda iCalendar lisible.")) from error
    # A one-off event has one session whatever its time: only a recurring one is keyed by occurrence.
    recurring = {
        str(vevent.get("UID", "")).strip()
        for vevent in calendar.walk("VEVENT")
        if any(name in vevent for name in ("RRULE", "RDATE", "RECURRENCE-ID"))
    }
    events = {}
    for component in components:
        uid = str(component.get("UID", "")).strip()
        if not uid or component.name != "VEVENT":
            continue
        start = _aware(component.decoded("DTSTART"))
        end = _aware(component.decoded("DTEND"), end=True) if "DTEND" in component else start + timedelta(hours=1)
        recurrence_id = component.get("RECURRENCE-ID")
        occurrence_start = _aware(recurrence_id.dt) if recurrence_id is not None else start
        key = _key(occurrence_start) if uid in recurring else SINGLE
        title = str(component.get("SUMMARY", "")).strip()[:255] or _("Temps ressources")
        item = events.setdefault(uid, FeedEvent(title, str(component.get("DESCRIPTION", "")).strip()[:300] or title))
        cancelled = str(component.get("STATUS", "")).upper() == "CANCELLED"
        item.occurrences[key] = Occurrence(start, max(end, start + timedelta(minutes=1)), cancelled)
    return events


def _publish_or_submit(page, feed, created):
    revision = page.save_revision()
    if page.live or (created and feed.publish_at_once):
        revision.publish()
    elif not page.workflow_in_progress and (workflow := page.get_workflow()) is not None:
        workflow.start(page, None)


def _new_event(feed, agenda, uid, item, counts):
    slug = slugify(f"{item.title}-{feed.organisation_id}-{digest(uid)[:6]}")[:80]
    page = EventPage(title=item.title, summary=item.summary, slug=slug, live=False)
    page.organisers.set([feed.organisation])
    if feed.theme_id:
        page.themes.set([feed.theme])
    if feed.audience_id:
        page.audiences.set([feed.audience])
    agenda.add_child(instance=page)
    imported = ImportedEvent.objects.create(
        feed=feed, uid=uid, event=page, snapshot={name: digest(getattr(page, name)) for name in PAGE_FIELDS}
    )
    for order, (key, occurrence) in enumerate(item.in_date_order()):
        _new_session(imported, page, key, occurrence, order)
    _publish_or_submit(page, feed, created=True)
    counts.created += 1


def _new_session(imported, page, key, occurrence, sort_order):
    # `sort_order`: the edit form lists sessions by it (without one, in any order on PostgreSQL).
    status = EventSession.Status.CANCELLED if occurrence.cancelled else EventSession.Status.SCHEDULED
    session = EventSession.objects.create(
        event=page,
        start=occurrence.start,
        end=occurrence.end,
        venue=imported.feed.venue,
        status=status,
        sort_order=sort_order,
    )
    snapshot = {"start": digest(session.start), "end": digest(session.end)}
    ImportedSession.objects.create(imported_event=imported, key=key, session=session, snapshot=snapshot)


def _update_fields(obj, snapshot, new_values):
    """Apply the feed's new values to the fields staff did not edit; True if anything changed."""
    changed = False
    for name, value in new_values.items():
        if digest(value) == snapshot.get(name):
            continue  # the feed did not change this field
        if digest(getattr(obj, name)) == snapshot.get(name):
            setattr(obj, name, value)
            changed = True
        # else: staff edited it on the portal; their value stays, and so does the old hash.
        if digest(getattr(obj, name)) == digest(value):
            snapshot[name] = digest(value)
    return changed


def _sync_sessions(imported, page, item, now, counts):
    changed = False
    linked = {row.key: row for row in imported.occurrences.select_related("session")}
    # New occurrences come after the event's sessions, in date order.
    last = EventSession.objects.filter(event=page).aggregate(last=Max("sort_order"))["last"]
    next_order = 0 if last is None else last + 1
    for key, occurrence in item.in_date_order():
        row = linked.get(key)
        if row is None:
            _new_session(imported, page, key, occurrence, next_order)
            next_order += 1
            changed = True
            continue
        session = row.session
        moved = _update_fields(session, row.snapshot, {"start": occurrence.start, "end": occurrence.end})
        cancel = occurrence.cancelled and session.status != EventSession.Status.CANCELLED
        if cancel:
            session.status = EventSession.Status.CANCELLED
            counts.cancelled += 1
        if moved or cancel:
            session.save()
            row.save(update_fields=["snapshot"])
            changed = True
    for key, row in linked.items():
        session = row.session
        gone = key not in item.occurrences and session.end > now
        if gone and session.status != EventSession.Status.CANCELLED:
            session.status = EventSession.Status.CANCELLED
            session.save()
            counts.cancelled += 1
            changed = True
    return changed


def _update_event(imported, item, now, counts):
    page = EventPage.objects.get(pk=imported.event_id)
    fields_changed = _update_fields(page, imported.snapshot, {"title": item.title, "summary": item.summary})
    sessions_changed = _sync_sessions(imported, page, item, now, counts)
    if fields_changed or sessions_changed:
        imported.save(update_fields=["snapshot"])
        page = EventPage.objects.get(pk=page.pk) if not fields_changed else page
        if fields_changed:
            page.save()
        _publish_or_submit(page, imported.feed, created=False)
        counts.updated += 1


def _cancel_vanished(imported, now, counts):
    for row in imported.occurrences.select_related("session"):
        session = row.session
        if session.end > now and session.status != EventSession.Status.CANCELLED:
            session.status = EventSession.Status.CANCELLED
            session.save()
            counts.cancelled += 1


@transaction.atomic
def sync(feed, events, now):
    agenda = EventIndexPage.objects.order_by("path").first()
    if agenda is None:
        raise FeedError(_("Le site n'a pas encore de page Agenda où créer les temps importés."))
    counts = Counts()
    existing = {row.uid: row for row in feed.imported_events.all()}
    for uid, item in events.items():
        if uid in existing:
            _update_event(existing[uid], item, now, counts)
        else:
            _new_event(feed, agenda, uid, item, counts)
    for uid, imported in existing.items():
        if uid not in events:
            _cancel_vanished(imported, now, counts)
    return counts


def import_feed(feed, now=None):
    """Read and import one feed; its last run (counts or the error) is saved on the feed."""
    now = now or timezone.now()
    counts, error = Counts(), ""
    try:
        fetched = fetch(feed)
        if fetched.content is not None:
            counts = sync(feed, parse(fetched.content, now), now)
        feed.etag, feed.last_modified = fetched.etag[:200], fetched.last_modified[:100]
    except FeedError as failure:
        error = str(failure)
    except Exception:  # a bug or a surprising feed must not stop the other feeds
        logger.exception("Import of partner feed %s failed", feed.pk)
        error = _("Erreur inattendue pendant l'import : rien n'a été changé, l'équipe technique est prévenue.")
    feed.last_run_at, feed.last_error = now, error
    feed.created_count, feed.updated_count, feed.cancelled_count = counts.created, counts.updated, counts.cancelled
    feed.save()
    return counts, error


def import_feeds(now=None):
    """Every feed, each on its own: [(feed, counts, error)]."""
    return [(feed, *import_feed(feed, now)) for feed in PartnerFeed.objects.select_related("organisation", "venue")]
