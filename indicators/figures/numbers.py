"""Numbers written the French way: "12 345", "75,0 %", "+3,5 pts", "−2".

Django's localisation does the work (`formats.get_format`, `numberformat.format`), with grouping
forced: the thousands separator is the narrow no-break space of French typography (U+202F), which
Django's French locale writes as a plain no-break space.
"""

from django.utils import formats, numberformat
from django.utils.translation import gettext as _

NARROW_NO_BREAK_SPACE = "\u202f"
MINUS = "\u2212"
NOTHING = "—"


def number(value, decimals=None):
    """ "12 345", "4,0": ints as they are, floats with one decimal unless `decimals` says otherwise."""
    if value is None:
        return NOTHING
    if isinstance(value, float) and decimals is None:
        decimals = 1
    separator = formats.get_format("THOUSAND_SEPARATOR").replace("\xa0", NARROW_NO_BREAK_SPACE)
    text = numberformat.format(
        value,
        formats.get_format("DECIMAL_SEPARATOR"),
        decimal_pos=decimals,
        grouping=formats.get_format("NUMBER_GROUPING"),
        thousand_sep=separator,
        force_grouping=True,
    )
    return text.replace("-", MINUS)


def percent(value):
    """ "75,0 %" for 75.0 (a value already in percent)."""
    if value is None:
        return NOTHING
    return f"{number(float(value))}{NARROW_NO_BREAK_SPACE}%"


def with_unit(value, unit=""):
    """A key figure as read: "12 345", "75,0 %", "15,0 heures"."""
    if value is None:
        return NOTHING
    if unit == "%":
        return percent(value)
    return f"{number(value)} {unit}" if unit else number(value)


def signed(value):
    """ "+12", "−3,5", "0"."""
    if value > 0:
        return "+" + number(value)
    return number(value)


def change(value, unit=""):
    """A difference as read: "+12", "−3", "+3,5 pts" for a rate, "stable" when nothing moved."""
    if value is None:
        return NOTHING
    if value == 0:
        return _("stable")
    if unit == "%":
        # French: the singular below 2 ("1,5 pt"), the plural from 2 ("3,5 pts").
        text = _("%(value)s pt") if abs(value) < 2 else _("%(value)s pts")
        return text % {"value": signed(value)}
    return f"{signed(value)} {unit}" if unit else signed(value)
