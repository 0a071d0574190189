"""A resource page: its content blocks, files with format and size, FALC twin, partners, events."""

import json
import re
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.blocks import StructBlockValidationError
from wagtail.documents.models import Document

import pytest

from resources.blocks import VideoBlock
from resources.models import ResourceDocument
from tests.factories import AudienceFactory, EventIndexPageFactory, EventPageFactory, EventSessionFactory, ThemeFactory

from .factories import PartnerPageFactory, ResourceFormatFactory

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", response.content.decode()).replace("&#x27;", "'")


def stream(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def pdf_document(title, size):
    document = Document(title=title)
    document.file.save("guide.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * (size - 9)), save=False)
    document.save()
    return document


def test_a_resource_shows_its_summary_formats_themes_publics_and_review_date(client, make_resource):
    make_resource(
        "Payer son loyer",
        summary="Les aides pour payer son loyer, expliquées simplement.",
        themes=[ThemeFactory(name="Logement", slug="logement")],
        audiences=[AudienceFactory(name="Jeunes", slug="jeunes")],
        formats=[ResourceFormatFactory(name="Fiche pratique", slug="fiche-pratique")],
        last_reviewed=date(2026, 3, 2),
    )

    html = text(client.get("/ressources/payer-son-loyer/"))

    assert html.count("<h1") == 1
    assert "<h1>Payer son loyer</h1>" in html
    assert '<p class="lead">Les aides pour payer son loyer, expliquées simplement.</p>' in html
    assert '<p class="resource__formats">Fiche pratique</p>' in html
    assert '<li class="tag">Logement</li>' in html and "Pour : Jeunes" in html
    assert "Informations vérifiées le 2 mars 2026" in html


def test_steps_questions_and_a_video_with_its_transcript_are_rendered(client, make_resource):
    body = stream(
        (
            "steps",
            {
                "title": "Faire la demande",
                "steps": [
                    {"title": "Remplir le dossier", "text": ""},
                    {"title": "L'envoyer", "text": "<p>Par la poste.</p>"},
                ],
            },
        ),
        ("accordion", {"title": "Questions", "items": [{"question": "C'est payant ?", "answer": "<p>Non.</p>"}]}),
        (
            "video",
            {
                "title": "La demande en vidéo",
                "video_file": None,
                "captions": None,
                "video_url": "https://videos.example/demande",
                "duration": "3 min",
                "transcript": "<p>Bonjour, voici comment faire.</p>",
            },
        ),
        ("callout", {"kind": "info", "title": "", "text": "<p>Gardez une copie.</p>"}),
    )
    make_resource("La demande", body=body)

    html = text(client.get("/ressources/la-demande/"))

    assert '<ol class="steps__list">' in html
    assert html.index("Remplir le dossier") < html.index("L'envoyer")
    assert '<summary class="accordion__question">C\'est payant ?</summary>' in html
    assert (
        '<a href="https://videos.example/demande">Voir la vidéo « La demande en vidéo » sur un autre site</a>' in html
    )
    assert "<iframe" not in html and '<script src="http' not in html
    assert "Lire la transcription" in html and "Bonjour, voici comment faire." in html
    assert "À retenir" in html


def test_a_video_needs_a_transcript_and_exactly_one_source():
    block = VideoBlock()
    base = {"title": "Vidéo", "video_file": None, "captions": None, "video_url": "", "duration": "", "transcript": ""}

    with pytest.raises(StructBlockValidationError) as no_transcript:
        block.clean(block.to_python({**base, "video_url": "https://videos.example/a"}))
    with pytest.raises(StructBlockValidationError) as no_source:
        block.clean(block.to_python({**base, "transcript": "<p>Texte</p>"}))

    assert "transcript" in no_transcript.value.block_errors
    assert "video_file" in no_source.value.block_errors


def test_attached_files_show_their_format_and_size_and_link_to_the_counting_view(client, make_resource):
    resource = make_resource("Guide des aidants")
    document = pdf_document("Guide de l'aidant", 240_000)
    ResourceDocument.objects.create(page=resource, document=document, title="Le guide complet")

    html = text(client.get("/ressources/guide-des-aidants/"))

    assert '<h2 id="documents-title">À télécharger</h2>' in html
    assert 'Le guide complet<span class="document-link__meta"> (PDF, 240 Ko)</span>' in html
    assert f'href="/documents/{document.pk}/guide' in html
    assert "/media/documents/" not in html


def test_a_resource_links_to_its_easy_read_twin_and_the_twin_links_back(client, make_resource):
    easy = make_resource("Prévenir la CAF (facile à lire)", slug="prevenir-la-caf-falc")
    make_resource("Vos droits CAF", slug="vos-droits-caf", easy_read_version=easy)

    standard_html = text(client.get("/ressources/vos-droits-caf/"))
    easy_html = text(client.get("/ressources/prevenir-la-caf-falc/"))

    assert (
        '<a class="twin-link__link" href="/ressources/prevenir-la-caf-falc/">Version facile à lire'
        '<span class="visually-hidden"> : Prévenir la CAF (facile à lire)</span></a>'
    ) in standard_html
    assert '<a class="twin-link__link" href="/ressources/vos-droits-caf/">Version complète' in easy_html
    assert "Version facile à lire" not in easy_html


def test_an_unpublished_twin_is_not_linked(client, make_resource):
    easy = make_resource("Version FALC", slug="version-falc")
    make_resource("Vos droits", slug="vos-droits", easy_read_version=easy)
    easy.unpublish()

    assert "Version facile à lire" not in text(client.get("/ressources/vos-droits/"))


def test_a_resource_cannot_be_its_own_twin(make_resource):
    from django.core.exceptions import ValidationError

    resource = make_resource("Fiche")
    resource.easy_read_version = resource

    with pytest.raises(ValidationError):
        resource.clean()


def test_related_partners_and_events_are_listed_with_the_next_date(client, home_page, make_resource, partner_index):
    partner = PartnerPageFactory(parent=partner_index, title="Mission locale", phone="03 53 01 66 00")
    agenda = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=agenda, title="Rencontre jeunes : le permis")
    EventSessionFactory(event=event, start=timezone.now() - timedelta(days=3), end=timezone.now() - timedelta(days=3))
    EventSessionFactory(event=event)
    resource = make_resource("Passer le permis")
    resource.related_partners.set([partner])
    resource.related_events.set([event])
    resource.save()

    html = text(client.get("/ressources/passer-le-permis/"))

    assert "Qui peut vous aider ?" in html
    assert '<a href="/annuaire/mission-locale/">Mission locale</a>' in html
    assert 'href="tel:0353016600"' in html
    assert '<a href="/agenda/rencontre-jeunes-le-permis/">Rencontre jeunes : le permis</a>' in html
    assert "Prochaine date : " in html
