"""What changes state for the indicators: diversity answers, feedback requests and answers.

Guarantees:
- `record_diversity` stores the optional answers with the session only (nothing about the person).
- `tally_needs` keeps only per-session counts of the needs about to be erased; called by the
  purge in the transaction that erases them, so each registration is counted once.
- `send_feedback_requests` sends each booking one feedback email, ever: the booking is claimed
  (unique row) in the same transaction that creates the link and queues the email, so running
  the command twice, or twice at once, sends nothing more.
- `submit_feedback` accepts one answer per link: the link is marked used by an atomic UPDATE in
  the same transaction that stores the answer, which keeps no trace of the link.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from portal.emails import send_templated_email
from portal.tokens import derive_token, hash_token, new_token_key

from .models import DiversityAnswer, FeedbackAnswer, FeedbackClaim, FeedbackLink, NeedsTally

# The feedback email leaves the day after (attendance can be marked in the meantime), and not
# for sessions older than two weeks (a first run on an old database must not mail last year).
FEEDBACK_AFTER = timedelta(hours=12)
FEEDBACK_WITHIN = timedelta(days=14)
# A feedback link answers for 60 days after its session.
FEEDBACK_LINK_DAYS = 60

DIVERSITY_FIELDS = ("age_band", "family_situation", "caregiver")


def record_diversity(session, answers):
    """Store the "mieux vous connaître" answers of one booking against its (first) session.

    `answers` maps the fields of `DIVERSITY_FIELDS` to a choice or ""; nothing is stored when
    every question was skipped. Returns the answer or None.
    """
    answers = {name: answers.get(name) or "" for name in DIVERSITY_FIELDS}
    if not any(answers.values()):
        return None
    return DiversityAnswer.objects.create(session=session, session_day=timezone.localdate(session.start), **answers)


# --- Needs, before they are erased -----------------------------------------------------------

# Registration flag -> NeedsTally count.
NEEDS_FIELDS = {
    "needs_childcare": "childcare",
    "needs_accessibility": "accessibility",
    "needs_interpreter": "interpreter",
}


def tally_needs(registrations):
    """Add the needs of `registrations` (a queryset about to have its needs erased) to `NeedsTally`.

    Counted as the indicators count them: confirmed registrations, not yet erased, at sessions
    that took place (not cancelled nor postponed). One row per session that had any need,
    holding counts only. Call it inside the transaction that erases the needs, on rows locked
    for that purpose, so a registration is never counted twice. Returns the rows created.
    """
    from events.models import EventSession, Registration

    any_need = Q()
    for flag in NEEDS_FIELDS:
        any_need |= Q(**{flag: True})
    rows = (
        registrations.filter(
            any_need,
            status=Registration.Status.CONFIRMED,
            session__status=EventSession.Status.SCHEDULED,
            needs_erased_at__isnull=True,
        )
        .values("session_id", "session__start")
        .annotate(**{count: Count("pk", filter=Q(**{flag: True})) for flag, count in NEEDS_FIELDS.items()})
        .order_by()
    )
    return NeedsTally.objects.bulk_create(
        [
            NeedsTally(
                session_id=row["session_id"],
                session_day=timezone.localdate(row["session__start"]),
                **{count: row[count] for count in NEEDS_FIELDS.values()},
            )
            for row in rows
        ]
    )


# --- Feedback requests ------------------------------------------------------------------------


def booking_hash(token_key):
    """What the claim keeps of a booking: a hash, so the claim table holds no usable secret."""
    return hash_token(f"feedback-claim:{token_key}")


def due_feedback(now=None):
    """[(registration)]: one registration per booking whose feedback email is due now.

    Due: the booking's sessions that took place (confirmed, not cancelled nor postponed) ended
    between 14 days and 12 hours ago and none is still to come; the person came (marked present,
    or attendance was not taken at all for that session: then every confirmed registrant is
    asked); the booking has an email address and was not asked before. The registration
    returned is the booking's last session that qualifies.
    """
    from events.models import EventSession, Registration
    from events.models.registrations import ACTIVE_STATUSES

    now = now or timezone.now()
    attendance_taken = Registration.objects.filter(session=OuterRef("session"), attended__isnull=False)
    candidates = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            session__status=EventSession.Status.SCHEDULED,
            session__end__lte=now - FEEDBACK_AFTER,
            session__end__gt=now - FEEDBACK_WITHIN,
        )
        .exclude(email="")
        .annotate(attendance_taken=Exists(attendance_taken))
        .filter(Q(attended=True) | Q(attended__isnull=True, attendance_taken=False))
        .select_related("session__event")
        .order_by("session__end", "pk")
    )
    latest = {}
    for registration in candidates:
        latest[registration.token_key] = registration  # ordered by end: the last one wins
    if not latest:
        return []
    # A cycle is asked about once, after its last session.
    unfinished = set(
        Registration.objects.filter(
            token_key__in=latest,
            status__in=ACTIVE_STATUSES,
            session__status=EventSession.Status.SCHEDULED,
            session__end__gt=now - FEEDBACK_AFTER,
        ).values_list("token_key", flat=True)
    )
    hashes = {key: booking_hash(key) for key in latest if key not in unfinished}
    claimed = set(FeedbackClaim.objects.filter(booking_hash__in=hashes.values()).values_list("booking_hash", flat=True))
    return [latest[key] for key, value in hashes.items() if value not in claimed]


def feedback_path(token):
    return reverse("indicators:feedback", args=[token])


def send_feedback_request(registration):
    """Claim the booking, create its link and queue the email, all or nothing. False if already claimed."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                FeedbackClaim.objects.create(booking_hash=booking_hash(registration.token_key))
        except IntegrityError:
            return False
        token = derive_token(new_token_key(), "feedback")  # the key is not kept: the link is sent once
        FeedbackLink.objects.create(session=registration.session, token_hash=hash_token(token))
        event = registration.session.event
        send_templated_email(
            "emails/indicators/feedback_request",
            [registration.email],
            {
                "first_name": registration.first_name,
                "event": event,
                "session": registration.session,
                "feedback_path": feedback_path(token),
                "link_days": FEEDBACK_LINK_DAYS,
            },
            site=event.get_site(),
        )
    return True


def send_feedback_requests(now=None):
    """Send every due feedback email once. Returns how many were sent."""
    return sum(send_feedback_request(registration) for registration in due_feedback(now))


# --- Feedback answers -------------------------------------------------------------------------


def link_for_token(token, now=None):
    """The feedback link behind `token`, or None when unknown or expired (used links are returned)."""
    if not token or len(token) > 100:
        return None
    link = FeedbackLink.objects.select_related("session__event").filter(token_hash=hash_token(token)).first()
    now = now or timezone.now()
    if link is None or link.session.end + timedelta(days=FEEDBACK_LINK_DAYS) < now:
        return None
    return link


def submit_feedback(link, data):
    """Store one answer for `link`. Returns the answer, or None when the link was already used."""
    with transaction.atomic():
        if not FeedbackLink.objects.filter(pk=link.pk, used=False).update(used=True):
            return None
        session = link.session
        return FeedbackAnswer.objects.create(
            session=session,
            event_title=session.event.title[:255],
            session_day=timezone.localdate(session.start),
            usefulness=int(data["usefulness"]),
            takeaway=data.get("takeaway", "").strip(),
            missing=data.get("missing", "").strip(),
            come_again=data.get("come_again", ""),
        )
