"""When a text may leave: quiet hours and retries.

`SMS_QUIET_HOURS` ("20:00-08:00" by default, "" for none) is read in the portal's time zone
(`TIME_ZONE`, Europe/Paris; an overseas CCAS sets its own). The rule, for a text due at `when`:

- outside quiet hours it leaves at `when`;
- inside them it waits for the end of the quiet period (23:00 → 08:00 the next morning,
  06:30 → 08:00 the same morning);
- unless its `deadline` (say, the start of the session it is about) is at or before that end:
  then waiting would make it useless, and it leaves at `when` (a session at 07:30: at once);
- a text whose deadline has already passed is not sent at all (the caller gets None).

Retries wait 1, 2, 4, … minutes (at most an hour) after a failure, then the same rule applies.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone


def quiet_hours():
    """(start, end) as `datetime.time`, or None when SMS_QUIET_HOURS is empty or start == end."""
    value = (settings.SMS_QUIET_HOURS or "").strip()
    if not value:
        return None
    try:
        start, end = (time.fromisoformat(part.strip()) for part in value.split("-"))
    except ValueError:
        raise ImproperlyConfigured(f'SMS_QUIET_HOURS must look like "20:00-08:00", not {value!r}.') from None
    return None if start == end else (start, end)


def is_quiet(moment):
    """True if `moment` (aware) falls in the quiet hours, read in the portal's time zone."""
    window = quiet_hours()
    if window is None:
        return False
    start, end = window
    local = timezone.localtime(moment, timezone.get_default_timezone()).time()
    if start < end:
        return start <= local < end
    return local >= start or local < end


def quiet_period_end(moment):
    """The first moment after `moment` at which the quiet hours end (local wall-clock `end`)."""
    _start, end = quiet_hours()
    zone = timezone.get_default_timezone()
    local = timezone.localtime(moment, zone)
    candidate = datetime.combine(local.date(), end, tzinfo=zone)
    if candidate <= local:
        # Build the next day's time from the date, not by adding 24 h: DST days last 23 or 25 h.
        candidate = datetime.combine(local.date() + timedelta(days=1), end, tzinfo=zone)
    return candidate


def send_time(when, *, deadline=None):
    """When a text due at `when` may leave (see the module docstring for the rule)."""
    if not is_quiet(when):
        return when
    opens = quiet_period_end(when)
    if deadline is not None and deadline <= opens:
        return when
    return opens


def retry_time(now, attempts, *, deadline=None):
    """When to try again after `attempts` failed attempts: exponential back-off, then quiet hours."""
    delay = timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))
    return send_time(now + delay, deadline=deadline)
