"""Counting what is diffused: page views and downloads per resource, format and day, without personal data."""

import threading

from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from wagtail.documents.models import Document

import pytest

from resources.models import DiffusionCount, ResourceDocument
from resources.services import record_diffusion
from tests.auth import login_with_second_factor

pytestmark = pytest.mark.django_db

RESIDENT = {
    "User-Agent": "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"
}
BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0)",
    "curl/8.5.0",
    "Wget/1.21",
    "python-requests/2.32.3",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/126.0 Safari/537.36",
    "",
]


def views(resource):
    return DiffusionCount.objects.filter(resource=resource, kind="view").aggregate(total=Sum("count"))["total"] or 0


def downloads(resource):
    return DiffusionCount.objects.filter(resource=resource, kind="download").aggregate(total=Sum("count"))["total"] or 0


@pytest.fixture
def resource(make_resource):
    return make_resource("Guide des aidants", slug="guide-des-aidants")


@pytest.fixture
def document(resource):
    document = Document(title="Guide de l'aidant")
    document.file.save("guide.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 2000), save=False)
    document.save()
    ResourceDocument.objects.create(page=resource, document=document)
    return document


def download(client, document, **headers):
    response = client.get(document.url, headers={**RESIDENT, **headers})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_each_page_view_by_a_resident_counts_once(client, resource):
    client.get("/ressources/guide-des-aidants/", headers=RESIDENT)
    client.get("/ressources/guide-des-aidants/", headers=RESIDENT)

    row = DiffusionCount.objects.get(resource=resource, kind="view")
    assert (row.count, row.file_format) == (2, "")
    assert DiffusionCount.objects.count() == 1


def test_the_counter_keeps_nothing_about_the_visitor(client, resource):
    client.get("/ressources/guide-des-aidants/", headers=RESIDENT)

    assert {field.name for field in DiffusionCount._meta.get_fields()} == {
        "id",
        "resource",
        "kind",
        "file_format",
        "day",
        "count",
    }
    assert not client.cookies


@pytest.mark.parametrize("user_agent", BOTS)
def test_robots_and_scripts_do_not_count(client, resource, document, user_agent):
    client.get("/ressources/guide-des-aidants/", headers={"User-Agent": user_agent})
    download(client, document, **{"User-Agent": user_agent})

    assert DiffusionCount.objects.count() == 0


def test_a_head_request_does_not_count(client, resource, document):
    assert client.head("/ressources/guide-des-aidants/", headers=RESIDENT).status_code == 200
    client.head(document.url, headers=RESIDENT)

    assert DiffusionCount.objects.count() == 0


def test_a_preview_does_not_count(resource):
    response = resource.make_preview_request()

    assert response.status_code == 200
    assert DiffusionCount.objects.count() == 0


def test_an_editor_looking_at_the_live_page_does_not_count(client, resource, django_user_model):
    editor = django_user_model.objects.create_user("claire", password="x", is_staff=True)
    login_with_second_factor(client, editor)

    client.get("/ressources/guide-des-aidants/", headers=RESIDENT)

    assert DiffusionCount.objects.count() == 0


def test_documents_are_served_through_the_counting_view_not_the_media_folder(document):
    assert document.url.startswith(f"/documents/{document.pk}/guide")
    assert "/media/" not in document.url


def test_a_download_through_the_document_url_increments_exactly_once(client, resource, document):
    response, body = download(client, document)

    assert response.status_code == 200
    assert body.startswith(b"%PDF")
    row = DiffusionCount.objects.get(resource=resource, kind="download")
    assert (row.count, row.file_format) == (1, "pdf")
    assert views(resource) == 0


def test_the_next_pieces_of_a_download_do_not_count_again(client, resource, document):
    download(client, document, Range="bytes=0-999")
    download(client, document, Range="bytes=1000-")

    assert downloads(resource) == 1


def test_a_file_attached_to_two_resources_counts_for_each_published_one(client, make_resource, resource, document):
    other = make_resource("Aidant : prendre soin de soi")
    draft = make_resource("Brouillon")
    ResourceDocument.objects.create(page=other, document=document)
    ResourceDocument.objects.create(page=draft, document=document)
    draft.unpublish()

    download(client, document)

    assert (downloads(resource), downloads(other), downloads(draft)) == (1, 1, 0)


def test_a_row_created_by_a_concurrent_request_is_updated_not_duplicated(resource):
    """The race on the first hit of the day: someone else inserted the row first. One statement
    (an insert that adds one on conflict) finds it and adds to it, whoever came first."""
    existing = DiffusionCount.objects.create(resource=resource, kind="view", day="2026-03-02", count=5)

    with CaptureQueriesContext(connection) as queries:
        record_diffusion(resource.pk, kind="view", day=existing.day)
        record_diffusion(resource.pk, kind="view", day="2026-03-03")

    existing.refresh_from_db()
    assert existing.count == 6
    assert DiffusionCount.objects.get(day="2026-03-03").count == 1
    assert DiffusionCount.objects.count() == 2
    assert len(queries) == 2  # one round trip a count, the row there or not


@pytest.mark.django_db(transaction=True)
def test_simultaneous_first_views_of_the_day_are_all_counted_in_one_row(home_page):
    from .factories import ResourceIndexPageFactory, ResourcePageFactory

    resource = ResourcePageFactory(parent=ResourceIndexPageFactory(parent=home_page))
    barrier = threading.Barrier(8)
    errors = []

    def view():
        try:
            barrier.wait()
            record_diffusion(resource.pk, kind="view")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=view) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert list(DiffusionCount.objects.values_list("count", flat=True)) == [8]
