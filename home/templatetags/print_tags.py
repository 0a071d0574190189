"""Template helpers of printable documents (templates/print/)."""

from django import template

from home.colours import HEX_COLOUR
from home.models import SiteSettings
from portal.qr import qr_svg

register = template.Library()


@register.simple_tag
def qr_code(data, title, css_class="qr-code"):
    """{% qr_code url "Code QR : s'inscrire en ligne" %} → an inline SVG QR code with its text alternative."""
    return qr_svg(data, title=title, css_class=css_class)


@register.filter
def safe_colour(value, fallback="primary_colour"):
    """A `#rrggbb` colour from the site settings, or the default one when the value is not one."""
    if isinstance(value, str) and HEX_COLOUR.match(value):
        return value
    return SiteSettings._meta.get_field(fallback).default


@register.filter
def one_line(value):
    """A postal address written on several lines, on one line ("Maison des solidarités, 12 rue…")."""
    return ", ".join(line.strip() for line in str(value or "").splitlines() if line.strip())


@register.simple_tag
def programme_query(month=None, query_string="", *extra):
    """ "mois=2027-03&commune=brecy" for links to a printed programme: the month, the filters, `extra`."""
    parts = [f"mois={month:%Y-%m}"] if month else []
    parts += [part for part in (query_string, *extra) if part]
    return "&".join(parts)
