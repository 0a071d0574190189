"""The home page, standard pages and their blocks, as a resident sees them."""

import json
import re

from django.core.files.base import ContentFile

from wagtail.blocks import StructBlockValidationError
from wagtail.documents.models import Document

import pytest
import wagtail_factories

from home.blocks import ImageBlock, LinkBlock
from home.models import HomePage, StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def stream(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def test_home_page_shows_its_title_intro_and_highlighted_links(client, home_page, site_settings):
    contact = StandardPageFactory(parent=home_page, title="Contact", slug="contact")
    home_page.hero_text = "Nous vous aidons dans vos démarches."
    home_page.body = stream(
        ("intro", "<p>Parents, aidants, jeunes : trouvez de l'aide près de chez vous.</p>"),
        (
            "links",
            {
                "title": "Accès rapides",
                "links": [{"title": "Nous contacter", "page": contact.pk, "url": "", "description": "Horaires"}],
            },
        ),
    )
    home_page.save_revision().publish()

    html = client.get("/").content.decode()

    assert html.count("<h1") == 1
    assert "Bienvenue au CCAS" in html
    assert "Nous vous aidons dans vos démarches." in html
    assert "trouvez de l&#x27;aide près de chez vous" in html or "trouvez de l'aide près de chez vous" in html
    assert 'href="/contact/"' in html
    assert "Nous contacter" in html


def test_standard_page_renders_headings_callouts_accordions_and_contact(client, home_page):
    page = StandardPageFactory(
        parent=home_page,
        title="Aides au logement",
        slug="aides-logement",
        introduction="Ce que vous pouvez demander.",
        body=stream(
            ("heading", {"text": "Qui peut en bénéficier ?", "level": "h2"}),
            ("callout", {"kind": "warning", "title": "Délais", "text": "<p>Déposez le dossier avant le 15.</p>"}),
            (
                "accordion",
                {
                    "title": "Questions fréquentes",
                    "items": [{"question": "Est-ce payant ?", "answer": "<p>Non, c'est gratuit.</p>"}],
                },
            ),
            (
                "contact",
                {"name": "Accueil du CCAS", "address": "", "phone": "03 53 01 00 00", "email": "", "hours": ""},
            ),
        ),
    )

    html = client.get(page.url).content.decode()

    assert "<h1>Aides au logement</h1>" in html
    assert '<h2 class="block-heading">Qui peut en bénéficier ?</h2>' in html
    assert "Attention" in html and "Délais" in html  # the callout's kind is written, not only coloured
    assert '<details class="accordion__item">' in html
    assert '<summary class="accordion__question">Est-ce payant ?</summary>' in html
    assert 'href="tel:0353010000"' in html


def test_document_block_shows_the_file_format_and_size(client, home_page):
    document = Document.objects.create(
        title="Guide des aides", file=ContentFile(b"%PDF-1.4" + b"x" * 240_000, name="guide.pdf")
    )
    page = StandardPageFactory(parent=home_page, body=stream(("document", {"document": document.pk, "title": ""})))

    html = client.get(page.url).content.decode()

    assert "Guide des aides" in html
    assert "(PDF, 240 Ko)" in html


def test_image_block_requires_a_text_alternative_unless_decorative():
    block = ImageBlock()
    image = wagtail_factories.ImageFactory()

    def value(**fields):
        return block.to_python({"image": image.pk, "alt_text": "", "decorative": False, "caption": "", **fields})

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value())
    assert "texte alternatif" in str(error.value.block_errors["alt_text"])
    assert block.clean(value(decorative=True))["decorative"] is True
    assert block.clean(value(alt_text="Façade du CCAS"))["alt_text"] == "Façade du CCAS"


def test_link_block_wants_a_page_or_an_address_but_not_both():
    with pytest.raises(StructBlockValidationError):
        LinkBlock().clean({"title": "Lien", "page": None, "url": "", "description": ""})


