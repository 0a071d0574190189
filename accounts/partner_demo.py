"""Demo of the territorial agenda: two partners' own accounts, their events, an embedding site.

Called by `accounts.demo.seed` (this app runs last: partner pages, the agenda and the roles
exist). The data is `accounts/demo_data/partners.json`: `contributors` (a Partenaire account
each, the demo password, linked to the organisation of a partner page by its slug),
`organisers` (existing events' slugs → partner slugs, set once), `events` (a partner's
event: page fields, `partner`, `submitted_by`, `published` or sent to moderation, `sessions`
as days from today with local times and a venue name), `embed_origins` (the sites allowed to
embed the agenda) and `feeds` (a partner's iCalendar address and its mapping; an example
address, so `import_partner_feeds` reports it unreachable in the admin). Idempotent:
everything is looked up by email, slug or address and created once.
"""

from contextlib import contextmanager
from datetime import datetime, time, timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Site

from events.models import AgendaEmbedSettings, EventIndexPage, EventPage, EventSession, PartnerFeed, Venue
from home.demo_blocks import read_data
from home.models import Audience, Theme
from partners.access import PARTNER_ROLE
from resources.models import PartnerPage


def seed(ensure_user):
    """Create what is missing; `ensure_user(email, first_name, last_name, username)` as in accounts.demo."""
    created = []
    data = read_data("accounts", "partners.json")
    organisations = {page.slug: page.organisation for page in PartnerPage.objects.filter(organisation__isnull=False)}
    group = Group.objects.get(name=PARTNER_ROLE)
    users = {}
    for spec in data["contributors"]:
        user, new = ensure_user(spec["email"], spec["first_name"], spec["last_name"], spec["email"].split("@")[0])
        user.groups.add(group)
        organisations[spec["partner"]].members.add(user)
        users[spec["email"]] = user
        if new:
            created.append(f"compte partenaire {spec['email']}")
    agenda = EventIndexPage.objects.first()
    if agenda is None:
        return created
    for slug, partners in data["organisers"].items():
        event = EventPage.objects.filter(slug=slug).first()
        if event is not None and event.live and not event.organisers.exists():
            event.organisers.set([organisations[partner] for partner in partners])
            event.save_revision().publish()
    for spec in data["events"]:
        if not agenda.get_children().filter(slug=spec["slug"]).exists():
            _add_event(agenda, spec, organisations[spec["partner"]], users[spec["submitted_by"]])
            created.append(spec["title"])
    for spec in data["feeds"]:
        if not PartnerFeed.objects.filter(url=spec["url"]).exists():
            _add_feed(spec, organisations[spec["partner"]])
            created.append(f"flux {spec['url']}")
    _allow_origins(data["embed_origins"])
    return created


def _session(spec, today):
    day = today + timedelta(days=spec["days"])
    start, end = (time.fromisoformat(spec[key]) for key in ("start", "end"))
    aware = [timezone.make_aware(datetime.combine(day, moment)) for moment in (start, end)]
    return EventSession(start=aware[0], end=aware[1], venue=Venue.objects.get(name=spec["venue"]))


def _add_event(agenda, spec, organisation, contributor):
    """The partner's event, published or submitted by its contributor to Communication's moderation."""
    fields = {key: spec[key] for key in ("slug", "title", "summary", "event_format")}
    page = EventPage(**fields, owner=contributor, live=spec["published"])
    today = timezone.localdate()
    page.sessions.add(*[_session(session, today) for session in spec["sessions"]])
    page.organisers.set([organisation])
    agenda.add_child(instance=page)  # saves the sessions and the organisers with the page
    revision = page.save_revision(user=contributor)
    if spec["published"]:
        revision.publish()
    else:
        with _no_workflow_emails():
            page.get_workflow().start(page, contributor)


def _add_feed(spec, organisation):
    """A feed definition (never read by the demo: its address is an example one)."""
    PartnerFeed.objects.create(
        organisation=organisation,
        url=spec["url"],
        theme=Theme.objects.filter(slug=spec["theme"]).first(),
        audience=Audience.objects.filter(slug=spec["audience"]).first(),
        venue=Venue.objects.get(name=spec["venue"]),
        publish_at_once=spec["publish_at_once"],
    )


def _allow_origins(origins):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    embed = AgendaEmbedSettings.for_site(site)
    if not embed.allowed_origins:
        embed.allowed_origins = "\n".join(origins)
        embed.save()


@contextmanager
def _no_workflow_emails():
    """The demo's submission is history, not news: Wagtail emails nobody about it."""
    from wagtail.admin.signal_handlers import register_signal_handlers
    from wagtail.models import TaskState, WorkflowState
    from wagtail.signals import task_submitted, workflow_submitted

    task_submitted.disconnect(sender=TaskState, dispatch_uid="group_approval_task_submitted_email_notification")
    workflow_submitted.disconnect(sender=WorkflowState, dispatch_uid="workflow_state_submitted_email_notification")
    try:
        yield
    finally:
        register_signal_handlers()  # Wagtail's own, by their dispatch_uid: connected once again
