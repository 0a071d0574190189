"""Site settings: nothing about one CCAS is hard-coded, colours keep their contrast."""

from django.core.exceptions import ValidationError

import pytest

from home.colours import contrast_ratio
from home.models import SiteSettings
from home.rgaa import load_audit

pytestmark = pytest.mark.django_db


def test_header_and_footer_read_the_site_settings(client, site_settings):
    html = client.get("/").content.decode()

    assert "CCAS de Bourg-Test" in html
    assert 'href="tel:0353010000"' in html
    assert "contact@ccas-test.example" in html
    assert "1 place de la Mairie<br>71000 Bourg-Test" in html
    assert "Lundi au vendredi, 9 h – 17 h" in html
    assert "<title>Accueil – CCAS de Bourg-Test</title>" in html


def test_changing_the_organisation_name_changes_every_page(client, site_settings):
    site_settings.organisation_name = "CIAS du Val Fleuri"
    site_settings.save()

    html = client.get("/").content.decode()

    assert "CIAS du Val Fleuri" in html
    assert "CCAS de Bourg-Test" not in html


def test_footer_links_to_the_legal_pages_chosen_in_the_settings(client, site_settings, home_page):
    from tests.factories import StandardPageFactory

    site_settings.accessibility_page = StandardPageFactory(
        parent=home_page, title="Accessibilité", slug="accessibilite"
    )
    site_settings.legal_notice_page = StandardPageFactory(parent=home_page, title="Mentions", slug="mentions-legales")
    site_settings.save()

    html = client.get("/").content.decode()

    assert f'<a href="/accessibilite/">Accessibilité : {load_audit().status}</a>' in html
    assert '<a href="/mentions-legales/">Mentions légales</a>' in html
    assert '<a href="/plan-du-site/">Plan du site</a>' in html


def test_contrast_ratio_matches_the_wcag_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_a_light_primary_colour_is_refused_with_a_french_message(site):
    site_settings = SiteSettings.for_site(site)
    site_settings.primary_colour = "#ffcc00"

    with pytest.raises(ValidationError) as error:
        site_settings.full_clean()

    message = error.value.message_dict["primary_colour"][0]
    assert "Contraste insuffisant" in message and "4,5:1" in message


def test_a_dark_enough_colour_is_accepted_and_served_in_the_theme_stylesheet(client, site):
    site_settings = SiteSettings.for_site(site)
    site_settings.primary_colour = "#005a32"
    site_settings.full_clean()
    site_settings.save()

    html = client.get("/").content.decode()
    response = client.get("/theme.css")

    assert "/theme.css?v=" in html
    assert response["Content-Type"].startswith("text/css")
    assert "--color-primary:#005a32" in response.content.decode()


def test_badly_written_colour_is_refused(site):
    site_settings = SiteSettings.for_site(site)
    site_settings.accent_colour = "bleu"

    with pytest.raises(ValidationError) as error:
        site_settings.full_clean()
    assert "#1a5a96" in error.value.message_dict["accent_colour"][0]
