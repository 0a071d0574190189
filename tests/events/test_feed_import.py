"""Partners' iCalendar feeds, served by a real HTTP server on 127.0.0.1, imported into the agenda."""

import contextlib
import threading
import time
from datetime import date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from events.feed_import import import_feed, import_feeds
from events.models import EventPage, EventSession, PartnerFeed
from partners.models import Organisation
from tests.factories import EventIndexPageFactory, VenueFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


class FeedServer:
    """{path: (status, body, delay)}; answers 304 to a matching If-None-Match."""

    def __init__(self):
        self.routes, self.requests = {}, []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append((self.path, dict(self.headers)))
                status, body, delay = server.routes.get(self.path, (404, b"introuvable", 0))
                etag = f'"{hash(body)}"'
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Type", "text/calendar; charset=utf-8")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path):
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"


@pytest.fixture
def server():
    feeds = FeedServer()
    yield feeds
    feeds.httpd.shutdown()


@pytest.fixture
def agenda(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def make_feed(agenda):
    organisation = Organisation.objects.create(name="Centre social Les Tilleuls")
    venue = VenueFactory(name="Centre social", commune__name="Villiers-les-Ormes", commune__slug="villiers")

    def make(url, publish_at_once=True):
        return PartnerFeed.objects.create(
            organisation=organisation, url=url, venue=venue, publish_at_once=publish_at_once
        )

    return make


def stamp(moment):
    return moment.astimezone(PARIS).strftime("%Y%m%dT%H%M%S")


def vevent(uid, summary, start, hours=2, extra=""):
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:{summary}\r\n"
        f"DTSTART;TZID=Europe/Paris:{stamp(start)}\r\n"
        f"DTEND;TZID=Europe/Paris:{stamp(start + timedelta(hours=hours))}\r\n"
        f"{extra}END:VEVENT\r\n"
    )


def calendar(*events):
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Centre social//FR\r\n" + "".join(events) + "END:VCALENDAR\r\n"
    ).encode()


def soon(days, hour=14):
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=PARIS)


def two_events(title="Atelier cuisine", extra=""):
    return calendar(
        vevent("atelier@tilleuls", title, soon(5), extra="DESCRIPTION:Cuisiner avec un petit budget.\r\n"),
        vevent("conte@tilleuls", "Heure du conte", soon(8), extra=f"RRULE:FREQ=WEEKLY;COUNT=3\r\n{extra}"),
    )


def test_a_feed_creates_its_events_once(server, make_feed):
    server.routes["/agenda.ics"] = (200, two_events(), 0)
    feed = make_feed(server.url("/agenda.ics"))
    counts, error = import_feed(feed)
    assert (error, counts.created, counts.updated, counts.cancelled) == ("", 2, 0, 0)
    cooking = EventPage.objects.get(title="Atelier cuisine")
    assert cooking.live and cooking.summary == "Cuisiner avec un petit budget."
    assert list(cooking.organisers.all()) == [feed.organisation]
    tales = EventPage.objects.get(title="Heure du conte")
    assert [timezone.localtime(s.start).hour for s in tales.sessions.order_by("start")] == [14, 14, 14]
    feed.refresh_from_db()
    assert feed.last_run == "OK : 2 créé(s), 0 mis à jour, 0 annulé(s)" and feed.etag

    revisions = cooking.revisions.count()
    counts, error = import_feed(feed)  # 304: not even parsed
    assert server.requests[-1][1]["If-None-Match"] == feed.etag
    feed.etag = ""  # a server without ETag: the whole feed read again, still nothing changes
    counts, error = import_feed(feed)
    assert (error, counts.created, counts.updated, counts.cancelled) == ("", 0, 0, 0)
    assert EventPage.objects.count() == 2 and EventSession.objects.count() == 4
    assert cooking.revisions.count() == revisions


