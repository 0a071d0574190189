"""Template helpers of the indicators: table cells written the French way."""

import datetime

from django import template
from django.utils import formats

from portal.exports import Percent

from ..figures import numbers

register = template.Library()


@register.filter
def cell(value):
    """A table cell as read: "12 345", "4,0", "75,0 %", "10/03/2026", "—" for nothing, text as is."""
    if value is None:
        return numbers.NOTHING
    if isinstance(value, Percent):
        return numbers.percent(value.value * 100)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return numbers.number(value)
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return value


@register.filter
def is_number(value):
    """True for the cells aligned to the right (numbers and percentages)."""
    return isinstance(value, int | float | Percent) and not isinstance(value, bool)


@register.filter
def period_heading(text):
    """A period heading that wraps only between its parts: "2026" / "(1er janv. – 1er déc.)"."""
    text = str(text).replace(" ", "\xa0")
    if "\xa0(" in text:
        return text.replace("\xa0(", " (", 1)
    return text.replace("–\xa0", "– ", 1)
