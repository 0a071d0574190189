"""A time limit the visitor controls (RGAA 13.1, WCAG 2.2.1): said beforehand, extended at will.

A check step keeps the answers server-side for a limited time. Its page says until when, offers
"Garder mes réponses N minutes de plus" (a plain POST, as many times as wanted) and, with
JavaScript (static/js/time-limit.js), warns two minutes before the answers are erased.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

WARNING_SECONDS = 120


def context(expires_at, minutes):
    """What components/time_limit.html shows; None when there is nothing to expire."""
    if expires_at is None:
        return None
    local = timezone.localtime(expires_at)
    return {
        "minutes": minutes,
        "expires_at": local,
        "time": formats.time_format(local, "H\\hi"),
        "timestamp": int(expires_at.timestamp()),
        "warning_seconds": WARNING_SECONDS,
    }


def extended_message(expires_at):
    time = formats.time_format(timezone.localtime(expires_at), "H\\hi")
    return _("Vos réponses sont gardées jusqu'à %(time)s.") % {"time": time}
