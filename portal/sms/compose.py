"""Writing texts people can read at a glance: dates as people say them, and the wording that fits.

A text costs one segment up to 160 GSM-7 characters (70 with a character outside GSM-7), so
feature apps offer several wordings, richest first, and `fit()` keeps the first that needs one
segment (or the shortest one, which the outbox still accepts up to two segments).
"""

from django.conf import settings
from django.utils import dateformat, timezone, translation

from . import gsm


def _local(moment):
    return timezone.localtime(moment, timezone.get_default_timezone())


def short_day(moment):
    """ "mar. 3 mars": the weekday shortened, the month in full (read aloud without a doubt)."""
    with translation.override(settings.LANGUAGE_CODE):
        local = _local(moment)
        return f"{dateformat.format(local, 'D')}. {local.day} {dateformat.format(local, 'F')}"


def short_time(moment):
    """ "14h", "9h30" """
    local = _local(moment)
    return f"{local.hour}h{local.minute:02d}" if local.minute else f"{local.hour}h"


def short_when(moment):
    """ "mar. 3 mars 14h" """
    return f"{short_day(moment)} {short_time(moment)}"


def segments(body):
    return gsm.measure(gsm.prepare(body)).segments


def fit(*candidates):
    """The first wording that needs one segment once prepared, else the shortest one."""
    candidates = [candidate for candidate in candidates if candidate]
    for candidate in candidates:
        if segments(candidate) == 1:
            return candidate
    return min(candidates, key=segments)
