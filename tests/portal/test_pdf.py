"""Rendering documents to PDF: tagged PDF/UA in French, fonts embedded, nothing fetched but our own files."""

from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import RequestFactory

import pytest

from portal.cache import CONTENT, renew, store
from portal.pdf import cache_key, cached_pdf, render_pdf
from portal.pdf_files import PortalFilesFetcher, RefusedURL
from tests.pdf_tools import embedded_fonts, pdf_info, pdf_language, pdf_structure, pdf_text, qr_codes

pytestmark = pytest.mark.django_db

TEST_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# A 1×1 transparent PNG.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture(autouse=True)
def _test_templates(settings):
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEST_TEMPLATES]
    settings.TEMPLATES = templates


@pytest.fixture
def request_(site):
    return RequestFactory().get("/agenda/programme/pdf/?mois=2027-03", HTTP_HOST="localhost")


def render(request, **context):
    context = {
        "document_title": "Programme de mars 2027",
        "qr_url": "http://localhost/agenda/?source=programme",
        **context,
    }
    return render_pdf("print_tests/sample.html", context, request=request)


def test_a_document_is_a_tagged_pdf_with_its_title_and_the_french_language(request_):
    content = render(request_)

    info = pdf_info(content)
    assert content.startswith(b"%PDF-1.7")
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Programme de mars 2027"
    assert pdf_language(content) == "fr"
    structure = pdf_structure(content)
    assert "H1" in structure and "Figure" in structure


def test_its_text_is_selectable_and_its_fonts_embedded(request_):
    content = render(request_)

    assert "Mardi 3 mars, 14 h – 16 h : café des parents à Brécy." in pdf_text(content)
    fonts = embedded_fonts(content)
    assert fonts and all(embedded for _name, embedded in fonts)


def test_an_inline_qr_code_decodes_to_its_address(request_):
    assert qr_codes(render(request_)) == ["http://localhost/agenda/?source=programme"]


def test_the_fetcher_reads_static_files_and_media_of_the_site_only(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    default_storage.save("images/logo.png", ContentFile(PIXEL))
    fetcher = PortalFilesFetcher("http://localhost")

    css = fetcher.fetch("http://localhost/static/css/print-documents.css")
    image = fetcher.fetch("http://localhost/media/images/logo.png")

    assert b"Printable documents" in css.read() and css.content_type == "text/css"
    assert image.read() == PIXEL and image.content_type == "image/png"


@pytest.mark.parametrize(
    "url",
    [
        "https://cdn.example.com/font.woff2",
        "http://other.example/static/css/print-documents.css",
        "file:///etc/passwd",
        "http://localhost/static/../portal/settings/base.py",
        "http://localhost/media/../db.sqlite3",
        "http://localhost/media/documents/secret.pdf",
        "http://localhost/agenda/",
        "ftp://localhost/static/css/print-documents.css",
    ],
)
def test_the_fetcher_refuses_any_other_address(url):
    with pytest.raises(RefusedURL):
        PortalFilesFetcher("http://localhost").fetch(url)


def test_rendering_skips_a_foreign_image_without_fetching_it(request_, monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("network used")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    content = render(request_, extra_images=["https://tracker.example/pixel.png"])

    assert "Programme d'essai" in pdf_text(content)


def test_cached_bytes_are_reused_until_the_content_changes(request_):
    builds = []

    def build():
        builds.append(1)
        return b"PDF-%d" % len(builds)

    first = cached_pdf(request_, build, "x")
    again = cached_pdf(request_, build, "x")
    other = cached_pdf(request_, build, "y")
    renew(CONTENT)
    after_change = cached_pdf(request_, build, "x")

    assert first == again == b"PDF-1"
    assert other == b"PDF-2"
    assert after_change == b"PDF-3"
    assert store().get(cache_key(request_, "x")) == b"PDF-3"  # the bytes, never an object


def test_a_process_that_renders_no_pdf_never_loads_weasyprint():
    """WeasyPrint takes 0.8 s to import: every manage.py command, test worker and server process
    would pay it at start (portal/pdf_files.py is imported when the first PDF is rendered)."""
    import subprocess
    import sys

    script = "import sys, django; django.setup(); import portal.urls; print('weasyprint' in sys.modules)"
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.stdout.strip() == "False", result.stderr
