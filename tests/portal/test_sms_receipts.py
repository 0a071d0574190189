"""Delivery receipts pushed by a real SMSC (deliver_sm) to the `receive_text_receipts` listener
update what staff see; TLS to the provider checks its certificate."""

import datetime as dt
import ipaddress
import ssl
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import connection

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from portal import sms
from portal.models import OutboundText
from portal.sms import receipts
from tests.sms.smpp_server import SMPPServer, point_portal_at

Status = OutboundText.Status
NOW = datetime(2030, 3, 12, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture
def smsc(settings, time_machine):
    time_machine.move_to(NOW, tick=False)
    server = SMPPServer().start()
    point_portal_at(settings, server)
    yield server
    server.stop()


@pytest.fixture
def listener(smsc):
    """The receipt listener (what `manage.py receive_text_receipts` runs), in a thread."""
    stop = threading.Event()

    def run():
        try:
            receipts.listen(stop=stop, poll=0.05)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    yield thread
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()


def send_one():
    text = sms.queue_text("06 12 34 56 78", "Rappel : atelier demain 10h.", kind="reminder", topic="t:1")
    text.refresh_from_db()  # autocommit: it left at once
    assert text.status == Status.SENT
    return text


@pytest.mark.django_db(transaction=True)
def test_a_delivered_receipt_marks_the_text_received(smsc, listener):
    text = send_one()
    assert smsc.send_receipt(text.provider_message_id, "DELIVRD")
    text.refresh_from_db()
    assert (text.status, text.receipt_at) == (Status.DELIVERED, NOW)
    assert sorted(bind["command_id"] for bind in smsc.binds) == [0x01, 0x02]  # a receiver and a transmitter


@pytest.mark.django_db(transaction=True)
def test_an_undelivered_receipt_in_text_form_with_a_decimal_id_is_matched(smsc, listener):
    text = send_one()
    decimal_id = str(int(text.provider_message_id, 16))
    assert smsc.send_receipt(decimal_id, "UNDELIV", tlvs=False)
    text.refresh_from_db()
    assert text.status == Status.UNDELIVERABLE


@pytest.mark.django_db(transaction=True)
def test_an_unknown_receipt_is_acknowledged_and_changes_nothing(smsc, listener):
    text = send_one()
    assert smsc.send_receipt("FFFFFFFF", "DELIVRD")
    text.refresh_from_db()
    assert text.status == Status.SENT


@pytest.mark.django_db(transaction=True)
@pytest.mark.real_clock
def test_the_listener_binds_again_after_the_smsc_restarts(smsc, listener):
    text = send_one()
    smsc.stop()
    smsc.start()
    assert smsc.send_receipt(text.provider_message_id, "DELIVRD", timeout=10)
    text.refresh_from_db()
    assert text.status == Status.DELIVERED


def self_signed_certificate(folder):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "smsc.test")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(datetime(2020, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(datetime(2040, 1, 1, tzinfo=dt.UTC))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "smsc.pem", folder / "smsc.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


@pytest.fixture
def tls_smsc(settings, tmp_path, time_machine):
    time_machine.move_to(NOW, tick=False)
    cert_file, key_file = self_signed_certificate(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server = SMPPServer(ssl_context=context).start()
    point_portal_at(settings, server)
    settings.SMPP_USE_TLS = True
    yield server, cert_file
    server.stop()


@pytest.mark.django_db
def test_over_tls_the_text_leaves_once_the_certificate_is_trusted(
    settings, tls_smsc, django_capture_on_commit_callbacks
):
    server, cert_file = tls_smsc
    with django_capture_on_commit_callbacks(execute=True):
        text = sms.queue_text("06 12 34 56 78", "Rappel : atelier demain 10h.", kind="reminder", topic="t:1")
    text.refresh_from_db()
    assert (text.status, text.last_error, server.messages) == (Status.PENDING, "ProviderUnreachable", [])

    settings.SMPP_TLS_CA_FILE = str(cert_file)
    assert sms.send_queued_texts() == (0, 0)  # not due before the back-off
    OutboundText.objects.filter(pk=text.pk).update(not_before=NOW)
    assert sms.send_queued_texts() == (1, 0)
    assert [message["text"] for message in server.messages] == ["Rappel : atelier demain 10h."]
