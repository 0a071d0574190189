"""Shared fixtures: the page tree, factories, and site settings."""

import os

# Playwright's sync API runs an event loop in the main thread; Django would then refuse ORM
# calls from tests ("You cannot call this from an async context").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer

from wagtail.models import Collection, Locale, Page, Site

import pytest
import time_machine

from home.models import HomePage, SiteSettings
from tests import kept_snapshots, snapshots
from tests.factories import HomePageFactory

# The live server's listen backlog (10) would reset connections when the concurrency tests
# open 40 at once; gunicorn's is 2048.
WSGIServer.request_queue_size = 128


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_keepdb, django_db_modify_db_settings
):
    """pytest-django's own, starting from the migrated database a previous run kept (tests/migrated_db.py)."""
    from django.test.utils import setup_databases, teardown_databases

    from tests import migrated_db

    template = None if django_db_keepdb else migrated_db.template_path()
    with django_db_blocker.unblock():
        copied = bool(template) and migrated_db.restore(template)
        config = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            keepdb=django_db_keepdb or copied,
            serialized_aliases=set(),  # no test asks for a serialized rollback
        )
        remove_wagtail_placeholder()
        if template and not copied:
            migrated_db.keep(template)
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            _close_other_sessions()
            try:
                teardown_databases(config, verbosity=request.config.option.verbose)
            except Exception as error:  # noqa: BLE001 - as pytest-django: a warning, not a failure
                request.node.warn(pytest.PytestWarning(f"Error when trying to teardown test databases: {error!r}"))


def _close_other_sessions():
    """End the PostgreSQL sessions that threads of the tests left open, so the test database can go.

    A live server's request threads and the tests' own threads each open a connection of their
    own; one still open at the end made dropping the test database fail with a warning.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(scope="session", autouse=True)
def _no_reference_index():
    """Wagtail's reference index (the admin's "usage" counts) is not kept up to date in tests.

    Its update after each save was a fifth of the time of tests that build pages (11 ms a save).
    No test reads it but tests/resources/test_reference_index.py, which asks for `reference_index`.
    Wagtail connects its handlers again after each migrate and flush: so do we, after it.
    """
    from django.db.models.signals import post_migrate

    from wagtail.signal_handlers import disconnect_reference_index_signal_handlers

    disconnect_reference_index_signal_handlers()
    post_migrate.connect(disconnect_reference_index_signal_handlers, dispatch_uid="tests-no-reference-index")
    yield
    post_migrate.disconnect(dispatch_uid="tests-no-reference-index")


@pytest.fixture
def reference_index():
    """Wagtail's reference index updated on each save, as in production, for the test."""
    from wagtail.signal_handlers import (
        connect_reference_index_signal_handlers,
        disconnect_reference_index_signal_handlers,
    )

    connect_reference_index_signal_handlers()
    yield
    disconnect_reference_index_signal_handlers()


@pytest.fixture(autouse=True)
def _clear_cache():
    """No test sees the cached site roots, page copies or alert list of another (tests/snapshots.py)."""
    snapshots.clear_caches()
    yield
    snapshots.clear_caches()


def ensure_root():
    """The tree root and default locale, which transactional tests flush away."""
    Locale.objects.get_or_create(language_code="fr")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """A real S3 server (SeaweedFS) for the session, stopped at its end (tests/s3.py)."""
    from tests import s3

    service, _client = s3.start_server(tmp_path_factory.mktemp("seaweedfs"))
    yield service
    service.stop(grace=1)


@pytest.fixture(scope="session", autouse=True)
def _media_storage(request):
    """TEST_MEDIA_STORAGE=s3: every test's media in one bucket of a real S3 server (tests/s3.py)."""
    if os.environ.get("TEST_MEDIA_STORAGE", "") != "s3":
        yield None
        return
    from tests import s3

    server = request.getfixturevalue("s3_server")
    with s3.media_in_bucket(server, s3.new_bucket_name()) as storage:
        yield storage


@pytest.fixture
def s3_media(s3_server):
    """This test's media (default storage) in a fresh bucket of the session's S3 server."""
    from tests import s3

    with s3.media_in_bucket(s3_server, s3.new_bucket_name()) as storage:
        yield storage


@pytest.fixture(autouse=True)
def sms_outbox():
    """The texts sent through the test backend (portal.sms.backends.locmem), empty in every test."""
    from portal.sms.backends import locmem

    locmem.outbox.clear()
    yield locmem.outbox
    locmem.outbox.clear()


@pytest.fixture
def home_page(db):
    """A published home page as the root of the default site (Wagtail's placeholder removed)."""
    return make_home_page()


