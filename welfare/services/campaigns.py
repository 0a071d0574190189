"""Emergency campaigns: open one with its call list, log calls, follow the progress, close it."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import signals
from ..choices import FOLLOW_UP_OUTCOMES, Outcome, Status
from ..models import CallAttempt, CallLine, Campaign, RegisterActivity, RegisterEntry
from .common import Action, RegisterError, log, log_activity

# Call order: commune by commune (in the order of the communes' list), then by name, as a
# paper list is read; the people flagged "visite plus sûre" are not moved: the team decides.
CALL_ORDER = ["commune__sort_order", "commune__name", "last_name", "first_name", "pk"]


def _announce(campaign_id):
    def send():
        campaign = Campaign.objects.filter(pk=campaign_id).first()
        if campaign is None:
            return
        signals.campaign_figures_changed.send(
            sender=Campaign,
            campaign_id=campaign.pk,
            kind=campaign.kind,
            starts_on=campaign.starts_on,
            closed_on=timezone.localdate(campaign.closed_at) if campaign.closed_at else None,
            communes=len(campaign.commune_names),
            listed=campaign.listed_count,
            calls=campaign.calls_count,
            reached=campaign.reached_count,
        )

    transaction.on_commit(send, robust=True)


def concerned_entries(communes):
    """Every active entry of these communes, in call order."""
    return RegisterEntry.objects.filter(status=Status.ACTIVE, commune__in=communes).order_by(*CALL_ORDER)


def open_campaign(*, kind, communes, starts_on, user, label="", retry_minutes=None):
    """ "Déclencher une veille": the campaign and its call list of every active entry of `communes`.

    Pending entries (a third party's sign-up the person has not agreed to) are never listed.
    """
    communes = list(communes)
    with transaction.atomic():
        campaign = Campaign.objects.create(
            kind=kind,
            label=label.strip(),
            starts_on=starts_on,
            retry_minutes=retry_minutes or settings.WELFARE_RETRY_MINUTES,
            opened_by=user,
            commune_names=[commune.name for commune in communes],
        )
        campaign.communes.set(communes)
        lines = [
            CallLine(campaign=campaign, entry=entry, position=position)
            for position, entry in enumerate(concerned_entries(communes), start=1)
        ]
        CallLine.objects.bulk_create(lines)
        Campaign.objects.filter(pk=campaign.pk).update(listed_count=len(lines))
        campaign.listed_count = len(lines)
        log_activity(RegisterActivity.Action.CAMPAIGN_OPENED, user, detail=campaign.title)
        _announce(campaign.pk)
    return campaign


def add_to_open_campaigns(entry):
    """A person who joins the register during a campaign of their commune goes to the end of its list."""
    for campaign in Campaign.objects.filter(closed_at__isnull=True, communes=entry.commune_id):
        if CallLine.objects.filter(campaign=campaign, entry=entry).exists():
            continue
        last = campaign.lines.aggregate(last=Max("position"))["last"] or 0
        CallLine.objects.create(campaign=campaign, entry=entry, position=last + 1)
        Campaign.objects.filter(pk=campaign.pk).update(listed_count=F("listed_count") + 1)
        _announce(campaign.pk)


def log_call(line_id, outcome, note="", *, user, now=None):
    """Log one call of a campaign's list and update the line and the campaign's anonymous figures.

    "Pas de réponse" puts the line back in the list after the campaign's delay; any other
    outcome means the person was reached (or is known to be away). Raises RegisterError
    ("closed") on a closed campaign. Returns the CallAttempt.
    """
    now = now or timezone.now()
    with transaction.atomic():
        line = CallLine.objects.select_for_update().select_related("entry").get(pk=line_id)
        campaign = Campaign.objects.select_for_update().get(pk=line.campaign_id)
        if not campaign.is_open:
            raise RegisterError("closed", _("Cette veille est close : les appels ne peuvent plus être notés."))
        first_reach = not line.reached and outcome != Outcome.NO_ANSWER
        attempt = CallAttempt.objects.create(
            line=line, outcome=outcome, note=note.strip(), called_by=user, called_at=now
        )
        line.attempts += 1
        line.last_outcome = outcome
        line.last_called_at = now
        line.next_call_at = now + timedelta(minutes=campaign.retry_minutes) if outcome == Outcome.NO_ANSWER else None
        line.save(update_fields=["attempts", "last_outcome", "last_called_at", "next_call_at"])
        counts = dict(campaign.outcome_counts)
        counts[outcome] = counts.get(outcome, 0) + 1
        campaign.outcome_counts = counts
        campaign.calls_count += 1
        campaign.reached_count += int(first_reach)
        campaign.save(update_fields=["outcome_counts", "calls_count", "reached_count"])
        log(line.entry_id, Action.CALLED, user, f"{campaign.title} : {Outcome(outcome).label}")
        kind = campaign.kind
        transaction.on_commit(
            lambda: signals.call_logged.send(sender=Campaign, kind=kind, outcome=outcome, day=timezone.localdate(now)),
            robust=True,
        )
        _announce(campaign.pk)
    return attempt


def due_lines(campaign, now=None):
    """The lines to call now, in call order: never called, or "pas de réponse" whose delay has passed."""
    now = now or timezone.now()
    return campaign.lines.filter(
        Q(last_outcome="") | Q(last_outcome=Outcome.NO_ANSWER, next_call_at__lte=now)
    ).order_by("position", "pk")


def next_due_line(campaign, now=None, after=None):
    """The next line to call after position `after` (wrapping round to the first one due)."""
    lines = due_lines(campaign, now)
    if after is not None:
        line = lines.filter(position__gt=after).first()
        if line is not None:
            return line
    return lines.first()


@dataclass
class Progress:
    """Where a campaign's calls stand (live lines) and its anonymous counters."""

    total: int = 0
    reached: int = 0
    never_called: int = 0
    waiting: int = 0
    due_now: int = 0
    follow_up: int = 0
    calls: int = 0
    by_outcome: dict = field(default_factory=dict)

    @property
    def to_reach(self):
        return self.total - self.reached

    @property
    def percent_reached(self):
        return round(100 * self.reached / self.total) if self.total else 0


def progress(campaign, now=None):
    """Exact figures of the call list at `now` (one query for the lines)."""
    now = now or timezone.now()
    figures = Progress(calls=campaign.calls_count)
    for outcome, next_call_at in campaign.lines.values_list("last_outcome", "next_call_at"):
        figures.total += 1
        if not outcome:
            figures.never_called += 1
            figures.due_now += 1
            continue
        figures.by_outcome[outcome] = figures.by_outcome.get(outcome, 0) + 1
        if outcome == Outcome.NO_ANSWER:
            if next_call_at is not None and next_call_at > now:
                figures.waiting += 1
            else:
                figures.due_now += 1
        else:
            figures.reached += 1
            figures.follow_up += int(outcome in FOLLOW_UP_OUTCOMES)
    return figures


def close_campaign(campaign_id, *, user):
    """Close a campaign: no more calls; its anonymous figures stay, its call list is erased later.

    Idempotent. The nominative list stays WELFARE_CALL_LIST_DAYS for the follow-up, then
    `purge_register_data` erases it (`erase_closed_lists`).
    """
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
        if not campaign.is_open:
            return campaign
        campaign.closed_at = timezone.now()
        campaign.closed_by = user
        campaign.save(update_fields=["closed_at", "closed_by"])
        log_activity(RegisterActivity.Action.CAMPAIGN_CLOSED, user, detail=campaign.title)
        _announce(campaign.pk)
    return campaign


def erase_closed_lists(now=None, *, days=None, dry_run=False):
    """Delete the call lists (names, outcomes, notes) of campaigns closed more than `days` days ago.

    The campaigns and their anonymous counters stay. Returns the number of campaigns concerned.
    """
    now = now or timezone.now()
    days = settings.WELFARE_CALL_LIST_DAYS if days is None else days
    expired = Campaign.objects.filter(closed_at__lt=now - timedelta(days=days), list_erased_at__isnull=True)
    if dry_run:
        return expired.count()
    with transaction.atomic():
        ids = list(expired.values_list("pk", flat=True))
        CallLine.objects.filter(campaign_id__in=ids).delete()
        Campaign.objects.filter(pk__in=ids).update(list_erased_at=now)
    return len(ids)
