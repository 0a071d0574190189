"""How participants heard of the temps ressources they booked (a poster, a professional, this site…).

The answer comes from the registration form, or from the address of a printed QR code
(events.sources): a booking made from a poster counts as "Par une affiche ou un flyer".
"""

from django.utils.translation import gettext as _


def heard_from_rows(tallies):
    """Rows [answer, registrations (period), (previous period)] from {heard_from: [current, previous]}."""
    from events.models import Registration

    rows = [[str(label), *tallies.get(code, [0, 0])] for code, label in Registration.HeardFrom.choices]
    rows.append([_("Non renseigné"), *tallies.get("", [0, 0])])
    return rows
