"""`home.visibility.public`: the pages no view restriction covers, in the list's own query."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

import pytest

from home.models import StandardPage
from home.visibility import public

pytestmark = pytest.mark.django_db


def add(parent, title):
    return parent.add_child(instance=StandardPage(title=title, slug=title.lower()))


def test_pages_under_any_restriction_are_left_out_in_one_query(home_page):
    open_page, locked, team = add(home_page, "Ouverte"), add(home_page, "Protegee"), add(home_page, "Equipe")
    under_locked, under_team = add(locked, "Dessous"), add(team, "Compte-rendu")
    PageViewRestriction.objects.create(page=locked, restriction_type="password", password="relais")
    PageViewRestriction.objects.create(page=team, restriction_type=PageViewRestriction.LOGIN)
    pages = Page.objects.filter(pk__in=[open_page.pk, locked.pk, team.pk, under_locked.pk, under_team.pk])

    with CaptureQueriesContext(connection) as queries:
        kept = list(public(pages).order_by("title").values_list("title", flat=True))

    assert kept == ["Ouverte"]
    assert len(queries) == 1
    assert sorted(public(pages).values_list("pk", flat=True)) == sorted(pages.public().values_list("pk", flat=True))


def test_pages_rendered_for_a_host_no_site_answers_use_the_default_colours():
    """With no Wagtail site at all (a new database), Wagtail's settings context gives "": no 500."""
    from home.views import theme_css_version

    assert theme_css_version("") == theme_css_version("")
    assert len(theme_css_version("")) == 10
