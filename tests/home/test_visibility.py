"""View restrictions known without a query: the same answers as Wagtail's own lookups."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

import pytest

from home.visibility import public
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    section = StandardPageFactory(parent=home_page, title="Espace partenaires", slug="partenaires")
    child = StandardPageFactory(parent=section, title="Comptes rendus", slug="comptes-rendus")
    other = StandardPageFactory(parent=home_page, title="Le CCAS", slug="le-ccas")
    return section, child, other


def wagtail_restrictions(page):
    return set(Page.get_view_restrictions(Page.objects.get(pk=page.pk)))


def test_restrictions_of_a_page_and_its_descendants_match_wagtail(tree):
    section, child, other = tree
    restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)

    for page in (section, child, other):
        page = page.specific_class.objects.get(pk=page.pk)
        assert set(page.get_view_restrictions()) == wagtail_restrictions(page)
    assert list(child.specific.get_view_restrictions()) == [restriction]
    assert list(public(Page.objects.filter(pk__in=[section.pk, child.pk, other.pk]))) == [other.page_ptr]


def test_a_page_without_restrictions_is_checked_without_a_query(tree):
    _section, child, _other = tree
    page = child.specific_class.objects.get(pk=child.pk)
    page.get_view_restrictions()  # reads the restrictions of the site once

    with CaptureQueriesContext(connection) as queries:
        assert list(page.get_view_restrictions()) == []
    assert len(queries) == 0


def test_the_admin_can_still_order_a_page_restrictions(tree):
    section, child, _other = tree
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.PASSWORD, password="x")

    restrictions = child.specific.get_view_restrictions().order_by("-page__depth")

    assert [restriction.page_id for restriction in restrictions] == [section.pk]


def test_pages_under_an_alias_keep_wagtail_lookup(tree):
    section, child, other = tree
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    alias = section.create_alias(parent=other, update_slug="partenaires-alias")

    alias = alias.specific_class.objects.get(pk=alias.pk)
    assert set(alias.get_view_restrictions()) == wagtail_restrictions(alias)
    assert len(alias.get_view_restrictions()) == 1
