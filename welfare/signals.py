"""What the register tells other apps: anonymous figures only (the indicators listen; welfare imports none of them).

Every signal is sent after the transaction that changed the register has committed, and
carries counts, codes, commune names and dates — never a person, an entry id or a reference.
"""

from django.dispatch import Signal

# The number of people on the register now (active entries), per commune and ground.
# Sent with: day (date), counts (list of {"commune": str, "ground": str, "count": int}).
register_counts_changed = Signal()

# A campaign was opened, changed or closed. Sent with: campaign_id (int, the campaign's own
# number), kind (str), starts_on (date), closed_on (date or None), communes (int), listed (int),
# calls (int), reached (int).
campaign_figures_changed = Signal()

# One call of a campaign was logged. Sent with: kind (the campaign's kind), outcome (str), day (date).
call_logged = Signal()
