"""Quiet hours: no text between 20:00 and 08:00 (portal time zone) unless waiting would pass
its deadline; the production task queue holds a night text until the morning."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

import pytest

from portal import sms

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def paris(*args):
    return datetime(*args, tzinfo=PARIS)


def queue(**kwargs):
    return sms.queue_text("06 12 34 56 78", "Rappel : atelier demain 10h.", kind="reminder", topic="t:1", **kwargs)


def send_queued_texts(*args):
    out = StringIO()
    call_command("send_queued_texts", *args, stdout=out)
    return out.getvalue().strip()


def test_a_text_due_at_23_00_leaves_at_08_00_the_next_morning(
    time_machine, sms_outbox, django_capture_on_commit_callbacks
):
    time_machine.move_to(paris(2030, 3, 12, 23, 0), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        row = queue(deadline=paris(2030, 3, 13, 14, 0))
    assert row.not_before == paris(2030, 3, 13, 8, 0)
    assert sms_outbox == []  # the immediate task backend cannot defer: the cron sends it

    time_machine.move_to(paris(2030, 3, 13, 7, 59), tick=False)
    assert send_queued_texts() == "0 SMS envoyé(s), 0 non envoyé(s)."
    time_machine.move_to(paris(2030, 3, 13, 8, 0), tick=False)
    assert send_queued_texts() == "1 SMS envoyé(s), 0 non envoyé(s)."
    assert send_queued_texts() == "0 SMS envoyé(s), 0 non envoyé(s)."
    assert len(sms_outbox) == 1


@pytest.mark.parametrize(
    ("queued_at", "deadline", "leaves_at"),
    [
        (paris(2030, 3, 12, 19, 59), None, paris(2030, 3, 12, 19, 59)),
        (paris(2030, 3, 12, 20, 0), None, paris(2030, 3, 13, 8, 0)),
        (paris(2030, 3, 13, 6, 30), None, paris(2030, 3, 13, 8, 0)),
        (paris(2030, 3, 13, 8, 0), None, paris(2030, 3, 13, 8, 0)),
        # The session starts before the morning: better now than too late.
        (paris(2030, 3, 12, 23, 0), paris(2030, 3, 13, 7, 30), paris(2030, 3, 12, 23, 0)),
        (paris(2030, 3, 12, 23, 0), paris(2030, 3, 13, 8, 0), paris(2030, 3, 12, 23, 0)),
        (paris(2030, 3, 12, 23, 0), paris(2030, 3, 13, 8, 1), paris(2030, 3, 13, 8, 0)),
        # The night the clocks go forward is an hour shorter; 08:00 is still 08:00.
        (paris(2030, 3, 30, 23, 0), None, paris(2030, 3, 31, 8, 0)),
    ],
)
def test_quiet_hours_rule(queued_at, deadline, leaves_at, time_machine):
    time_machine.move_to(queued_at, tick=False)
    assert queue(deadline=deadline).not_before == leaves_at


def test_the_clocks_going_forward_do_not_move_the_morning(time_machine):
    time_machine.move_to(paris(2030, 3, 30, 23, 0), tick=False)
    assert queue().not_before.astimezone(ZoneInfo("UTC")).hour == 6  # 08:00 CEST


def test_without_quiet_hours_a_text_leaves_at_night(settings, time_machine, sms_outbox):
    settings.SMS_QUIET_HOURS = ""
    time_machine.move_to(paris(2030, 3, 12, 23, 0), tick=False)
    assert queue().not_before == paris(2030, 3, 12, 23, 0)


def test_with_the_production_task_queue_a_text_held_overnight_is_scheduled_for_the_morning(
    settings, time_machine, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    time_machine.move_to(paris(2030, 3, 12, 23, 0), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        night = queue()
    time_machine.move_to(paris(2030, 3, 13, 10, 0), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        day = queue()
    jobs = DBTaskResult.objects.order_by("enqueued_at")
    assert [(job.task_path, job.args_kwargs["args"]) for job in jobs] == [
        ("portal.sms.outbox.deliver_text_task", [night.pk]),
        ("portal.sms.outbox.deliver_text_task", [day.pk]),
    ]
    assert jobs[0].run_after == paris(2030, 3, 13, 8, 0)


def test_a_daytime_window_and_a_malformed_setting(settings, time_machine):
    settings.SMS_QUIET_HOURS = "12:00-14:00"
    time_machine.move_to(paris(2030, 3, 12, 13, 0), tick=False)
    assert queue().not_before == paris(2030, 3, 12, 14, 0)
    settings.SMS_QUIET_HOURS = "20h-8h"
    with pytest.raises(ImproperlyConfigured, match="20:00-08:00"):
        queue()
