"""Documents in the S3 bucket still download only through Wagtail's view: counted once, privacy applied."""

from django.core.files.base import ContentFile
from django.db.models import Sum
from django.test import override_settings

from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

import pytest

from resources.models import DiffusionCount, ResourceDocument
from tests.portal.test_media_storage import PDF, anonymous_get

# SeaweedFS keeps the real time (a Go binary ignores libfaketime): S3 signatures need the same clock.
pytestmark = [pytest.mark.django_db, pytest.mark.real_clock]

RESIDENT = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"}


def downloads(resource):
    rows = DiffusionCount.objects.filter(resource=resource, kind="download")
    return rows.aggregate(total=Sum("count"))["total"] or 0


@pytest.fixture
def resource(make_resource):
    return make_resource("Guide des aidants", slug="guide-des-aidants")


@pytest.fixture
def document(s3_media, resource):
    document = Document(title="Guide de l'aidant")
    document.file.save("guide.pdf", ContentFile(PDF), save=False)
    document.save()
    ResourceDocument.objects.create(page=resource, document=document)
    return document


def test_a_download_through_the_document_view_streams_from_the_bucket_and_counts_once(client, document, resource):
    response = client.get(document.url, headers=RESIDENT)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert downloads(resource) == 1


def test_a_document_of_a_private_collection_is_refused_and_not_counted(client, document, resource):
    private = Collection.get_first_root_node().add_child(name="Équipe")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document.collection = private
    document.save()

    response = client.get(document.url, headers=RESIDENT)

    assert response.status_code == 302 and response["Location"].startswith("/compte/login/?next=/documents/")
    assert downloads(resource) == 0


@override_settings(WAGTAILDOCS_SERVE_METHOD="redirect")
def test_served_by_redirect_the_view_still_counts_and_hands_out_a_short_signed_link(client, document, resource):
    response = client.get(document.url, headers=RESIDENT)

    assert response.status_code == 302
    assert "X-Amz-Expires=60" in response["Location"]
    assert anonymous_get(response["Location"])[2] == PDF
    assert downloads(resource) == 1
