"""Media on a real S3 server (SeaweedFS): images public and cached, documents private in the bucket."""

import urllib.error
import urllib.request

from django.core.files.base import ContentFile

from wagtail.documents.models import Document

import pytest
import wagtail_factories

from portal.pdf_files import PortalFilesFetcher
from tests.portal.test_security import PRODUCTION_ENV, run_manage

# SeaweedFS keeps the real time (a Go binary ignores libfaketime): S3 signatures need the same clock.
pytestmark = [pytest.mark.django_db, pytest.mark.real_clock]

PDF = b"%PDF-1.4\n" + b"0" * 3000


def anonymous_get(url):
    """(status, headers, body) of a GET without credentials, straight to the S3 server."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


def object_url(storage, name):
    return f"{storage.endpoint_url}/{storage.bucket_name}/{name}"


@pytest.fixture
def document(s3_media):
    document = Document(title="Guide de l'aidant")
    document.file.save("guide.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


def test_production_uses_the_bucket_only_when_s3_bucket_is_set():
    script = "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    env = {**PRODUCTION_ENV, "S3_BUCKET": "media", "S3_ENDPOINT_URL": "http://127.0.0.1:9"}

    local = run_manage("shell", "--no-imports", "-c", script, env=PRODUCTION_ENV)
    bucket = run_manage("shell", "--no-imports", "-c", script, env=env)

    assert local.stdout.strip() == "django.core.files.storage.FileSystemStorage", local.stderr
    assert bucket.stdout.strip() == "portal.storage.MediaStorage", bucket.stderr


def test_an_image_and_its_renditions_are_public_on_the_portal_address_and_cached(s3_media):
    image = wagtail_factories.ImageFactory()
    rendition = image.get_rendition("fill-40x30")

    assert rendition.url.startswith("/media/images/")
    status, headers, body = anonymous_get(object_url(s3_media, rendition.file.name))
    assert status == 200 and body and headers["Content-Type"].startswith("image/")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    status, headers, _body = anonymous_get(object_url(s3_media, image.file.name))
    assert status == 200 and headers["Cache-Control"] == "public, max-age=86400"


def test_a_document_in_the_bucket_is_refused_to_anyone_without_a_signed_link(document, s3_media):
    status, _headers, body = anonymous_get(object_url(s3_media, document.file.name))
    signed = s3_media.url(document.file.name)

    assert document.file.name.startswith("documents/")
    assert status == 403 and body == b""
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=60" in signed
    assert anonymous_get(signed)[2] == PDF


def test_without_a_proxy_the_server_itself_serves_images_but_never_documents(client, s3_media, document):
    rendition = wagtail_factories.ImageFactory().get_rendition("max-20x20")

    image = client.get(rendition.url)

    assert image.status_code == 200 and image["Content-Type"].startswith("image/")
    assert client.get(f"/media/{document.file.name}").status_code == 404


def test_printed_documents_read_the_logo_from_the_bucket(s3_media):
    s3_media.save("images/logo.png", ContentFile(b"\x89PNG\r\n\x1a\nlogo"))

    fetched = PortalFilesFetcher("http://localhost").fetch("http://localhost/media/images/logo.png")

    assert fetched.read() == b"\x89PNG\r\n\x1a\nlogo" and fetched.content_type == "image/png"
