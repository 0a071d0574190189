"""Editors' tools that keep the audit true: heading order in content pages, document help texts."""

import json

from django.core.exceptions import ValidationError

from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form

import pytest

from home.blocks import heading_order_problem
from home.forms import FILE_HELP, TITLE_HELP
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def body(*blocks):
    return json.dumps(list(blocks))


def heading(text, level):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


@pytest.mark.parametrize(
    ("blocks", "problem"),
    [
        ([heading("Qui ?", "h2"), heading("Où ?", "h3"), heading("Quand ?", "h2")], False),
        ([paragraph("<p>Intro</p>"), heading("Qui ?", "h2"), paragraph("<h3>Détail</h3><h4>Plus</h4>")], False),
        ([heading("Détail", "h3")], True),
        ([heading("Qui ?", "h2"), paragraph("<h4>Trop bas</h4>")], True),
    ],
)
def test_a_content_page_may_not_skip_a_heading_level(home_page, blocks, problem):
    page = StandardPageFactory(parent=home_page, title="Aides", slug="aides")
    page.body = body(*blocks)

    if problem:
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert "ajoutez d'abord un titre de niveau" in str(error.value.message_dict["body"])
    else:
        page.full_clean()
        assert heading_order_problem(page.body) is None


def test_the_document_form_tells_editors_how_to_keep_documents_accessible():
    form = get_document_form(get_document_model())()

    assert form.fields["title"].help_text == TITLE_HELP
    assert form.fields["file"].help_text == FILE_HELP
    assert "PDF/UA" in str(FILE_HELP)
