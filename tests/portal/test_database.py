"""Concurrent writers wait for each other instead of failing (SQLite IMMEDIATE + busy timeout)."""

import threading
import time

from django.db import connection, connections, transaction

import pytest

from portal.models import OutboundEmail

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def test_twenty_concurrent_write_transactions_all_succeed():
    errors = []
    barrier = threading.Barrier(20)

    def write(number):
        try:
            barrier.wait(timeout=10)
            with transaction.atomic():
                count = OutboundEmail.objects.count()
                time.sleep(0.02)  # hold the transaction open while the others try to write
                OutboundEmail.objects.create(to=[f"personne{number}@example.org"], subject=f"{count}", body_text="-")
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(number,)) for number in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert OutboundEmail.objects.count() == 20
    if connection.vendor == "sqlite":
        # IMMEDIATE transactions are serialised: each one saw every row written before it.
        assert sorted(int(subject) for subject in OutboundEmail.objects.values_list("subject", flat=True)) == list(
            range(20)
        )