def test_breadcrumbs_lead_from_home_to_the_current_page(client, home_page, settings):
    settings.PAGE_CACHE_ENABLED = False  # the breadcrumbs are kept per page (portal.fragments)
    parent = StandardPageFactory(parent=home_page, title="Le CCAS", slug="le-ccas")
    child = StandardPageFactory(parent=parent, title="Nos missions", slug="nos-missions")

    for _round in range(2):  # the second round is served from the kept breadcrumbs
        html = client.get(child.url).content.decode()

        assert 'aria-label="Fil d&#x27;Ariane"' in html or 'aria-label="Fil d\'Ariane"' in html
        assert '<a href="/">Accueil</a>' in html
        assert '<a href="/le-ccas/">Le CCAS</a>' in html
        assert '<span aria-current="page">Nos missions</span>' in html

    parent.title = "Le centre social"
    parent.save_revision().publish()
    assert '<a href="/le-ccas/">Le centre social</a>' in client.get(child.url).content.decode()


def test_main_menu_lists_pages_shown_in_menus_only(client, home_page):
    StandardPageFactory(parent=home_page, title="Le CCAS", slug="le-ccas", show_in_menus=True)
    StandardPageFactory(parent=home_page, title="Mentions légales", slug="mentions-legales", show_in_menus=False)

    html = client.get("/").content.decode()
    nav = html[html.index('aria-label="Menu principal"') : html.index("</nav>", html.index("Menu principal"))]

    assert "Le CCAS" in nav
    assert "Mentions légales" not in nav


def _menu(html):
    return html[html.index('aria-label="Menu principal"') : html.index("</nav>", html.index("Menu principal"))]


def test_the_menu_marks_the_current_page_and_section_on_every_page(client, home_page, settings):
    settings.PAGE_CACHE_ENABLED = False  # the header is kept per menu state (portal.cache.memo)
    ccas = StandardPageFactory(parent=home_page, title="Le CCAS", slug="le-ccas", show_in_menus=True)
    missions = StandardPageFactory(parent=ccas, title="Nos missions", slug="nos-missions")
    StandardPageFactory(parent=home_page, title="Aides", slug="aides", show_in_menus=True)
    legal = StandardPageFactory(parent=home_page, title="Mentions légales", slug="mentions-legales")

    def current(url):
        return re.findall(r'href="([^"]+)" aria-current="(page|true)"', _menu(client.get(url).content.decode()))

    for _round in range(2):  # the second round is served from the kept headers
        assert current("/") == [("/", "page")]
        assert current(ccas.url) == [("/le-ccas/", "page")]
        assert current(missions.url) == [("/le-ccas/", "true")]
        assert current("/aides/") == [("/aides/", "page")]
        assert current(legal.url) == []

    ccas.title = "Le centre social"
    ccas.save_revision().publish()
    assert ">Le centre social</a>" in _menu(client.get(legal.url).content.decode())


def test_standard_page_lists_its_children(client, home_page):
    parent = StandardPageFactory(parent=home_page, title="Le CCAS", slug="le-ccas")
    StandardPageFactory(parent=parent, title="Nos missions", slug="nos-missions", introduction="Ce que nous faisons.")

    html = client.get(parent.url).content.decode()

    assert "Dans cette rubrique" in html
    assert "Nos missions" in html and "Ce que nous faisons." in html


def test_unpublished_pages_are_not_served(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Brouillon", slug="brouillon")
    page.unpublish()

    assert client.get("/brouillon/").status_code == 404


def test_editors_can_add_standard_pages_under_home_but_no_second_home(home_page):
    page = StandardPageFactory(parent=home_page)

    assert StandardPage.can_create_at(home_page)
    assert StandardPage.can_create_at(page)
    assert not HomePage.can_create_at(page)
    assert not HomePage.can_create_at(home_page)


def test_editors_can_add_the_quick_exit_button_to_a_sensitive_page(client, home_page):
    plain = StandardPageFactory(parent=home_page, slug="horaires")
    sensitive = StandardPageFactory(parent=home_page, slug="violences-conjugales", quick_exit=True)

    plain_html = client.get(plain.url).content.decode()
    sensitive_html = client.get(sensitive.url).content.decode()

    assert "Quitter rapidement" not in plain_html
    assert "Quitter rapidement" in sensitive_html
    assert 'href="/quitter/"' in sensitive_html
    assert "js/quick-exit.js" in sensitive_html
