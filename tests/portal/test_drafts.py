"""Form drafts kept on the server between two steps: only a key in the session, 30 minutes, erased on exit."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.test import RequestFactory

import pytest
import time_machine

from portal import drafts
from portal.models import FormDraft
from portal.signals import quick_exit

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 7, 15, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture
def request_with_session():
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/")
    request.session = SessionStore()
    return request


def test_the_session_holds_a_key_and_the_table_its_hash(request_with_session):
    drafts.keep(request_with_session, "register", {"last_name": "Quintard"})

    key = request_with_session.session[drafts.session_key("register")]
    draft = FormDraft.objects.get()
    assert "Quintard" not in str(dict(request_with_session.session.items()))
    assert key not in draft.key_hash and len(draft.key_hash) == 64
    assert drafts.load(request_with_session, "register") == {"last_name": "Quintard"}


def test_keeping_again_replaces_the_answers(request_with_session):
    drafts.keep(request_with_session, "register", {"step": 1})
    drafts.keep(request_with_session, "register", {"step": 2})

    assert FormDraft.objects.count() == 1 and drafts.load(request_with_session, "register") == {"step": 2}


def test_another_scope_does_not_read_the_draft(request_with_session):
    drafts.keep(request_with_session, "register", {"step": 1})

    assert drafts.load(request_with_session, "appointment") is None


def test_a_draft_expires_after_30_minutes_and_the_purge_deletes_it(request_with_session):
    with time_machine.travel(NOW, tick=False):
        drafts.keep(request_with_session, "register", {"step": 1})
    with time_machine.travel(NOW + timedelta(minutes=29), tick=False):
        assert drafts.load(request_with_session, "register") == {"step": 1}
        assert drafts.purge() == 0
    with time_machine.travel(NOW + timedelta(minutes=31), tick=False):
        assert drafts.load(request_with_session, "register") is None
        call_command("purge_form_drafts", "--dry-run", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert FormDraft.objects.count() == 1
        call_command("purge_form_drafts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not FormDraft.objects.exists()


def test_the_quick_exit_signal_erases_every_draft_of_the_visit_only(request_with_session):
    from django.contrib.sessions.backends.db import SessionStore

    other = RequestFactory().get("/")
    other.session = SessionStore()
    drafts.keep(request_with_session, "register", {"mine": 1})
    drafts.keep(request_with_session, "other-form", {"mine": 2})
    drafts.keep(other, "register", {"theirs": 1})

    quick_exit.send(sender=None, request=request_with_session)

    assert list(FormDraft.objects.values_list("data", flat=True)) == [{"theirs": 1}]
