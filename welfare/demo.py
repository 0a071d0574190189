"""Demo content of the register: the sign-up page, a handful of entries, one past heatwave campaign.

Called by `manage.py seed_demo` as `seed(home)`. Idempotent: the page is found by its slug,
entries by their fixed demo reference ("REG-DEM0-…", a "0" no real reference contains), the
campaign by its kind and start date. The data is in `demo_data/register.json`; every person is invented
and every number is in the ranges ARCEP keeps for fiction (06 39 98 … numbers are not allocated,
so they are kept as typed and never receive a text). Entries are created directly, without the
sign-up service, so no email or text leaves; the campaign goes through the services (its
anonymous figures and the indicators' counts are the real ones).
"""

import json
from datetime import date, datetime, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from wagtail.models import Site

from home.demo_blocks import ensure_page, paragraphs
from home.models import Commune
from portal import phones
from portal.tokens import hash_token, new_token_key

from .choices import Status
from .models import CallLine, Campaign, EntryEvent, RegisterEntry, RegisterSignupPage, token_for_key
from .services import campaigns
from .services.common import announce_counts

DATA = json.loads((Path(__file__).parent / "demo_data" / "register.json").read_text(encoding="utf-8"))
PHONE_FIELDS = ("phone", "phone_other", "home_care_phone", "emergency_phone", "requester_phone")
TEXT_FIELDS = ("address_extra", "benefit", "home_care_service", "emergency_contact", "reach_notes", "requester_name")


def _phone(value):
    if not value:
        return ""
    try:
        return phones.to_e164(value)
    except phones.InvalidPhoneNumber:
        return value  # a fiction number: shown as typed, never texted


def _page(home):
    spec = DATA["page"]
    other = home.get_children().filter(slug=spec["other_help_slug"]).first()
    page, created = ensure_page(
        home,
        RegisterSignupPage,
        spec["slug"],
        title=spec["title"],
        intro=spec["intro"],
        other_help_page=other,
        show_in_menus=True,
        search_description=spec["search_description"],
        body=[("paragraph", paragraphs(spec["after_form"]))],
    )
    return page, created


def _entry(spec, *, site, page, communes, now):
    created_at = now - timedelta(days=spec["days_ago"])
    active = spec["status"] == Status.ACTIVE
    token_key = new_token_key()
    entry = RegisterEntry.objects.create(
        site=site,
        page=page,
        reference=spec["reference"],
        token_key=token_key,
        token_hash=hash_token(token_for_key(token_key)),
        status=spec["status"],
        channel=spec["channel"],
        requester_kind=spec["requester_kind"],
        first_name=spec["first_name"],
        last_name=spec["last_name"],
        birth_date=date.fromisoformat(spec["birth_date"]),
        ground=spec["ground"],
        address=spec["address"],
        commune=communes[spec["commune"]],
        reach_needs=spec.get("reach_needs", []),
        created_at=created_at,
        agreed_at=created_at if active else None,
        last_confirmed_at=created_at if active else None,
        reconfirm_step=spec.get("reconfirm_step", 0),
        reconfirm_sent_at=now - timedelta(days=30) if spec.get("reconfirm_step") else None,
        needs_call=spec.get("needs_call", False),
        **{name: _phone(spec.get(name)) for name in PHONE_FIELDS},
        **{name: spec.get(name, "") for name in TEXT_FIELDS},
    )
    EntryEvent.objects.create(entry=entry, action=EntryEvent.Action.SUBMITTED, at=created_at, detail="Démonstration")
    return entry


def _last_occurrence(month, day, today):
    """The latest `month`/`day` at least two weeks before `today` (a campaign of last summer)."""
    candidate = date(today.year, month, day)
    return candidate if candidate <= today - timedelta(days=14) else date(today.year - 1, month, day)


def _campaign(communes, entries):
    spec = DATA["campaign"]
    # The demo's campaign of "last summer", whatever year it was seeded in: a run a year later adds none.
    if Campaign.objects.filter(kind=spec["kind"], starts_on__month=spec["month"], starts_on__day=spec["day"]).exists():
        return None
    starts_on = _last_occurrence(spec["month"], spec["day"], timezone.localdate())
    campaign = campaigns.open_campaign(
        kind=spec["kind"],
        communes=[communes[slug] for slug in spec["communes"]],
        starts_on=starts_on,
        retry_minutes=spec["retry_minutes"],
        user=None,
    )
    opened = timezone.make_aware(datetime.combine(starts_on, datetime.min.time()).replace(hour=8))
    for call in spec["calls"]:
        line = CallLine.objects.get(campaign=campaign, entry=entries[call["reference"]])
        campaigns.log_call(
            line.pk, call["outcome"], call.get("note", ""), user=None, now=opened.replace(hour=call["hour"])
        )
    campaigns.close_campaign(campaign.pk, user=None)
    Campaign.objects.filter(pk=campaign.pk).update(
        opened_at=opened, closed_at=opened + timedelta(days=spec["duration_days"])
    )
    return campaign


@transaction.atomic
def seed(home):
    created = []
    page, page_created = _page(home)
    if page_created:
        created.append(page.title)
    site = Site.objects.filter(root_page=home).first() or Site.objects.get(is_default_site=True)
    communes = {commune.slug: commune for commune in Commune.objects.all()}
    if not all(spec["commune"] in communes for spec in DATA["entries"]):
        return created  # the demo communes are not there (a site of one's own): no demo people
    now = timezone.now()
    entries = {}
    for spec in DATA["entries"]:
        entry = RegisterEntry.objects.filter(reference=spec["reference"]).first()
        if entry is None:
            entry = _entry(spec, site=site, page=page, communes=communes, now=now)
            created.append(f"Registre : {spec['reference']}")
        entries[spec["reference"]] = entry
    campaign = _campaign(communes, entries)
    if campaign is not None:
        created.append(f"Veille {campaign.title}")
    announce_counts()
    return created
