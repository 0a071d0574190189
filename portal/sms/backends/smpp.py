"""SMPP 3.4 backend (smpplib): towards an operator's or an aggregator's SMSC.

Settings: SMPP_HOST, SMPP_PORT, SMPP_SYSTEM_ID, SMPP_PASSWORD, SMPP_SYSTEM_TYPE, SMPP_USE_TLS,
SMPP_TLS_CA_FILE, SMPP_TIMEOUT, SMPP_BIND_MODE ("transmitter" or "transceiver"),
SMPP_CONCATENATION ("udh" or "sar"), and SMS_SENDER.

What goes on the wire, per text:

- the sender as `source_addr`: alphanumeric (TON 5, NPI 0) or a number (TON 1, NPI 1);
  the recipient in international form (TON 1, NPI 1, "33612345678");
- GSM-7 as data_coding 0, one octet per septet (escape 0x1B for the extension table, so "€" is
  1B 65), which is what SMPP carries: the SMSC packs septets for the radio; else UCS-2 as
  data_coding 8 (UTF-16 big-endian);
- two parts as two submit_sm, linked by a UDH (esm_class 0x40, IEI 0x00, 8-bit reference) or
  by the sar_* TLVs; parts never cut a character;
- registered_delivery 1 (receipt on success and failure) unless SMS_DELIVERY_RECEIPTS is off,
  and a validity period ending at the text's deadline, so the SMSC drops a late reminder.

A non-zero command_status raises TextRefused (retried, except invalid addresses); a refused,
reset or silent connection raises ProviderUnreachable, an unanswered submit_sm ProviderTimeout
(both retried). The SMSC may have taken a submit_sm whose answer never came: retrying it may,
rarely, send that text twice, which is better than losing it (SMPP has no idempotency key).
"""

import secrets
import socket
import ssl
from datetime import UTC

from django.conf import settings

import smpplib.client
import smpplib.consts
import smpplib.exceptions
import smpplib.smpp

from .. import gsm
from ..exceptions import ProviderTimeout, ProviderUnavailable, ProviderUnreachable, TextRefused
from . import BaseTextBackend

WIRE_LOGGER = "portal.sms.wire"  # smpplib logs whole PDUs at DEBUG: kept at WARNING (settings)
STATUS_NAMES = {
    value: name.removeprefix("SMPP_")
    for name, value in vars(smpplib.consts).items()
    if name.startswith("SMPP_ESME_") and isinstance(value, int)
}
# Retrying these cannot help: the number or the sender is wrong, the message malformed.
PERMANENT = {0x01, 0x0A, 0x0B, 0x48, 0x49, 0x50, 0x51}
DATA_CODING = {gsm.GSM7: 0, gsm.UCS2: 8}


class Client(smpplib.client.Client):
    """smpplib's client, with TLS that checks the certificate against the host name."""

    # smpplib 2.2 wraps the socket without server_hostname, which a verifying context refuses.
    def _create_socket(self):
        raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        raw.settimeout(self.timeout)
        if self._ssl_context is None:
            return raw
        return self._ssl_context.wrap_socket(raw, server_hostname=self.host)


def refused(status):
    return TextRefused(status, STATUS_NAMES.get(status, ""), permanent=status in PERMANENT)


def connect(*, bind="transmitter"):
    """A connected and bound client; raises ProviderUnavailable or TextRefused (bind refused)."""
    context = None
    if settings.SMPP_USE_TLS:
        context = ssl.create_default_context(cafile=settings.SMPP_TLS_CA_FILE or None)
    client = Client(
        settings.SMPP_HOST,
        settings.SMPP_PORT,
        timeout=settings.SMPP_TIMEOUT,
        ssl_context=context,
        logger_name=WIRE_LOGGER,
        allow_unknown_opt_params=True,
    )
    try:
        client.connect()
        getattr(client, f"bind_{bind}")(
            system_id=settings.SMPP_SYSTEM_ID,
            password=settings.SMPP_PASSWORD,
            system_type=settings.SMPP_SYSTEM_TYPE,
        )
    except smpplib.exceptions.PDUError as error:
        drop(client)
        raise refused(error.args[1] if len(error.args) > 1 else 0xFF) from None
    except (smpplib.exceptions.ConnectionError, OSError):
        drop(client)
        raise ProviderUnreachable() from None
    return client


def drop(client):
    """Close the socket without a word (smpplib's disconnect() warns unless the state is "open")."""
    client.state = smpplib.consts.SMPP_CLIENT_STATE_OPEN
    client.disconnect()


def disconnect(client):
    """Unbind politely if still bound, then close; never raises."""
    try:
        if client.state not in (smpplib.consts.SMPP_CLIENT_STATE_CLOSED, smpplib.consts.SMPP_CLIENT_STATE_OPEN):
            client.unbind()
    except (smpplib.exceptions.PDUError, smpplib.exceptions.ConnectionError, OSError):
        pass
    finally:
        drop(client)


