"""The site-wide alert: on every public page between its start and end, on cached copies too."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from news.models import SiteAlert

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
START = datetime(2027, 7, 1, 8, 0, tzinfo=PARIS)
END = datetime(2027, 7, 3, 20, 0, tzinfo=PARIS)
MESSAGE = "Plan canicule activé : appelez le 03 53 01 00 00 si vous avez besoin d'aide."


def alert(level=SiteAlert.Level.URGENT, **fields):
    fields = {"message": MESSAGE, "starts_at": START, "ends_at": END, **fields}
    return SiteAlert.objects.create(level=level, **fields)


def shows(client, path="/"):
    response = client.get(path)
    assert response.status_code == 200
    return "site-alert__text" in response.content.decode(), response


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (START - timedelta(seconds=1), False),
        (START, True),
        (START + timedelta(days=1), True),
        (END - timedelta(seconds=1), True),
        (END, False),
        (END + timedelta(days=10), False),
    ],
)
def test_the_banner_shows_between_its_start_and_its_end_only(client, home_page, moment, expected):
    alert()
    with time_machine.travel(moment, tick=False):
        assert shows(client)[0] is expected


def test_the_banner_appears_and_goes_at_its_times_even_on_a_cached_copy(client, home_page):
    # Two minutes: within the copies' lifetime (PAGE_CACHE_TIMEOUT), so the same copy is served.
    end = START + timedelta(minutes=2)
    alert(ends_at=end)
    with time_machine.travel(START - timedelta(minutes=1), tick=False):
        client.get("/")  # the first view of a new site saves its settings, which renews every copy
        visible, response = shows(client)
        assert not visible and response["X-Page-Cache"] == "miss"
    with time_machine.travel(START + timedelta(seconds=1), tick=False):
        visible, response = shows(client)
        assert visible and response["X-Page-Cache"] == "hit"
    with time_machine.travel(end, tick=False):
        visible, response = shows(client)
        assert not visible and response["X-Page-Cache"] == "hit"


def test_the_banner_is_on_every_public_page_not_in_the_admin(client, admin_client, news_items):
    alert()
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        for path in ["/", "/actualites/", news_items[0].url, "/recherche/?q=aide", "/plan-du-site/"]:
            assert shows(client, path)[0], path
        assert "site-alert__text" not in admin_client.get("/admin/").content.decode()


def test_a_change_of_the_alert_shows_at_once(client, home_page):
    item = alert()
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        assert MESSAGE in shows(client)[1].content.decode().replace("&#x27;", "'")
        item.message = "Plan canicule levé."
        item.save()
        assert "Plan canicule levé." in shows(client)[1].content.decode()
        item.delete()
        assert not shows(client)[0]


@pytest.mark.parametrize(
    ("level", "role", "dismissible"),
    [
        ("information", 'role="status" aria-live="polite"', True),
        ("important", 'role="status" aria-live="polite"', True),
        ("urgent", 'role="alert"', False),
    ],
)
def test_screen_readers_and_dismissal_by_level(client, home_page, level, role, dismissible):
    alert(level=level, link_url="https://www.example.org/canicule", link_text="En savoir plus sur le plan canicule")
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        html = shows(client)[1].content.decode()
    assert role in html
    assert (
        '<a class="site-alert__link" href="https://www.example.org/canicule">En savoir plus sur le plan canicule</a>'
        in html
    )
    assert ("Masquer ce message" in html) is (level == "information")


def test_an_information_alert_is_hidden_by_its_form_without_javascript(client, home_page):
    shown = alert(level=SiteAlert.Level.INFORMATION)
    urgent = alert(message="Accueil fermé ce jour.")
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        response = client.post("/alerte/masquer/", {"alert": shown.pk, "next": "/actualites/?page=2"})
        assert response.status_code == 302 and response["Location"] == "/actualites/?page=2"
        html = client.get("/").content.decode()
        assert "Accueil fermé ce jour." in html
        assert "Plan canicule" not in html
        # Another visitor still sees it (the copy in the page cache holds no banner).
        other = client.__class__()
        assert "Plan canicule" in other.get("/").content.decode()
        # An urgent alert cannot be hidden.
        client.post("/alerte/masquer/", {"alert": urgent.pk, "next": "/"})
        assert "Accueil fermé ce jour." in client.get("/").content.decode()


@pytest.mark.parametrize("target", ["https://ailleurs.example/", "//ailleurs.example/", "javascript:alert(1)"])
def test_hiding_never_leads_to_another_site(client, home_page, target):
    item = alert(level=SiteAlert.Level.INFORMATION)
    response = client.post("/alerte/masquer/", {"alert": item.pk, "next": target})
    assert response["Location"] == "/"


def test_hiding_is_a_post_only(client, home_page):
    assert client.get("/alerte/masquer/").status_code == 405


def test_the_end_must_come_after_the_start_and_a_link_needs_its_text(home_page):
    from django.core.exceptions import ValidationError

    item = SiteAlert(message="Test", starts_at=END, ends_at=START, link_url="https://www.example.org/")
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert set(error.value.message_dict) == {"ends_at", "link_text"}


def test_the_communication_role_manages_the_alert(db):
    from django.contrib.auth.models import Group

    from accounts.roles import apply_roles

    apply_roles()
    codenames = set(Group.objects.get(name="Communication").permissions.values_list("codename", flat=True))
    assert {"add_sitealert", "change_sitealert", "delete_sitealert", "view_sitealert"} <= codenames


def test_a_list_kept_by_a_page_rendered_before_the_commit_is_dropped_at_the_commit(
    client, home_page, django_capture_on_commit_callbacks
):
    from news.alerts import CACHE_KEY
    from portal import cache as page_cache

    with time_machine.travel(START + timedelta(hours=1), tick=False):
        assert not shows(client)[0]
        with django_capture_on_commit_callbacks(execute=True):
            alert()
            # Another worker renders a page before the commit and keeps the list it read then.
            page_cache.store().set(CACHE_KEY, [], timeout=None)
        assert shows(client)[0]
