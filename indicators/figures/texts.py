"""Text messages sent to residents (portal.sms), by kind: how many left, how many did not arrive.

Counted from the outbox rows, which keep the kind, the status and the times once the number and
the words are erased (and after the purges detach them from their registration). 1 query.
A table only, no key figures: the board's one-page summary keeps to the action sheet's own.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .tables import Headings, Section, Table, pairs, sorted_rows

LABELS = {
    "events.registration_received": gettext_lazy("Inscription : confirmation, liste d'attente ou demande"),
    "events.registration_promoted": gettext_lazy("Inscription : place libérée ou confirmée"),
    "events.reminder": gettext_lazy("Rappel avant la séance"),
    "events.registration_moved": gettext_lazy("Inscription déplacée à une autre date"),
    "events.session_cancelled": gettext_lazy("Séance annulée"),
    "events.registration_cancelled": gettext_lazy("Inscription annulée par la personne"),
    "events.registration_refused": gettext_lazy("Demande d'inscription refusée"),
    "appointments.received": gettext_lazy("Rendez-vous : demande reçue"),
    "appointments.proposal": gettext_lazy("Rendez-vous proposé"),
    "register_received": gettext_lazy("Registre : demande reçue"),
    "register_agreed": gettext_lazy("Registre : inscription enregistrée"),
    "register_reconfirm": gettext_lazy("Registre : confirmation annuelle"),
}
LEFT = ("sent", "delivered", "undeliverable")
LOST = ("failed", "expired", "undeliverable")


def label(kind):
    if kind.startswith("register_reconfirm"):
        kind = "register_reconfirm"
    return str(LABELS.get(kind, kind))


def count_texts(period):
    """{label: [sent now, sent before]} and {label: [not received now, before]}."""
    from portal.models import OutboundText

    previous = period.previous()
    rows = (
        OutboundText.objects.filter(created_at__gte=previous.lower, created_at__lt=period.upper)
        .values("kind", "status")
        .annotate(
            current=Count("pk", filter=Q(created_at__gte=period.lower)),
            previous=Count("pk", filter=Q(created_at__lt=period.lower)),
        )
        .order_by()
    )
    sent, lost = pairs(), pairs()
    for row in rows:
        for tally, statuses in ((sent, LEFT), (lost, LOST)):
            if row["status"] in statuses:
                tally[label(row["kind"])][0] += row["current"]
                tally[label(row["kind"])][1] += row["previous"]
    return sent, lost


def texts_section(period, sent, lost):
    headings = Headings(period)
    kinds = set(sent) | set(lost)
    rows = sorted_rows({kind: [*sent[kind], *lost[kind]] for kind in kinds})
    return Section(
        key="sms",
        title=_("SMS envoyés aux habitants"),
        short_title=_("SMS"),
        headings=headings,
        tables=[
            Table(
                "sms-par-type",
                _("SMS par type de message"),
                [_("Message"), *headings.pair(_("Envoyés")), *headings.pair(_("Non reçus"))],
                rows,
                note=_(
                    "Non reçus : échec de l'envoi, trop tard (séance commencée) ou non distribué selon l'opérateur. "
                    "L'équipe appelle alors la personne."
                ),
                sheet=_("SMS par type"),
            )
        ],
    )


def texts_figures(period):
    """Texts sent and not received, by kind, in both periods. 1 query."""
    return texts_section(period, *count_texts(period))
