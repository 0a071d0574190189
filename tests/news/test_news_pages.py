"""The news listing, a news page, the home page's latest three, search and the site map."""

import re
from datetime import date

import pytest

from news.models import NewsPage
from tests.factories import ThemeFactory
from tests.news.conftest import make_news

pytestmark = pytest.mark.django_db


def titles(html):
    return re.findall(r'class="card__link" href="[^"]+">([^<]+)</a>', html)


def test_the_listing_shows_the_newest_first_ten_a_page(client, news_items):
    first = client.get("/actualites/")
    second = client.get("/actualites/?page=2")

    assert first.status_code == 200
    expected = [page.title for page in sorted(news_items, key=lambda page: page.date, reverse=True)]
    assert titles(first.content.decode()) == expected[:10]
    assert titles(second.content.decode()) == expected[10:]
    assert "Page 1 sur 2" in first.content.decode()
    assert 'rel="next"' in first.content.decode()


def test_a_wrong_page_number_gives_a_page_not_an_error(client, news_items):
    assert client.get("/actualites/?page=abc").status_code == 200
    assert client.get("/actualites/?page=99").status_code == 200


def test_an_unpublished_item_is_not_listed(client, news_items):
    hidden = news_items[0]
    hidden.unpublish()

    assert hidden.title not in client.get("/actualites/").content.decode()


def test_a_news_page_shows_its_date_summary_themes_and_body(client, news_index):
    page = make_news(news_index, "Fermeture de l'accueil", date(2027, 5, 7))
    page.themes.add(ThemeFactory(name="Accès aux droits", slug="acces-aux-droits"))
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert "Publié le 7 mai 2027" in html
    assert 'datetime="2027-05-07"' in html
    assert "Résumé de « Fermeture de l&#x27;accueil »." in html
    assert "Accès aux droits" in html
    assert "Le détail de l'actualité." in html


def test_an_image_needs_its_alternative_text(news_index):
    from django.core.exceptions import ValidationError

    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Salle", file=get_test_image_file())
    page = NewsPage(title="Avec image", summary="Résumé.", image=image, image_alt="")

    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "image_alt" in error.value.message_dict


def test_the_home_page_shows_the_latest_three(client, news_items):
    html = client.get("/").content.decode()

    newest = sorted(news_items, key=lambda page: page.date, reverse=True)
    section = html.split('id="home-news-title"')[1].split("</section>")[0]
    assert titles(section) == [page.title for page in newest[:3]]
    assert "Toutes les actualités" in section


def test_the_home_page_without_news_has_no_empty_section(client, home_page):
    assert "home-news-title" not in client.get("/").content.decode()


def test_news_are_found_by_the_site_search(client, news_index):
    make_news(news_index, "Restitution de l'analyse des besoins sociaux", date(2027, 3, 1))

    html = client.get("/recherche/", {"q": "besoins sociaux"}).content.decode()

    assert "Restitution de l&#x27;analyse des besoins sociaux" in html


def test_news_are_in_the_sitemap(client, news_items):
    xml = client.get("/sitemap.xml").content.decode()

    assert "/actualites/</loc>" in xml
    assert all(f"{page.url}</loc>" in xml for page in news_items)
