"""What the calendar tells other apps (the indicators listen; events imports none of them)."""

from django.dispatch import Signal

# Staff printed paper copies of a programme or a poster and said how many and where they go.
# Sent with: kind ("programme" or "affiche"), quantity (int ≥ 1), place (str), day (date),
# label (what was printed, e.g. "Programme de mars 2027 – Commune : Brécy"), event_id (a poster's
# event, else None), user (the staff member).
paper_copies_printed = Signal()
