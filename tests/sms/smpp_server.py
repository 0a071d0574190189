"""A small SMPP 3.4 server (SMSC) on 127.0.0.1 for the tests, written from the specification.

Usage: `server = SMPPServer().start()`, point SMPP_HOST/SMPP_PORT at `server.port`, read
`server.messages`; `server.stop()` closes the port, `server.start()` opens it again.

It shares no code with the client (smpplib, portal.sms): PDUs are packed and parsed here with
`struct`, GSM-7 is decoded with its own table. It handles bind_transmitter / _receiver /
_transceiver (checking system_id and password), submit_sm (recording each message with its
parts reassembled from a UDH or sar_* TLVs), enquire_link and unbind. Tests can make it
refuse the next N messages, answer slowly, go down (closed port) and come back on the same
port, and push deliver_sm delivery receipts to bound receivers.
"""

import contextlib
import socket
import struct
import threading
import time
from itertools import count

BIND_RECEIVER, BIND_TRANSMITTER, SUBMIT_SM, DELIVER_SM, UNBIND = 0x01, 0x02, 0x04, 0x05, 0x06
BIND_TRANSCEIVER, ENQUIRE_LINK, GENERIC_NACK, RESP = 0x09, 0x15, 0x80000000, 0x80000000
ESME_ROK, ESME_RINVCMDID, ESME_RINVPASWD, ESME_RSYSERR, ESME_RTHROTTLED = 0x00, 0x03, 0x0E, 0x08, 0x58
ESME_RINVDSTADR = 0x0B
SAR_REF, SAR_TOTAL, SAR_SEQ, RECEIPTED_ID, MESSAGE_STATE = 0x020C, 0x020E, 0x020F, 0x001E, 0x0427

# GSM 03.38, written out independently of the portal's table.
GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = {0x0A: "\x0c", 0x14: "^", 0x28: "{", 0x29: "}", 0x2F: "\\", 0x3C: "[", 0x3D: "~", 0x3E: "]"}
GSM_EXTENSION |= {0x40: "|", 0x65: "€"}


def decode_gsm7(data):
    chars, escaped = [], False
    for octet in data:
        if escaped:
            chars.append(GSM_EXTENSION[octet])
            escaped = False
        elif octet == 0x1B:
            escaped = True
        else:
            chars.append(GSM_BASIC[octet])
    assert not escaped, "a part ends in the middle of an extension character"
    return "".join(chars)


def decode(data, data_coding):
    if data_coding == 0:
        return decode_gsm7(data)
    if data_coding == 8:
        return data.decode("utf-16-be")  # raises on a surrogate pair cut in two
    return data.decode("latin-1")


class Reader:
    """Reads the fields of a PDU body in order."""

    def __init__(self, body):
        self.body, self.pos = body, 0

    def cstring(self):
        end = self.body.index(b"\0", self.pos)
        value, self.pos = self.body[self.pos : end].decode("latin-1"), end + 1
        return value

    def int(self, size=1):
        value = int.from_bytes(self.body[self.pos : self.pos + size], "big")
        self.pos += size
        return value

    def octets(self, size):
        value, self.pos = self.body[self.pos : self.pos + size], self.pos + size
        return value

    def tlvs(self):
        found = {}
        while self.pos + 4 <= len(self.body):
            tag, length = struct.unpack(">HH", self.octets(4))
            found[tag] = self.octets(length)
        return found


def cstring(value):
    return value.encode("latin-1") + b"\0"


def parse_submit(body):
    r = Reader(body)
    pdu = {"service_type": r.cstring(), "source_addr_ton": r.int(), "source_addr_npi": r.int()}
    pdu |= {"source_addr": r.cstring(), "dest_addr_ton": r.int(), "dest_addr_npi": r.int()}
    pdu |= {"destination_addr": r.cstring(), "esm_class": r.int(), "protocol_id": r.int(), "priority": r.int()}
    pdu |= {"schedule_delivery_time": r.cstring(), "validity_period": r.cstring(), "registered_delivery": r.int()}
    pdu |= {"replace_if_present": r.int(), "data_coding": r.int(), "sm_default_msg_id": r.int()}
    pdu["short_message"] = r.octets(r.int())
    pdu["tlvs"] = r.tlvs()
    return pdu


