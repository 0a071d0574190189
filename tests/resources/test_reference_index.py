"""Wagtail's reference index (the admin's "usage" of a document), which tests keep off (tests/conftest.py):
a resource page records its documents when saved, as in production (the whole demo: tests/home/test_demo.py)."""

from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.models import ReferenceIndex

import pytest

from resources.models import ResourceDocument, ResourcePage

pytestmark = pytest.mark.django_db


def test_saving_a_resource_page_records_its_documents(reference_index, resource_index, admin_client):
    document = Document(title="Guide des aides au chauffage")
    document.file.save("guide-chauffage.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    page = ResourcePage(title="Se chauffer sans se ruiner", slug="se-chauffer", summary="Les aides.")
    page.documents = [ResourceDocument(document=document, sort_order=0)]
    resource_index.add_child(instance=page)
    page.save_revision().publish()

    assert [reference.object_id for reference in ReferenceIndex.get_references_to(document)] == [str(page.pk)]
    usage = admin_client.get(f"/admin/documents/usage/{document.pk}/")
    assert usage.status_code == 200
    assert "Se chauffer sans se ruiner" in usage.content.decode()
