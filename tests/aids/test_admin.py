"""Staff create the guide, an aid and a tariff grid in the admin; bad criteria or brackets are refused."""

from django.test import Client
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from aids.models import AidIndexPage, AidPage, TariffGrid
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(home_page):
    index = AidIndexPage(title="Le guide des aides", slug="aides")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def aid_form(**fields):
    return nested_form_data(
        {
            "title": "Aide à l'énergie",
            "slug": "aide-a-l-energie",
            "summary": "Une aide pour payer une facture d'énergie.",
            "gives": "Jusqu'à 200 € par an",
            "body": streamfield([]),
            **fields,
        }
    )


def test_an_editor_creates_the_guide_and_an_aid_with_its_criteria(admin_client, home_page):
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=("aids", "aidindexpage", home_page.pk)),
        nested_form_data(
            {"title": "Le guide des aides", "slug": "aides", "body": streamfield([]), "action-publish": "publish"}
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    guide = AidIndexPage.objects.get(slug="aides")
    brecy = CommuneFactory(name="Brécy-la-Rivière", slug="brecy-la-riviere")

    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=("aids", "aidpage", guide.pk)),
        {
            **aid_form(min_age="18", quotient_ceiling="750", for_single="on", **{"action-publish": "publish"}),
            "communes": [str(brecy.pk)],
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    aid = AidPage.objects.get(slug="aide-a-l-energie")
    assert aid.live and aid.min_age == 18 and aid.quotient_ceiling == 750
    assert list(aid.communes.all()) == [brecy]
    assert aid.households == {"seul"}
    assert Client().get("/aides/aide-a-l-energie/").status_code == 200


def test_an_age_range_upside_down_is_refused(admin_client, guide):
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=("aids", "aidpage", guide.pk)),
        aid_form(min_age="25", max_age="18", **{"action-publish": "publish"}),
    )
    assert response.status_code == 200
    assert "L&#x27;âge maximum doit être supérieur ou égal à l&#x27;âge minimum." in response.content.decode()
    assert not AidPage.objects.exists()


def test_the_new_pages_preview_in_the_admin(admin_client, guide):
    aid = AidPage(title="Microcrédit", slug="microcredit", summary="Un petit prêt.", gives="Jusqu'à 5 000 €")
    guide.add_child(instance=aid)
    for page, model in ((guide, "aidindexpage"), (aid, "aidpage")):
        data = (
            aid_form(title=f"Brouillon : {page.title}", slug=page.slug)
            if model == "aidpage"
            else nested_form_data({"title": f"Brouillon : {page.title}", "slug": page.slug, "body": streamfield([])})
        )
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        assert admin_client.post(url, data).json() == {"is_valid": True, "is_available": True}
        preview = admin_client.get(url)
        assert preview.status_code == 200
        assert f"Brouillon : {page.title}" in preview.content.decode().replace("&#x27;", "'")


def grid_form(brackets, **fields):
    return nested_form_data(
        {
            "name": "Ateliers et sorties",
            "slug": "ateliers",
            "activity_kind": "ateliers",
            "unit": "par séance",
            "note": "",
            "brackets": inline_formset(
                [{"quotient_min": low, "quotient_max": high, "price": price} for low, high, price in brackets]
            ),
            **fields,
        }
    )


def test_staff_define_a_tariff_grid_and_it_gives_the_bracket_price(admin_client):
    url = reverse("wagtailsnippets_aids_tariffgrid:add")
    response = admin_client.post(url, grid_form([("0", "450", "0.50"), ("451", "700", "1"), ("701", "", "3")]))
    assert response.status_code == 302, response.content.decode()[:3000]
    grid = TariffGrid.objects.get(slug="ateliers")
    assert [str(grid.bracket_for(quotient).price) for quotient in (0, 450, 451, 733, 50000)] == [
        "0.50",
        "0.50",
        "1.00",
        "3.00",
        "3.00",
    ]


def test_overlapping_brackets_are_refused_and_nothing_is_saved(admin_client):
    url = reverse("wagtailsnippets_aids_tariffgrid:add")
    response = admin_client.post(url, grid_form([("0", "500", "1"), ("450", "", "3")]))
    assert response.status_code == 200
    assert "Deux tranches se chevauchent" in response.content.decode()
    assert not TariffGrid.objects.exists()


def test_a_quotient_between_two_brackets_has_no_price(db):
    grid = TariffGrid.objects.create(name="Séjours", slug="sejours")
    grid.brackets.create(quotient_min=0, quotient_max=400, price=5)
    grid.brackets.create(quotient_min=500, quotient_max=None, price=9)
    assert grid.bracket_for(450) is None
    assert grid.bracket_for(500).price == 9


def test_the_parts_rules_are_edited_in_the_site_settings(admin_client, site):
    from wagtail.test.utils.form_data import querydict_from_html

    from aids.models import QuotientSettings

    url = reverse("wagtailsettings:edit", args=["aids", "quotientsettings", site.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    data = querydict_from_html(page.content.decode(), form_id="w-editor-form")
    data["parts_single"] = "1,5" if "," in data.get("parts_single", "") else "1.5"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert str(QuotientSettings.for_site(site).parts_single) == "1.50"