class Connection(threading.Thread):
    def __init__(self, server, sock):
        super().__init__(daemon=True)
        self.server, self.sock = server, sock
        self.bound_as = None
        self.write_lock = threading.Lock()
        self.acks = {}  # sequence → Event, for the deliver_sm we push

    def send(self, command_id, sequence, body=b"", status=ESME_ROK):
        with self.write_lock:
            self.sock.sendall(struct.pack(">IIII", 16 + len(body), command_id, status, sequence) + body)

    def read_exact(self, size):
        data = b""
        while len(data) < size:
            chunk = self.sock.recv(size - len(data))
            if not chunk:
                raise ConnectionError
            data += chunk
        return data

    def run(self):
        try:
            while not self.server.stopping.is_set():
                length, command_id, status, sequence = struct.unpack(">IIII", self.read_exact(16))
                self.dispatch(command_id, sequence, self.read_exact(length - 16))
        except (ConnectionError, OSError, struct.error):
            pass
        finally:
            self.bound_as = None
            self.sock.close()

    def dispatch(self, command_id, sequence, body):
        server = self.server
        if server.silent:
            return
        if command_id in (BIND_RECEIVER, BIND_TRANSMITTER, BIND_TRANSCEIVER):
            r = Reader(body)
            system_id, password, system_type = r.cstring(), r.cstring(), r.cstring()
            ok = (system_id, password) == (server.system_id, server.password)
            server.binds.append({"command_id": command_id, "system_id": system_id, "system_type": system_type})
            self.bound_as = command_id if ok else None
            self.send(command_id | RESP, sequence, cstring("test-smsc"), ESME_ROK if ok else ESME_RINVPASWD)
        elif command_id == SUBMIT_SM:
            server.handle_submit(self, sequence, parse_submit(body))
        elif command_id == ENQUIRE_LINK:
            self.send(ENQUIRE_LINK | RESP, sequence)
        elif command_id == UNBIND:
            self.send(UNBIND | RESP, sequence)
            raise ConnectionError
        elif command_id == DELIVER_SM | RESP:
            self.acks.setdefault(sequence, threading.Event()).set()
        elif not command_id & RESP:
            self.send(GENERIC_NACK, sequence, status=ESME_RINVCMDID)


