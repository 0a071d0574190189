"""How participants heard of the temps ressources they booked (a poster, a professional, this site…).

The answer comes from the registration form, or from the address of a printed QR code
(events.sources): a booking made from a poster counts as "Par une affiche ou un flyer".
"""

from django.db.models import Count
from django.utils.translation import gettext as _


def heard_from_rows(base, cur, prev, span):
    """Rows [answer, registrations (period), registrations (previous period)], one per answer. 1 query."""
    from events.models import Registration

    tallies = {
        row["heard_from"]: (row["cur"], row["prev"])
        for row in base.filter(span)
        .values("heard_from")
        .annotate(cur=Count("pk", filter=cur), prev=Count("pk", filter=prev))
        .order_by()
    }
    rows = [[str(label), *tallies.get(code, (0, 0))] for code, label in Registration.HeardFrom.choices]
    rows.append([_("Non renseigné"), *tallies.get("", (0, 0))])
    return rows
