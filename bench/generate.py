"""The bench's large data set: thousands of events, sessions, resources and partners, fast.

Pages are inserted in bulk: the `wagtailcore_page` rows with their tree paths computed the way
treebeard does (`Page._get_path`), then the specific rows in one multi-row INSERT per batch
(Django's `bulk_create` refuses multi-table models). Then `update_index` makes them searchable.
About 40 s on PostgreSQL; a second run finds the data and skips it.
"""

import json
import random
import uuid
from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale, Page

from events.models import EventFormat, EventIndexPage, EventPage, EventSession, Registration, Venue
from home.models import Audience, Commune, Theme
from resources.models import PartnerIndexPage, PartnerKind, PartnerPage, ResourceFormat, ResourceIndexPage, ResourcePage

EVENTS = 2100
SESSIONS_PER_EVENT = 3
RESOURCES = 1050
PARTNERS = 320
BATCH = 500
LOAD_EVENT_SLUG = "atelier-banc-essai"
LOAD_PLACES = 20

WORDS = [
    "parents",
    "budget",
    "logement",
    "santé",
    "aidants",
    "jeunes",
    "droits",
    "emploi",
    "numérique",
    "mobilité",
    "alimentation",
    "sommeil",
    "écrans",
    "école",
    "retraite",
    "handicap",
    "énergie",
    "accès",
    "papiers",
    "famille",
    "isolement",
]
TITLES = (
    "Café des parents",
    "Atelier budget",
    "Groupe d'aidants",
    "Permanence accès aux droits",
    "Rencontre jeunes et familles",
    "Atelier numérique",
    "Journée santé",
    "Semaine du logement",
)


def has_data():
    return EventPage.objects.count() >= 2000 and ResourcePage.objects.count() >= 1000


def _add_children(parent, model, items):
    """Insert published `model` pages (dicts of fields, with title and slug) under `parent`."""
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    now = timezone.now()
    created = []
    for offset in range(0, len(items), BATCH):
        batch = items[offset : offset + BATCH]
        base_rows = []
        for index, fields in enumerate(batch):
            base_rows.append(
                Page(
                    title=fields["title"],
                    draft_title=fields["title"],
                    slug=fields["slug"],
                    path=Page._get_path(parent.path, parent.depth + 1, step + offset + index),
                    depth=parent.depth + 1,
                    numchild=0,
                    url_path=f"{parent.url_path}{fields['slug']}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    content_type=content_type,
                    locale=locale,
                    translation_key=uuid.uuid4(),
                )
            )
        base_rows = Page.objects.bulk_create(base_rows)
        specific = []
        for row, fields in zip(base_rows, batch, strict=True):
            page = model(page_ptr_id=row.pk, **{k: v for k, v in fields.items() if k not in ("title", "slug")})
            page.__dict__.update({f.attname: getattr(row, f.attname) for f in Page._meta.concrete_fields})
            specific.append(page)
        model._base_manager._insert(specific, fields=model._meta.local_concrete_fields, using="default")
        created.extend(specific)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(items))
    return created


def _m2m(model, name, pages, choices, rng, low=1, high=2):
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source, target = field.m2m_column_name(), field.m2m_reverse_name()
    rows = []
    for page in pages:
        for choice in rng.sample(choices, rng.randint(low, min(high, len(choices)))):
            rows.append(through(**{source: page.pk, target: choice.pk}))
    through.objects.bulk_create(rows, batch_size=2000)