class SMPPServer:
    """An SMSC on 127.0.0.1. `messages` holds every text accepted, its parts reassembled."""

    def __init__(self, *, system_id="portail", password="secret", port=0, ssl_context=None):  # noqa: S107
        self.system_id, self.password, self.ssl_context = system_id, password, ssl_context
        self.port = port
        self.messages, self.submits, self.binds = [], [], []
        self.refusals = []  # statuses for the next submit_sm, in order
        self.delay = 0.0  # seconds before answering a submit_sm
        self.silent = False  # accept connections but never answer (a hung SMSC)
        self.ids = count(0x1A2B3C00)
        self.partial = {}
        self.connections = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.listener = None

    # --- control ----------------------------------------------------------------------------
    def start(self):
        self.stopping.clear()
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        listener.settimeout(0.1)
        self.port = listener.getsockname()[1]
        self.listener = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        self.listener.start()
        return self

    def stop(self):
        """Go down: the port is closed (connection refused) and open sessions are dropped."""
        self.stopping.set()
        if self.listener is not None:
            self.listener.join()  # it closes the port on its way out
            self.listener = None
        for connection in self.connections:
            with contextlib.suppress(OSError):
                connection.sock.shutdown(socket.SHUT_RDWR)
        for connection in self.connections:
            connection.join(timeout=2)
        self.connections = []

    def refuse_next(self, count=1, status=ESME_RSYSERR):
        self.refusals.extend([status] * count)

    def send_receipt(self, message_id, stat="DELIVRD", *, tlvs=True, timeout=5):
        """Push a delivery receipt to a bound receiver or transceiver; True once it is acknowledged."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            receivers = [c for c in self.connections if c.bound_as in (BIND_RECEIVER, BIND_TRANSCEIVER)]
            if receivers:
                break
            time.sleep(0.02)
        else:
            return False
        connection, sequence = receivers[0], next(self.ids) & 0x7FFFFFFF
        dates = "submit date:3001011200 done date:3001011201"
        text = f"id:{message_id} sub:001 dlvrd:001 {dates} stat:{stat} err:000 text:Rappel"
        body = cstring("") + bytes((1, 1)) + cstring("33600000000") + bytes((5, 0)) + cstring("CCAS")
        body += bytes((0x04, 0, 0)) + cstring("") + cstring("") + bytes((0, 0, 0, 0, len(text))) + text.encode()
        if tlvs:
            state = {"DELIVRD": 2, "EXPIRED": 3, "DELETED": 4, "UNDELIV": 5, "REJECTD": 8}.get(stat, 7)
            body += struct.pack(">HH", RECEIPTED_ID, len(message_id) + 1) + cstring(message_id)
            body += struct.pack(">HHB", MESSAGE_STATE, 1, state)
        ack = connection.acks.setdefault(sequence, threading.Event())
        connection.send(DELIVER_SM, sequence, body)
        return ack.wait(max(deadline - time.monotonic(), 0.1))

    # --- serving ----------------------------------------------------------------------------
    def _accept(self, listener):
        with listener:
            while not self.stopping.is_set():
                self._accept_one(listener)

    def _accept_one(self, listener):
        try:
            sock, _ = listener.accept()
        except TimeoutError:
            return
        if self.ssl_context is not None:
            sock.settimeout(5)  # a client that never finishes the handshake must not block accepting
            try:
                sock = self.ssl_context.wrap_socket(sock, server_side=True)
            except OSError:
                sock.close()
                return
        sock.settimeout(None)
        connection = Connection(self, sock)
        self.connections.append(connection)
        connection.start()

    def handle_submit(self, connection, sequence, pdu):
        if connection.bound_as not in (BIND_TRANSMITTER, BIND_TRANSCEIVER):
            connection.send(SUBMIT_SM | RESP, sequence, status=0x04)  # ESME_RINVBNDSTS
            return
        if self.delay:
            time.sleep(self.delay)
        with self.lock:
            status = self.refusals.pop(0) if self.refusals else ESME_ROK
            self.submits.append({**pdu, "status": status})
            message_id = f"{next(self.ids):X}"
            if status == ESME_ROK:
                self._record(pdu, message_id)
        connection.send(SUBMIT_SM | RESP, sequence, cstring(message_id) if status == ESME_ROK else b"", status)

    def _record(self, pdu, message_id):
        payload, tlvs = pdu["short_message"], pdu["tlvs"]
        if pdu["esm_class"] & 0x40:  # UDH: IEI 0x00 (8-bit reference) or 0x08 (16-bit)
            header, payload = payload[1 : 1 + payload[0]], payload[1 + payload[0] :]
            iei, size = header[0], header[1]
            ref, total, seq = (header[2], header[3], header[4]) if iei == 0 else (header[2:4], header[4], header[5])
            assert size == len(header) - 2
            how = "udh"
        elif SAR_REF in tlvs:
            ref, total, seq = tlvs[SAR_REF], tlvs[SAR_TOTAL][0], tlvs[SAR_SEQ][0]
            how = "sar"
        else:
            ref, total, seq, how = None, 1, 1, None
        key = (pdu["destination_addr"], ref)
        parts = self.partial.setdefault(key, {})
        parts[seq] = (decode(payload, pdu["data_coding"]), message_id)
        if len(parts) < total:
            return
        del self.partial[key]
        message = {k: pdu[k] for k in pdu if k not in ("short_message", "tlvs")}
        message |= {"text": "".join(parts[n][0] for n in sorted(parts)), "parts": total}
        message |= {"message_ids": [parts[n][1] for n in sorted(parts)], "concatenation": how}
        self.messages.append(message)


def point_portal_at(settings, server):
    """The portal's SMPP settings for `server` (a pytest-django `settings` fixture)."""
    settings.SMS_BACKEND = "portal.sms.backends.smpp"
    settings.SMS_SENDER = "CCAS Bourg"
    settings.SMPP_HOST, settings.SMPP_PORT = "127.0.0.1", server.port
    settings.SMPP_SYSTEM_ID, settings.SMPP_PASSWORD, settings.SMPP_SYSTEM_TYPE = "portail", "secret", "portal"
    settings.SMPP_USE_TLS, settings.SMPP_TLS_CA_FILE, settings.SMPP_TIMEOUT = False, "", 1
    settings.SMPP_BIND_MODE, settings.SMPP_CONCATENATION = "transmitter", "udh"
