"""What the calendar tells other apps (the indicators listen; events imports none of them)."""

from django.dispatch import Signal

# Staff printed paper copies of a programme or a poster and said how many and where they go.
# Sent with: kind ("programme" or "affiche"), quantity (int ≥ 1), place (str), day (date),
# label (what was printed, e.g. "Programme de mars 2027 – Commune : Brécy"), event_id (a poster's
# event, else None), user (the staff member).
paper_copies_printed = Signal()

# A booking was saved with the answers to the optional questions other apps added to the form
# (events.extensions). Sent with: session (the first one booked), answers ({field name: value}).
booking_answered = Signal()

# The needs of these registrations are about to be erased by the retention purge, inside its
# transaction, on locked rows: count what must be counted now. Sent with: registrations (queryset).
needs_erasing = Signal()
