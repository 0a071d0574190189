"""Communication defines a tariff grid in the admin, in a real browser with CSRF on."""

import pytest

from aids.models import TariffGrid
from tests.browser.conftest import sign_in_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_communication_creates_a_tariff_grid_that_the_calculator_uses(site, staff_member, browser_page):
    user = staff_member("Communication", email="communication@example.org")
    sign_in_staff(browser_page, user, "/admin/snippets/aids/tariffgrid/add/")
    tab = browser_page.tab
    tab.fill("#id_name", "Ateliers et sorties")
    tab.fill("#id_slug", "ateliers-et-sorties")
    tab.fill("#id_unit", "par séance")
    tab.fill("#id_brackets-0-quotient_min", "0")
    tab.fill("#id_brackets-0-quotient_max", "")
    tab.fill("#id_brackets-0-price", "2")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Enregistrer").first.click()

    grid = TariffGrid.objects.get(slug="ateliers-et-sorties")
    assert [(b.quotient_min, b.quotient_max, str(b.price)) for b in grid.brackets.all()] == [(0, None, "2.00")]
    assert browser_page.admin_axe_violations() == []