def test_a_changed_title_a_cancelled_and_a_removed_occurrence(client, server, make_feed):
    server.routes["/agenda.ics"] = (200, two_events(), 0)
    feed = make_feed(server.url("/agenda.ics"))
    import_feed(feed)
    moved_out = soon(22)  # the third tale, cancelled in the feed
    cancelled = vevent(
        "conte@tilleuls",
        "Heure du conte",
        moved_out,
        extra=f"RECURRENCE-ID;TZID=Europe/Paris:{stamp(moved_out)}\r\nSTATUS:CANCELLED\r\n",
    )
    server.routes["/agenda.ics"] = (
        200,
        calendar(
            vevent("conte@tilleuls", "Heure du conte", soon(8), extra="RRULE:FREQ=WEEKLY;COUNT=3\r\n"),
            cancelled,
            vevent(
                "atelier@tilleuls",
                "Atelier cuisine du monde",
                soon(5),
                extra="DESCRIPTION:Cuisiner avec un petit budget.\r\n",
            ),
        ),
        0,
    )
    feed.etag = ""
    counts, error = import_feed(feed)
    assert (error, counts.updated, counts.cancelled) == ("", 2, 1)
    cooking = EventPage.objects.get(imported_from__uid="atelier@tilleuls")
    assert cooking.title == "Atelier cuisine du monde"
    statuses = [s.status for s in EventPage.objects.get(title="Heure du conte").sessions.order_by("start")]
    assert statuses == ["scheduled", "scheduled", "cancelled"]
    html = client.get(cooking.url).content.decode()
    assert "Repris automatiquement de l'agenda de Centre social Les Tilleuls" in html

    # The workshop disappears from the feed: its upcoming session is cancelled, not deleted.
    server.routes["/agenda.ics"] = (
        200,
        calendar(vevent("conte@tilleuls", "Heure du conte", soon(8), extra="RRULE:FREQ=WEEKLY;COUNT=3\r\n"), cancelled),
        0,
    )
    feed.etag = ""
    counts, error = import_feed(feed)
    assert counts.cancelled == 1
    assert [s.status for s in cooking.sessions.all()] == ["cancelled"]


def next_dst_change():
    """The next last Sunday of March or October at least three weeks away (Europe/Paris)."""
    today = timezone.localdate()
    candidates = []
    for year in (today.year, today.year + 1):
        for month in (3, 10):
            last = date(year, month, 31)
            candidates.append(last - timedelta(days=(last.weekday() + 1) % 7))
    return min(day for day in candidates if day > today + timedelta(days=21))


def test_a_weekly_rule_with_an_exdate_across_the_dst_change(server, make_feed):
    change = next_dst_change()
    first = datetime.combine(change - timedelta(days=12), datetime.min.time()).replace(hour=18, tzinfo=PARIS)
    skipped = first + timedelta(days=7)
    server.routes["/cycle.ics"] = (
        200,
        calendar(
            vevent(
                "cycle@tilleuls",
                "Groupe de parole",
                first,
                extra=f"RRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE;TZID=Europe/Paris:{stamp(skipped)}\r\n",
            )
        ),
        0,
    )
    counts, error = import_feed(make_feed(server.url("/cycle.ics")))
    assert error == ""
    starts = [timezone.localtime(s.start) for s in EventPage.objects.get().sessions.order_by("start")]
    assert [s.date() for s in starts] == [first.date() + timedelta(days=d) for d in (0, 14, 21)]
    assert {(s.hour, s.minute) for s in starts} == {(18, 0)}  # the same wall-clock time after the change
    offsets = [s.utcoffset() for s in starts]
    assert offsets[0] != offsets[-1]


def test_imported_sessions_are_listed_in_date_order_in_the_admin(server, make_feed):
    # A partner's feed lists its occurrences in any order (here an RDATE before the DTSTART).
    rdate = f"RDATE;TZID=Europe/Paris:{stamp(soon(3))}\r\n"
    server.routes["/agenda.ics"] = (
        200,
        calendar(vevent("cycle@tilleuls", "Groupe de parole", soon(10), extra=rdate)),
        0,
    )
    feed = make_feed(server.url("/agenda.ics"))
    import_feed(feed)
    page = EventPage.objects.get(title="Groupe de parole")
    assert [s.start.date() for s in page.sessions.order_by("sort_order")] == [soon(3).date(), soon(10).date()]

    rdates = f"RDATE;TZID=Europe/Paris:{stamp(soon(3))},{stamp(soon(1))}\r\n"
    server.routes["/agenda.ics"] = (
        200,
        calendar(vevent("cycle@tilleuls", "Groupe de parole", soon(10), extra=rdates)),
        0,
    )
    feed.etag = ""
    feed.save()
    import_feed(feed)

    # The occurrence the feed adds later comes after those already listed, with an order of its own.
    orders = dict(page.sessions.values_list("start", "sort_order"))
    assert sorted(orders.values()) == [0, 1, 2]
    assert orders[soon(1)] == 2


