"""Text messages (SMS) for residents, with the guarantees of the email outbox.

Feature apps call, inside the transaction that creates what the text is about::

    from portal import sms

    sms.queue_text(registration.phone, body, kind="registration_confirmed",
                   topic=f"events.registration:{registration.pk}", deadline=session.start)

What callers can rely on:

- **Only French mobiles** (portal.phones.is_mobile) get a text; for any other number
  `queue_text` returns None and stores nothing.
- **Stored with the caller's data**: the row is written in the caller's transaction (a rolled
  back booking sends nothing) and handed to the task queue after commit; if the queue is
  down the cron command `send_queued_texts` sends it.
- **Never twice**: a worker claims the row with an atomic UPDATE before sending; a claim older
  than ten minutes (a crashed worker) can be taken again.
- **Nothing lost**: a provider that is down or refuses the message leaves it pending; it is
  retried with back-off (1, 2, 4 … 60 minutes) up to SMS_MAX_ATTEMPTS, then marked failed so
  staff know to phone. A refusal the provider calls permanent, or no provider configured,
  fails at once.
- **Short**: bodies are GSM-7 whenever the words allow (portal.sms.gsm.prepare); more than two
  segments raises ValueError in the caller.
- **Not at night**: no text leaves between 20:00 and 08:00 (SMS_QUIET_HOURS, portal time zone)
  unless waiting would pass its deadline; a text whose deadline has passed is never sent
  (status "expired"). See portal.sms.schedule for the exact rule.
- **Receipts**: `record_receipt()` turns a provider's delivery report into delivered /
  undeliverable (the SMPP backend's `receive_text_receipts` command calls it).

What is kept, and for how long (RGPD):

- The number (E.164) and the words are stored only until the text is final: sent, failed or
  expired, at most SMS_MAX_ATTEMPTS back-off periods (about two hours) or one night of quiet
  hours after queueing while the cron runs. Then both are erased.
- A final row keeps the kind, the caller's topic, the status, the number of segments, the
  attempts, the last error's class and the times: what staff need ("the reminder failed:
  phone her") and what the indicators count. Until `erase_texts(topic)` detaches it.
- Feature apps' purges call `erase_texts(topic, ...)` with the objects they delete or
  anonymise; `cancel_texts(topic)` withdraws texts that have not left (a cancelled session).
- Logs carry the row id and the error class, never a number or a body. The SMPP library's
  own debug log (which dumps whole PDUs) is held at WARNING by the LOGGING setting.
"""

from .outbox import (
    cancel_texts,
    deliver_text,
    erase_texts,
    queue_text,
    record_receipt,
    send_queued_texts,
    texts_for,
    waiting_texts,
)

__all__ = [
    "cancel_texts",
    "deliver_text",
    "erase_texts",
    "queue_text",
    "record_receipt",
    "send_queued_texts",
    "texts_for",
    "waiting_texts",
]
