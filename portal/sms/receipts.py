"""SMPP delivery receipts: read deliver_sm PDUs and record them on the outbox.

The `receive_text_receipts` command runs `listen()` as a long-lived process beside the task
worker: it binds as a receiver (as a transceiver when SMPP_BIND_MODE is "transceiver"), answers
enquire_link, records every receipt, and reconnects with back-off when the SMSC goes away.
Receipts that arrive on the sending session are recorded too.

A receipt's text repeats the first words of the message: it is read for `id:` and `stat:`
only, never stored or logged.
"""

import logging
import re
import select
import threading

from django.db import close_old_connections

import smpplib.consts
import smpplib.exceptions
import smpplib.smpp

from .backends import smpp
from .exceptions import ProviderUnavailable, TextRefused
from .outbox import record_receipt

logger = logging.getLogger("portal.sms")

RECEIPT_ID = re.compile(rb"\bid:(\S+)", re.IGNORECASE)
RECEIPT_STAT = re.compile(rb"\bstat:(\w+)", re.IGNORECASE)
KEEPALIVE_SECONDS = 30
DELIVERY_RECEIPT = 0x04  # esm_class message type bits (SMPP 3.4, 5.2.12)


def _text(value):
    return value.decode("ascii", "replace") if isinstance(value, bytes) else (value or "")


def parse_receipt(pdu):
    """(message id, state) of a delivery receipt, or None for any other deliver_sm.

    The TLVs receipted_message_id and message_state win over the text ("id:… stat:DELIVRD").
    """
    if (pdu.esm_class or 0) & 0x3C != DELIVERY_RECEIPT:
        return None
    body = pdu.short_message or b""
    message_id = _text(getattr(pdu, "receipted_message_id", None)).rstrip("\0")
    if not message_id and (match := RECEIPT_ID.search(body)):
        message_id = _text(match.group(1))
    state = getattr(pdu, "message_state", None)
    if state is None and (match := RECEIPT_STAT.search(body)):
        state = _text(match.group(1))
    return (message_id, state) if message_id and state is not None else None


def id_variants(message_id):
    """The id as sent, then converted: many SMSCs answer submit_sm in hex and report in decimal."""
    variants = [message_id]
    if message_id.isdigit():
        variants.append(format(int(message_id), "x"))
        variants.append(format(int(message_id), "X"))
    elif re.fullmatch(r"[0-9A-Fa-f]+", message_id):
        variants.append(str(int(message_id, 16)))
    return variants


def record(message_id, state):
    """Record one receipt under whichever form of the id the outbox knows; True if it matched."""
    close_old_connections()
    return any(record_receipt(candidate, state) for candidate in id_variants(message_id))


def handle_deliver_sm(pdu, on_receipt=None):
    """Record a receipt (if it is one); returns the command_status of our deliver_sm_resp."""
    receipt = parse_receipt(pdu)
    if receipt is not None:
        try:
            (on_receipt or record)(*receipt)
        except Exception:  # a database hiccup: the SMSC will send the receipt again
            logger.exception("Delivery receipt not recorded")
            return smpplib.consts.SMPP_ESME_RSYSERR
    return smpplib.consts.SMPP_ESME_ROK


def _serve(client, stop, on_receipt, poll):
    idle = 0.0
    while not stop.is_set():
        # smpplib has no "wait for a PDU with a timeout" that keeps a half-read PDU: select first.
        readable, _, _ = select.select([client._socket], [], [], poll)
        if not readable:
            idle += poll
            if idle >= KEEPALIVE_SECONDS:
                client.send_pdu(smpplib.smpp.make_pdu("enquire_link", client=client))
                idle = 0.0
            continue
        idle = 0.0
        pdu = client.read_pdu()
        if pdu.command not in ("enquire_link_resp", "generic_nack"):
            smpp.handle_unsolicited(client, pdu, on_receipt)


def listen(*, stop=None, on_receipt=None, poll=1.0):
    """Receive delivery receipts until `stop` (a threading.Event) is set; never raises for the SMSC."""
    from django.conf import settings

    stop = stop or threading.Event()
    bind = "transceiver" if settings.SMPP_BIND_MODE == "transceiver" else "receiver"
    delay = 1
    while not stop.is_set():
        try:
            client = smpp.connect(bind=bind)
        except (ProviderUnavailable, TextRefused) as error:
            logger.warning("Receipt listener not bound (%s); next try in %s s", error.label, delay)
            stop.wait(delay)
            delay = min(delay * 2, 60)
            continue
        delay = 1
        try:
            _serve(client, stop, on_receipt, poll)
        except (ProviderUnavailable, smpplib.exceptions.ConnectionError, smpplib.exceptions.PDUError, OSError) as error:
            logger.warning("Receipt listener disconnected: %s", type(error).__name__)
        finally:
            smpp.disconnect(client)
