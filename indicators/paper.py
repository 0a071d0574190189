"""Paper copies of programmes and posters: recorded when staff print them, counted with the rest.

The calendar says what was printed (`events.signals.paper_copies_printed`); this app keeps it as
a `PaperCopy` and adds it to the "Exemplaires papier" of the supports diffused.
"""

from .models import PaperCopy


def record_printed_copies(sender, *, kind, quantity, place, day, label="", event_id=None, user=None, **kwargs):
    """Receiver of `paper_copies_printed`: one `PaperCopy` row for the copies staff announced."""
    if kind not in PaperCopy.Support.values or kind == PaperCopy.Support.RESOURCE:
        return
    PaperCopy.objects.create(
        support=kind,
        quantity=quantity,
        place=place[:200],
        day=day,
        label=label[:255],
        event_id=event_id,
        recorded_by=user if getattr(user, "pk", None) else None,
    )


def printed_supports_rows(tallies):
    """Rows [support, current, previous] of programmes and posters, from {support: [current, previous]}."""
    return [
        [str(label), *tallies.get(code, [0, 0])]
        for code, label in PaperCopy.Support.choices
        if code != PaperCopy.Support.RESOURCE
    ]