def _address(value):
    if value.lstrip("+").isdigit():
        return {"ton": smpplib.consts.SMPP_TON_INTL, "npi": smpplib.consts.SMPP_NPI_ISDN, "addr": value.lstrip("+")}
    return {"ton": smpplib.consts.SMPP_TON_ALNUM, "npi": smpplib.consts.SMPP_NPI_UNK, "addr": value}


def submit_params(message, concatenation="udh"):
    """The submit_sm parameters of each part of `message` (one dict per PDU)."""
    pieces = gsm.split(message.body)
    encoding = gsm.measure(message.body).encoding
    encode = gsm.encode_gsm7 if encoding == gsm.GSM7 else (lambda text: text.encode("utf-16-be"))
    source, destination = _address(message.sender), _address(message.to)
    common = {
        "source_addr_ton": source["ton"],
        "source_addr_npi": source["npi"],
        "source_addr": source["addr"],
        "dest_addr_ton": destination["ton"],
        "dest_addr_npi": destination["npi"],
        "destination_addr": destination["addr"],
        "data_coding": DATA_CODING[encoding],
        "registered_delivery": 1 if message.receipt else 0,
        "esm_class": 0,
    }
    if message.deadline is not None:
        # Absolute SMPP time in UTC: YYMMDDhhmmss, tenths, quarter hours from UTC, "+".
        common["validity_period"] = message.deadline.astimezone(UTC).strftime("%y%m%d%H%M%S") + "000+"
    if len(pieces) == 1:
        return [{**common, "short_message": encode(pieces[0])}]
    reference = secrets.randbelow(256)
    parts = []
    for number, piece in enumerate(pieces, start=1):
        if concatenation == "sar":
            extra = {"sar_msg_ref_num": reference, "sar_total_segments": len(pieces), "sar_segment_seqnum": number}
            parts.append({**common, **extra, "short_message": encode(piece)})
        else:
            header = bytes((0x05, 0x00, 0x03, reference, len(pieces), number))
            parts.append({**common, "esm_class": 0x40, "short_message": header + encode(piece)})
    return parts


def _respond(client, pdu, command, status=smpplib.consts.SMPP_ESME_ROK):
    response = smpplib.smpp.make_pdu(command, client=client, status=status)
    response.sequence = pdu.sequence  # smpplib ignores a `sequence` argument here
    client.send_pdu(response)


def handle_unsolicited(client, pdu, on_receipt=None):
    """Answer what the SMSC may send between our requests: enquire_link, deliver_sm, unbind."""
    if pdu.command == "enquire_link":
        _respond(client, pdu, "enquire_link_resp")
    elif pdu.command == "deliver_sm":
        from ..receipts import handle_deliver_sm  # the outbox side, imported when needed

        _respond(client, pdu, "deliver_sm_resp", handle_deliver_sm(pdu, on_receipt))
    elif pdu.command == "unbind":
        _respond(client, pdu, "unbind_resp")
        raise ProviderUnavailable()


def submit(client, params):
    """Send one submit_sm and wait for its response; returns the SMSC's message id."""
    try:
        pdu = client.send_message(**params)
        while True:
            response = client.read_pdu()
            if response.command == "generic_nack" or (
                response.command == "submit_sm_resp" and response.sequence == pdu.sequence
            ):
                break
            handle_unsolicited(client, response)
    except TimeoutError:
        raise ProviderTimeout() from None
    except (smpplib.exceptions.ConnectionError, OSError):
        raise ProviderUnreachable() from None
    if response.command == "generic_nack" or response.status != smpplib.consts.SMPP_ESME_ROK:
        raise refused(response.status or 0xFF)
    message_id = response.message_id or b""
    return message_id.decode("ascii", "replace") if isinstance(message_id, bytes) else str(message_id)


class TextBackend(BaseTextBackend):
    """Sends each text over its own bound session, or over the batch's between open() and close()."""

    def __init__(self, **options):
        super().__init__(**options)
        self.client = None

    def open(self):
        if self.client is not None:
            return False
        try:
            self.client = connect(bind=settings.SMPP_BIND_MODE)
        except (ProviderUnavailable, TextRefused):
            return False  # each send() will try on its own and record the error
        return True

    def close(self):
        if self.client is not None:
            disconnect(self.client)
            self.client = None

    def send(self, message):
        shared = self.client is not None
        client = self.client if shared else connect(bind=settings.SMPP_BIND_MODE)
        try:
            ids = [submit(client, params) for params in submit_params(message, settings.SMPP_CONCATENATION)]
        except ProviderUnavailable:
            drop(client)
            if shared:
                self.client = None  # the next text of the batch opens its own session
            raise
        finally:
            if not shared:
                disconnect(client)
        return ids[0]
