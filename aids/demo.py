"""Demo content of the aids guide: the situations, the guide, eight aid pages and four tariff grids.

Called by `manage.py seed_demo` as `seed(home)`, after resources and appointments (INSTALLED_APPS
order), so aids can name partners, resources and appointment subjects by slug. The data is in
`aids/demo_data/aids.json`: `statuses`, the `index` page, the parts rules' `quotient` notice,
the `aids` (page fields; `communes`, `statuses`, `households`, `resources` as slugs; `subject`
an appointment subject's slug; `partner` a partner page's slug; `easy_read` the slug of the FALC
twin, listed before it; `reviewed` days ago; `body` blocks, see `home.demo_blocks`) and the
`tariff_grids` (brackets as [min, max or null, price]; `events` the event slugs that use them).
Idempotent: what exists (looked up by slug) is never changed.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone, translation

from wagtail.models import Site

from appointments.models import AppointmentSubject
from events.models import EventPage
from home.demo_blocks import ensure_page, read_data, stream
from home.models import Commune
from resources.models import PartnerPage, ResourcePage

from .models import AidIndexPage, AidPage, AidStatus, Household, QuotientSettings, TariffBracket, TariffGrid

SPEC_KEYS = {"communes", "statuses", "households", "resources", "subject", "partner", "easy_read", "reviewed", "body"}
HOUSEHOLD_FIELDS = {
    Household.SINGLE: "for_single",
    Household.COUPLE: "for_couple",
    Household.SINGLE_PARENT: "for_single_parent",
    Household.COUPLE_CHILDREN: "for_couple_children",
}


def seed(home):
    """Create what is missing of the aids guide; return the labels of what was created."""
    created = []
    data = read_data("aids", "aids.json")
    with translation.override("fr"):
        statuses = {}
        for order, fields in enumerate(data["statuses"]):
            status, was_created = AidStatus.objects.get_or_create(
                slug=fields["slug"], defaults={"name": fields["name"], "sort_order": order}
            )
            statuses[status.slug] = status
            if was_created:
                created.append(status.name)
        index_fields = {**data["index"], "body": stream(data["index"]["body"])}
        index, was_created = ensure_page(home, AidIndexPage, show_in_menus=True, **index_fields)
        if was_created:
            created.append(index.title)
        _seed_settings(home, data["quotient"])
        seed_aids(index, data["aids"], statuses, created)
        seed_grids(data["tariff_grids"], created)
    return created


def _seed_settings(home, fields):
    site = Site.objects.filter(root_page=home).first()
    if site is not None and not QuotientSettings.objects.filter(site=site).exists():
        QuotientSettings.objects.create(site=site, notice=fields["notice"])


def seed_aids(index, specs, statuses, created):
    communes = {commune.slug: commune for commune in Commune.objects.all()}
    subjects = {subject.slug: subject for subject in AppointmentSubject.objects.all()}
    partners = {page.slug: page for page in PartnerPage.objects.all()}
    existing = {page.slug: page for page in AidPage.objects.child_of(index)}
    today = timezone.localdate()
    for spec in specs:
        if spec["slug"] in existing:
            continue
        fields = {key: value for key, value in spec.items() if key not in SPEC_KEYS}
        fields.update({HOUSEHOLD_FIELDS[Household(kind)]: True for kind in spec.get("households", [])})
        page = AidPage(
            **fields,
            body=stream(spec.get("body", [])),
            search_description=spec["summary"][:250],
            last_reviewed=today - timedelta(days=spec.get("reviewed", 30)),
            appointment_subject=subjects.get(spec.get("subject")),
            partner=partners.get(spec.get("partner")),
            easy_read_version=existing.get(spec.get("easy_read")),
        )
        index.add_child(instance=page)
        page.communes.set([communes[slug] for slug in spec.get("communes", [])])
        page.statuses.set([statuses[slug] for slug in spec.get("statuses", [])])
        page.related_resources.set(ResourcePage.objects.filter(slug__in=spec.get("resources", [])))
        page.save_revision().publish()
        existing[page.slug] = page
        created.append(page.title)


def seed_grids(specs, created):
    for spec in specs:
        if TariffGrid.objects.filter(slug=spec["slug"]).exists():
            continue
        grid = TariffGrid(
            slug=spec["slug"],
            name=spec["name"],
            activity_kind=spec["activity_kind"],
            unit=spec["unit"],
            note=spec.get("note", ""),
        )
        grid.brackets = [
            TariffBracket(quotient_min=low, quotient_max=high, price=Decimal(price), sort_order=order)
            for order, (low, high, price) in enumerate(spec["brackets"])
        ]
        grid.events.set(EventPage.objects.filter(slug__in=spec.get("events", [])))
        grid.save()  # a parental relation: saved with the grid
        created.append(grid.name)
