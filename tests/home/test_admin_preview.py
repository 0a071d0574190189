"""Every page type previews in the admin, through the preview view the editor's side panel uses.

The form data is read from the page's own edit screen (as the browser submits it), the title
is changed as an editor would before pressing "Aperçu", and the preview must show that draft.
"""

import html

from django.urls import reverse

from wagtail.models import Page, get_page_models

import pytest

from tests.admin_forms import page_edit_data

pytestmark = pytest.mark.django_db

PAGE_TYPES = sorted(model.__name__ for model in get_page_models() if model is not Page)


def preview_with_new_title(client, page, title):
    data = page_edit_data(client, page)
    data["title"] = [title]
    if "hero_title" in data:  # the home page shows its hero title, not its page title
        data["hero_title"] = [title]
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    answer = client.post(preview_url, data)
    assert answer.json() == {"is_valid": True, "is_available": True}, answer.content
    return client.get(preview_url)


def test_every_page_type_of_the_portal_is_covered(demo_site):
    assert PAGE_TYPES == [
        "AidIndexPage",
        "AidPage",
        "AppointmentRequestPage",
        "EventIndexPage",
        "EventPage",
        "HomePage",
        "NewsIndexPage",
        "NewsPage",
        "PartnerIndexPage",
        "PartnerPage",
        "RegisterSignupPage",
        "ResourceIndexPage",
        "ResourcePage",
        "StandardPage",
    ]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_the_admin_preview_of_each_page_type_shows_the_draft(demo_site, admin_client, page_type):
    model = next(model for model in get_page_models() if model.__name__ == page_type)
    page = model.objects.live().order_by("path").last()
    assert page is not None, f"the demo has no {page_type}"
    title = f"Brouillon à relire : {page.title}"

    response = preview_with_new_title(admin_client, page, title)

    assert response.status_code == 200
    assert title in html.unescape(response.content.decode())
    page.refresh_from_db()
    assert page.title != title  # a preview saves nothing