def remove_wagtail_placeholder(root=None):
    """Wagtail's migrations leave a "Welcome" page under the root, with the default site on it.

    Removed once when the test database is set up: deleting a page walks every relation to it
    (16 ms), which every test asking for a home page paid. `make_home_page` still removes any
    other page left at the top.
    """
    root = root or Page.get_first_root_node()
    for child in root.get_children() if root else ():
        if not isinstance(child.specific, HomePage):
            Site.objects.filter(root_page=child).delete()
            child.delete()


def make_home_page():
    root = ensure_root()
    remove_wagtail_placeholder(root)
    home = HomePageFactory(parent=root, title="Accueil", slug="accueil", hero_title="Bienvenue au CCAS")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "CCAS de test"},
    )
    return home


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def site_settings(site):
    return fill_site_settings(site)


def fill_site_settings(site):
    settings_obj = SiteSettings.for_site(site)
    settings_obj.organisation_name = "CCAS de Bourg-Test"
    settings_obj.phone = "03 53 01 00 00"
    settings_obj.email = "contact@ccas-test.example"
    settings_obj.address = "1 place de la Mairie\n71000 Bourg-Test"
    settings_obj.opening_hours = "Lundi au vendredi, 9 h – 17 h"
    settings_obj.save()
    return settings_obj


# The demo's dates are relative to the day it is seeded: tests seed it on this day, so what they
# read (a month's sessions, the past season's figures) is the same whatever day the suite runs.
DEMO_SEEDED_ON = datetime(2027, 3, 20, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


def seed_demo():
    """`manage.py seed_demo` on the test database, quietly."""
    ensure_root()
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)


@pytest.fixture(scope="session")
def demo_snapshot_fixed_day(django_db_setup, django_db_blocker):
    """The demo seeded once for the session on DEMO_SEEDED_ON, kept as a snapshot (tests/snapshots.py)."""

    def seed_on_the_fixed_day():
        with time_machine.travel(DEMO_SEEDED_ON, tick=False):
            seed_demo()

    with django_db_blocker.unblock():
        snapshots.take("fixed_day", seed_on_the_fixed_day, kept_snapshots.key("fixed_day", DEMO_SEEDED_ON))
    return "fixed_day"


@pytest.fixture(scope="session")
def demo_snapshot_today(django_db_setup, django_db_blocker):
    """The demo seeded once for the session on the day the suite runs (live-server tests show its agenda)."""
    with django_db_blocker.unblock():
        snapshots.take("today", seed_demo, kept_snapshots.key("today"))
    return "today"


DEMO_SNAPSHOTS = ("demo_snapshot_fixed_day", "demo_snapshot_today")


@pytest.fixture(scope="session", autouse=True)
def _seed_ahead(request):
    """With kept snapshots (tests/kept_snapshots.py), the two demos are seeded at once, one a worker.

    Left to the tests, the first worker to need a demo seeds it and the other worker, needing the
    same one, waits on its lock: the two seedings ran one after the other. Here worker n takes
    the n-th demo the run needs as soon as it starts, so both cores seed; a demo no collected
    test uses is never seeded.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw") or not os.environ.get("PYTEST_XDIST_TESTRUNUID"):
        return
    needed = [name for name in DEMO_SNAPSHOTS if any(name in item.fixturenames for item in request.session.items)]
    index = int(worker.removeprefix("gw"))
    if index < len(needed) and kept_snapshots.enabled():
        request.getfixturevalue(needed[index])


@pytest.fixture(scope="module")
def demo_module(request, demo_snapshot_fixed_day, django_db_blocker):
    """The full demo content, seeded on DEMO_SEEDED_ON, for every test of a module that reads it.

    Copied from the session's snapshot inside a transaction rolled back at the end of the
    module; each test's own transaction is a savepoint inside it (Django's
    TestCase.setUpTestData does the same), so a test may write and the next one still finds
    the demo as `seed_demo` left it. Every test of such a module sees the demo: keep them in
    modules of their own (checked here).
    """
    from django.db import transaction

    others = [
        item.name
        for item in request.session.items
        if item.module is request.module and "demo_site" not in getattr(item, "fixturenames", ())
    ]
    assert not others, f"tests of {request.module.__name__} that do not use the demo would see it: {others}"
    with django_db_blocker.unblock(), transaction.atomic():
        snapshots.restore(demo_snapshot_fixed_day)
        yield Site.objects.get(is_default_site=True)
        transaction.set_rollback(True)


@pytest.fixture
def demo_today(demo_snapshot_today, db):
    """The full demo as seeded today, in the test's own transaction."""
    snapshots.restore(demo_snapshot_today)
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def demo_site(demo_module, db):
    """The demo site (see `demo_module`), for a test that reads or writes it in its transaction."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, signed in with the second factor the admin requires."""
    from tests.auth import login_with_second_factor

    return login_with_second_factor(client, admin_user)