def _aware(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _events(agenda, themes, audiences, venues, rng, out):
    """EVENTS events with SESSIONS_PER_EVENT sessions each, over three years."""
    out(f"  {EVENTS} events…")
    event_rows = []
    for number in range(EVENTS):
        title = f"{rng.choice(TITLES)} n° {number} – {rng.choice(WORDS)}"
        online = number % 5 == 0
        event_rows.append(
            {
                "title": title,
                "slug": f"{slugify(title)[:60]}-{number}",
                "summary": f"Un temps d'échange simple autour de {rng.choice(WORDS)} et de {rng.choice(WORDS)}.",
                "event_format": rng.choice(EventFormat.values),
                "registration_required": online,
                "online_registration": online,
                "capacity": 12 if online else None,
                "body": json.dumps([]),
            }
        )
    events = _add_children(agenda, EventPage, event_rows)
    _m2m(EventPage, "themes", events, themes, rng)
    _m2m(EventPage, "audiences", events, audiences, rng)

    out(f"  {EVENTS * SESSIONS_PER_EVENT} sessions over three years…")
    today = timezone.localdate()
    sessions = []
    for event in events:
        first = today + timedelta(days=rng.randint(-730, 300))
        for order in range(SESSIONS_PER_EVENT):
            day = first + timedelta(days=14 * order)
            hour = rng.choice((9, 10, 14, 17))
            sessions.append(
                EventSession(
                    event_id=event.pk,
                    sort_order=order,
                    start=_aware(day, hour),
                    end=_aware(day, hour + 2),
                    venue=rng.choice(venues) if venues else None,
                )
            )
    EventSession.objects.bulk_create(sessions, batch_size=2000)
    return events


@transaction.atomic
def generate(out=print):
    """Add the large data set to the demo site (run `seed_demo` first)."""
    rng = random.Random(42)  # noqa: S311 — reproducible fake data, not security
    themes, audiences = list(Theme.objects.all()), list(Audience.objects.all())
    communes, formats = list(Commune.objects.all()), list(ResourceFormat.objects.all())
    venues = list(Venue.objects.all())
    agenda = EventIndexPage.objects.live().first()
    resource_index = ResourceIndexPage.objects.live().first()
    partner_index = PartnerIndexPage.objects.live().first()

    _events(agenda, themes, audiences, venues, rng, out)
    out(f"  {PARTNERS} partners…")
    partner_rows = []
    for number in range(PARTNERS):
        title = f"Association {rng.choice(WORDS)} et {rng.choice(WORDS)} n° {number}"
        partner_rows.append(
            {
                "title": title,
                "slug": f"{slugify(title)[:60]}-{number}",
                "kind": rng.choice(PartnerKind.values),
                "description": f"Écoute et accompagnement pour les questions de {rng.choice(WORDS)}.",
                "commune_id": rng.choice(communes).pk if communes else None,
                "phone": "03 53 01 77 00",
            }
        )
    partners = _add_children(partner_index, PartnerPage, partner_rows)
    _m2m(PartnerPage, "themes", partners, themes, rng)
    _m2m(PartnerPage, "audiences", partners, audiences, rng)

    out(f"  {RESOURCES} resources…")
    resource_rows = []
    for number in range(RESOURCES):
        title = f"Fiche {rng.choice(WORDS)} : ce qu'il faut savoir n° {number}"
        paragraph = {"type": "paragraph", "value": f"<p>Les démarches pour {rng.choice(WORDS)}, pas à pas.</p>"}
        resource_rows.append(
            {
                "title": title,
                "slug": f"{slugify(title)[:60]}-{number}",
                "summary": f"Ce qu'il faut savoir sur {rng.choice(WORDS)}, en mots simples.",
                "body": json.dumps([paragraph]),
            }
        )
    resources = _add_children(resource_index, ResourcePage, resource_rows)
    _m2m(ResourcePage, "themes", resources, themes, rng)
    _m2m(ResourcePage, "audiences", resources, audiences, rng)
    _m2m(ResourcePage, "formats", resources, formats, rng)
    _m2m(ResourcePage, "related_partners", resources, partners, rng, 0, 2)


def update_search_index(out=print):
    out("  search index…")
    call_command("update_index", verbosity=0)


def settle():
    """The tables as autovacuum keeps a live database: planner statistics and visibility map.

    After a bulk load PostgreSQL would otherwise expect one row, and with no VACUUM yet its
    index-only scans read every heap page again (the agenda's count: 4.2 ms, 2.7 ms vacuumed).
    A database that has served for a few minutes has had both; measuring without them was
    measuring the minutes after a restore. Every run settles first: the load tests add bookings.
    """
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def load_event():
    """The event of the registration load test: one session, 20 places, a waiting list (reset)."""
    agenda = EventIndexPage.objects.live().first()
    event = EventPage.objects.filter(slug=LOAD_EVENT_SLUG).first()
    if event is None:
        event = EventPage(
            title="Atelier du banc d'essai",
            slug=LOAD_EVENT_SLUG,
            summary="Un atelier pour mesurer les inscriptions simultanées.",
            registration_required=True,
            online_registration=True,
            capacity=LOAD_PLACES,
            max_people_per_registration=4,
            waiting_list=True,
        )
        agenda.add_child(instance=event)
        event.save_revision().publish()
    session = event.sessions.first()
    if session is None:
        start = _aware(timezone.localdate() + timedelta(days=30), 14)
        session = EventSession.objects.create(event=event, start=start, end=start + timedelta(hours=2))
    Registration.objects.filter(session__event=event).delete()
    return event, session
