"""A partner writes an event in the admin and submits it; Communication approves it from its
dashboard; the event is on the agenda and the partner is told. Clicked through, CSRF checks on."""

from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.utils import timezone

import pytest

from events.models import EventPage
from tests.browser.conftest import BrowserPage, sign_in_staff
from tests.factories import EventIndexPageFactory
from tests.resources.factories import PartnerIndexPageFactory, PartnerPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def agenda_and_partners(home_page):
    """The agenda under Communication's validation, and two partners in the directory.

    A transactional test before this one may have flushed the workflow the migrations made: the
    roles' sync after `migrate` gives it back, as it would to a database that lost it.
    """
    from accounts.roles import apply_roles, name_the_moderation

    apply_roles()
    name_the_moderation()
    agenda = EventIndexPageFactory(parent=home_page)
    directory = PartnerIndexPageFactory(parent=home_page)
    centre = PartnerPageFactory(parent=directory, title="Centre social Les Tilleuls", slug="tilleuls")
    PartnerPageFactory(parent=directory, title="Bibliothèque intercommunale", slug="bibliotheque")
    return agenda, centre


def open_more_actions(tab):
    """The footer's other actions (submit, approve) sit behind the toggle beside the main button."""
    tab.locator("footer").get_by_role("button", name="Plus d'actions").click()


def test_a_partner_submits_an_event_and_communication_approves_it_from_the_dashboard(
    agenda_and_partners, staff_member, browser_page, chromium, live_server
):
    agenda, centre = agenda_and_partners
    alice = staff_member("Partenaire", "alice@tilleuls.example", "Alice", "Durand")
    centre.organisation.members.add(alice)
    visitor = BrowserPage(chromium, live_server.url)
    visitor.goto("/agenda/")
    assert visitor.tab.get_by_role("link", name="Atelier numérique").count() == 0
    sign_in_staff(browser_page, alice)
    tab = browser_page.tab

    # The partner writes the event: only her organisation is offered as organiser.
    browser_page.goto(f"/admin/pages/add/events/eventpage/{agenda.pk}/")
    tab.fill("#id_title", "Atelier numérique")
    tab.fill("#id_summary", "Apprendre à faire ses démarches en ligne, pas à pas.")
    organisers = tab.locator("[name='organisers']")
    assert organisers.count() == 1
    assert "Centre social Les Tilleuls" in tab.locator("label", has=organisers).inner_text()
    organisers.check()
    tab.locator("#id_sessions-ADD").click()
    start = (timezone.localtime() + timedelta(days=10)).replace(hour=14, minute=0)
    tab.fill("#id_sessions-0-start", start.strftime(settings.WAGTAIL_DATETIME_FORMAT))
    tab.fill("#id_sessions-0-end", (start + timedelta(hours=2)).strftime(settings.WAGTAIL_DATETIME_FORMAT))
    tab.keyboard.press("Escape")  # the date picker
    assert browser_page.admin_axe_violations() == []
    # She cannot publish; she submits to Communication's validation.
    assert tab.locator("button[name='action-publish']").count() == 0
    open_more_actions(tab)
    with tab.expect_navigation():
        tab.locator("button[name='action-submit']").click()
    event = EventPage.objects.get(title="Atelier numérique")
    assert not event.live
    assert event.workflow_states.get().status == "in_progress"

    # Communication finds it on its dashboard, opens it and approves it.
    communication = staff_member("Communication", "claire@cias.example", "Claire", "Martin")
    reviewer = BrowserPage(chromium, live_server.url)
    try:
        sign_in_staff(reviewer, communication)
        review = reviewer.tab
        with review.expect_navigation():
            review.locator("main").get_by_role("link", name="Atelier numérique").first.click()
        assert f"/admin/pages/{event.pk}/edit/" in review.url
        assert reviewer.admin_axe_violations() == []
        open_more_actions(review)
        with review.expect_navigation():
            review.locator("button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])").click()
        assert reviewer.csp_violations == []
    finally:
        reviewer.close()

    event.refresh_from_db()
    assert event.live
    # A visitor who saw the agenda before (a copy in the page cache) sees the event at once.
    visitor.goto("/agenda/")
    assert visitor.tab.get_by_role("link", name="Atelier numérique").count() >= 1
    visitor.close()
    [message] = [m for m in mail.outbox if m.subject.startswith("Votre temps ressources")]
    assert message.to == ["alice@tilleuls.example"]
    assert message.subject == "Votre temps ressources « Atelier numérique » est en ligne"
    assert browser_page.csp_violations == []