def test_a_field_staff_edited_is_never_overwritten(server, make_feed):
    server.routes["/agenda.ics"] = (200, two_events(), 0)
    feed = make_feed(server.url("/agenda.ics"))
    import_feed(feed)
    cooking = EventPage.objects.get(title="Atelier cuisine")
    cooking.title = "Atelier cuisine (salle 2)"
    cooking.save_revision().publish()

    moved = calendar(
        vevent(
            "atelier@tilleuls",
            "Atelier cuisine : nouveautés",
            soon(5, hour=15),
            extra="DESCRIPTION:Cuisiner ensemble.\r\n",
        ),
        vevent("conte@tilleuls", "Heure du conte", soon(8), extra="RRULE:FREQ=WEEKLY;COUNT=3\r\n"),
    )
    server.routes["/agenda.ics"] = (200, moved, 0)
    feed.etag = ""
    counts, error = import_feed(feed)
    cooking.refresh_from_db()
    assert cooking.title == "Atelier cuisine (salle 2)"  # staff's
    assert cooking.summary == "Cuisiner ensemble."  # not edited by staff: follows the feed
    assert timezone.localtime(cooking.sessions.get().start).hour == 15


def test_broken_feeds_are_reported_in_french_and_the_others_go_on(server, make_feed, settings):
    settings.FEED_IMPORT_MAX_BYTES = 20_000
    settings.FEED_IMPORT_TIMEOUT = 1
    server.routes["/malformed.ics"] = (200, b"<html>Ceci n'est pas un agenda</html>", 0)
    server.routes["/huge.ics"] = (200, b"BEGIN:VCALENDAR\r\n" + b"X-PAD:" + b"x" * 60_000 + b"\r\n", 0)
    server.routes["/slow.ics"] = (200, two_events(), 3)
    server.routes["/good.ics"] = (200, two_events(), 0)
    for path in ("/missing.ics", "/malformed.ics", "/huge.ics", "/slow.ics", "/good.ics"):
        make_feed(server.url(path))
    started = time.monotonic()
    results = {feed.url.rsplit("/", 1)[1]: error for feed, _counts, error in import_feeds()}
    assert time.monotonic() - started < 10
    assert results == {
        "missing.ics": "Adresse introuvable (erreur 404) : vérifiez l'adresse du flux.",
        "malformed.ics": "Le fichier reçu n'est pas un agenda iCalendar lisible.",
        "huge.ics": "Le flux est trop volumineux (plus de 0 Mo) : il n'a pas été lu.",
        "slow.ics": "Le site du partenaire répond trop lentement : lecture abandonnée.",
        "good.ics": "",
    }
    assert EventPage.objects.count() == 2
    assert PartnerFeed.objects.get(url__endswith="/missing.ics").last_run.startswith("Adresse introuvable")


def test_a_feed_in_moderation_waits_for_communication(server, make_feed):
    server.routes["/agenda.ics"] = (200, two_events(), 0)
    import_feed(make_feed(server.url("/agenda.ics"), publish_at_once=False))
    for event in EventPage.objects.all():
        assert not event.live and event.workflow_in_progress


def test_a_feed_address_must_be_https(make_feed):
    feed = make_feed("https://agenda.tilleuls.example/agenda.ics")
    feed.url = "http://agenda.tilleuls.example/agenda.ics"
    with pytest.raises(ValidationError) as error:
        feed.full_clean()
    assert error.value.message_dict["url"] == [
        "L'adresse du flux doit commencer par https:// (une adresse http n'est pas sûre)."
    ]


def test_the_admin_refuses_a_plain_http_feed_and_saves_nothing(admin_client, make_feed):
    feed = make_feed("https://agenda.tilleuls.example/agenda.ics")
    response = admin_client.post(
        "/admin/snippets/events/partnerfeed/add/",
        {"organisation": feed.organisation_id, "url": "http://agenda.autre.example/a.ics", "venue": feed.venue_id},
    )
    assert response.status_code == 200
    assert "doit commencer par https://" in response.content.decode()
    assert PartnerFeed.objects.count() == 1
    listing = admin_client.get("/admin/snippets/events/partnerfeed/").content.decode()
    assert "Pas encore lu" in listing


def test_an_unexpected_failure_stops_only_its_own_feed(server, make_feed, monkeypatch):
    from events import feed_import

    server.routes["/a.ics"] = (200, two_events(), 0)
    server.routes["/b.ics"] = (200, calendar(vevent("autre@tilleuls", "Permanence", soon(3))), 0)
    first, second = make_feed(server.url("/a.ics")), make_feed(server.url("/b.ics"))
    real_sync = feed_import.sync

    def failing_sync(feed, events, now):
        if feed.pk == first.pk:
            raise RuntimeError("boom")
        return real_sync(feed, events, now)

    monkeypatch.setattr(feed_import, "sync", failing_sync)
    results = {feed.pk: error for feed, _counts, error in import_feeds()}
    assert results[first.pk].startswith("Erreur inattendue pendant l'import")
    assert results[second.pk] == ""
    assert list(EventPage.objects.values_list("title", flat=True)) == ["Permanence"]
