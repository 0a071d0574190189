"""Emptying the test database between transactional tests (tests/db_backends)."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

import pytest

from tests.db_backends import KEPT_BY_FLUSH
from tests.factories import EventPageFactory, EventSessionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def foreign_keys_checked_immediately():
    """Foreign keys checked at each statement: emptying tables in any order would break on them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT conrelid::regclass::text, conname FROM pg_constraint"
                " WHERE contype = 'f' AND NOT (condeferrable AND condeferred)"
            )
            return cursor.fetchall()
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%REFERENCES%'")
        deferred = "DEFERRABLE INITIALLY DEFERRED"
        return [name for name, sql in cursor.fetchall() if sql.count("REFERENCES") != sql.count(deferred)]


def test_every_foreign_key_is_checked_at_commit_so_tables_empty_in_any_order():
    assert foreign_keys_checked_immediately() == []


def test_flush_empties_every_table_of_a_site_with_an_event_a_booking_and_a_user(home_page):
    from events.models import Registration

    session = EventSessionFactory(event=EventPageFactory(parent=home_page))
    Registration.objects.create(session=session, first_name="Jeanne", last_name="Martin", email="jeanne@example.org")
    get_user_model().objects.create_user("jeanne", "jeanne@example.org", "une phrase de passe")
    call_command("flush", interactive=False, verbosity=0, reset_sequences=False, inhibit_post_migrate=True)
    filled = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._base_manager.exists()
    }
    assert filled == KEPT_BY_FLUSH


def test_after_a_flush_the_staff_roles_are_back_with_their_permissions(home_page):
    from django.contrib.auth.models import Group, Permission

    call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
    roles = Group.objects.filter(name__in=["Communication", "Animation", "Accueil social", "Administration"])
    assert roles.count() == 4
    assert all(role.permissions.exists() for role in roles)
    assert Permission.objects.filter(codename="add_eventpage").exists()
