"""Handing the register to the préfet: only on an explicit staff action, recorded, justified."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import EntryEvent, Transmission
from .campaigns import concerned_entries
from .common import Action, RegisterError, user_name


def transmit(*, user, communes, request_reference, reason="", campaign=None, file_format=Transmission.Format.CSV):
    """Record a transmission and return `(transmission, entries)` for the file to hand over.

    Allowed while `campaign` is open, or with a written `reason` (the préfet's request outside a
    campaign). Only active entries of `communes` are transmitted; each one's journal says so.
    Raises RegisterError ("reason") when neither condition holds.
    """
    reason = (reason or "").strip()
    if not (campaign is not None and campaign.is_open) and not reason:
        raise RegisterError(
            "reason", _("Sans veille en cours, écrivez le motif de la transmission (la demande du préfet).")
        )
    communes = list(communes)
    with transaction.atomic():
        entries = list(concerned_entries(communes).select_related("commune"))
        transmission = Transmission.objects.create(
            user=user,
            user_name=user_name(user),
            request_reference=request_reference.strip(),
            reason=reason,
            campaign=campaign,
            commune_names=[commune.name for commune in communes],
            entries_count=len(entries),
            file_format=file_format,
        )
        detail = _("Transmission n° %(number)s : %(request)s") % {
            "number": transmission.pk,
            "request": transmission.request_reference,
        }
        EntryEvent.objects.bulk_create(
            EntryEvent(entry=entry, user=user, action=Action.TRANSMITTED, detail=detail[:200]) for entry in entries
        )
    return transmission, entries
